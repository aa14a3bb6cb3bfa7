"""The build cache: finished shards and written table parts, keyed by what they depend on.

A shard's key is a hash of the pipeline fingerprint (code, rule catalogue, schemas, pyarrow version),
the raw folder and, for every member, its id and the sha256 of its raw file and sidecar. A finished
shard is a folder whose name is its key, renamed into place only when complete: its presence is the
done-marker, so an interrupted build resumes where it stopped and an unchanged shard is never redone.

To avoid rereading every file of a large corpus on a rebuild, each shard slot also remembers the
size and modification time of its files (as git's index does); when none changed, the previous key
is trusted. Files modified within a second of being recorded are always rehashed.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

import pyarrow as pa

from . import __version__

CACHE_FORMAT = "2"
_PLANS: dict[str, tuple[tuple[int, int], tuple[list[str], list[str]]]] = {}  # read once per process and version
RACY_NS = 1_000_000_000


def pipeline_fingerprint() -> str:
    """A hash of everything besides the input that decides a build's output: code, rules, schemas, writer."""
    from .clean.catalogue import default_version
    from .resources import schemas_dir

    package = Path(__file__).resolve().parent
    h = hashlib.sha256(f"corpus-pkg {__version__} cache {CACHE_FORMAT} pyarrow {pa.__version__}\n".encode())
    h.update(f"rules {default_version()}\n".encode())
    sources = sorted(p for p in package.rglob("*") if p.suffix in (".py", ".toml") and "_data" not in p.parts)
    schemas = sorted(schemas_dir().glob("*.schema.json"))
    for path in sources + schemas:
        h.update(f"{path.name} {len(path.read_bytes())}\n".encode())
        h.update(path.read_bytes())
    return h.hexdigest()


def stat_fingerprint(stats: list[list[int]]) -> tuple[str, int]:
    """Files' [size, modification time] pairs as one digest, with the newest time (for the same-second check)."""
    return hashlib.sha256(json.dumps(stats).encode()).hexdigest(), max((mtime for _, mtime in stats), default=-1)


def default_cache_dir(out: Path) -> Path:
    """Beside the output folder, so that it survives the swap of a finished build into place."""
    return out.parent / ".corpus-pkg-cache" / out.name


def _atomic_write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
    with os.fdopen(fd, "wb") as f:
        f.write(data)
    os.replace(tmp, path)


def link_or_copy(src: Path, dest: str | Path) -> None:
    """``dest`` (which must not exist) as a hard link to ``src`` where the file system allows, else a copy: the
    cache and a package beside it share their parts instead of holding hundreds of megabytes twice."""
    try:
        os.link(src, dest)
    except OSError:
        shutil.copyfile(src, dest)


class Cache:
    """Where shards and parts are kept; safe for several workers (and machines sharing the folder) at once."""

    def __init__(self, root: str | Path) -> None:
        self.root = Path(root)

    # Shards -----------------------------------------------------------------------------------------
    def shard_dir(self, key: str) -> Path:
        return self.root / "shards" / key

    def has_shard(self, key: str) -> bool:
        return (self.shard_dir(key) / "done.json").is_file()

    def new_shard_dir(self) -> Path:
        (self.root / "shards").mkdir(parents=True, exist_ok=True)
        return Path(tempfile.mkdtemp(prefix=".tmp-", dir=self.root / "shards"))

    def commit_shard(self, tmp: Path, key: str, done: dict[str, Any]) -> Path:
        """Write the done-marker, then rename the folder into place (another worker may have won: fine)."""
        (tmp / "done.json").write_bytes(json.dumps(done, sort_keys=True).encode("utf-8"))
        final = self.shard_dir(key)
        try:
            os.rename(tmp, final)
        except OSError:
            shutil.rmtree(tmp, ignore_errors=True)
            if not self.has_shard(key):
                raise
        return final

    def read_done(self, key: str) -> dict[str, Any]:
        return json.loads((self.shard_dir(key) / "done.json").read_bytes())

    # Slots: stat fingerprints that let a rebuild skip rehashing unchanged files ----------------------
    def _slot_path(self, slot: str) -> Path:
        return self.root / "slots" / f"{slot}.json"

    def trusted_key(self, slot: str, files: tuple[str, int]) -> str | None:
        """The key stored for this slot when its files' stat fingerprint (``stat_fingerprint``) is unchanged."""
        digest, newest = files
        path = self._slot_path(slot)
        try:
            entry = json.loads(path.read_bytes())
        except (OSError, ValueError):
            return None
        if entry.get("stats") != digest:
            return None
        if newest >= int(entry.get("recorded_ns", 0)) - RACY_NS:
            return None  # modified too close to when it was recorded: a same-second edit could hide
        key = entry.get("key")
        return key if isinstance(key, str) and self.has_shard(key) else None

    def remember(self, slot: str, files: tuple[str, int], key: str) -> None:
        _atomic_write(self._slot_path(slot), json.dumps({"stats": files[0], "key": key, "recorded_ns": time.time_ns()}).encode())

    # The last build's shards: where each started and its key, for reusing members' rows (shards.Previous) --
    def _plan_path(self) -> Path:
        return self.root / "plan.json"

    def plan(self) -> tuple[list[str], list[str]]:
        """The first id and the key of each shard of the last build, in id order (empty when unknown)."""
        path = self._plan_path()
        try:
            stat = path.stat()
            memo = _PLANS.get(str(path))
            if memo is None or memo[0] != (stat.st_size, stat.st_mtime_ns):
                data = json.loads(path.read_bytes())
                memo = _PLANS[str(path)] = ((stat.st_size, stat.st_mtime_ns), (data["starts"], data["keys"]))
        except (OSError, ValueError, KeyError, TypeError):
            return [], []
        return memo[1]

    def remember_plan(self, starts: list[str], keys: list[str]) -> None:
        _atomic_write(self._plan_path(), json.dumps({"starts": starts, "keys": keys}).encode("utf-8"))

    # Parts --------------------------------------------------------------------------------------------
    def part_path(self, key: str) -> Path:
        return self.root / "parts" / f"{key}.parquet"

    def store_part(self, src: Path, key: str, record: dict[str, Any] | None = None) -> None:
        """Keep a written part; ``record`` (its sha256, rows, statistics) is written last, as the done-marker."""
        dest = self.part_path(key)
        dest.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=dest.parent)
        os.close(fd)
        os.unlink(tmp)  # a free name in the folder, for the link (or copy) that is then renamed into place
        link_or_copy(src, tmp)
        os.replace(tmp, dest)
        if record is not None:
            _atomic_write(self.part_record_path(key), json.dumps(record, sort_keys=True).encode("utf-8"))

    def part_record_path(self, key: str) -> Path:
        return self.root / "parts" / f"{key}.json"

    def part_record(self, key: str) -> dict[str, Any] | None:
        try:
            record = json.loads(self.part_record_path(key).read_bytes())
        except (OSError, ValueError):
            return None
        return record if isinstance(record, dict) else None

    # Descriptors that passed the Data Package profile check --------------------------------------
    def _descriptor_marker(self, data: bytes, fingerprint: str) -> Path:
        return self.root / "checked" / hashlib.sha256(fingerprint.encode() + b"\n" + data).hexdigest()

    def descriptor_checked(self, data: bytes, fingerprint: str) -> bool:
        return self._descriptor_marker(data, fingerprint).is_file()

    def remember_descriptor(self, data: bytes, fingerprint: str) -> None:
        marker = self._descriptor_marker(data, fingerprint)
        if not marker.is_file():
            _atomic_write(marker, b"")

    # Housekeeping ------------------------------------------------------------------------------------
    def prune(self, shard_keys: set[str], part_keys: set[str], slots: set[str], descriptor: bytes = b"",
              fingerprint: str = "") -> None:
        """Drop what the latest build did not use, so the cache stays the size of one build."""
        if not self.root.is_dir():
            return
        checked = {self._descriptor_marker(descriptor, fingerprint).name}
        for sub, keep, suffix in (("shards", shard_keys, ""), ("parts", part_keys, ".parquet"), ("slots", slots, ".json"),
                                  ("checked", checked, "")):
            folder = self.root / sub
            if not folder.is_dir():
                continue
            for entry in folder.iterdir():
                name = entry.name[: -len(suffix)] if suffix and entry.name.endswith(suffix) else entry.name
                if sub == "parts" and entry.name.endswith(".json"):
                    name = entry.name[: -len(".json")]  # a part's record goes with the part
                if name in keep:
                    continue
                if entry.is_dir():
                    shutil.rmtree(entry, ignore_errors=True)
                else:
                    entry.unlink(missing_ok=True)
