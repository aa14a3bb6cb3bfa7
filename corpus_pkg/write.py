"""Writing: deterministic Parquet tables, datapackage.json and the sha256 manifest.

Writer conventions (each needed for byte-identical builds or for readers): rows in id order, fixed row
groups, zstd at a fixed level, statistics, page index and page checksums on, no pandas metadata, and a
pinned pyarrow version.
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any, Iterable

import pyarrow as pa
import pyarrow.parquet as pq

from .tables import Table

ROW_GROUP_ROWS = 10_000
MANIFEST = "manifest-sha256.txt"
DESCRIPTOR = "datapackage.json"
PARQUET_MEDIATYPE = "application/vnd.apache.parquet"
PARQUET_OPTIONS: dict[str, Any] = dict(
    compression="zstd",
    compression_level=3,  # level 9: 3-4x the CPU for files about 4% smaller (docs/BENCHMARKS.md)
    use_dictionary=True,
    write_statistics=True,
    write_page_index=True,
    write_page_checksum=True,
    data_page_version="1.0",
    version="2.6",
)


class TableSink:
    """Streams rows into one Parquet file in row groups of exactly ROW_GROUP_ROWS rows.

    Row groups never depend on how rows arrive, so the file's bytes depend only on its rows.
    """

    def __init__(self, table: Table, path: Path) -> None:
        self.table = table
        self.schema = table.arrow_schema()
        self.path = path
        self._pending: list[pa.Table] = []
        self._pending_rows = 0
        self._writer = pq.ParquetWriter(path, self.schema, **PARQUET_OPTIONS)
        self.count = 0

    def add(self, rows: Iterable[dict[str, Any]]) -> None:
        self.add_table(pa.Table.from_pylist(list(rows), schema=self.schema))

    def add_table(self, table: pa.Table) -> None:
        """Rows already in Arrow form (e.g. a shard's part); they are re-cut into row groups of ROW_GROUP_ROWS."""
        if table.num_rows == 0:
            return
        self._pending.append(table)
        self._pending_rows += table.num_rows
        if self._pending_rows < ROW_GROUP_ROWS:
            return
        buffered = pa.concat_tables(self._pending)
        offset = 0
        while buffered.num_rows - offset >= ROW_GROUP_ROWS:
            self._flush(buffered.slice(offset, ROW_GROUP_ROWS))
            offset += ROW_GROUP_ROWS
        rest = buffered.slice(offset)
        self._pending, self._pending_rows = ([rest] if rest.num_rows else []), rest.num_rows

    def _flush(self, batch: pa.Table) -> None:
        # One contiguous chunk per row group: Parquet bytes depend on chunking, not only on values.
        self._writer.write_table(batch.combine_chunks(), row_group_size=ROW_GROUP_ROWS)
        self.count += batch.num_rows

    def close(self) -> None:
        if self._pending_rows or self.count == 0:
            rest = pa.concat_tables(self._pending) if self._pending else self.schema.empty_table()
            self._flush(rest)
            self._pending, self._pending_rows = [], 0
        self._writer.close()


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def resource_descriptor(table: Table, root: Path, paths: list[str] | None = None,
                        known: dict[str, str] | None = None, extra: dict[str, Any] | None = None) -> dict[str, Any]:
    """One resource per table. A table split into parts has a `path` list; each part's sha256 is in the manifest.

    ``known`` maps files to the sha256 the caller computed as it wrote them."""
    paths = paths or [table.path]
    out: dict[str, Any] = {
        "name": table.name,
        "type": "table",
        "title": table.title,
        "description": table.description,
        "path": paths[0] if len(paths) == 1 else paths,
        "format": "parquet",
        "mediatype": PARQUET_MEDIATYPE,
    }
    if len(paths) == 1:
        path = root / paths[0]
        out["bytes"] = path.stat().st_size
        out["hash"] = f"sha256:{(known or {}).get(paths[0]) or file_sha256(path)}"
    out.update(extra or {})  # properties of one table's own (e.g. the signatures' x_minhash)
    out["schema"] = table.table_schema()
    return out


def resource_files(resource: dict[str, Any]) -> list[str]:
    """The files of a resource: its `path`, or each part of a partitioned table, in order."""
    path = resource.get("path")
    return [path] if isinstance(path, str) else list(path or [])


def resource_location(resource: dict[str, Any]) -> str:
    """One string naming a resource's data: its file, or a glob over its parts (for cards and Croissant)."""
    files = resource_files(resource)
    return files[0] if len(files) == 1 else f"{files[0].rsplit('/', 1)[0]}/*.parquet"


def dump_json(value: Any) -> bytes:
    return (json.dumps(value, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def write_descriptor(root: Path, meta: dict[str, Any], tables: Iterable[Table],
                     layout: dict[str, list[str]] | None = None, known: dict[str, str] | None = None,
                     extras: dict[str, dict[str, Any]] | None = None) -> dict[str, Any]:
    descriptor = dict(meta)
    descriptor["resources"] = [resource_descriptor(t, root, (layout or {}).get(t.name), known, (extras or {}).get(t.name))
                               for t in tables]
    (root / DESCRIPTOR).write_bytes(dump_json(descriptor))
    return descriptor


def package_files(root: Path) -> list[str]:
    """Every file of a package except the manifest, as sorted POSIX paths relative to ``root``."""
    return sorted(
        p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file() and not p.is_symlink() and p.name != MANIFEST
    )


def write_manifest(root: Path, known: dict[str, str] | None = None) -> dict[str, str]:
    """Write the manifest; ``known`` gives digests computed as the files were written. Returns every digest."""
    known = known or {}
    digests = {rel: known.get(rel) or file_sha256(root / rel) for rel in package_files(root)}
    lines = [f"{digest}  {rel}\n" for rel, digest in digests.items()]
    (root / MANIFEST).write_text("".join(lines), encoding="utf-8")
    return digests
