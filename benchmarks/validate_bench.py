"""Benchmark of `corpus-pkg validate`: new documents checked against a large existing corpus.

Generates (deterministically from --seed) a corpus of --corpus documents, builds it into a package with
`corpus_pkg.build` (dist/, with its published MinHash signatures), and --new contributed documents (a few
of them planted exact and near duplicates), then times:
  1. the JSON Schema stage alone on --new sidecars, repeated to --schema-records records;
  2. validate() of the new documents against the corpus, cold (no signature cache) and warm.

    python benchmarks/validate_bench.py                      # 10,000 new against 100,000
    python benchmarks/validate_bench.py --corpus 2000 --new 500 --workdir /tmp/vb

Building 100,000 documents takes minutes: keep --workdir and pass --reuse to time again. With
--no-signatures the package's signatures table is removed after the build (a package from before it
existed), which measures validation that signs the corpus itself.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import tempfile
import time
from pathlib import Path

from corpus_pkg.validate import schema_issues, validate

WORDS = """the of and to in a is that for on was with as by at from his her their it an are were be this which
has have had not but or after about new more city year people government party said who one two three all been
would there when its also into than other time first last most over after before some could them these many
between under during school council river market village library harvest station farmers workers report plan
public local national country region history building members meeting service water road bridge house children
families season weather rain spring summer autumn winter morning evening week month years century museum
hospital university students teachers students train tram bus cars street square park garden church hall club
team match game players coach league music concert festival theatre film book books writer paper news article
officials minister president committee election vote votes campaign support against workers union price prices
money budget tax taxes bank loan company companies factory jobs work working open opened closed built repairs
""".split()


def sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(8, 22))]
    return " ".join(words).capitalize() + "."


def article(rng: random.Random) -> str:
    title = " ".join(rng.choice(WORDS) for _ in range(rng.randint(3, 7))).title()
    paragraphs = [" ".join(sentence(rng) for _ in range(rng.randint(2, 5))) for _ in range(rng.randint(4, 9))]
    return title + "\n\n" + "\n\n".join(paragraphs) + "\n"


def sidecar(rng: random.Random, i: int) -> dict:
    day = f"20{rng.randint(10, 23)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    return {
        "language": "en",
        "doc_type": "news-article",
        "title": None,
        "source": {"name": "Example Gazette", "url": f"https://gazette.example.org/news/{i}", "publisher": None},
        "license": {"name": "CC-BY-4.0", "path": "https://creativecommons.org/licenses/by/4.0/"},
        "date": {"value": day, "precision": "day", "evidence": None},
        "retrieved": "2024-06-01T09:30:00Z",
        "notes": None,
    }


def generate(root: Path, n_corpus: int, n_new: int, seed: int, jobs: int) -> list[Path]:
    """Write raw/ (corpus + new) and build dist/ from the corpus documents alone; return the new raw files."""
    from corpus_pkg import build

    rng = random.Random(seed)
    raw = root / "raw"
    raw.mkdir(parents=True)
    corpus_texts = [article(rng) for _ in range(n_corpus)]
    new_texts = [article(rng) for _ in range(n_new)]
    planted = min(10, n_new // 4)
    for j in range(planted):  # exact duplicates, and near ones: one sentence of a corpus document changed
        new_texts[j] = corpus_texts[j * 7]
        base = corpus_texts[j * 7 + 1]
        new_texts[planted + j] = base.replace(".", ". Indeed.", 1)
    ids = [f"c{i:06d}" for i in range(n_corpus)] + [f"n{i:06d}" for i in range(n_new)]
    texts = corpus_texts + new_texts
    sidecars = [sidecar(rng, i) for i in range(len(ids))]
    for doc_id, text, meta in list(zip(ids, texts, sidecars))[:n_corpus]:
        (raw / f"{doc_id}.txt").write_text(text, encoding="utf-8")
        (raw / f"{doc_id}.meta.json").write_text(json.dumps(meta, indent=2), encoding="utf-8")
    t = time.perf_counter()
    build(raw, root / "dist", jobs=jobs, cache=False)
    print(f"built the {n_corpus}-document corpus into {root / 'dist'} in {time.perf_counter() - t:.1f} s")
    for doc_id, text, meta in list(zip(ids, texts, sidecars))[n_corpus:]:
        (raw / f"{doc_id}.txt").write_text(text, encoding="utf-8")
        (raw / f"{doc_id}.meta.json").write_text(json.dumps(meta, indent=2), encoding="utf-8")
    return [raw / f"{i}.txt" for i in ids[n_corpus:]]


def package_size(dist: Path) -> str:
    """Bytes of each table (all its parts) in the built package."""
    sizes: dict[str, int] = {}
    for path in (dist / "data").rglob("*.parquet"):
        table = path.parent.name if path.parent.name != "data" else path.stem
        sizes[table] = sizes.get(table, 0) + path.stat().st_size
    return ", ".join(f"{name} {size / 1e6:.1f} MB" for name, size in sorted(sizes.items()))


def schema_stage(new_files: list[Path], n_records: int) -> None:
    """The JSON Schema stage alone: valid sidecars (the fast path), then invalid ones (the precise fallback)."""
    records = [json.loads(p.with_name(p.name[:-4] + ".meta.json").read_bytes()) for p in new_files]
    schema_issues("sidecar", records[0], "x", "sidecar-schema")  # compile the validators outside the timing
    n = 0
    t = time.perf_counter()
    while n < n_records:
        for record in records:
            schema_issues("sidecar", record, "x", "sidecar-schema")
        n += len(records)
    print(f"schema stage: {n} valid sidecar records at {n / (time.perf_counter() - t):,.0f} records/s")
    bad = [dict(r, doc_type="newspaper") for r in records[:2000]]
    t = time.perf_counter()
    for record in bad:
        schema_issues("sidecar", record, "x", "sidecar-schema")
    print(f"schema stage, invalid records (precise fallback): {len(bad) / (time.perf_counter() - t):,.0f} records/s")


def cpu_seconds() -> float:
    """User + system CPU time of this process and its finished workers: comparable on a busy machine, unlike wall time."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=int, default=100_000)
    ap.add_argument("--new", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--schema-records", type=int, default=200_000)
    ap.add_argument("--workdir", type=Path, default=None, help="keep the generated files here (default: a temp dir)")
    ap.add_argument("--runs", default="cold,warm", help="validate runs to time, in order (default: cold,warm)")
    ap.add_argument("--skip-schema", action="store_true", help="do not time the JSON Schema stage alone")
    ap.add_argument("--reuse", action="store_true", help="with --workdir: reuse documents generated there before")
    ap.add_argument("--jobs", type=int, default=None, help="processes for the corpus build and validate (default: every core)")
    ap.add_argument("--no-signatures", action="store_true",
                    help="validate against a package without its signatures table (as before the table existed)")
    args = ap.parse_args()
    root = args.workdir or Path(tempfile.mkdtemp(prefix="validate-bench-"))
    stamp = root / f"generated-{args.corpus}-{args.new}-{args.seed}"
    if args.reuse and stamp.is_file():
        new_files = [root / "raw" / f"n{i:06d}.txt" for i in range(args.new)]
        print(f"reusing {args.corpus} corpus + {args.new} new documents in {root}")
    else:
        if root.exists():
            shutil.rmtree(root)
        root.mkdir(parents=True)
        t = time.perf_counter()
        new_files = generate(root, args.corpus, args.new, args.seed, args.jobs)
        stamp.touch()
        print(f"generated {args.corpus} corpus + {args.new} new documents in {time.perf_counter() - t:.1f} s ({root})")
    print(f"package: {package_size(root / 'dist')}")
    dist = root / "dist"
    if args.no_signatures:
        dist = root / "dist-unsigned"
        if not dist.is_dir():
            shutil.copytree(root / "dist", dist, ignore=shutil.ignore_patterns("signatures*"))
            descriptor = json.loads((dist / "datapackage.json").read_text(encoding="utf-8"))
            descriptor["resources"] = [r for r in descriptor["resources"] if r["name"] != "signatures"]
            (dist / "datapackage.json").write_text(json.dumps(descriptor, indent=2), encoding="utf-8")
    print(f"load average before timing: {' '.join(f'{x:.2f}' for x in os.getloadavg())} on {os.cpu_count()} cores")

    if not args.skip_schema:
        schema_stage(new_files, args.schema_records)
    cache = root / "cache"
    for run in args.runs.split(","):
        if run == "cold":
            shutil.rmtree(cache, ignore_errors=True)
        elif not cache.is_dir():
            validate(new_files, dist=dist, cache=cache, jobs=args.jobs)  # fill the cache, untimed
        before = cpu_seconds()
        t = time.perf_counter()
        report = validate(new_files, dist=dist, cache=cache, jobs=args.jobs)
        elapsed = time.perf_counter() - t
        cpu = cpu_seconds() - before
        codes: dict[str, int] = {}
        for issue in report.issues:
            codes[issue.code] = codes.get(issue.code, 0) + 1
        label = "cold (no signature cache)" if run == "cold" else "warm (signature cache kept)"
        label += ", package without signatures" if args.no_signatures else ", package with signatures"
        print(f"validate {report.checked} new against {args.corpus}, {label}: {elapsed:.1f} s wall, "
              f"{cpu:.1f} s CPU (this process and its workers); issues by code: {codes}")
        print(f"  load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    if args.workdir is None:
        shutil.rmtree(root)


if __name__ == "__main__":
    main()
