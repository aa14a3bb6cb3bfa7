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
    compression_level=9,
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
        self._rows: list[dict[str, Any]] = []
        self._writer = pq.ParquetWriter(path, self.schema, **PARQUET_OPTIONS)
        self.count = 0

    def add(self, rows: Iterable[dict[str, Any]]) -> None:
        self._rows.extend(rows)
        while len(self._rows) >= ROW_GROUP_ROWS:
            self._flush(self._rows[:ROW_GROUP_ROWS])
            del self._rows[:ROW_GROUP_ROWS]

    def _flush(self, rows: list[dict[str, Any]]) -> None:
        batch = pa.Table.from_pylist(rows, schema=self.schema)
        self._writer.write_table(batch, row_group_size=ROW_GROUP_ROWS)
        self.count += len(rows)

    def close(self) -> None:
        if self._rows or self.count == 0:
            self._flush(self._rows)
            self._rows = []
        self._writer.close()


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def resource_descriptor(table: Table, root: Path) -> dict[str, Any]:
    path = root / table.path
    return {
        "name": table.name,
        "type": "table",
        "title": table.title,
        "description": table.description,
        "path": table.path,
        "format": "parquet",
        "mediatype": PARQUET_MEDIATYPE,
        "bytes": path.stat().st_size,
        "hash": f"sha256:{file_sha256(path)}",
        "schema": table.table_schema(),
    }


def dump_json(value: Any) -> bytes:
    return (json.dumps(value, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def write_descriptor(root: Path, meta: dict[str, Any], tables: Iterable[Table]) -> dict[str, Any]:
    descriptor = dict(meta)
    descriptor["resources"] = [resource_descriptor(t, root) for t in tables]
    (root / DESCRIPTOR).write_bytes(dump_json(descriptor))
    return descriptor


def package_files(root: Path) -> list[str]:
    """Every file of a package except the manifest, as sorted POSIX paths relative to ``root``."""
    return sorted(
        p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file() and not p.is_symlink() and p.name != MANIFEST
    )


def write_manifest(root: Path) -> None:
    lines = [f"{file_sha256(root / rel)}  {rel}\n" for rel in package_files(root)]
    (root / MANIFEST).write_text("".join(lines), encoding="utf-8")
