"""Getting the data: releases over HTTP with pooch (checked, cached, then offline), and real readers of dist/."""
from __future__ import annotations

import functools
import http.server
import json
import shutil
import subprocess
import sys
import threading
from pathlib import Path
from typing import Iterator

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import corpus_pkg
from corpus_pkg.model import CorpusError
from corpus_pkg.releases import read_inventory, release

ROOT = Path(__file__).resolve().parent.parent
DIST = ROOT / "dist"
VERSION = json.loads((DIST / "datapackage.json").read_text(encoding="utf-8"))["version"]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # keep test output clean
        pass


class Server:
    """A static HTTP server on 127.0.0.1 serving one folder, in a thread; counts the requests it answers."""

    def __init__(self, folder: Path) -> None:
        self.requests: list[str] = []
        outer = self

        class Handler(_Quiet):
            def do_GET(self) -> None:
                outer.requests.append(self.path)
                super().do_GET()

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(folder)))
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self.thread.start()
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/"

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join()


@pytest.fixture()
def serve() -> Iterator:
    servers: list[Server] = []

    def start(folder: Path) -> Server:
        servers.append(Server(folder))
        return servers[-1]

    yield start
    for s in servers:
        if s.thread.is_alive():
            s.stop()


def _same_tables(a: corpus_pkg.Corpus, b: corpus_pkg.Corpus) -> None:
    assert a.table_names == b.table_names
    for name in a.table_names:
        assert a.table(name).equals(b.table(name)), name


def test_load_version_downloads_checks_caches_and_then_works_offline(serve, tmp_path: Path) -> None:
    store = tmp_path / "releases"
    release(DIST, store)
    server = serve(store)
    cache = tmp_path / "cache"
    corpus = corpus_pkg.load(version=VERSION, base_url=server.url, registry=store / "inventory.json", cache=cache)
    assert corpus.version == VERSION
    _same_tables(corpus, corpus_pkg.load(DIST))
    files = sorted(p.relative_to(DIST).as_posix() for p in DIST.rglob("*") if p.is_file())
    assert sorted(r.split("/content/", 1)[1] for r in server.requests) == files  # every file of the release, once
    server.stop()  # offline from here on
    again = corpus_pkg.load(version=VERSION, base_url=server.url, registry=store / "inventory.json", cache=cache)
    _same_tables(again, corpus)
    with pytest.raises(CorpusError, match="no release '9.9.9'"):
        corpus_pkg.load(version="9.9.9", base_url=server.url, registry=store / "inventory.json", cache=cache)


def test_load_version_uses_the_registry_shipped_with_the_package(serve, tmp_path: Path) -> None:
    inventory = read_inventory(ROOT / "releases")
    server = serve(ROOT / "releases")
    corpus = corpus_pkg.load(version=inventory["head"], base_url=server.url, cache=tmp_path / "cache")
    assert corpus.version == inventory["head"]
    assert corpus.documents.num_rows > 0


def test_a_tampered_release_is_refused(serve, tmp_path: Path) -> None:
    store = tmp_path / "releases"
    release(DIST, store)
    target = store / VERSION / "content" / "data" / "documents.parquet"
    target.chmod(0o644)
    target.write_bytes(target.read_bytes().replace(b"Workers", b"Wankers", 1))
    server = serve(store)
    with pytest.raises(CorpusError, match="documents.parquet"):
        corpus_pkg.load(version=VERSION, base_url=server.url, registry=store / "inventory.json", cache=tmp_path / "cache")


def test_load_version_without_an_address_says_how_to_give_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CORPUS_PKG_RELEASES_URL", raising=False)
    store = tmp_path / "releases"
    release(DIST, store)
    with pytest.raises(CorpusError, match="CORPUS_PKG_RELEASES_URL"):
        corpus_pkg.load(version=VERSION, registry=store / "inventory.json", cache=tmp_path / "cache")


def test_load_url_checks_against_the_package_manifest_and_caches(serve, tmp_path: Path) -> None:
    served = tmp_path / "site" / "corpus"
    shutil.copytree(DIST, served)
    server = serve(tmp_path / "site")
    cache = tmp_path / "cache"
    corpus = corpus_pkg.load(url=server.url + "corpus/", cache=cache)
    _same_tables(corpus, corpus_pkg.load(DIST))
    server.stop()
    _same_tables(corpus_pkg.load(url=server.url + "corpus/", cache=cache), corpus)

    bad = tmp_path / "bad-site"
    shutil.copytree(DIST, bad)
    blocks = bad / "data" / "blocks.parquet"
    data = bytearray(blocks.read_bytes())
    data[100] ^= 1
    blocks.write_bytes(bytes(data))
    server = serve(bad)
    with pytest.raises(CorpusError, match="blocks.parquet"):
        corpus_pkg.load(url=server.url, cache=tmp_path / "cache2")


def test_plain_load_stays_offline_and_does_not_import_pooch() -> None:
    code = "import sys, corpus_pkg; c = corpus_pkg.load(); c.documents; print('pooch' in sys.modules, c.root)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out[0] == "False"


def test_duckdb_and_polars_read_the_tables() -> None:
    import duckdb
    import polars as pl

    for name in ("documents", "blocks", "removals", "signatures"):
        path = DIST / "data" / f"{name}.parquet"
        expected = pq.read_table(path)
        con = duckdb.connect()
        assert con.execute(f"SELECT count(*) FROM read_parquet('{path}')").fetchone()[0] == expected.num_rows
        from_duckdb = con.execute(f"SELECT * FROM read_parquet('{path}')").to_arrow_table()
        assert from_duckdb.schema.names == expected.schema.names
        for got, want in zip(from_duckdb.schema, expected.schema):
            if pa.types.is_timestamp(want.type):  # DuckDB names UTC after its session zone, Etc/UTC
                assert got.type.unit == want.type.unit == "us" and got.type.tz in ("UTC", "Etc/UTC")
            else:
                assert got.type == want.type, got.name
        assert from_duckdb.to_pylist() == expected.to_pylist()
        frame = pl.read_parquet(path)
        assert frame.to_arrow().to_pylist() == expected.to_pylist()
        assert frame.columns == expected.column_names
    docs = pl.read_parquet(DIST / "data" / "documents.parquet")
    assert docs.schema["retrieved"] == pl.Datetime("us", "UTC")
    words = duckdb.connect().execute(f"SELECT sum(word_count) FROM '{DIST / 'data' / 'documents.parquet'}'").fetchone()[0]
    assert words == docs["word_count"].sum()


def test_hugging_face_datasets_loads_the_documents_by_the_card(tmp_path: Path) -> None:
    import datasets

    from corpus_pkg.card import hf_dtype
    from corpus_pkg.tables import TABLES

    cache = str(tmp_path / "hf")
    plain = datasets.load_dataset("parquet", data_files={"train": str(DIST / "data" / "documents.parquet")}, cache_dir=cache)
    expected = pq.read_table(DIST / "data" / "documents.parquet")
    assert plain["train"]["id"][:] == expected.column("id").to_pylist()
    # The card's YAML header: configs and features derived from corpus_pkg/tables.py
    for table in TABLES:
        ds = datasets.load_dataset(str(DIST), table.name, cache_dir=cache)["train"]
        assert ds.num_rows == pq.read_metadata(DIST / table.path).num_rows
        assert {n: str(f.dtype) for n, f in ds.features.items()} == {f.name: hf_dtype(f.arrow) for f in table.fields}
        assert ds.info.splits["train"].num_examples == ds.num_rows


def test_croissant_validates_and_mlcroissant_reads_the_records() -> None:
    done = subprocess.run([sys.executable, "-m", "mlcroissant.scripts.validate", "--jsonld", str(DIST / "croissant.json")],
                          capture_output=True, text=True)
    if "No module named" in done.stderr:
        done = subprocess.run([str(Path(sys.executable).parent / "mlcroissant"), "validate", "--jsonld", str(DIST / "croissant.json")],
                              capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "WARNING" not in done.stderr and "error" not in done.stderr.lower(), done.stderr

    import mlcroissant as mlc

    ds = mlc.Dataset(jsonld=str(DIST / "croissant.json"))
    assert not ds.metadata.ctx.issues.errors and not ds.metadata.ctx.issues.warnings
    for name in ("documents", "blocks", "removals"):
        records = list(ds.records(record_set=name))
        table = pq.read_table(DIST / "data" / f"{name}.parquet")
        assert len(records) == table.num_rows
    ids = [r["documents/id"].decode() for r in ds.records(record_set="documents")]
    assert ids == pq.read_table(DIST / "data" / "documents.parquet", columns=["id"]).column("id").to_pylist()
    meta = json.loads((DIST / "croissant.json").read_text(encoding="utf-8"))
    assert {d["encodingFormat"] for d in meta["distribution"]} == {"application/x-parquet"}
