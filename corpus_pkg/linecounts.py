"""The corpus template pass as shard tasks, merged exactly with bounded memory.

Template lines (clean/template.py) are the short lines found in at least half of a source's documents.
Each shard counts its own documents' line keys per source (``count_shard``, run by the executor like
any shard) into an Arrow file in the build cache, sorted by key. The coordinating process then adds the
counts up one slice of the 64-bit key space at a time (``template_lines``), so it never holds documents
or every distinct line of the corpus: memory follows the slice, which is sized by rows, not documents.

The result is exactly what ``TemplateIndex`` gives over the whole corpus, whatever ran the shards.
A shard's counts are reused while none of its files changed size or modification time (as shards are);
the merged result is reused while no shard's counts changed.
"""
from __future__ import annotations

import hashlib
import json
import os
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from .cache import RACY_NS, stat_fingerprint
from .clean.template import MIN_DOCUMENTS, MIN_SHARE, MIN_SOURCE_DOCUMENTS
from .shards import Shard, Templates, member_stats

FOLDER = "lines"
SLICE_ROWS = 1 << 18  # count rows summed at once in the coordinating process (a few MB of Arrow)
SCHEMA = pa.schema([("key", pa.uint64()), ("source", pa.string()), ("count", pa.int32())])


@dataclass(frozen=True)
class CountTask:
    shard: Shard
    raw_dir: str
    cache_root: str
    fingerprint: str
    max_raw_bytes: int | None = None


@dataclass(frozen=True)
class CountResult:
    index: int
    path: str  # the shard's counts: an uncompressed Arrow IPC file (memory-mapped when merged)
    rows: int
    documents: dict[str, int]  # documents counted, per source
    digest: str  # of the counts, so that the merge can be reused while none changed
    cached: bool
    files: tuple[str, int] = ("", -1)  # the members' stat fingerprint seen (cache.stat_fingerprint), handed to the shard task


def _slot(task: CountTask) -> str:
    text = "\n".join(["lines", task.fingerprint, task.raw_dir, str(task.max_raw_bytes), *task.shard.names])
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _reuse(path: Path, stats: list[list[int]], files: tuple[str, int], index: int) -> CountResult | None:
    """The counts stored for these files, when their sizes and modification times are as recorded."""
    try:
        with pa.OSFile(str(path), "rb") as source:
            meta = pa.ipc.open_file(source).schema.metadata or {}
        recorded = int(meta[b"recorded_ns"])
        if json.loads(meta[b"stats"]) != stats or files[1] >= recorded - RACY_NS:  # files[1]: the newest mtime
            return None
        return CountResult(index, str(path), int(meta[b"rows"]), json.loads(meta[b"documents"]), meta[b"digest"].decode(), True,
                           files)
    except (OSError, KeyError, ValueError, pa.ArrowException):
        return None  # missing, stale or unreadable: count again


def tally(found: list[int], of: list[tuple[str, int]]) -> tuple[np.ndarray, list[str], np.ndarray]:
    """(key, source) pairs sorted by key then source, and how many documents hold each: the documents' keys
    sorted together by numpy rather than counted pair by pair in a Counter (a third of the pass's own cost)."""
    names = sorted({source for source, _ in of})
    rank = {name: i for i, name in enumerate(names)}
    k = np.array(found, dtype=np.uint64)
    s = np.repeat(np.array([rank[source] for source, _ in of], dtype=np.int64), [n for _, n in of])
    order = np.lexsort((s, k))
    k, s = k[order], s[order]
    first = np.ones(len(k), dtype=bool)
    first[1:] = (k[1:] != k[:-1]) | (s[1:] != s[:-1])
    starts = np.flatnonzero(first)
    numbers = np.diff(np.append(starts, len(k))).astype(np.int32)
    return k[starts], [names[i] for i in s[starts].tolist()], numbers


def count_shard(task: CountTask) -> CountResult:
    """One shard's short-line keys counted per source (see pipeline.line_evidence), kept in the cache."""
    from .pipeline import line_evidence

    path = Path(task.cache_root) / FOLDER / f"{_slot(task)}.arrow"
    stats = member_stats(task.shard.files)
    files = stat_fingerprint(stats)
    found = _reuse(path, stats, files, task.shard.index)
    if found is not None:
        return found
    recorded = time.time_ns()
    documents: Counter[str] = Counter()
    found: list[int] = []  # every document's distinct keys, one document after another
    of: list[tuple[str, int]] = []  # each document's source and number of keys
    for sub in task.shard.members:
        evidence = line_evidence(sub, task.max_raw_bytes)
        if evidence is None or evidence[0] is None:
            continue
        source, keys = evidence
        documents[source] += 1
        found += keys
        of.append((source, len(keys)))
    keys, sources, numbers = tally(found, of)
    table = pa.table([pa.array(keys), pa.array(sources, pa.string()), pa.array(numbers)], schema=SCHEMA)
    by_source = dict(sorted(documents.items()))
    digest = hashlib.sha256(json.dumps(by_source).encode())
    for data in (keys.tobytes(), "\0".join(sources).encode(), numbers.tobytes()):
        digest.update(len(data).to_bytes(8, "big") + data)
    meta = {"stats": json.dumps(stats), "recorded_ns": str(recorded), "documents": json.dumps(by_source),
            "rows": str(table.num_rows), "digest": digest.hexdigest()}
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
    os.close(fd)
    with pa.OSFile(tmp, "wb") as sink, pa.ipc.new_file(sink, SCHEMA.with_metadata(meta)) as writer:
        writer.write_table(table)
    os.replace(tmp, path)
    return CountResult(task.shard.index, str(path), table.num_rows, by_source, meta["digest"], False, files)


def _needs(results: list[CountResult], min_documents: int, min_share: float) -> dict[str, float]:
    """Per source with enough documents to give evidence: how many must hold a line for it to be template."""
    documents: Counter[str] = Counter()
    for r in results:
        documents.update(r.documents)
    floor = max(min_documents, MIN_SOURCE_DOCUMENTS)
    return {s: max(min_documents, min_share * n) for s, n in documents.items() if n >= floor}


def template_lines(results: list[CountResult], min_documents: int = MIN_DOCUMENTS,
                   min_share: float = MIN_SHARE) -> dict[str, frozenset[int]]:
    """Each source's template lines from every shard's counts, summed one key range at a time.

    Each range reads every count file afresh (a few hundred KB each, freed at once) and sums with numpy:
    memory-mapped files and Arrow's hash aggregation both left over 100 MB resident at 100,000 documents.
    """
    needs = _needs(results, min_documents, min_share)
    found: dict[str, set[int]] = {}
    files = [r for r in results if r.rows]
    if not needs or not files:
        return {}
    names = sorted(needs)
    sources = pa.array(names, pa.string())
    thresholds = np.array([needs[s] for s in names], np.float64)
    slices = 1 << max(0, (sum(r.rows for r in files) - 1) // SLICE_ROWS).bit_length()
    shift = 64 - slices.bit_length() + 1
    for part in range(slices):
        keys_in, codes_in, counts_in = [], [], []
        for r in files:
            with pa.OSFile(r.path, "rb") as source:
                table = pa.ipc.open_file(source).read_all()
            keys = table.column("key").to_numpy()
            start = int(np.searchsorted(keys, np.uint64(part << shift), "left")) if part else 0
            end = int(np.searchsorted(keys, np.uint64((part + 1) << shift), "left")) if part + 1 < slices else len(keys)
            if end <= start:
                continue
            piece = table.slice(start, end - start)
            codes = pc.index_in(piece.column("source"), value_set=sources)  # null: a source with too few documents
            kept = pc.is_valid(codes).to_numpy(zero_copy_only=False)
            keys_in.append(keys[start:end][kept])
            codes_in.append(codes.to_numpy(zero_copy_only=False)[kept].astype(np.int32))
            counts_in.append(piece.column("count").to_numpy()[kept].astype(np.int64))
            del table, piece
        if not keys_in:
            continue
        keys, codes, counts = np.concatenate(keys_in), np.concatenate(codes_in), np.concatenate(counts_in)
        del keys_in, codes_in, counts_in
        order = np.lexsort((codes, keys))
        keys, codes, counts = keys[order], codes[order], counts[order]
        first = np.ones(len(keys), bool)
        first[1:] = (keys[1:] != keys[:-1]) | (codes[1:] != codes[:-1])
        starts = np.flatnonzero(first)
        totals = np.add.reduceat(counts, starts)
        hits = starts[totals >= thresholds[codes[starts]]]
        for code, key in zip(codes[hits].tolist(), keys[hits].tolist()):
            found.setdefault(names[code], set()).add(key)
    return {s: frozenset(k) for s, k in found.items()}


def merged_digest(results: list[CountResult], min_documents: int = MIN_DOCUMENTS, min_share: float = MIN_SHARE) -> str:
    h = hashlib.sha256(f"templates {min_documents} {min_share}\n".encode())
    for r in results:
        h.update(f"{r.digest}\n".encode())
    return h.hexdigest()


def corpus_templates(results: list[CountResult], cache_root: Path, remember: bool = True) -> list[Templates]:
    """Per shard (in shard order), the template lines of its sources; the merge is reused from the cache when it can be."""
    results = sorted(results, key=lambda r: r.index)
    memo = cache_root / FOLDER / f"templates-{merged_digest(results)}.arrow"
    lines = _read_memo(memo) if remember else None
    if lines is None:
        lines = template_lines(results)
        if remember:
            _write_memo(memo, lines)
    return [Templates({s: lines[s] for s in r.documents if s in lines}) for r in results]


def _read_memo(path: Path) -> dict[str, frozenset[int]] | None:
    try:
        with pa.memory_map(str(path)) as source:
            table = pa.ipc.open_file(source).read_all()
            pairs = zip(table.column("source").to_pylist(), table.column("key").to_pylist())
            out: dict[str, set[int]] = {}
            for source_name, key in pairs:
                out.setdefault(source_name, set()).add(key)
        return {s: frozenset(k) for s, k in out.items()}
    except (OSError, KeyError, pa.ArrowException):
        return None


def _write_memo(path: Path, lines: dict[str, frozenset[int]]) -> None:
    pairs = sorted((s, k) for s, keys in lines.items() for k in keys)
    table = pa.table({"source": pa.array([s for s, _ in pairs], pa.string()), "key": pa.array([k for _, k in pairs], pa.uint64())})
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
    os.close(fd)
    with pa.OSFile(tmp, "wb") as sink, pa.ipc.new_file(sink, table.schema) as writer:
        writer.write_table(table)
    os.replace(tmp, path)


def prune(cache_root: Path, results: list[CountResult]) -> None:
    """Drop counts of shards that are gone and merges of earlier builds (and the memo of an older cache format)."""
    folder = cache_root / FOLDER
    keep = {Path(r.path).name for r in results} | {f"templates-{merged_digest(sorted(results, key=lambda r: r.index))}.arrow"}
    if folder.is_dir():
        for entry in folder.iterdir():
            if entry.name not in keep:
                entry.unlink(missing_ok=True)
    (cache_root / "template-lines.arrow").unlink(missing_ok=True)
