"""Loading the published corpus: offline, lazy per table, each file's checksum verified before it is read."""
from __future__ import annotations

import hashlib
import json
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from .model import CorpusError, Issue
from .resources import bundled_package
from .write import DESCRIPTOR, MANIFEST


class Corpus:
    """A built package. Tables are read on first access, after their sha256 is checked against the descriptor."""

    def __init__(self, root: Path, *, verify: bool = True) -> None:
        self.root = root
        self.verify = verify
        descriptor_path = root / DESCRIPTOR
        raw = descriptor_path.read_bytes()
        if verify:
            self._check_descriptor(raw)
        try:
            self.descriptor: dict[str, Any] = json.loads(raw)
            resources = self.descriptor["resources"]
            self._resources = {r["name"]: r for r in resources if isinstance(r.get("path"), (str, list))}
        except (ValueError, RecursionError, TypeError, KeyError, AttributeError) as exc:
            raise CorpusError(f"{descriptor_path}: not a readable package descriptor ({type(exc).__name__}: {str(exc)[:200]})") from None
        self._tables: dict[str, pa.Table] = {}

    def _check_descriptor(self, raw: bytes) -> None:
        from .verify import read_manifest  # the one parser of manifests: same path checks as verify

        manifest = self.root / MANIFEST
        self._manifest, problems = read_manifest(self.root)
        if problems:
            raise CorpusError(f"{manifest}: cannot verify the package", problems)
        if DESCRIPTOR not in self._manifest:
            raise CorpusError(f"{manifest}: does not list {DESCRIPTOR}")
        if hashlib.sha256(raw).hexdigest() != self._manifest[DESCRIPTOR]:
            raise CorpusError(f"{self.root / DESCRIPTOR}: checksum differs from {MANIFEST}; the package was changed")

    @property
    def name(self) -> str:
        return self.descriptor.get("name", "")

    @property
    def version(self) -> str | None:
        return self.descriptor.get("version")

    @property
    def table_names(self) -> list[str]:
        return list(self._resources)

    def table(self, name: str) -> pa.Table:
        if name not in self._tables:
            self._tables[name] = self._read(name)
        return self._tables[name]

    def paths(self, name: str) -> list[Path]:
        """The files of one table: one, or several parts in id order for a large corpus."""
        try:
            res = self._resources[name]
        except KeyError:
            raise KeyError(f"no table {name!r}; this package has {self.table_names}") from None
        from .verify import _safe

        rels = res["path"] if isinstance(res["path"], list) else [res["path"]]
        for rel in rels:
            if not isinstance(rel, str) or not _safe(rel) or (self.root / rel).is_symlink():
                raise CorpusError(f"{self.root / DESCRIPTOR}: table {name!r} has the unsafe path {str(rel)[:200]!r}; "
                                  "a package reads only regular files inside its own folder")
        return [self.root / rel for rel in rels]

    def _expected(self, name: str, path: Path) -> str:
        res = self._resources[name]
        if isinstance(res["path"], str) and res.get("hash"):
            return str(res["hash"]).rpartition(":")[2]
        return self._manifest.get(path.relative_to(self.root).as_posix(), "")

    def _read_file(self, name: str, path: Path) -> pa.Table:
        """Read a file once: its sha256 is computed in a thread while pyarrow decodes the same bytes."""
        with pa.OSFile(str(path)) as f:
            data = f.read_buffer()  # Arrow-owned memory: see _parquet
        if not self.verify:
            return _parquet(data, verify=False)
        with ThreadPoolExecutor(max_workers=1) as pool:
            digest = pool.submit(lambda: hashlib.sha256(data).hexdigest())
            try:
                table: pa.Table | None = _parquet(data, verify=True)
                failure: Exception | None = None
            except (OSError, pa.ArrowException) as exc:  # reported below, after the checksum verdict
                table, failure = None, exc
            found, want = digest.result(), self._expected(name, path)
        if found != want:
            raise CorpusError(
                f"{path}: checksum mismatch",
                [Issue("hash-mismatch", "error", str(path), f"sha256 is {found}, the package expects {want or 'nothing'}",
                       "The file is corrupted or was changed: reinstall, or rebuild the package.")],
            )
        if failure is not None or table is None:
            raise CorpusError(f"{path}: cannot be read: {failure}")
        return table

    def _read(self, name: str) -> pa.Table:
        paths = self.paths(name)
        if len(paths) == 1:
            return self._read_file(name, paths[0])
        with ThreadPoolExecutor(max_workers=min(4, len(paths))) as pool:
            parts = list(pool.map(lambda p: self._read_file(name, p), paths))
        return pa.concat_tables(parts)

    @property
    def documents(self) -> pa.Table:
        return self.table("documents")

    @property
    def blocks(self) -> pa.Table:
        return self.table("blocks")

    @property
    def removals(self) -> pa.Table:
        return self.table("removals")

    def __repr__(self) -> str:
        return f"Corpus({self.name!r}, version={self.version!r}, tables={self.table_names}, root={str(self.root)!r})"


def load(path: str | Path | None = None, *, verify: bool = True, version: str | None = None, url: str | None = None,
         base_url: str | None = None, registry: str | Path | None = None, cache: str | Path | None = None) -> Corpus:
    """The corpus: by default the one shipped with the package (offline); or a package folder given by ``path``.

    ``version`` fetches a published release (checked against the release registry shipped with corpus_pkg,
    from ``base_url`` or $CORPUS_PKG_RELEASES_URL; ``registry`` names another inventory.json to check against);
    ``url`` fetches the package published at that address
    (checked against its own manifest). Both cache what they fetch and work offline afterwards.
    """
    if sum(x is not None for x in (path, version, url)) > 1:
        raise ValueError("give at most one of path, version and url")
    if version is not None:
        from .remote import fetch_release

        path = fetch_release(version, base_url=base_url, cache=cache, registry=registry)
    elif url is not None:
        from .remote import fetch_url

        path = fetch_url(url, cache=cache)
    root = Path(path) if path is not None else bundled_package()
    if root.name == DESCRIPTOR:
        root = root.parent
    if not (root / DESCRIPTOR).is_file():
        from .atomic import leftover_hint

        hint = leftover_hint(root)
        raise FileNotFoundError(f"{root}: no {DESCRIPTOR} here; " + (hint or "give the folder of a built package"))
    return Corpus(root, verify=verify)


def _parquet(data: pa.Buffer, verify: bool) -> pa.Table:
    """Decode Parquet held in memory.

    The bytes are an Arrow buffer, not a Python `bytes`: when an Arrow thread drops the last reference to
    Python-owned memory during interpreter shutdown it must take the GIL, and the process aborts
    ("terminate called without an active exception"); with pyarrow 26 that happened in one run of five.
    """
    return pq.ParquetFile(pa.BufferReader(data), page_checksum_verification=verify).read()
