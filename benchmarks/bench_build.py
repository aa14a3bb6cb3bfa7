"""Build, validate and load at scale, beside the pyarrow-only floor and a datatrove pipeline, on the same files.

    python benchmarks/bench_build.py --sizes 10000 100000 --work /tmp/bench --jobs 2 \\
        --datatrove-python /tmp/venv-datatrove/bin/python      # see datatrove_pipeline.py for that venv

Each step runs as its own process; wall time is measured around it and memory is sampled every
50 ms over the whole process tree (the peak of the largest single process, and the peak of the sum,
which counts pages shared between forked workers more than once). Files are read warm (the corpus
was just generated or read), as a rebuild on a workstation would find them. Results are printed as a
Markdown table and saved as JSON beside the corpora.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
PYTHON = sys.executable
CORPUS_PKG = [PYTHON, "-m", "corpus_pkg.cli"]


def adopt_orphans() -> None:
    """Become the reaper of our descendants (Linux): a build's workers are forked by a forkserver that the build
    never waits for, so without this their CPU time would be missing from RUSAGE_CHILDREN."""
    import ctypes

    try:
        ctypes.CDLL(None, use_errno=True).prctl(36, 1, 0, 0, 0)  # PR_SET_CHILD_SUBREAPER
    except (OSError, AttributeError):
        pass


def reap(timeout: float = 30.0) -> None:
    """Wait for adopted descendants to exit, so their CPU time is counted."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            time.sleep(0.02)


def measure(cmd: list[str], env: dict[str, str] | None = None, ok: tuple[int, ...] = (0,)) -> dict[str, float]:
    """Run ``cmd``; wall and CPU seconds (the step and its workers) and peak RSS (largest process, and whole tree summed) in MB."""
    import psutil

    import tempfile

    import resource

    log = tempfile.TemporaryFile()
    load_before = os.getloadavg()[0]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=log, env=env)
    top = psutil.Process(proc.pid)
    peak_one = peak_sum = 0
    while proc.poll() is None:
        try:
            procs = [top] + top.children(recursive=True)
            rss = []
            for p in procs:
                try:
                    rss.append(p.memory_info().rss)
                except psutil.Error:
                    pass
            if rss:
                peak_one, peak_sum = max(peak_one, max(rss)), max(peak_sum, sum(rss))
        except psutil.Error:
            pass
        time.sleep(0.05)
    seconds = time.perf_counter() - started
    load_after = os.getloadavg()[0]
    reap()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)  # the step and every worker it waited for
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    log.seek(0)
    err = log.read().decode("utf-8", "replace")
    if proc.returncode not in ok:
        raise SystemExit(f"failed ({proc.returncode}): {' '.join(cmd)}\n{err[-3000:]}")
    return {"seconds": seconds, "cpu_seconds": cpu, "rss_mb": peak_one / 2**20, "rss_tree_mb": peak_sum / 2**20,
            "loadavg_before": load_before, "loadavg_after": load_after}


def floor(raw: str, out: str) -> None:
    """The least any build must do: read each file, sha256 it, decode it, write one zstd Parquet table."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = pa.schema([("id", pa.string()), ("text", pa.string()), ("raw_sha256", pa.string())])
    paths = sorted(p for p in Path(raw).iterdir() if p.suffix == ".txt")
    with pq.ParquetWriter(out, schema, compression="zstd") as writer:
        for start in range(0, len(paths), 1000):
            rows: dict[str, list[str]] = {"id": [], "text": [], "raw_sha256": []}
            for path in paths[start : start + 1000]:
                data = path.read_bytes()
                rows["id"].append(path.stem)
                rows["raw_sha256"].append(hashlib.sha256(data).hexdigest())
                rows["text"].append(data.decode("utf-8"))
            writer.write_table(pa.table(rows, schema=schema))


def load_timing(dist: str, repeat: int = 3) -> None:
    """Best of ``repeat``: load().documents (checksums verified) against pyarrow.parquet.read_table on the same files."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from corpus_pkg.load import load

    paths = load(dist).paths("documents")
    ours, plain = [], []
    for _ in range(repeat):
        t = time.perf_counter()
        n = load(dist).documents.num_rows
        ours.append(time.perf_counter() - t)
        t = time.perf_counter()
        m = pa.concat_tables([pq.read_table(p) for p in paths]).num_rows
        plain.append(time.perf_counter() - t)
    print(json.dumps({"load_documents_s": min(ours), "read_table_s": min(plain), "rows": n, "rows_plain": m}))


def raw_megabytes(raw: Path) -> float:
    return sum(p.stat().st_size for p in raw.iterdir()) / 1e6


def change_one(raw: Path) -> tuple[Path, bytes]:
    """Edit one document in the middle of the corpus (a sentence added); returns what to restore."""
    paths = sorted(raw.glob("*.txt"))
    target = paths[len(paths) // 2]
    old = target.read_bytes()
    target.write_bytes(old + b"\nOne more sentence was added to this article for the benchmark.\n")
    return target, old


def add_one(raw: Path) -> list[Path]:
    """A new document in the middle of the corpus: a copy of one, a sentence longer, under an id that sorts there."""
    paths = sorted(raw.glob("*.txt"))
    source = paths[len(paths) // 2]
    stem = source.name[: -len(".txt")]
    text, meta = raw / f"{stem}-added.txt", raw / f"{stem}-added.meta.json"
    text.write_bytes(source.read_bytes() + b"\nThis copy was added to the corpus for the benchmark.\n")
    meta.write_bytes((raw / f"{stem}.meta.json").read_bytes())
    return [text, meta]


def bench_size(n: int, work: Path, jobs: int, datatrove: str | None, validate: bool) -> dict[str, object]:
    raw = work / f"raw-{n}"
    if not raw.is_dir():
        subprocess.run([PYTHON, str(HERE / "generate.py"), "-n", str(n), "-o", str(raw)], check=True)
    mb = raw_megabytes(raw)
    res: dict[str, object] = {"documents": n, "raw_mb": mb, "jobs": jobs}
    dist, cache = work / f"dist-{n}", work / f"cache-{n}"

    def fresh(*paths: Path) -> None:
        for p in paths:
            shutil.rmtree(p, ignore_errors=True)

    # Warm the page cache the same way for everyone.
    for p in raw.iterdir():
        p.read_bytes()
    fresh(work / f"floor-{n}.parquet")
    res["floor"] = measure([PYTHON, __file__, "_floor", str(raw), str(work / f"floor-{n}.parquet")])
    fresh(dist, cache)
    build = CORPUS_PKG + ["build", "--raw", str(raw), "--out", str(dist), "--jobs", str(jobs), "--cache", str(cache), "-q"]
    res["build"] = measure(build)
    res["rebuild_unchanged"] = measure(build)
    target, old = change_one(raw)
    try:
        time.sleep(1.1)  # past the cache's one-second window for same-second edits
        res["rebuild_one_changed"] = measure(build)
    finally:
        target.write_bytes(old)
    subprocess.run(build, check=True)  # back in step with raw/
    added = add_one(raw)
    try:
        time.sleep(1.1)
        res["rebuild_one_added"] = measure(build)
    finally:
        for path in added:
            path.unlink()
    if validate:
        # exit 1 = problems found (the generator plants exact and near duplicates): still a full run
        res["validate"] = measure(CORPUS_PKG + ["validate", str(raw)], ok=(0, 1))
    res["verify"] = measure(CORPUS_PKG + ["verify", str(dist)])
    out = subprocess.run([PYTHON, __file__, "_load", str(dist)], check=True, capture_output=True, text=True).stdout
    res["load"] = json.loads(out.strip().splitlines()[-1])
    res["load_rss"] = measure([PYTHON, __file__, "_load", str(dist)])
    (work / f"results-{n}.json").write_text(json.dumps(res, indent=2), encoding="utf-8")  # partial, in case
    if datatrove:
        fresh(work / f"datatrove-{n}")
        res["datatrove"] = measure([datatrove, str(HERE / "datatrove_pipeline.py"), str(raw), str(work / f"datatrove-{n}"),
                                    "--workers", str(jobs)])
    fresh(work / f"datatrove-{n}")
    return res


def report(results: list[dict]) -> str:
    rows = ["| documents | step | seconds | CPU seconds | documents/s | MB/s | peak RSS, largest process (MB) | peak RSS, all processes (MB) | load average before |",
            "|---:|---|---:|---:|---:|---:|---:|---:|---:|"]
    for r in results:
        n, mb = r["documents"], r["raw_mb"]
        for step in ("floor", "build", "rebuild_unchanged", "rebuild_one_changed", "rebuild_one_added", "validate", "verify", "datatrove", "load_rss"):
            m = r.get(step)
            if not m:
                continue
            name = {"load_rss": "load().documents (process)"}.get(step, step)
            rows.append(f"| {n:,} | {name} | {m['seconds']:.2f} | {m['cpu_seconds']:.1f} | {n / m['seconds']:,.0f} | {mb / m['seconds']:.1f} | "
                        f"{m['rss_mb']:.0f} | {m['rss_tree_mb']:.0f} | {m['loadavg_before']:.1f} |")
    lines = ["\n".join(rows), ""]
    for r in results:
        b, f = r["build"]["seconds"], r["floor"]["seconds"]
        lines.append(f"- {r['documents']:,} documents ({r['raw_mb']:.0f} MB raw, {r['jobs']} jobs): build / floor = {b / f:.1f}x"
                     + (f"; datatrove / build = {r['datatrove']['seconds'] / b:.2f}x" if r.get("datatrove") else "")
                     + f"; one-document rebuild = {100 * r['rebuild_one_changed']['seconds'] / b:.1f}% of the full build"
                     + (f" ({100 * r['rebuild_one_added']['seconds'] / b:.1f}% after adding one)" if r.get("rebuild_one_added") else "")
                     + f"; load().documents {r['load']['load_documents_s']:.3f} s vs read_table {r['load']['read_table_s']:.3f} s"
                     + f" ({r['load']['load_documents_s'] / r['load']['read_table_s']:.2f}x)")
    return "\n".join(lines)


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "_floor":
        return floor(sys.argv[2], sys.argv[3])
    if len(sys.argv) > 1 and sys.argv[1] == "_load":
        return load_timing(sys.argv[2])
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    p.add_argument("--work", type=Path, default=Path("/tmp/corpus-pkg-bench"))
    p.add_argument("--jobs", type=int, default=2)
    p.add_argument("--datatrove-python", help="python of a venv with datatrove installed (skipped when not given)")
    p.add_argument("--validate-max", type=int, default=10**9, metavar="N",
                   help="run `corpus-pkg validate` (one process, slow) only for sizes up to N")
    args = p.parse_args()
    adopt_orphans()
    args.work.mkdir(parents=True, exist_ok=True)
    results = []
    for n in args.sizes:
        results.append(bench_size(n, args.work, args.jobs, args.datatrove_python, n <= args.validate_max))
        (args.work / f"results-{n}.json").write_text(json.dumps(results[-1], indent=2), encoding="utf-8")
        print(json.dumps(results[-1]), flush=True)
    print(report(results))


if __name__ == "__main__":
    main()
