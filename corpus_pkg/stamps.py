"""Whether a published package is still exactly as the last build left it, told mostly from file metadata.

Before replacing a package, a build warns when it had been edited by hand, which takes a full
verification: every file hashed, every Parquet page decoded. So after each build the cache keeps every
file's type, size, modification time, inode and sha256. When the next build finds the same files with
the same metadata, nothing was edited (the reasoning git applies to its index); only files modified
within a second of being recorded, where a same-tick edit could hide, are hashed again. Anything else
falls back to the full verification.
"""
from __future__ import annotations

import json
import os
import time
from pathlib import Path

from .cache import RACY_NS, _atomic_write
from .write import MANIFEST, file_sha256

STAMP = "package-stamp.json"


def _scan(root: Path) -> dict[str, list[int]]:
    found: dict[str, list[int]] = {}
    for folder, dirs, files in os.walk(root):
        for name in dirs + files:
            path = os.path.join(folder, name)
            st = os.lstat(path)
            found[os.path.relpath(path, root)] = [st.st_mode, st.st_size, st.st_mtime_ns, st.st_ino]
    return found


def record(root: Path, cache_root: Path) -> None:
    """Remember the package at ``root`` as just built (and verified): its files' metadata and sha256."""
    from .verify import read_manifest

    recorded = time.time_ns()
    digests = read_manifest(root)[0]
    digests[MANIFEST] = file_sha256(root / MANIFEST)
    data = {"root": str(root.resolve()), "recorded_ns": recorded, "files": _scan(root), "sha256": digests}
    _atomic_write(cache_root / STAMP, json.dumps(data, sort_keys=True).encode("utf-8"))


def unchanged(root: Path, cache_root: Path) -> bool:
    """True when ``root`` holds the same files, unedited, as when it was recorded."""
    try:
        data = json.loads((cache_root / STAMP).read_bytes())
        if data.get("root") != str(root.resolve()) or _scan(root) != data["files"]:
            return False
        recent = [rel for rel, stamp in data["files"].items() if stamp[2] >= int(data["recorded_ns"]) - RACY_NS
                  and not os.path.isdir(root / rel)]
        return all(file_sha256(root / rel) == data["sha256"][rel] for rel in recent)
    except (OSError, ValueError, KeyError, TypeError, IndexError):
        return False
