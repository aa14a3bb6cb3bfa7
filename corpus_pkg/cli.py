"""The command line: parse, call the Python API, render, exit. Exit status 0 clean, 1 problems found, 2 usage or internal error."""
from __future__ import annotations

import argparse
import json
import os
import signal
import sys
import threading
import time
from pathlib import Path
from typing import Sequence

from .model import CorpusError, Issue


def _print_issues(issues: list[Issue], stream=None) -> None:
    for issue in issues:
        print(issue.render(), file=stream or sys.stderr)  # looked up per call, so redirection works


def cmd_build(args: argparse.Namespace) -> int:
    from . import executors

    previous, executors.WORKER_SERVER = executors.WORKER_SERVER, True  # the command's main module is guarded
    try:
        return _build(args)
    finally:
        executors.WORKER_SERVER = previous


def _build(args: argparse.Namespace) -> int:
    from .build import build

    started = time.perf_counter()
    if args.jobs is not None and args.jobs < 1 or args.part_size < 1:
        print("corpus-pkg: --jobs and --part-size must be at least 1", file=sys.stderr)
        return 2
    if args.scheduler and args.executor != "dask":
        print("corpus-pkg: --scheduler needs --executor dask", file=sys.stderr)
        return 2
    cache = False if args.no_cache else (args.cache or True)
    result = build(args.raw, args.out, check=args.check, jobs=args.jobs, executor=args.executor,
                   scheduler=args.scheduler, cache=cache, part_documents=args.part_size,
                   progress=False if args.quiet else None,
                   max_raw_bytes=args.max_raw_bytes, wait=args.wait)
    warnings = [i for i in result.issues if i.severity == "warning"]
    _print_issues(warnings)
    if args.check:
        if result.differences:
            print(f"{args.out} is not what {args.raw} builds:", file=sys.stderr)
            for line in result.differences:
                print(f"  {line}", file=sys.stderr)
            print("Run `corpus-pkg build` and commit the result.", file=sys.stderr)
            return 1
        print(f"OK: {args.out} is what {args.raw} builds ({result.documents} documents)")
        return 0
    if not args.quiet:
        print(
            f"built {result.out}: {result.documents} documents, {result.blocks} blocks, {result.removals} removed spans, "
            f"{len(warnings)} warnings in {time.perf_counter() - started:.2f} s "
            f"({result.processed} cleaned, the rest from the cache; {result.shards} shards, "
            f"{result.reused_shards} found whole in the cache)"
        )
    return 0


def cmd_verify(args: argparse.Namespace) -> int:
    from pathlib import Path

    from .verify import verify

    if (Path(args.dist) / "bagit.txt").is_file():
        from .archive import validate_bag

        issues = validate_bag(args.dist)  # an archive: the bag's own manifests cover every file
    else:
        issues = verify(args.dist)
    if args.format == "json":
        print(json.dumps({"valid": not issues, "issues": [i.as_dict() for i in issues]}, indent=2))
    elif issues:
        _print_issues(issues, sys.stdout)
        print(f"FAILED: {len(issues)} problem(s) in {args.dist}")
    else:
        print(f"OK: every file in {args.dist} matches its checksum")
    return 1 if any(i.severity == "error" for i in issues) else 0


def cmd_archive(args: argparse.Namespace) -> int:
    from .archive import archive

    out = archive(args.out, args.raw, args.dist)
    print(f"wrote {out}: a BagIt 1.0 bag of {args.raw}, {args.dist}, the schemas and the rule catalogue; validated")
    return 0


def cmd_release(args: argparse.Namespace) -> int:
    from .releases import release

    rel = release(args.dist, args.store, message=args.message)
    print(f"released {rel.version} into {args.store}: {len(rel.files)} files")
    return 0


def cmd_diff(args: argparse.Namespace) -> int:
    import tempfile
    from pathlib import Path

    from .diff import changelog_entry, diff, render, write_changelog
    from .releases import checkout

    with tempfile.TemporaryDirectory() as tmp:
        sides = []
        for which, arg in (("old", args.old), ("new", args.new)):
            path = Path(arg)
            if which == "old" and arg == "none":
                sides.append(None)  # the first release: every document is new
                continue
            sides.append(path if path.is_dir() else checkout(args.store, arg, Path(tmp) / which))
        d = diff(*sides)
        date = ""
        if args.changelog:
            from .load import load

            date = load(sides[1], verify=False).descriptor.get("created", "")
    if args.format == "json":
        print(json.dumps(d.as_dict(), indent=2, ensure_ascii=False))
    else:
        print(render(d), end="")
    if args.changelog:
        write_changelog(args.changelog, changelog_entry(d, date))
        print(f"added the {d.new_version} entry to {args.changelog}", file=sys.stderr)
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    """Exit 0 clean, 1 when documents have errors (or warnings with --strict), 2 on bad arguments or a crash."""
    from .checks import SettingsError
    from .validate import render_github, render_text, validate

    try:
        report = validate(args.paths or [args.raw or "raw"], raw_dir=args.raw if args.paths else None,
                          changed_since=args.changed_since, dist=args.dist, cache="" if args.no_cache else args.cache,
                          near_duplicate_threshold=args.threshold, jobs=args.jobs)
    except (SettingsError, ImportError) as exc:
        print(f"corpus-pkg validate: {exc}", file=sys.stderr)
        return 2
    except CorpusError as exc:
        print(f"corpus-pkg validate: {exc}", file=sys.stderr)
        return 2
    except Exception as exc:  # an internal error: say so plainly, and keep it apart from "your documents have errors"
        print(f"corpus-pkg validate: internal error: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 2
    if args.format == "json":
        print(json.dumps(report.as_dict(), indent=2, ensure_ascii=False))
    elif args.format == "github":
        print(render_github(report))
    else:
        colour = sys.stdout.isatty() and not os.environ.get("NO_COLOR")
        if report.issues or not args.quiet:
            print(render_text(report, colour=colour))
    return report.exit_status(args.strict)


def cmd_info(args: argparse.Namespace) -> int:
    from .load import load

    corpus = load(args.dist, verify=False)
    d = corpus.descriptor
    if args.format == "json":
        print(json.dumps({k: v for k, v in d.items() if k != "resources"} | {
            "tables": {r["name"]: {"path": r["path"], "bytes": r.get("bytes"), "rows": corpus.table(r["name"]).num_rows}
                       for r in d["resources"]}}, indent=2, ensure_ascii=False))
        return 0
    print(f"{d.get('title', d.get('name'))}")
    print(f"  name {d.get('name')}  version {d.get('version')}  created {d.get('created')}")
    for lic in d.get("licenses", []):
        print(f"  licence {lic.get('name')}")
    for r in d["resources"]:
        paths = corpus.paths(r["name"])
        size = sum(p.stat().st_size for p in paths)
        where = r["path"] if isinstance(r["path"], str) else f"{len(paths)} files: {paths[0].parent.relative_to(corpus.root)}/"
        print(f"  {r['name']:<10} {corpus.table(r['name']).num_rows:>8} rows  {size:>10} bytes  {where}")
    return 0


def cmd_clean(args: argparse.Namespace) -> int:
    from .build import clean_file

    if args.json:
        print(json.dumps(clean_file(args.file), indent=2, ensure_ascii=False))
        return 0
    from .clean import clean_text
    from .explain import explain
    from .read import read_text

    try:
        text, _ = read_text(Path(args.file), Path(args.file).read_bytes())
    except ValueError as exc:
        raise CorpusError(f"{args.file}: {exc}") from None
    print(explain(text, clean_text(text), color=sys.stdout.isatty()))
    return 0


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="corpus-pkg", description="Build, check and read an archival corpus of cleaned documents.")
    from . import __version__

    p.add_argument("--version", action="version", version=f"corpus-pkg {__version__}")
    sub = p.add_subparsers(dest="command", required=True)

    b = sub.add_parser("build", help="build the package (dist/) from raw documents (raw/)")
    b.add_argument("--raw", default="raw", help="folder of raw documents and sidecars (default: raw)")
    b.add_argument("--out", default="dist", help="package folder to write (default: dist)")
    b.add_argument("--check", action="store_true", help="write nothing; exit 1 naming the files when OUT is not what RAW builds")
    b.add_argument("-q", "--quiet", action="store_true", help="print nothing on success (no progress bar either)")
    b.add_argument("-j", "--jobs", type=int, default=None, metavar="N",
                   help="worker processes (default: every core); the output is the same for any N")
    b.add_argument("--executor", choices=["local", "dask"], default="local",
                   help="local process pool (default), or a Dask cluster (pip install 'corpus-pkg[dask]')")
    b.add_argument("--scheduler", metavar="ADDRESS", help="Dask scheduler address, e.g. tcp://10.0.0.5:8786 "
                   "(default with --executor dask: a cluster on this machine)")
    b.add_argument("--cache", metavar="DIR", help="where finished shards are kept (default: .corpus-pkg-cache/ beside OUT)")
    b.add_argument("--no-cache", action="store_true", help="redo every document; keep nothing for the next build")
    b.add_argument("--part-size", type=int, default=10_000, metavar="DOCS",
                   help="documents per Parquet file at most (cut where the ids say, at least half this); larger corpora get several files per table (default: 10000)")
    b.add_argument("--max-raw-bytes", metavar="SIZE", default=None,
                   help="refuse raw files larger than SIZE, e.g. 64M (default: $CORPUS_PKG_MAX_RAW_BYTES or 16M)")
    b.add_argument("--wait", metavar="SECONDS", type=float, default=0.0,
                   help="when another build holds the lock, wait this long for it before giving up (default: 0)")
    b.set_defaults(func=cmd_build)

    v = sub.add_parser("verify", help="recompute every checksum of a package (or of a BagIt archive)")
    v.add_argument("dist", nargs="?", default="dist")
    v.add_argument("--format", choices=["text", "json"], default="text")
    v.set_defaults(func=cmd_verify)

    val = sub.add_parser("validate", help="check contributed documents and sidecars; report every problem at once",
                         description="Check raw documents and their sidecars the way CI does. Exit status: 0 clean, "
                                     "1 validation errors (or warnings with --strict), 2 usage or internal error.")
    val.add_argument("paths", nargs="*", help="raw files to check (default: every document of --raw)")
    val.add_argument("--raw", default=None, help="the raw folder (default: raw, or the folder of the files given)")
    val.add_argument("--changed-since", metavar="REF", help="only documents added or changed since git REF "
                     "(ids and duplicates are still compared with the whole corpus)")
    val.add_argument("--format", choices=["text", "json", "github"], default="text",
                     help="text (default), json (the API's report.as_dict()), github (Actions annotations)")
    val.add_argument("--strict", action="store_true", help="warnings fail too")
    val.add_argument("--threshold", type=float, default=None, metavar="J",
                     help="near-duplicate Jaccard threshold (default 0.8, or [validate] in raw/corpus.toml)")
    val.add_argument("--dist", default=None, help="built package to take the rest of the corpus from (default: dist beside --raw)")
    val.add_argument("--cache", default=None, help="folder for MinHash signatures of corpus documents the package does not publish (default: .corpus-pkg-cache beside --raw)")
    val.add_argument("--no-cache", action="store_true", help="neither read nor write the signature cache")
    val.add_argument("--jobs", type=int, default=None, help="worker processes (default: one per core)")
    val.add_argument("-q", "--quiet", action="store_true", help="text format: print nothing when there is no issue")
    val.set_defaults(func=cmd_validate)

    i = sub.add_parser("info", help="describe a built package")
    i.add_argument("dist", nargs="?", default=None, help="package folder (default: the bundled corpus)")
    i.add_argument("--format", choices=["text", "json"], default="text")
    i.set_defaults(func=cmd_info)

    a = sub.add_parser("archive", help="write a BagIt 1.0 bag of raw/, dist/, the schemas and the rule catalogue")
    a.add_argument("out", help="folder to create (must not exist)")
    a.add_argument("--raw", default="raw")
    a.add_argument("--dist", default="dist")
    a.set_defaults(func=cmd_archive)

    r = sub.add_parser("release", help="add the package's version to the release store (never rewrites a release)")
    r.add_argument("--dist", default="dist")
    r.add_argument("--store", default="releases", help="release store folder (default: releases)")
    r.add_argument("-m", "--message", default="", help="what this release is")
    r.set_defaults(func=cmd_release)

    d = sub.add_parser("diff", help="documents added, removed and changed between two packages or released versions")
    d.add_argument("old", help="package folder or released version ('none' for the first release)")
    d.add_argument("new", help="package folder or released version")
    d.add_argument("--store", default="releases", help="release store for versions (default: releases)")
    d.add_argument("--format", choices=["text", "json"], default="text")
    d.add_argument("--changelog", metavar="FILE", help="also add the new version's entry to FILE (e.g. CHANGELOG.md)")
    d.set_defaults(func=cmd_diff)

    c = sub.add_parser("clean", help="show what cleaning does to one raw file, line by line, with the rule beside each removal")
    c.add_argument("file")
    c.add_argument("--json", action="store_true", help="print one JSON object: title, text, removals, metadata")
    c.set_defaults(func=cmd_clean)
    return p


class Terminated(Exception):
    """SIGTERM, turned into an exception so that a build cleans up as it does for Ctrl-C."""


def _on_sigterm(signum: int, frame: object) -> None:
    raise Terminated()


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command. Exit 0 ok, 1 problems found, 2 usage or internal error, 130 Ctrl-C, 143 SIGTERM."""
    previous = None
    try:
        for stream in (sys.stdout, sys.stderr):
            # File names are not always valid UTF-8: print them escaped rather than crash on them.
            if hasattr(stream, "reconfigure"):
                stream.reconfigure(errors="backslashreplace")
        args = parser().parse_args(argv)
        if threading.current_thread() is threading.main_thread():
            previous = signal.signal(signal.SIGTERM, _on_sigterm)
        return args.func(args)
    except CorpusError as exc:
        print(f"corpus-pkg: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("corpus-pkg: interrupted; no half-written files were left behind", file=sys.stderr)
        return 130
    except Terminated:
        print("corpus-pkg: terminated; no half-written files were left behind", file=sys.stderr)
        return 143
    except BrokenPipeError:  # the reader went away (`corpus-pkg clean FILE | head`): not an error
        sys.stderr.close()
        return 0
    except (OSError, ImportError, ValueError) as exc:
        print(f"corpus-pkg: {exc}", file=sys.stderr)
        return 2
    except Exception as exc:  # a bug: say so briefly; CORPUS_PKG_DEBUG=1 shows the traceback
        if os.environ.get("CORPUS_PKG_DEBUG"):
            raise
        print(f"corpus-pkg: internal error: {type(exc).__name__}: {str(exc)[:500]}\n"
              "    This is a bug in corpus-pkg, not in your files; set CORPUS_PKG_DEBUG=1 to see where it happened.",
              file=sys.stderr)
        return 2
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


if __name__ == "__main__":
    sys.exit(main())
