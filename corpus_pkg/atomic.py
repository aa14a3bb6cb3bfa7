"""Publishing a package folder safely: one build at a time, and never a half-written dist/.

How a build replaces ``dist/``, and why this way:

* ``dist/`` stays a real folder. It is tracked in git and copied whole into the wheel (hatchling
  ``force-include``), so making it a symbolic link to versioned folders would put a link in the
  repository and rely on every packaging tool following it.
* A build writes the new package into ``.dist.tmp-XXXX/package`` beside ``dist/`` (same file system,
  so renames are atomic), verifies it, and fsyncs every file and folder in it.
* Then it swaps the two folders in one step. On Linux ``renameat2(RENAME_EXCHANGE)`` exchanges them
  atomically: at every instant ``dist/`` exists and is one whole package, old or new; a process
  killed at any moment leaves no window to recover from.
* Where the kernel or file system cannot exchange (other systems, some network file systems), two
  renames are used: ``dist`` → ``.dist.tmp-XXXX/previous``, then ``package`` → ``dist``. A crash between
  them leaves ``dist/`` missing and the old package, whole, in ``previous``. The next build moves it back
  (under the lock) before it does anything else, and :func:`leftover_hint` lets ``verify`` and ``load``
  name that folder instead of just saying "missing".
* Leftovers of dead builds (``.dist.tmp-*``) are removed by the next build, under the lock.
* ``.dist.lock`` beside ``dist/`` is held with ``flock`` for the whole build (and ``build --check``,
  which stages too). The kernel releases it when the holder exits or is killed, even by SIGKILL, so a
  crash never leaves a stale lock (at most an unlocked file, reused by the next build). The holder
  removes the file as it lets go; a waiter that then holds a lock on the removed file sees that the
  path no longer names it and locks afresh.
* SIGINT and SIGTERM are held back during the swap and the clean-up, then delivered: Ctrl-C never
  interrupts the two renames of the fallback, and the staging folder is always removed.
"""
from __future__ import annotations

import contextlib
import ctypes
import errno
import os
import shutil
import signal
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Iterator

from .model import CorpusError, Issue

try:
    import fcntl
except ImportError:  # Windows: builds run unlocked there
    fcntl = None  # type: ignore[assignment]

EXCHANGE = True  # use renameat2(RENAME_EXCHANGE) where the system has it; False forces the two-rename fallback
_RENAME_EXCHANGE = 2
_AT_FDCWD = -100
PACKAGE_MARKERS = ("datapackage.json", "manifest-sha256.txt")


def lock_path(out: Path) -> Path:
    return out.parent / f".{out.name}.lock"


def _staging_prefix(out: Path) -> str:
    return f".{out.name}.tmp-"


class BuildLock:
    """An exclusive flock on ``.<out>.lock``; waits up to ``wait`` seconds, then refuses with a clear message."""

    def __init__(self, out: Path, wait: float = 0.0) -> None:
        self.out = out
        self.path = lock_path(out)
        self.wait = wait
        self._fd: int | None = None

    def __enter__(self) -> BuildLock:
        if fcntl is None:
            return self
        deadline = time.monotonic() + max(self.wait, 0.0)
        while True:
            fd = self._open()
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() >= deadline:
                        holder = _read_pid(fd)
                        os.close(fd)
                        who = f"process {holder}" if holder else "another process"
                        waited = f" after waiting {self.wait:g} s" if self.wait > 0 else ""
                        raise CorpusError(
                            f"{self.out}: another build is running ({who} holds {self.path}){waited}; "
                            "nothing was changed. Wait for it to finish, or run with --wait SECONDS."
                        ) from None
                    time.sleep(0.05)
            # The holder before us removes the file as it lets go: the lock counts only while the
            # locked file is still the one at the path, so two builds can never both hold it.
            try:
                current = os.stat(self.path, follow_symlinks=False)
                mine = os.fstat(fd)
                if (current.st_ino, current.st_dev) == (mine.st_ino, mine.st_dev):
                    break
            except FileNotFoundError:
                pass
            os.close(fd)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        self._fd = fd
        return self

    def _open(self) -> int:
        flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
        try:
            return os.open(self.path, flags, 0o644)
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                raise CorpusError(f"{self.path}: the lock file is a symbolic link; remove it and build again") from None
            raise CorpusError(f"{self.path}: cannot create the lock file: {exc.strerror}") from None

    def __exit__(self, *exc: object) -> None:
        if self._fd is not None:
            with contextlib.suppress(OSError):
                os.unlink(self.path)  # no litter beside dist/; waiters notice and lock afresh
            os.close(self._fd)  # closing releases the flock
            self._fd = None


def _read_pid(fd: int) -> str:
    with contextlib.suppress(OSError, ValueError):
        text = os.pread(fd, 32, 0).decode("ascii").strip()
        if text.isdigit():
            return text
    return ""


@contextlib.contextmanager
def deferred_signals() -> Iterator[None]:
    """Hold SIGINT and SIGTERM back until the block ends, then deliver them (main thread only)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    pending: list[tuple[int, object]] = []
    wanted = [s for s in (signal.SIGINT, getattr(signal, "SIGTERM", None)) if s is not None]
    previous = {s: signal.getsignal(s) for s in wanted}
    for s in wanted:
        signal.signal(s, lambda signum, frame: pending.append((signum, frame)))
    try:
        yield
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)  # type: ignore[arg-type]
        for signum, _frame in pending[:1]:
            os.kill(os.getpid(), signum)  # re-raise through the restored handler


def _fsync_path(path: Path, directory: bool) -> None:
    flags = os.O_RDONLY | (getattr(os, "O_DIRECTORY", 0) if directory else 0)
    try:
        fd = os.open(path, flags)
    except OSError:
        return  # e.g. directories cannot be opened on Windows
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def fsync_tree(root: Path) -> None:
    """Flush every file and folder under ``root`` to disk, so a power cut cannot publish empty files."""
    for folder, _dirs, files in os.walk(root):
        for name in files:
            _fsync_path(Path(folder) / name, directory=False)
        _fsync_path(Path(folder), directory=True)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically with renameat2(RENAME_EXCHANGE); False when the system cannot."""
    if not EXCHANGE or not sys.platform.startswith("linux"):
        return False
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):  # glibc before 2.28, musl without it
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    renameat2.restype = ctypes.c_int
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP, errno.ENOTSUP, errno.EPERM):
        return False
    raise OSError(err, os.strerror(err), str(a), None, str(b))


def replace_dir(new: Path, out: Path) -> None:
    """Put the folder ``new`` in the place of ``out``; afterwards the old folder (if any) is at ``new``
    (exchange) or at ``new.parent / 'previous'`` (fallback). Both live in the staging folder."""
    fsync_tree(new)
    with deferred_signals():
        if not os.path.lexists(out):
            os.rename(new, out)
        elif not _exchange(new, out):
            os.rename(out, new.parent / "previous")
            os.rename(new, out)
        _fsync_path(out.parent, directory=True)


def leftovers(out: Path) -> list[Path]:
    """Staging folders of earlier builds beside ``out``."""
    if not out.parent.is_dir():
        return []
    prefix = _staging_prefix(out)
    return sorted(p for p in out.parent.iterdir() if p.name.startswith(prefix) and p.is_dir() and not p.is_symlink())


def _previous_packages(out: Path) -> list[Path]:
    found = [d / "previous" for d in leftovers(out) if (d / "previous" / "datapackage.json").is_file()]
    return sorted(found, key=lambda p: p.stat().st_mtime_ns)


def recover(out: Path) -> Path | None:
    """Undo a fallback swap cut short: when ``out`` is missing, move the previous package back. Call under the lock."""
    if os.path.lexists(out):
        return None
    previous = _previous_packages(out)
    if not previous:
        return None
    os.rename(previous[-1], out)
    _fsync_path(out.parent, directory=True)
    return previous[-1]


def leftover_hint(out: Path) -> str:
    """For a missing package folder: where an interrupted build left the previous package, if it did."""
    previous = _previous_packages(Path(out))
    if not previous:
        return ""
    return f"an interrupted build left the previous package in {previous[-1]}; run `corpus-pkg build` to restore it"


def sweep(out: Path) -> None:
    """Recover from an interrupted swap, then remove staging folders of dead builds. Call under the lock."""
    recover(out)
    for path in leftovers(out):
        shutil.rmtree(path, ignore_errors=True)


def check_replaceable(out: Path) -> None:
    """Refuse to replace anything but a package folder (or an empty one): ``--out ~`` must not delete a home."""
    if not os.path.lexists(out):
        return
    if out.is_symlink():
        raise CorpusError(f"{out}: is a symbolic link; give the folder it points to with --out")
    if not out.is_dir():
        raise CorpusError(f"{out}: exists and is not a folder; refusing to replace it with a package")
    if any(True for _ in out.iterdir()) and not any((out / m).exists() for m in PACKAGE_MARKERS):
        raise CorpusError(
            f"{out}: exists and is not a package (no {' or '.join(PACKAGE_MARKERS)}); refusing to replace it. "
            "Give an empty or new folder with --out."
        )


def hand_changes(out: Path) -> list[Issue]:
    """A warning when the package about to be replaced had been changed by hand: those changes are not kept."""
    if not out.is_dir():
        return []
    from .verify import verify

    problems = verify(out)
    if not problems:
        return []
    files = sorted({Path(i.file).name if Path(i.file).parent == out else os.path.relpath(i.file, out) for i in problems})
    shown = ", ".join(files[:5]) + (f" and {len(files) - 5} more" if len(files) > 5 else "")
    return [Issue("dist-modified", "warning", str(out),
                  f"the previous package had been changed by hand ({len(problems)} problem(s) in {shown}); the new build replaced it",
                  f"Edits made in {out.name}/ are never kept: change raw/ or the code, then build.")]


class Stage:
    """A staging folder beside ``out``, created under the build lock and always removed afterwards."""

    def __init__(self, out: Path) -> None:
        self.out = out
        self.root = Path(tempfile.mkdtemp(prefix=_staging_prefix(out), dir=out.parent))
        self.package = self.root / "package"

    def commit(self) -> None:
        """Swap the staged package into place (see the module docstring)."""
        replace_dir(self.package, self.out)

    def discard(self) -> None:
        with deferred_signals():
            shutil.rmtree(self.root, ignore_errors=True)


@contextlib.contextmanager
def staged(out: Path, wait: float = 0.0) -> Iterator[Stage]:
    """Lock ``out``, tidy what dead builds left, and give a staging folder that is removed on any exit."""
    out.parent.mkdir(parents=True, exist_ok=True)
    with BuildLock(out, wait):
        sweep(out)
        stage: Stage | None = None
        try:
            with deferred_signals():  # Ctrl-C cannot fall between creating the folder and owning it
                stage = Stage(out)
            yield stage
        finally:
            if stage is not None:
                stage.discard()
