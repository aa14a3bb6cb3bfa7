"""The compact listing pairs files, orders ids, plans shards and finds colliding ids exactly as discover and plan do."""
from __future__ import annotations

import os
import pickle
import unicodedata
from pathlib import Path

import pytest

from corpus_pkg.listing import Listing, ShardPlan
from corpus_pkg.pipeline import _identity_issues
from corpus_pkg.read import discover
from corpus_pkg.shards import plan

NAMES = ["a.txt", "a.meta.json", "b.html", "b.htm", "b.txt", "b.meta.json", "c.meta.json", "d.htm", "e.f.txt",
         "e.f.meta.json", ".hidden.txt", ".hidden.meta.json", "x.json", "meta.json", "z.meta.json.txt", "Ab.txt", "ab.txt",
         "ab.meta.json", unicodedata.normalize("NFD", "é.txt"), unicodedata.normalize("NFC", "é.txt"), "Straße.txt",
         "STRASSE.txt", "0.md", "9-9.TXT", "ü" * 40 + ".txt"]


@pytest.fixture()
def raw(tmp_path: Path) -> Path:
    raw = tmp_path / "raw"
    raw.mkdir()
    for name in NAMES:
        (raw / name).write_text("text\n", encoding="utf-8")
    (raw / "folder.txt").mkdir()  # folders are no files, whatever their name
    (raw / "link.txt").symlink_to(raw / "a.txt")  # links are kept, so that reading refuses them by name
    return raw


def test_the_listing_is_what_discover_finds(raw: Path) -> None:
    listing = Listing.scan(raw)
    assert listing.submissions() == tuple(discover(raw))
    assert len(listing) == len(discover(raw))


def test_colliding_ids_are_found_as_before(raw: Path) -> None:
    issues = Listing.scan(raw).identity_issues()
    assert [(i.code, i.file) for i in issues] == [(i.code, i.file) for i in _identity_issues(discover(raw))]
    assert len(issues) == 3  # Ab/ab, the two forms of é, Straße/STRASSE


def test_an_empty_folder_and_a_missing_one(tmp_path: Path) -> None:
    assert Listing.scan(tmp_path).submissions() == ()
    assert Listing.scan(tmp_path).identity_issues() == []
    with pytest.raises(Exception, match="raw folder not found"):
        Listing.scan(tmp_path / "nowhere")


@pytest.mark.parametrize("size, part_size", [(1, 1), (2, 5), (4, 12), (500, 10_000), (3, 2)])
def test_the_shard_plan_is_plan(raw: Path, size: int, part_size: int) -> None:
    shards = ShardPlan(Listing.scan(raw), min(size, part_size), part_size)
    expected = plan(discover(raw), min(size, part_size), part_size)
    def fields(s):
        return s.index, s.part, s.members, s.files, s.names

    assert [fields(s) for s in shards] == [fields(s) for s in expected]
    assert [shards.size(k) for k in range(len(shards))] == [len(s.members) for s in expected]
    assert [shards.part(k) for k in range(len(shards))] == [s.part for s in expected]
    assert fields(shards[-1]) == fields(expected[-1]) and [fields(s) for s in shards[1:3]] == [fields(s) for s in expected[1:3]]
    assert pickle.loads(pickle.dumps(shards[0])).members == expected[0].members  # as it travels to a worker


def test_many_files_in_chunks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from corpus_pkg import listing

    monkeypatch.setattr(listing, "_CHUNK", 7)
    for i in range(60):
        (tmp_path / f"doc{i % 50:03d}.txt").write_text("x", encoding="utf-8")
        (tmp_path / f"doc{i:03d}.meta.json").write_text("{}", encoding="utf-8")
    os.mkdir(tmp_path / "sub")
    assert Listing.scan(tmp_path).submissions() == tuple(discover(tmp_path))


def test_a_large_folder_is_announced_once_while_it_is_listed(raw: Path) -> None:
    calls: list[int] = []
    names = len([n for n in os.listdir(raw) if not n.startswith(".")])
    Listing.scan(raw, (names - 3, lambda: calls.append(1)))
    Listing.scan(raw, (names, lambda: calls.append(2)))  # never more than n names: not announced
    assert calls == [1]
