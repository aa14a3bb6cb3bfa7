"""Executors only schedule tasks: in this process, in a local process pool, or on a Dask cluster.

Every task is a plain function of picklable data (see shards.py) that returns a small result; results
arrive in whatever order workers finish, and the build orders them itself, so output never depends
on the executor.
"""
from __future__ import annotations

import multiprocessing
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from typing import Any, Callable, Iterable, Iterator, Protocol

from .optional import require
from .shards import cpu_count

EXECUTORS = ("local", "dask")


class Executor(Protocol):
    workers: int

    def imap(self, fn: Callable[[Any], Any], tasks: Iterable[Any]) -> Iterator[Any]:
        """Run ``fn`` on every task; yield results as they finish."""
        ...

    def close(self) -> None: ...


class SerialExecutor:
    """Runs tasks one after another in this process (jobs=1): no start-up cost, easy to profile."""

    workers = 1

    def imap(self, fn: Callable[[Any], Any], tasks: Iterable[Any]) -> Iterator[Any]:
        for task in tasks:
            yield fn(task)

    def close(self) -> None:
        pass


PRELOAD = ["corpus_pkg.worker"]
# Whether local workers fork from a server process (set by the command line) or from the calling process.
# A worker started by a server runs the caller's main module again first, as spawn does, so a script that calls
# corpus_pkg.build() without an `if __name__ == "__main__":` guard would run again in every worker: the Python
# API therefore keeps plain fork, and `corpus-pkg build`, whose main module is guarded, uses the server.
WORKER_SERVER = False


def _context() -> Any:
    """Workers forked from a small server process that has only the pipeline imported (WORKER_SERVER), where the
    OS offers one.

    Forked from the coordinating process instead, every worker starts its life holding the coordinator's
    memory, which grows with the corpus (listing, shard results), so the largest process grows with it too.
    """
    methods = multiprocessing.get_all_start_methods()
    if WORKER_SERVER and "forkserver" in methods:
        from multiprocessing import forkserver

        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(PRELOAD)
        try:
            forkserver.ensure_running()
            return context
        except ChildProcessError:
            pass  # a server started by the process this one was forked from: not ours to use
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


def start_early() -> None:
    """Start the server local workers are forked from now, so that its imports (about half a second) overlap
    the rest of the coordinator's start instead of delaying the first task."""
    _context()


def _system_allocator() -> None:
    """Workers take Arrow buffers from malloc, as the build does (see build.system_allocator): mimalloc kept
    a writer's freed buffers, and a fresh worker no longer inherits the coordinator's choice."""
    import pyarrow as pa

    pa.set_memory_pool(pa.system_memory_pool())


class ProcessExecutor:
    """A local pool of worker processes. At most 2 tasks per worker are queued, so memory stays flat."""

    def __init__(self, jobs: int) -> None:
        self.workers = jobs
        self._pool = ProcessPoolExecutor(max_workers=jobs, mp_context=_context(), initializer=_system_allocator)

    def imap(self, fn: Callable[[Any], Any], tasks: Iterable[Any]) -> Iterator[Any]:
        pending: set[Future] = set()
        queue = iter(tasks)
        limit = 2 * self.workers
        try:
            while True:
                for task in queue:
                    pending.add(self._pool.submit(fn, task))
                    if len(pending) >= limit:
                        break
                if not pending:
                    return
                done, pending = wait(pending, return_when=FIRST_COMPLETED)
                for fut in done:
                    yield fut.result()
        finally:
            for fut in pending:
                fut.cancel()

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)


class DaskExecutor:
    """Tasks on a Dask distributed cluster: one task per shard (never per row). Workers must see the same files."""

    def __init__(self, scheduler: str | None = None, *, client: Any = None, jobs: int | None = None) -> None:
        distributed = require("distributed", "the dask executor", extra="dask")
        Client, LocalCluster = distributed.Client, distributed.LocalCluster
        self._own: list[Any] = []
        if client is not None:
            self.client = client
        elif scheduler:
            self.client = Client(scheduler)
            self._own.append(self.client)
        else:  # no scheduler given: a cluster on this machine, one single-threaded worker per job
            cluster = LocalCluster(n_workers=jobs or cpu_count(), threads_per_worker=1, processes=True,
                                   dashboard_address=None)
            self.client = Client(cluster)
            self._own += [self.client, cluster]
        info = self.client.scheduler_info()
        self.workers = max(1, sum(w.get("nthreads", 1) for w in info.get("workers", {}).values()))

    def imap(self, fn: Callable[[Any], Any], tasks: Iterable[Any]) -> Iterator[Any]:
        from distributed import as_completed

        futures = self.client.map(fn, list(tasks), pure=False)
        try:
            for fut in as_completed(futures):
                yield fut.result()
                fut.release()
        finally:
            unfinished = [fut for fut in futures if not fut.done()]
            if unfinished:
                self.client.cancel(unfinished)

    def close(self) -> None:
        for thing in self._own:
            thing.close()


def make_executor(name: str = "local", jobs: int | None = None, scheduler: str | None = None) -> Executor:
    """``local`` with ``jobs`` workers (default: every core; 1 runs in this process) or ``dask``."""
    if name == "dask":
        return DaskExecutor(scheduler, jobs=jobs)
    if name != "local":
        raise ValueError(f"unknown executor {name!r}; choose one of {EXECUTORS}")
    if scheduler:
        raise ValueError("--scheduler is for --executor dask")
    jobs = cpu_count() if jobs is None else jobs
    if jobs < 1:
        raise ValueError(f"jobs must be at least 1, not {jobs}")
    return SerialExecutor() if jobs == 1 else ProcessExecutor(jobs)
