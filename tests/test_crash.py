"""Crash safety and concurrency: builds killed at random moments, interrupted, or run two at once never
leave dist/ half-written: it is always the old package or the new one, and it verifies."""
from __future__ import annotations

import hashlib
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from corpus_pkg import atomic
from corpus_pkg.load import load
from corpus_pkg.verify import verify

from conftest import RAW

HERE = Path(__file__).resolve().parent
KILL_BUDGET_S = 8.0  # the random-kill loops stop after about this long in all (bounded run time)


def digest(root: Path) -> str | None:
    if not root.is_dir():
        return None
    h = hashlib.sha256()
    for p in sorted(root.rglob("*")):
        if p.is_file():
            h.update(p.relative_to(root).as_posix().encode() + b"\0" + p.read_bytes())
    return h.hexdigest()


class ForkServer:
    def __init__(self, workdir: Path) -> None:
        self.workdir = workdir
        self.proc = subprocess.Popen([sys.executable, str(HERE / "crash_helper.py")], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, text=True, cwd=workdir)
        assert "ready" in self.ask(None)
        self.n = 0

    def ask(self, request: dict | None) -> dict:
        if request is not None:
            self.proc.stdin.write(json.dumps(request) + "\n")
            self.proc.stdin.flush()
        return json.loads(self.proc.stdout.readline())

    def start(self, *argv: str) -> tuple[int, Path]:
        self.n += 1
        log = self.workdir / f"log-{self.n}.txt"
        return self.ask({"argv": list(argv), "log": str(log)})["pid"], log

    def wait(self, pid: int) -> int:
        return self.ask({"wait": pid})["status"]

    def run(self, *argv: str) -> tuple[int, str]:
        pid, log = self.start(*argv)
        return self.wait(pid), log.read_text()

    def close(self) -> None:
        self.proc.stdin.close()
        self.proc.wait(timeout=10)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    work = tmp_path_factory.mktemp("crash")
    srv = ForkServer(work)
    yield srv
    srv.close()


@pytest.fixture(scope="module")
def two_versions(server, tmp_path_factory):
    """Two raw folders that build different packages, and the digest of each package."""
    base = tmp_path_factory.mktemp("versions")
    raw_a, raw_b = base / "raw_a", base / "raw_b"
    shutil.copytree(RAW, raw_a)
    shutil.copytree(RAW, raw_b)
    doc = raw_b / "003_f5b41f0f486e9f3b.txt"
    doc.write_text(doc.read_text(encoding="utf-8") + "\nA closing paragraph added in the second version.\n", encoding="utf-8")
    digests, seconds = {}, []
    for name, raw in (("A", raw_a), ("B", raw_b)):
        started = time.monotonic()
        status, log = server.run("build", "-q", "--raw", str(raw), "--out", str(base / name))
        seconds.append(time.monotonic() - started)
        assert status == 0, log
        digests[name] = digest(base / name)
    assert digests["A"] != digests["B"]
    return {"A": raw_a, "B": raw_b}, digests, min(seconds)


def leftovers(out: Path) -> list[str]:
    return sorted(p.name for p in out.parent.iterdir() if p.name.startswith(f".{out.name}."))


def kill_loop(server, two_versions, out: Path, rng: random.Random, budget: float) -> dict[str, int]:
    raws, digests, build_s = two_versions
    by_digest = {v: k for k, v in digests.items()}
    outcomes = {"old": 0, "new": 0}
    current = by_digest[digest(out)]
    started = time.monotonic()
    # Run for the budget, and on (up to twice as long) until both outcomes have been seen.
    while time.monotonic() < started + budget or (not all(outcomes.values()) and time.monotonic() < started + 2 * budget):
        target = "B" if current == "A" else "A"
        pid, log = server.start("build", "-q", "--raw", str(raws[target]), "--out", str(out))
        time.sleep(rng.uniform(0, build_s * 1.5))
        os.kill(pid, signal.SIGKILL)
        status = server.wait(pid)
        assert status in (0, -signal.SIGKILL), log.read_text()
        atomic.recover(out)  # what the next build does first (a no-op unless the fallback swap was cut short)
        found = by_digest.get(digest(out))
        assert found in (current, target), f"dist/ is neither package after a kill (status {status})"
        assert verify(out) == []
        outcomes["new" if found == target else "old"] += 1
        current = found
    return outcomes


def test_sigkill_at_random_moments_leaves_the_old_or_the_new_package(server, two_versions, tmp_path):
    raws, digests, _ = two_versions
    out = tmp_path / "dist"
    assert server.run("build", "-q", "--raw", str(raws["A"]), "--out", str(out))[0] == 0
    seed = int(os.environ.get("CORPUS_PKG_KILL_SEED", random.randrange(1 << 30)))
    outcomes = kill_loop(server, two_versions, out, random.Random(seed), KILL_BUDGET_S * 2 / 3)
    total = sum(outcomes.values())
    print(f"random kills (seed {seed}): {total} builds killed, {outcomes}")
    assert total >= 10 and outcomes["old"] and outcomes["new"], outcomes
    # The next build tidies what the killed ones left, and succeeds.
    status, log = server.run("build", "-q", "--raw", str(raws["A"]), "--out", str(out))
    assert status == 0, log
    assert leftovers(out) == [] and digest(out) == digests["A"] and verify(out) == []
    assert load(out).documents.num_rows == 4


def test_sigkill_with_the_two_rename_fallback_is_recovered(server, two_versions, tmp_path):
    raws, digests, _ = two_versions
    out = tmp_path / "dist"
    assert server.run("build", "-q", "--raw", str(raws["B"]), "--out", str(out))[0] == 0
    server.ask({"exchange": False})
    try:
        outcomes = kill_loop(server, two_versions, out, random.Random(), KILL_BUDGET_S / 3)
    finally:
        server.ask({"exchange": True})
    assert sum(outcomes.values()) >= 3, outcomes


def test_a_crash_between_the_two_renames_is_undone_by_the_next_build(built, tmp_path, monkeypatch, capsys):
    out = tmp_path / "dist"
    shutil.copytree(built, out)
    # The state a crash between the fallback's two renames leaves behind.
    stage = tmp_path / ".dist.tmp-crashed"
    (stage / "package").mkdir(parents=True)
    (stage / "package" / "half-written.parquet").write_bytes(b"PAR1")
    os.rename(out, stage / "previous")
    assert f"an interrupted build left the previous package in {stage / 'previous'}" in verify(out)[0].hint
    with pytest.raises(FileNotFoundError, match="run `corpus-pkg build` to restore it"):
        load(out)
    from corpus_pkg.cli import main

    bad_raw = tmp_path / "raw"
    shutil.copytree(RAW, bad_raw)
    (bad_raw / "broken.txt").write_bytes(b"\xff\xfe")
    assert main(["build", "--raw", str(bad_raw), "--out", str(out)]) == 1  # fails, but first restores dist/
    assert verify(out) == [] and digest(out) == digest(built) and leftovers(out) == []


def test_ctrl_c_exits_130_and_removes_temporary_files(server, two_versions, tmp_path):
    raws, digests, build_s = two_versions
    out = tmp_path / "dist"
    assert server.run("build", "-q", "--raw", str(raws["A"]), "--out", str(out))[0] == 0
    rng = random.Random()
    interrupted = 0
    for _ in range(15):
        if interrupted == 4:
            break
        pid, log = server.start("build", "-q", "--raw", str(raws["B"]), "--out", str(out))
        time.sleep(rng.uniform(0.0, build_s * 0.4))  # early enough that a faster build is still caught mid-way
        os.kill(pid, signal.SIGINT)
        status = server.wait(pid)
        text = log.read_text()
        assert status in (0, 130), text
        if status == 130:
            interrupted += 1
            assert "corpus-pkg: interrupted; no half-written files were left behind" in text and "Traceback" not in text
        assert leftovers(out) == [], text  # staging folder and lock file both gone
        assert digest(out) in (digests["A"], digests["B"]) and verify(out) == []
        if digest(out) == digests["B"]:
            assert server.run("build", "-q", "--raw", str(raws["A"]), "--out", str(out))[0] == 0
    assert interrupted >= 3


def test_sigterm_exits_143_and_removes_temporary_files(server, two_versions, tmp_path):
    raws, digests, _ = two_versions
    out = tmp_path / "dist"
    assert server.run("build", "-q", "--raw", str(raws["A"]), "--out", str(out))[0] == 0
    pid, log = server.start("build", "-q", "--raw", str(raws["B"]), "--out", str(out))
    wait_for_lock(out)
    os.kill(pid, signal.SIGTERM)
    status = server.wait(pid)
    assert status in (0, 143), log.read_text()
    if status == 143:
        assert "corpus-pkg: terminated; no half-written files were left behind" in log.read_text()
    assert leftovers(out) == [] and digest(out) in (digests["A"], digests["B"]) and verify(out) == []


def lock_is_held(out: Path) -> bool:
    """The holder writes its pid into the lock file once it has the lock (and removes the file at the end).
    Reading, not locking, keeps this probe from ever getting in a build's way."""
    try:
        return atomic.lock_path(out).read_text().strip().isdigit()
    except FileNotFoundError:
        return False


def wait_for_lock(out: Path, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not lock_is_held(out):
        assert time.monotonic() < deadline, "the first build never took the lock"
        time.sleep(0.005)


def test_a_second_build_refuses_or_waits_for_the_lock(server, two_versions, tmp_path):
    raws, digests, _ = two_versions
    out = tmp_path / "dist"
    first, first_log = server.start("build", "-q", "--raw", str(raws["A"]), "--out", str(out))
    wait_for_lock(out)
    status, text = server.run("build", "-q", "--raw", str(raws["B"]), "--out", str(out))
    assert status == 1
    assert f"another build is running (process {first} holds {atomic.lock_path(out)}); nothing was changed" in text
    assert server.wait(first) == 0, first_log.read_text()
    assert digest(out) == digests["A"] and verify(out) == []
    # With --wait the second build queues behind the first, and both succeed in turn.
    first, _ = server.start("build", "-q", "--raw", str(raws["B"]), "--out", str(out))
    wait_for_lock(out)
    status, text = server.run("build", "-q", "--raw", str(raws["A"]), "--out", str(out), "--wait", "60")
    assert server.wait(first) == 0 and status == 0, text
    assert digest(out) == digests["A"] and verify(out) == [] and leftovers(out) == []


def test_two_builds_started_together_never_corrupt_the_package(server, two_versions, tmp_path):
    raws, digests, _ = two_versions
    out = tmp_path / "dist"
    a, a_log = server.start("build", "-q", "--raw", str(raws["A"]), "--out", str(out))
    b, b_log = server.start("build", "-q", "--raw", str(raws["B"]), "--out", str(out))
    statuses = {server.wait(a): a_log, server.wait(b): b_log}
    assert 0 in statuses and set(statuses) <= {0, 1}
    if 1 in statuses:
        assert "another build is running" in statuses[1].read_text()
    assert digest(out) in (digests["A"], digests["B"]) and verify(out) == []


def test_ctrl_c_on_the_real_command(tmp_path):
    """The installed console script, interrupted like a user at a terminal would."""
    script = Path(sys.executable).with_name("corpus-pkg")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "corpus_pkg.cli"]
    out = tmp_path / "dist"
    proc = subprocess.Popen(command + ["build", "--raw", str(RAW), "--out", str(out)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    wait_for_lock(out, timeout=60)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert err.strip() == "corpus-pkg: interrupted; no half-written files were left behind"
    assert not out.exists() and leftovers(out) == []
