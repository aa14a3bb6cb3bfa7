"""Large-corpus behaviour on small data: partitioned tables, incremental rebuilds, progress and quiet output."""
from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from corpus_pkg.build import build, compare_trees
from corpus_pkg.cli import main
from corpus_pkg.load import load
from corpus_pkg.model import CorpusError
from corpus_pkg.progress import Progress
from corpus_pkg.verify import verify

from conftest import part_rows, shard_layout

REPO = Path(__file__).resolve().parents[1]
SMALL = dict(shard_documents=5, part_documents=10)  # 25 documents: several shards and parts per table


@pytest.fixture(scope="module")
def partitioned(tmp_path_factory: pytest.TempPathFactory, generate_corpus) -> Path:
    raw = tmp_path_factory.mktemp("p") / "raw"
    generate_corpus(raw, 25, seed=11)
    out = raw.parent / "dist"
    build(raw, out, jobs=1, cache=False, **SMALL)
    return out


def test_large_tables_are_split_into_parts_of_one_resource(partitioned: Path) -> None:
    descriptor = json.loads((partitioned / "datapackage.json").read_text(encoding="utf-8"))
    docs = next(r for r in descriptor["resources"] if r["name"] == "documents")
    expected = part_rows(partitioned.parent / "raw", **SMALL)
    assert len(expected) >= 2 and max(expected) <= SMALL["part_documents"]
    assert docs["path"] == [f"data/documents/part-{i:05d}.parquet" for i in range(len(expected))]
    assert "hash" not in docs  # each part's sha256 is in the manifest instead
    rows = [pq.ParquetFile(partitioned / p).metadata.num_rows for p in docs["path"]]
    assert rows == expected
    ids = [i for p in docs["path"] for i in pq.read_table(partitioned / p, columns=["id"])["id"].to_pylist()]
    assert ids == sorted(ids) and len(set(ids)) == 25  # split by id order, no overlap
    assert verify(partitioned) == []


def test_parts_read_as_one_dataset_by_duckdb_polars_and_load(partitioned: Path) -> None:
    duckdb = pytest.importorskip("duckdb")
    polars = pytest.importorskip("polars")
    corpus = load(partitioned)
    assert corpus.documents.num_rows == 25
    assert corpus.documents["id"].to_pylist() == sorted(corpus.documents["id"].to_pylist())
    glob = str(partitioned / "data" / "blocks" / "*.parquet")
    n_duck = duckdb.sql(f"select count(*) from read_parquet('{glob}')").fetchall()[0][0]
    n_polars = polars.scan_parquet(glob).select(polars.len()).collect().item()
    assert n_duck == n_polars == corpus.blocks.num_rows > 25
    joined = duckdb.sql(
        f"select count(distinct d.id) from read_parquet('{partitioned / 'data' / 'documents' / '*.parquet'}') d "
        f"join read_parquet('{glob}') b on b.document_id = d.id"
    ).fetchall()[0][0]
    assert joined == 25


def test_load_detects_a_changed_part(partitioned: Path, tmp_path: Path) -> None:
    copy = tmp_path / "pkg"
    shutil.copytree(partitioned, copy)
    part = copy / "data" / "removals" / "part-00001.parquet"
    data = bytearray(part.read_bytes())
    data[len(data) // 2] ^= 0xFF
    part.write_bytes(bytes(data))
    corpus = load(copy)
    assert corpus.documents.num_rows == 25  # other tables still load
    with pytest.raises(CorpusError) as err:
        corpus.removals
    assert err.value.issues[0].code == "hash-mismatch"
    assert any(i.code == "checksum-mismatch" for i in verify(copy))


def test_small_corpora_keep_one_file_per_table(tmp_path: Path) -> None:
    out = tmp_path / "dist"
    build(REPO / "raw", out, jobs=2, cache=False)
    from corpus_pkg.tables import TABLES

    assert sorted(p.relative_to(out).as_posix() for p in (out / "data").iterdir()) == sorted(t.path for t in TABLES)
    assert compare_trees(REPO / "dist", out) == []  # the committed package, byte for byte


def test_rebuild_after_one_change_redoes_one_shard(tmp_path: Path, generate_corpus) -> None:
    raw = tmp_path / "raw"
    generate_corpus(raw, 25, seed=12)
    cache = tmp_path / "cache"
    first = build(raw, tmp_path / "dist", cache=cache, jobs=1, **SMALL)
    shards, parts = len(shard_layout(raw, **SMALL)), len(part_rows(raw, **SMALL))
    assert (first.shards, first.reused_shards) == (shards, 0)
    again = build(raw, tmp_path / "dist", cache=cache, jobs=1, **SMALL)
    assert again.reused_shards == shards
    target = sorted(raw.glob("*.txt"))[13]
    target.write_text(target.read_text(encoding="utf-8") + "\nOne more sentence was added to the article.\n", encoding="utf-8")
    changed = build(raw, tmp_path / "dist", cache=cache, jobs=1, **SMALL)
    assert changed.reused_shards == shards - 1
    fresh = build(raw, tmp_path / "fresh", cache=False, jobs=1, **SMALL)
    assert fresh.documents == changed.documents == 25
    assert compare_trees(tmp_path / "fresh", tmp_path / "dist") == []
    # Only the part holding the changed document was rewritten; the cache keeps one build's worth.
    from corpus_pkg.tables import TABLES

    assert len(list((cache / "parts").glob("*.parquet"))) == parts * len(TABLES)
    assert len(list((cache / "shards").iterdir())) == shards


def test_adding_a_document_moves_no_other_boundary(tmp_path: Path, generate_corpus) -> None:
    """Shards and parts are cut where the ids say, so a new document redoes its own shard and rewrites its own
    part of each table; the other parts are the same files (with fixed slices, every later one shifted)."""
    raw = tmp_path / "raw"
    generate_corpus(raw, 60, seed=15)
    cache = tmp_path / "cache"
    sizes = dict(shard_documents=8, part_documents=16)
    before = shard_layout(raw, **sizes)
    build(raw, tmp_path / "dist", cache=cache, jobs=1, **sizes)
    old = {p.relative_to(tmp_path / "dist").as_posix(): p.read_bytes() for p in (tmp_path / "dist" / "data").rglob("*.parquet")}
    ids = sorted(p.name[: -len(".txt")] for p in raw.glob("*.txt"))
    new_id = ids[30] + "a"  # sorts right after the 31st document
    shutil.copy(raw / f"{ids[3]}.txt", raw / f"{new_id}.txt")
    meta = json.loads((raw / f"{ids[3]}.meta.json").read_text(encoding="utf-8"))
    meta["source"]["name"] = "A source of its own"  # so no line of another source changes sides as template
    (raw / f"{new_id}.meta.json").write_text(json.dumps(meta), encoding="utf-8")
    after = shard_layout(raw, **sizes)
    result = build(raw, tmp_path / "dist", cache=cache, jobs=1, **sizes)
    assert result.documents == 61 and len(before) >= 6
    assert result.reused_shards >= len(after) // 2 and len(part_rows(raw, **sizes)) >= 3
    new = {p.relative_to(tmp_path / "dist").as_posix(): p.read_bytes() for p in (tmp_path / "dist" / "data").rglob("*.parquet")}
    assert any(old.get(rel) == data for rel, data in new.items())  # files before the new id are kept as they were
    assert compare_trees(tmp_path / "dist", build(raw, tmp_path / "fresh", cache=False, jobs=1, **sizes).out) == []


def test_an_inserted_or_removed_id_moves_only_the_cuts_near_it() -> None:
    """At the default sizes, over 50,000 ids: each of 30 insertions and 30 removals changes exactly one part and
    one to four shards (1.3 at most on average) (a run cut at its maximum by position would change the next part too: with no backup
    cuts, 45% of insertions changed two parts or more)."""
    import random

    from corpus_pkg.shards import plan_bounds

    rnd = random.Random(3)
    ids = sorted(f"{rnd.getrandbits(64):016x}" for _ in range(50_000))

    def runs(ids: list[str]) -> tuple[set[tuple[str, ...]], set[tuple[str, ...]]]:
        bounds = plan_bounds(ids, 500, 10_000)
        parts: dict[int, list[str]] = {}
        for start, stop, part in bounds:
            parts.setdefault(part, []).extend(ids[start:stop])
        return {tuple(ids[a:b]) for a, b, _ in bounds}, {tuple(v) for v in parts.values()}

    shards, parts = runs(ids)
    assert max(map(len, shards)) <= 500 and max(map(len, parts)) <= 10_000
    assert sorted(map(len, parts))[1] >= 5_000  # only the last part may be shorter than half
    changed_shards = []
    for _ in range(30):
        gone = rnd.randrange(len(ids))
        for changed in (sorted(ids + [f"{rnd.getrandbits(64):016x}"]), ids[:gone] + ids[gone + 1 :]):
            new_shards, new_parts = runs(changed)
            assert len(new_parts - parts) == 1
            changed_shards.append(len(new_shards - shards))
    assert min(changed_shards) >= 1 and max(changed_shards) <= 4 and sum(changed_shards) / len(changed_shards) <= 1.3


def test_a_rebuild_notices_same_size_edits(tmp_path: Path, generate_corpus) -> None:
    """Stat fingerprints may skip rehashing, but not when the size or modification time changed."""
    raw = tmp_path / "raw"
    generate_corpus(raw, 6, seed=13)
    cache = tmp_path / "cache"
    build(raw, tmp_path / "dist", cache=cache, jobs=1)
    target = sorted(raw.glob("*.txt"))[2]
    text = target.read_text(encoding="utf-8")
    i = text.index("the ")
    target.write_text(text[:i] + "THE " + text[i + 4 :], encoding="utf-8")
    stat = target.stat()
    os.utime(target, ns=(stat.st_atime_ns, stat.st_mtime_ns + 5_000_000_000))
    result = build(raw, tmp_path / "dist", cache=cache, jobs=1)
    assert result.reused_shards == 0
    assert "THE " in load(tmp_path / "dist").documents["text"][2].as_py()


def test_a_failed_build_keeps_finished_shards(tmp_path: Path, generate_corpus) -> None:
    raw = tmp_path / "raw"
    generate_corpus(raw, 25, seed=14)
    sidecar = sorted(raw.glob("*.meta.json"))[7]
    good = sidecar.read_bytes()
    sidecar.write_text("{ not json", encoding="utf-8")
    cache = tmp_path / "cache"
    with pytest.raises(CorpusError) as err:
        build(raw, tmp_path / "dist", cache=cache, jobs=1, **SMALL)
    assert [i.code for i in err.value.issues if i.severity == "error"] == ["sidecar-invalid-json"]
    sidecar.write_bytes(good)
    result = build(raw, tmp_path / "dist", cache=cache, jobs=1, **SMALL)
    assert (result.documents, result.reused_shards) == (25, len(shard_layout(raw, **SMALL)) - 1)


def test_quiet_build_prints_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["build", "--raw", str(REPO / "raw"), "--out", str(tmp_path / "d"), "--quiet", "--no-cache"]) == 0
    assert capsys.readouterr() == ("", "")


def test_summary_line_and_no_bar_when_not_a_terminal(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["build", "--raw", str(REPO / "raw"), "--out", str(tmp_path / "d"), "--no-cache", "-j", "2"]) == 0
    out, err = capsys.readouterr()
    seeds = load(REPO / "dist")
    assert out.startswith(f"built {tmp_path / 'd'}: 4 documents, {seeds.blocks.num_rows} blocks, "
                          f"{seeds.removals.num_rows} removed spans, 0 warnings in ")
    assert out.rstrip().endswith("(4 cleaned, the rest from the cache; 1 shards, 0 found whole in the cache)")
    assert err == ""


def test_progress_bar_shows_rate_when_enabled(capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("tqdm")
    with Progress(1000, "cleaning", enabled=True) as bar:
        for _ in range(10):
            bar.advance(100)
    err = capsys.readouterr().err
    assert "cleaning" in err and "doc/s" in err


def test_part_size_must_be_positive(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["build", "--part-size", "0"]) == 2
    assert "at least 1" in capsys.readouterr().err
