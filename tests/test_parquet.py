"""The Parquet writer conventions of docs/PARQUET.md, read back from the files' own metadata."""
from __future__ import annotations

import tomllib
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from corpus_pkg.tables import BLOCKS, TABLES
from corpus_pkg.write import PARQUET_OPTIONS, ROW_GROUP_ROWS, TableSink

ROOT = Path(__file__).resolve().parent.parent
DIST = ROOT / "dist"


def test_every_column_chunk_is_zstd_with_statistics_and_page_index() -> None:
    for table in TABLES:
        meta = pq.ParquetFile(DIST / table.path).metadata
        assert meta.num_row_groups >= 1
        for g in range(meta.num_row_groups):
            group = meta.row_group(g)
            for c in range(group.num_columns):
                col = group.column(c)
                assert col.compression == "ZSTD", (table.name, col.path_in_schema)
                # Arrow keeps no min/max for a string column whose values exceed 4 KB (a long clean text).
                values = pq.read_table(DIST / table.path, columns=[col.path_in_schema]).column(0).to_pylist()
                big = any(isinstance(v, str) and len(v.encode()) > 4096 for v in values)
                assert col.is_stats_set and (col.statistics.has_min_max or big or col.statistics.null_count == group.num_rows)
                assert col.has_column_index and col.has_offset_index, (table.name, col.path_in_schema)


def test_timestamps_are_utc_microseconds_and_no_pandas_metadata() -> None:
    pf = pq.ParquetFile(DIST / "data" / "documents.parquet")
    retrieved = pf.schema.column(pf.schema.names.index("retrieved"))
    assert retrieved.physical_type == "INT64"
    assert "timeUnit=microseconds" in str(retrieved.logical_type) and "isAdjustedToUTC=true" in str(retrieved.logical_type)
    assert pf.schema_arrow.field("retrieved").type == pa.timestamp("us", tz="UTC")
    for table in TABLES:
        schema = pq.read_schema(DIST / table.path)
        assert b"pandas" not in (schema.metadata or {})
        assert schema.remove_metadata() == table.arrow_schema()


def test_rows_are_sorted_by_key() -> None:
    for table in TABLES:
        rows = pq.read_table(DIST / table.path, columns=list(table.primary_key)).to_pylist()
        keys = [tuple(r[k] for k in table.primary_key) for r in rows]
        assert keys == sorted(keys) and len(set(keys)) == len(keys), table.name


def test_pyarrow_is_pinned_and_named_in_the_files() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    pins = [d for d in project["dependencies"] if d.startswith("pyarrow")]
    assert pins == [f"pyarrow=={pa.__version__}"]
    for table in TABLES:
        assert pq.ParquetFile(DIST / table.path).metadata.created_by == f"parquet-cpp-arrow version {pa.__version__}"


def test_row_groups_have_a_fixed_size_whatever_the_batches(tmp_path: Path) -> None:
    rows = [{"document_id": f"d{i // 7:05d}", "position": i % 7, "kind": "paragraph", "text": f"t{i}",
             "start": 0, "end": 1, "raw_start": 0, "raw_end": 1} for i in range(2 * ROW_GROUP_ROWS + 123)]
    paths = []
    for batch in (1, 999, 5000):  # rows arrive in different batch sizes
        path = tmp_path / f"blocks-{batch}.parquet"
        sink = TableSink(BLOCKS, path)
        for i in range(0, len(rows), batch):
            sink.add(rows[i:i + batch])
        sink.close()
        meta = pq.ParquetFile(path).metadata
        assert [meta.row_group(g).num_rows for g in range(meta.num_row_groups)] == [ROW_GROUP_ROWS, ROW_GROUP_ROWS, 123]
        paths.append(path)
    assert len({p.read_bytes() for p in paths}) == 1  # the bytes depend on the rows alone
    assert PARQUET_OPTIONS["write_page_checksum"] is True
