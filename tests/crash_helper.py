"""A fork server for tests/test_crash.py: imports corpus_pkg and compiles its schemas once, then forks a
fresh `corpus-pkg` process (cli.main) per request, so a test can kill dozens of real builds in seconds.

Protocol, one JSON object per line: {"argv": [...], "log": path} → {"pid": n}; {"wait": pid} → {"status": n}
(exit status, or minus the signal that killed it); {"exchange": false} forces the two-rename swap.
"""
from __future__ import annotations

import json
import os
import sys


def warm_up() -> None:
    """One throw-away build imports every lazy dependency and compiles the schemas, so forks start warm."""
    import shutil
    import tempfile
    from pathlib import Path

    from corpus_pkg import cli  # noqa: F401
    from corpus_pkg.build import build

    scratch = Path(tempfile.mkdtemp(prefix="corpus-pkg-warm-"))
    try:
        build(Path(__file__).resolve().parents[1] / "raw", scratch / "dist")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def serve() -> None:
    from corpus_pkg import atomic
    from corpus_pkg.cli import main

    print(json.dumps({"ready": os.getpid()}), flush=True)
    for line in sys.stdin:
        request = json.loads(line)
        if "exchange" in request:
            atomic.EXCHANGE = bool(request["exchange"])
            reply = {"exchange": atomic.EXCHANGE}
        elif "argv" in request:
            sys.stdout.flush()
            pid = os.fork()
            if pid == 0:
                fd = os.open(request["log"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
                os.dup2(fd, 1)
                os.dup2(fd, 2)
                code = 2
                try:
                    code = main(request["argv"])
                finally:
                    sys.stdout.flush()
                    sys.stderr.flush()
                    os._exit(code)
            reply = {"pid": pid}
        else:
            _, status = os.waitpid(request["wait"], 0)
            reply = {"status": os.waitstatus_to_exitcode(status)}
        print(json.dumps(reply), flush=True)


if __name__ == "__main__":
    warm_up()
    serve()
