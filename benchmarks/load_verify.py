"""What verification costs in corpus_pkg.load(): a synthetic package of N documents, read with and without it.

    python benchmarks/load_verify.py [--docs 20000] [--repeat 5]

Verification is the sha256 of each table file (checked against datapackage.json, itself checked against the
manifest) plus Parquet page CRCs while reading. The files are in the page cache after the first run, so this
measures CPU cost, the worst case for verification's share.
"""
from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from pathlib import Path

from corpus_pkg.build import corpus_metadata
from corpus_pkg.load import load
from corpus_pkg.tables import TABLES
from corpus_pkg.write import TableSink, write_descriptor, write_manifest

WORDS = "party cell secretary course lecture work people country development leadership idea history".split()
ROOT = Path(__file__).resolve().parent.parent


def synthetic_package(root: Path, docs: int, seed: int = 1) -> None:
    rng = random.Random(seed)
    (root / "data").mkdir(parents=True)
    sinks = {t.name: TableSink(t, root / t.path) for t in TABLES}
    template = load(ROOT / "dist").documents.slice(0, 1).to_pylist()[0]
    for i in range(docs):
        paragraphs = [" ".join(rng.choice(WORDS) for _ in range(rng.randint(40, 120))) for _ in range(rng.randint(4, 10))]
        text = "\n".join(paragraphs)
        doc_id = f"{i:06d}_synthetic"
        sinks["documents"].add([dict(template, id=doc_id, raw_file=f"{doc_id}.txt", text=text, char_count=len(text))])
        pos, blocks = 0, []
        for n, p in enumerate(paragraphs):
            blocks.append({"document_id": doc_id, "position": n, "kind": "paragraph", "text": p, "start": pos,
                           "end": pos + len(p), "raw_start": pos, "raw_end": pos + len(p)})
            pos += len(p) + 1
        sinks["blocks"].add(blocks)
        sinks["removals"].add([{"document_id": doc_id, "position": n, "start": n, "end": n + 1, "rule": "blank-line",
                                "text": "\n", "replacement": "", "field": None, "value": None} for n in range(12)])
    for sink in sinks.values():
        sink.close()
    write_descriptor(root, corpus_metadata(ROOT / "raw"), TABLES)
    write_manifest(root)


def read_all(root: Path, verify: bool) -> float:
    started = time.perf_counter()
    corpus = load(root, verify=verify)
    for name in corpus.table_names:
        corpus.table(name)
    return time.perf_counter() - started


def _timed(f) -> float:
    started = time.perf_counter()
    f()
    return time.perf_counter() - started


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=20_000)
    ap.add_argument("--repeat", type=int, default=9)
    args = ap.parse_args()
    import pyarrow.parquet as pq

    from corpus_pkg.write import file_sha256

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "pkg"
        synthetic_package(root, args.docs)
        files = sorted((root / "data").glob("*.parquet"))
        size = sum(p.stat().st_size for p in files)
        read_all(root, True)  # warm the page cache
        runs: dict[str, list[float]] = {k: [] for k in ("plain", "checked", "sha256", "read", "read+crc")}
        for _ in range(args.repeat):  # interleaved, so load on a shared machine hits every variant alike
            runs["plain"].append(read_all(root, False))
            runs["checked"].append(read_all(root, True))
            runs["sha256"].append(_timed(lambda: [file_sha256(p) for p in files]))
            runs["read"].append(_timed(lambda: [pq.read_table(p) for p in files]))
            runs["read+crc"].append(_timed(lambda: [pq.read_table(p, page_checksum_verification=True) for p in files]))
    ms = {k: (1000 * min(v), 1000 * statistics.median(v)) for k, v in runs.items()}
    print(f"{args.docs} documents, {size / 1e6:.1f} MB of Parquet; best and median of {args.repeat} runs")
    print(f"load(), all three tables, verify=False: {ms['plain'][0]:6.0f} ms  {ms['plain'][1]:6.0f} ms")
    print(f"load(), all three tables, verify=True:  {ms['checked'][0]:6.0f} ms  {ms['checked'][1]:6.0f} ms")
    print(f"  of which sha256 of the files:         {ms['sha256'][0]:6.0f} ms  {ms['sha256'][1]:6.0f} ms")
    print(f"  of which page CRCs (read+crc - read): {ms['read+crc'][0] - ms['read'][0]:6.0f} ms  {ms['read+crc'][1] - ms['read'][1]:6.0f} ms")


if __name__ == "__main__":
    main()
