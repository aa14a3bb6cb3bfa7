"""Full build, unchanged rebuild and one-document rebuild of one corpus, each as its own process.

    python benchmarks/generate.py -n 100000 -o /tmp/b100/raw --seed 1
    python benchmarks/bench_rebuild.py /tmp/b100/raw --work /tmp/b100 --jobs 2

Reports wall and CPU seconds (the build and its workers), the peak RSS of the largest process (sampled
every 50 ms), and the 1-minute load average before each step, as JSON lines and a Markdown table.
"""
from __future__ import annotations

import argparse
import json
import shutil
import time
from pathlib import Path

from bench_build import CORPUS_PKG, PYTHON, change_one, measure

# Runs corpus_pkg from the folder given first, ahead of an editable install of the working tree.
LAUNCH = """import sys
source = sys.argv.pop(1)
sys.meta_path[:] = [f for f in sys.meta_path if "editable" not in type(f).__module__ + getattr(f, "__name__", "")]
sys.path.insert(0, source)
import corpus_pkg, corpus_pkg.cli
assert corpus_pkg.__file__.startswith(source), corpus_pkg.__file__
sys.argv[0] = "corpus-pkg"
sys.exit(corpus_pkg.cli.main())
"""


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("raw", type=Path)
    p.add_argument("--work", type=Path, required=True, help="dist/ and the cache go here (emptied first)")
    p.add_argument("--jobs", type=int, default=2)
    p.add_argument("--source", type=Path, help="run corpus_pkg from this folder (e.g. `git archive` of another commit)")
    args = p.parse_args()
    dist, cache = args.work / "dist", args.work / "cache"
    for path in (dist, cache):
        shutil.rmtree(path, ignore_errors=True)
    command = [PYTHON, "-c", LAUNCH, str(args.source.resolve())] if args.source else CORPUS_PKG
    build = command + ["build", "--raw", str(args.raw), "--out", str(dist), "--jobs", str(args.jobs), "--cache", str(cache), "-q"]
    steps = {"build": measure(build)}
    print(json.dumps({"build": steps["build"]}), flush=True)
    steps["rebuild_unchanged"] = measure(build)
    print(json.dumps({"rebuild_unchanged": steps["rebuild_unchanged"]}), flush=True)
    target, old = change_one(args.raw)
    try:
        time.sleep(1.1)  # past the cache's one-second window for same-second edits
        steps["rebuild_one_changed"] = measure(build)
        print(json.dumps({"rebuild_one_changed": steps["rebuild_one_changed"]}), flush=True)
    finally:
        target.write_bytes(old)
    print("| step | wall s | CPU s | peak RSS, largest process (MB) | load average before |\n|---|---:|---:|---:|---:|")
    for name, m in steps.items():
        print(f"| {name} | {m['seconds']:.1f} | {m['cpu_seconds']:.1f} | {m['rss_mb']:.0f} | {m['loadavg_before']:.1f} |")
    full = steps["build"]["seconds"]
    print(f"\none changed / full build: {100 * steps['rebuild_one_changed']['seconds'] / full:.1f}% (wall), "
          f"{100 * steps['rebuild_one_changed']['cpu_seconds'] / steps['build']['cpu_seconds']:.1f}% (CPU)")


if __name__ == "__main__":
    main()
