"""Loading the published corpus: tables as Arrow, checksums verified, and other readers open the same files."""
from __future__ import annotations

import shutil

import pytest

import corpus_pkg
from corpus_pkg.model import CorpusError


def test_load_gives_three_arrow_tables(built):
    corpus = corpus_pkg.load(built)
    assert corpus.documents.num_rows == 4
    assert corpus.blocks.num_rows > 40 and corpus.removals.num_rows > 0
    assert set(corpus.blocks.column("document_id").to_pylist()) == set(corpus.documents.column("id").to_pylist())
    frame = corpus.documents.to_pandas()
    assert list(frame["id"]) == sorted(frame["id"])


def test_tables_are_read_lazily(built):
    corpus = corpus_pkg.load(built)
    assert corpus._tables == {}
    corpus.removals
    assert list(corpus._tables) == ["removals"]


def test_load_refuses_a_changed_table_naming_it(built, tmp_path):
    pkg = tmp_path / "pkg"
    shutil.copytree(built, pkg)
    path = pkg / "data" / "blocks.parquet"
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x01
    path.write_bytes(bytes(data))
    corpus = corpus_pkg.load(pkg)
    corpus.documents  # untouched tables still load
    with pytest.raises(CorpusError, match="blocks.parquet: checksum mismatch"):
        corpus.blocks


def test_load_refuses_a_changed_descriptor(built, tmp_path):
    pkg = tmp_path / "pkg"
    shutil.copytree(built, pkg)
    (pkg / "datapackage.json").write_text((pkg / "datapackage.json").read_text().replace("wpk-corpus", "other"))
    with pytest.raises(CorpusError, match="datapackage.json: checksum differs"):
        corpus_pkg.load(pkg)


def test_duckdb_polars_and_pandas_read_the_files_directly(built):
    duckdb = pytest.importorskip("duckdb")
    pl = pytest.importorskip("polars")
    pd = pytest.importorskip("pandas")
    data = built / "data"
    n = duckdb.sql(
        f"select count(*) from '{data}/blocks.parquet' b join '{data}/documents.parquet' d on b.document_id = d.id"
    ).fetchall()[0][0]
    assert n == corpus_pkg.load(built).blocks.num_rows
    rules = pl.read_parquet(data / "removals.parquet")["rule"].unique().to_list()
    assert "wordpress-comment-form" in rules and "photo-credit" in rules
    frame = pd.read_parquet(data / "documents.parquet")
    assert frame.loc[frame["id"] == "001_dc7c636906634f1d", "photo_credit"].item() == "KCNA"
