"""Building raw/ into a package: round trip, reproducibility, all errors at once, dist/ never half-written."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from corpus_pkg.build import build, compare_trees
from corpus_pkg.clean import rebuild
from corpus_pkg.model import CorpusError, Removal
from corpus_pkg.pipeline import process_all
from corpus_pkg.read import decode

from conftest import DIST, RAW


def test_round_trip_tables_hold_what_the_pipeline_produced(built):
    docs = pq.read_table(built / "data" / "documents.parquet").to_pylist()
    blocks = pq.read_table(built / "data" / "blocks.parquet").to_pylist()
    removals = pq.read_table(built / "data" / "removals.parquet").to_pylist()
    results = list(process_all(RAW))
    assert [d["id"] for d in docs] == sorted(r.submission.id for r in results)
    for result, row in zip(results, docs):
        assert row == result.record
        assert [b["text"] for b in blocks if b["document_id"] == row["id"]] == [b.text for b in result.cleaned.blocks]
    assert len(removals) == sum(len(r.cleaned.removals) for r in results)


def test_raw_text_rebuilds_from_the_published_tables(built):
    """The lossless promise, checked on the Parquet files alone: documents.text + removals → normalised raw text."""
    docs = pq.read_table(built / "data" / "documents.parquet").to_pylist()
    removals = pq.read_table(built / "data" / "removals.parquet").to_pylist()
    for doc in docs:
        rows = [Removal(r["start"], r["end"], r["rule"], r["text"], r["replacement"]) for r in removals if r["document_id"] == doc["id"]]
        raw_text, _ = decode((RAW / doc["raw_file"]).read_bytes())
        assert rebuild(doc["text"], rows) == raw_text


def test_block_offsets_index_the_clean_text(built):
    docs = {d["id"]: d["text"] for d in pq.read_table(built / "data" / "documents.parquet").to_pylist()}
    for b in pq.read_table(built / "data" / "blocks.parquet").to_pylist():
        assert docs[b["document_id"]][b["start"] : b["end"]] == b["text"]


def test_two_builds_are_byte_identical(tmp_path, built):
    again = tmp_path / "again"
    build(RAW, again)
    assert compare_trees(built, again) == []


def test_the_committed_dist_is_what_raw_builds(tmp_path):
    result = build(RAW, DIST, check=True)
    assert result.differences == [], "dist/ is stale: run `corpus-pkg build` and commit dist/"


def test_check_names_the_files_of_a_stale_dist(raw_copy, tmp_path):
    out = tmp_path / "dist"
    build(raw_copy, out)
    seed = raw_copy / "000_9cee9eecd106a168.txt"
    seed.write_bytes(seed.read_bytes() + b"\n\nOne more sentence of the article.")
    result = build(raw_copy, out, check=True)
    assert "differs: data/documents.parquet" in result.differences
    assert "differs: manifest-sha256.txt" in result.differences


def test_schema_errors_are_all_reported_with_file_and_pointer_and_dist_is_untouched(raw_copy, tmp_path):
    out = tmp_path / "dist"
    build(raw_copy, out)
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    a = raw_copy / "001_dc7c636906634f1d.meta.json"
    side = json.loads(a.read_text())
    side["language"] = "English"
    side["source"]["url"] = "not a url"
    side["colour"] = "red"
    a.write_text(json.dumps(side))
    b = raw_copy / "002_14bd1e16ebf52595.meta.json"
    side = json.loads(b.read_text())
    side["date"]["precision"] = "week"
    b.write_text(json.dumps(side))
    with pytest.raises(CorpusError) as err:
        build(raw_copy, out)
    found = {(Path(i.file).name, i.pointer, i.code) for i in err.value.issues}
    assert found == {
        ("001_dc7c636906634f1d.meta.json", "/colour", "sidecar-schema"),  # the unknown key itself
        ("001_dc7c636906634f1d.meta.json", "/language", "sidecar-schema"),
        ("001_dc7c636906634f1d.meta.json", "/source/url", "sidecar-schema"),
        ("002_14bd1e16ebf52595.meta.json", "/date/precision", "sidecar-schema"),
    }
    url = next(i for i in err.value.issues if i.pointer == "/source/url")
    assert "not a url" in url.message
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
    assert not list(tmp_path.glob(".dist.tmp-*"))


def test_format_checking_is_really_on(raw_copy, tmp_path):
    side_path = raw_copy / "000_9cee9eecd106a168.meta.json"
    side = json.loads(side_path.read_text())
    side["retrieved"] = "yesterday at noon"
    side_path.write_text(json.dumps(side))
    with pytest.raises(CorpusError) as err:
        build(raw_copy, tmp_path / "dist")
    assert [(i.pointer, "date-time" in i.message) for i in err.value.issues] == [("/retrieved", True)]


def test_missing_sidecar_and_orphan_sidecar_and_bad_utf8_are_reported_together(raw_copy, tmp_path):
    (raw_copy / "000_9cee9eecd106a168.meta.json").unlink()
    shutil.copy(raw_copy / "001_dc7c636906634f1d.meta.json", raw_copy / "zzz_orphan.meta.json")
    (raw_copy / "bad.txt").write_bytes(b"Title\n\nBody \xff\xfe here.")
    shutil.copy(raw_copy / "001_dc7c636906634f1d.meta.json", raw_copy / "bad.meta.json")
    with pytest.raises(CorpusError) as err:
        build(raw_copy, tmp_path / "dist")
    codes = sorted((Path(i.file).name, i.code, i.line) for i in err.value.issues)
    assert codes == [
        ("000_9cee9eecd106a168.txt", "sidecar-missing", None),
        ("bad.txt", "raw-not-utf8", 3),
        ("zzz_orphan.meta.json", "raw-missing", None),
    ]
    assert not (tmp_path / "dist").exists()


def test_retrieved_is_a_microsecond_utc_timestamp(raw_copy, tmp_path):
    side_path = raw_copy / "000_9cee9eecd106a168.meta.json"
    side = json.loads(side_path.read_text())
    side["retrieved"] = "2024-05-27T10:11:12.123456+09:00"
    side_path.write_text(json.dumps(side))
    build(raw_copy, tmp_path / "dist")
    table = pq.read_table(tmp_path / "dist" / "data" / "documents.parquet")
    assert str(table.schema.field("retrieved").type) == "timestamp[us, tz=UTC]"
    value = table.column("retrieved")[0].as_py()
    assert value.isoformat() == "2024-05-27T01:11:12.123456+00:00"


def test_source_date_epoch_sets_created(raw_copy, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    build(raw_copy, tmp_path / "dist")
    descriptor = json.loads((tmp_path / "dist" / "datapackage.json").read_text())
    assert descriptor["created"] == "2023-11-14T22:13:20Z"
