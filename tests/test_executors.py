"""The same bytes whatever runs the shards: one process, a process pool, a Dask cluster; and builds that resume."""
from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

import pytest

from corpus_pkg.build import build, compare_trees
from corpus_pkg.cli import main
from corpus_pkg.executors import SerialExecutor, make_executor

from conftest import shard_layout

SMALL = dict(shard_documents=4, part_documents=12)  # 30 documents: several shards in several parts per table


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory, generate_corpus) -> Path:
    raw = tmp_path_factory.mktemp("synthetic") / "raw"
    generate_corpus(raw, 30, seed=7)
    return raw


@pytest.fixture(scope="module")
def reference(synthetic: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("ref") / "dist"
    result = build(synthetic, out, jobs=1, cache=False, **SMALL)
    layout = shard_layout(synthetic, **SMALL)
    assert (result.documents, result.shards) == (30, len(layout))
    assert len(layout) >= 6 and layout[-1][2] >= 1  # the tests below need several shards and parts
    return out


def test_jobs_do_not_change_the_bytes(synthetic: Path, reference: Path, tmp_path: Path) -> None:
    result = build(synthetic, tmp_path / "dist", jobs=2, cache=False, **SMALL)
    assert result.documents == 30
    assert compare_trees(reference, tmp_path / "dist") == []


def test_dask_local_cluster_gives_the_same_bytes(synthetic: Path, reference: Path, tmp_path: Path) -> None:
    distributed = pytest.importorskip("distributed")
    from corpus_pkg.executors import DaskExecutor

    with distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None) as cluster, \
            distributed.Client(cluster) as client:
        result = build(synthetic, tmp_path / "api", executor=DaskExecutor(client=client), cache=False, **SMALL)
        assert result.documents == 30
        assert compare_trees(reference, tmp_path / "api") == []
        # The command line, given the scheduler's address, does the same.
        code = main(["build", "--raw", str(synthetic), "--out", str(tmp_path / "cli"), "--executor", "dask",
                     "--scheduler", cluster.scheduler_address, "--no-cache", "--part-size", "12", "--quiet"])
        assert code == 0
    # --part-size 12 with the default shard size gives the same parts, so the same bytes.
    assert compare_trees(reference, tmp_path / "cli") == []


class Interrupted(Exception):
    pass


class StopsAfter:
    """Runs tasks in this process and stops the build after ``n`` tasks of ``stage``, as Ctrl-C or a lost node would."""

    workers = 1

    def __init__(self, n: int, stage: str = "run_shard") -> None:
        self.n = n
        self.stage = stage

    def imap(self, fn: Callable[[Any], Any], tasks: Iterable[Any]) -> Iterator[Any]:
        for i, task in enumerate(tasks):
            if i == self.n and fn.__name__ == self.stage:
                raise Interrupted
            yield fn(task)

    def close(self) -> None:
        pass


def test_an_interrupted_build_resumes_from_finished_shards(synthetic: Path, reference: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    out = tmp_path / "dist"
    with pytest.raises(Interrupted):
        build(synthetic, out, executor=StopsAfter(5), cache=cache, **SMALL)
    assert not out.exists()  # nothing half-written is ever published
    assert len(list((cache / "shards").glob("[0-9a-f]*"))) == 5  # done-markers of the finished shards
    result = build(synthetic, out, executor=SerialExecutor(), cache=cache, **SMALL)
    assert (result.shards, result.reused_shards) == (len(shard_layout(synthetic, **SMALL)), 5)
    assert compare_trees(reference, out) == []


def test_a_build_interrupted_while_counting_lines_keeps_the_counted_shards(synthetic: Path, reference: Path, tmp_path: Path) -> None:
    raw, cache = tmp_path / "raw", tmp_path / "cache"
    shutil.copytree(synthetic, raw)
    for path in raw.iterdir():  # older than the cache's one-second window for same-second edits
        os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns - 10**10))
    with pytest.raises(Interrupted):
        build(raw, tmp_path / "dist", executor=StopsAfter(3, "count_shard"), cache=cache, **SMALL)
    counted = sorted((cache / "lines").glob("*.arrow"))
    assert len(counted) == 3
    stamps = {p: p.stat().st_mtime_ns for p in counted}
    build(raw, tmp_path / "dist", executor=SerialExecutor(), cache=cache, **SMALL)
    assert all(p.stat().st_mtime_ns == m for p, m in stamps.items())  # reused, not counted again
    assert compare_trees(reference, tmp_path / "dist") == []


def test_make_executor_rejects_bad_settings() -> None:
    with pytest.raises(ValueError, match="unknown executor"):
        make_executor("spark")
    with pytest.raises(ValueError, match="at least 1"):
        make_executor("local", jobs=0)
    assert isinstance(make_executor("local", jobs=1), SerialExecutor)


def test_cli_rejects_a_scheduler_without_dask(synthetic: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["build", "--raw", str(synthetic), "--out", str(tmp_path / "d"), "--scheduler", "tcp://127.0.0.1:1"])
    assert code == 2
    assert "--executor dask" in capsys.readouterr().err
    assert not (tmp_path / "d").exists()


def test_a_script_without_a_main_guard_can_build_with_workers(synthetic: Path, reference: Path, tmp_path: Path) -> None:
    """The Python API forks its workers from the caller, so a script read from stdin (no `__main__` guard, no file)
    builds with a pool; the command line forks them from a server, and both give the same bytes."""
    import subprocess
    import sys

    script = (f"from corpus_pkg.build import build\n"
              f"build({str(synthetic)!r}, {str(tmp_path / 'api')!r}, jobs=2, cache=False, **{SMALL!r})\n")
    done = subprocess.run([sys.executable, "-"], input=script, text=True, capture_output=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    assert compare_trees(reference, tmp_path / "api") == []
    code = main(["build", "--raw", str(synthetic), "--out", str(tmp_path / "cli"), "--jobs", "2", "--no-cache",
                 "--part-size", "12", "--quiet"])
    assert code == 0 and compare_trees(reference, tmp_path / "cli") == []
