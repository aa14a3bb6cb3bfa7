"""Rebuilds that reuse what the cache knows (parts, their sha256 and statistics, the package's stamp) stay exact."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from corpus_pkg import stamps
from corpus_pkg.build import build, compare_trees
from corpus_pkg.card import render
from corpus_pkg.stats import compute
from corpus_pkg.verify import verify
from corpus_pkg.write import resource_files, resource_location

SMALL = dict(shard_documents=4, part_documents=12)  # 30 documents: 8 shards in 3 parts per table


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory, generate_corpus) -> Path:
    raw = tmp_path_factory.mktemp("incremental") / "raw"
    generate_corpus(raw, 30, seed=11)
    for path in raw.iterdir():  # older than the cache's one-second window for same-second edits
        os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns - 10**10))
    return raw


@pytest.fixture(scope="module")
def reference(synthetic: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("reference") / "dist"
    build(synthetic, out, jobs=1, cache=False, **SMALL)
    return out


def test_the_card_from_cached_part_statistics_is_the_card_from_the_tables(synthetic: Path, reference: Path, tmp_path: Path) -> None:
    out, cache = tmp_path / "dist", tmp_path / "cache"
    build(synthetic, out, jobs=1, cache=cache, **SMALL)
    build(synthetic, out, jobs=1, cache=cache, **SMALL)  # every part and its statistics from the cache
    assert compare_trees(reference, out) == []
    descriptor = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    files = {resource_location(r): sum((out / f).stat().st_size for f in resource_files(r)) for r in descriptor["resources"]}
    assert render(descriptor, compute(out), files) == (out / "README.md").read_text(encoding="utf-8")


def test_a_damaged_part_in_the_cache_is_written_again(synthetic: Path, reference: Path, tmp_path: Path) -> None:
    out, cache = tmp_path / "dist", tmp_path / "cache"
    build(synthetic, out, jobs=1, cache=cache, **SMALL)
    stored = sorted((cache / "parts").glob("*.parquet"), key=lambda p: p.stat().st_size)[-1]
    data = bytearray(stored.read_bytes())
    data[len(data) // 2] ^= 0xFF
    stored.write_bytes(bytes(data))
    build(synthetic, out, jobs=1, cache=cache, **SMALL)
    assert compare_trees(reference, out) == [] and verify(out) == []


def test_unchanged_parts_are_linked_from_the_cache_and_an_edit_in_place_is_undone(synthetic: Path, reference: Path,
                                                                                   tmp_path: Path) -> None:
    out, cache = tmp_path / "dist", tmp_path / "cache"
    build(synthetic, out, jobs=1, cache=cache, **SMALL)
    build(synthetic, out, jobs=1, cache=cache, **SMALL)
    stored = {p.stat().st_ino for p in (cache / "parts").glob("*.parquet")}
    published = sorted((out / "data").rglob("*.parquet"))
    assert published and all(p.stat().st_ino in stored for p in published)  # not written a second time
    data = bytearray(published[0].read_bytes())
    data[len(data) // 2] ^= 0xFF
    with open(published[0], "r+b") as f:  # in place: the cache's copy is the same file
        f.write(bytes(data))
    build(synthetic, out, jobs=1, cache=cache, **SMALL)
    assert compare_trees(reference, out) == [] and verify(out) == []


def test_hand_edits_are_reported_when_the_stamp_no_longer_matches(synthetic: Path, tmp_path: Path) -> None:
    out, cache = tmp_path / "dist", tmp_path / "cache"
    build(synthetic, out, jobs=1, cache=cache, **SMALL)
    again = build(synthetic, out, jobs=1, cache=cache, **SMALL)
    assert not [i for i in again.issues if i.code == "dist-modified"]
    assert stamps.unchanged(out, cache)
    card = out / "README.md"
    card.write_text(card.read_text(encoding="utf-8") + "a note\n", encoding="utf-8")
    assert not stamps.unchanged(out, cache)
    edited = build(synthetic, out, jobs=1, cache=cache, **SMALL)
    assert [i.code for i in edited.issues if i.code == "dist-modified"] == ["dist-modified"]
    assert stamps.unchanged(out, cache)  # recorded again for the package just built


def test_a_recent_file_is_hashed_even_when_its_metadata_matches(synthetic: Path, tmp_path: Path) -> None:
    out, cache = tmp_path / "dist", tmp_path / "cache"
    build(synthetic, out, jobs=1, cache=cache, **SMALL)
    card = out / "README.md"
    before = card.stat()
    text = card.read_bytes()
    card.write_bytes(text.replace(b"documents", b"Documents", 1))  # same size
    os.utime(card, ns=(before.st_atime_ns, before.st_mtime_ns))  # and the same time: only a hash can tell
    stamp = json.loads((cache / stamps.STAMP).read_bytes())
    stamp["recorded_ns"] = before.st_mtime_ns  # as if recorded in the same second as the edit
    (cache / stamps.STAMP).write_text(json.dumps(stamp), encoding="utf-8")
    assert not stamps.unchanged(out, cache)


def test_parts_are_copied_where_links_are_refused(synthetic: Path, reference: Path, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(src, dest):
        raise OSError(18, "Invalid cross-device link")

    monkeypatch.setattr(os, "link", refuse)  # a cache on another file system than the package
    out, cache = tmp_path / "dist", tmp_path / "cache"
    build(synthetic, out, jobs=1, cache=cache, **SMALL)
    build(synthetic, out, jobs=1, cache=cache, **SMALL)
    stored = {p.stat().st_ino for p in (cache / "parts").glob("*.parquet")}
    assert not any(p.stat().st_ino in stored for p in (out / "data").rglob("*.parquet"))
    assert compare_trees(reference, out) == [] and verify(out) == []
