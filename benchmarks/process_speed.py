"""Per-document cost of the build's inner loop: ``pipeline.process`` (read, clean, enrich, validate) on one core.

Times CPU, not wall-clock time, so other jobs on the machine count little; also times ``clean_text`` alone on
the same texts. The template pass (one cheap pass over the corpus) is run first and not timed.

    python benchmarks/generate.py -n 2000 -o /tmp/speedgen/raw --seed 1
    python benchmarks/process_speed.py /tmp/speedgen/raw
    python benchmarks/process_speed.py /tmp/speedgen/raw --kb 3-5   # 4.0 KB on average, as the target is stated

For a count that does not depend on the machine's load, run it under callgrind twice and subtract (the
difference is the instructions of N documents, start-up excluded):

    valgrind --tool=callgrind --callgrind-out-file=/tmp/cg.%p python benchmarks/process_speed.py RAW -n 200 --once
    valgrind --tool=callgrind --callgrind-out-file=/tmp/cg.%p python benchmarks/process_speed.py RAW -n 0 --once

Or count the documents alone in one run: ``--count clean`` (or ``process``) handles ``--warm`` documents first, then
the next N inside ``functools.reduce``, which nothing else calls, so that callgrind collects only that loop (the
"Collected" total, divided by N, is the instructions per document):

    OPENBLAS_NUM_THREADS=1 valgrind --tool=callgrind --collect-atstart=no --toggle-collect=functools_reduce \
        python benchmarks/process_speed.py RAW --kb 3-5 --count clean --warm 100 -n 300
"""
from __future__ import annotations

import argparse
import functools
import os
import time
from pathlib import Path

from corpus_pkg.clean import clean_text, default_catalogue
from corpus_pkg.pipeline import process, source_key, template_index
from corpus_pkg.read import discover, read_raw, read_sidecar

WARM = 20


def timed(run, items, min_seconds: float) -> float:
    """Items handled per CPU second, going over ``items`` until ``min_seconds`` of CPU time have passed."""
    done, elapsed = 0, 0.0
    while elapsed < min_seconds or not done:
        start = time.process_time()
        for item in items:
            run(item)
        elapsed += time.process_time() - start
        done += len(items)
    return done / elapsed


def count(part: str, warm: list, subs: list, index) -> int:
    """Cleans (or processes) the warm documents, then the others inside ``functools.reduce``: the one stretch
    callgrind counts with ``--toggle-collect=functools_reduce``."""
    if part == "process":
        run = functools.partial(process, index=index)
    else:
        catalogue = default_catalogue()
        texts = []
        for sub in warm + subs:
            _, sidecar, _ = read_sidecar(sub.sidecar_path)
            texts.append((read_raw(sub.raw_path)[1], index.lines(source_key(sidecar))))
        warm, subs = texts[: len(warm)], texts[len(warm) :]
        run = lambda item: clean_text(item[0], catalogue, item[1])  # noqa: E731
    for item in warm:
        run(item)
    functools.reduce(lambda _, item: run(item), subs, None)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("raw", type=Path, help="a raw/ folder (e.g. from benchmarks/generate.py)")
    parser.add_argument("-n", type=int, default=None, help="documents to time (default: all)")
    parser.add_argument("--min-seconds", type=float, default=3.0, help="CPU seconds to time each part for")
    parser.add_argument("--once", action="store_true", help="process the documents once, untimed (for callgrind)")
    parser.add_argument("--count", choices=("clean", "process"), help="handle --warm documents, then N inside functools.reduce "
                        "(for callgrind --collect-atstart=no --toggle-collect=functools_reduce)")
    parser.add_argument("--warm", type=int, default=WARM, help=f"documents handled before the timed or counted ones (default {WARM})")
    parser.add_argument("--kb", metavar="LOW-HIGH", help="only raw files of LOW to HIGH KB (e.g. 3-5, 4.0 KB on average: the issue's "
                        "target is stated for 4 KB documents; the generator's run from 2 to 8 KB)")
    args = parser.parse_args(argv)
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    subs = discover(args.raw)
    index = template_index(subs)
    if args.kb:
        low, high = (float(x) * 1024 for x in args.kb.split("-"))
        subs = [s for s in subs if low <= s.raw_path.stat().st_size <= high]
    warm, subs = subs[: args.warm], subs[args.warm :]
    subs = subs if args.n is None else subs[: args.n]
    if args.count:
        return count(args.count, warm, subs, index)
    for sub in warm:
        process(sub, index)
    if args.once:
        for sub in subs:
            process(sub, index)
        return 0
    catalogue = default_catalogue()
    texts = []
    for sub in subs:
        _, sidecar, _ = read_sidecar(sub.sidecar_path)
        texts.append((read_raw(sub.raw_path)[1], index.lines(source_key(sidecar))))
    kb = sum(len(t.encode("utf-8")) for t, _ in texts) / max(len(texts), 1) / 1024
    # Each part is timed on documents the process has not seen (every other one), so neither finds the other's
    # lines in the cleaner's memos; a repeat (when one pass takes less than --min-seconds) does.
    process_rate = timed(lambda sub: process(sub, index), subs[1::2], args.min_seconds)
    clean_rate = timed(lambda item: clean_text(item[0], catalogue, item[1]), texts[::2], args.min_seconds)
    print(f"{len(subs)} documents of {kb:.1f} KB on average from {args.raw}")
    print(f"process():    {process_rate:8,.0f} documents per CPU second ({1e3 / process_rate:.3f} ms each)")
    print(f"clean_text(): {clean_rate:8,.0f} documents per CPU second ({1e3 / clean_rate:.3f} ms each)")
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
