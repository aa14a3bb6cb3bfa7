"""A rebuild after one document changed, was added or was removed processes that document alone: the other
members of its shard keep their rows and issues from the shard that stood there, and the package is the same
bytes as a build from scratch."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from corpus_pkg.build import build, compare_trees

SIZES = dict(shard_documents=12, part_documents=20)  # 30 documents: a few shards of several members each


def _age(raw: Path) -> None:
    """Older than the cache's one-second window for same-second edits, as files from a checkout are."""
    for path in raw.iterdir():
        os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns - 10**10))


@pytest.fixture()
def corpus(tmp_path: Path, generate_corpus) -> tuple[Path, Path, Path]:
    raw, out, cache = tmp_path / "raw", tmp_path / "dist", tmp_path / "cache"
    generate_corpus(raw, 30, seed=23)
    _age(raw)
    build(raw, out, jobs=1, cache=cache, **SIZES)
    return raw, out, cache


def _shards(cache: Path) -> dict[str, dict]:
    return {p.parent.name: json.loads(p.read_bytes()) for p in (cache / "shards").glob("*/done.json")}


def _processed_by_rebuild(cache: Path, raw: Path, out: Path) -> tuple[int, object]:
    """Rebuild; the documents it processed (summed over the shards it made), and its result."""
    before = set(_shards(cache))
    result = build(raw, out, jobs=1, cache=cache, **SIZES)
    made = {k: d for k, d in _shards(cache).items() if k not in before}
    assert made, "something changed, so some shard is new"
    return sum(d["processed"] for d in made.values()), result


def _fresh(raw: Path, tmp_path: Path):
    out = tmp_path / "fresh"
    result = build(raw, out, jobs=1, cache=False, **SIZES)
    return out, result


def _issues(result) -> list[dict]:
    return sorted((i.as_dict() for i in result.issues), key=lambda d: json.dumps(d, sort_keys=True))


def _texts(raw: Path) -> list[Path]:
    return sorted(p for p in raw.iterdir() if p.suffix == ".txt")


def test_an_edited_document_is_the_only_one_processed_again(corpus, tmp_path: Path) -> None:
    raw, out, cache = corpus
    edited = _texts(raw)[13]
    edited.write_text(edited.read_text(encoding="utf-8") + "\nA sentence added by a later correction of the "
                      "article, long enough to be read as a paragraph of its own and not as a template line.\n",
                      encoding="utf-8")
    processed, result = _processed_by_rebuild(cache, raw, out)
    assert processed == 1 and result.processed == 1  # the summary line says it too
    fresh, fresh_result = _fresh(raw, tmp_path)
    assert fresh_result.processed == 30
    assert compare_trees(fresh, out) == []
    assert _issues(result) == _issues(fresh_result)


def test_an_added_document_is_the_only_one_processed(corpus, tmp_path: Path) -> None:
    raw, out, cache = corpus
    source = _texts(raw)[7]
    new_id = source.name[: -len(".txt")] + "_b"
    (raw / f"{new_id}.txt").write_text(source.read_text(encoding="utf-8") + "\nA later paragraph that makes this "
                                        "page another version of the first, long enough to be a paragraph.\n",
                                        encoding="utf-8")
    sidecar = json.loads((raw / f"{source.name[: -len('.txt')]}.meta.json").read_text(encoding="utf-8"))
    # A site of its own: a copy under the same site would add evidence to that site's template lines, and every
    # document of the site whose template lines it changed would be processed again (the next test).
    sidecar["source"] = {"name": "A bulletin nobody else republishes", "url": "https://bulletin.example.org/2"}
    (raw / f"{new_id}.meta.json").write_text(json.dumps(sidecar), encoding="utf-8")
    processed, result = _processed_by_rebuild(cache, raw, out)
    fresh, fresh_result = _fresh(raw, tmp_path)
    assert compare_trees(fresh, out) == []
    assert _issues(result) == _issues(fresh_result)
    assert processed == 1


def test_a_removed_document_means_no_document_is_processed(corpus, tmp_path: Path) -> None:
    raw, out, cache = corpus
    gone = _texts(raw)[16]
    gone.unlink()
    gone.with_name(gone.name[: -len(".txt")] + ".meta.json").unlink()
    processed, _ = _processed_by_rebuild(cache, raw, out)
    assert processed == 0  # the cuts after it moved, and the members they moved are found where they were
    fresh, _ = _fresh(raw, tmp_path)
    assert compare_trees(fresh, out) == []


def test_other_template_lines_mean_every_member_is_processed_again(corpus, tmp_path: Path) -> None:
    """The rows of a document depend on its source's template lines: a shard built with others is not reused."""
    raw, out, cache = corpus
    texts = _texts(raw)
    line = "Subscribe to the Morning Bulletin for the day's top stories"
    for path in texts:  # a new footer line on every page: template for each source from now on
        path.write_text(path.read_text(encoding="utf-8") + f"\n{line}\n", encoding="utf-8")
    processed, _ = _processed_by_rebuild(cache, raw, out)
    assert processed == len(texts)
    fresh, _ = _fresh(raw, tmp_path)
    assert compare_trees(fresh, out) == []


def test_a_damaged_stored_shard_is_not_used(corpus, tmp_path: Path) -> None:
    """A stored shard whose tables no longer agree with its done-marker: its members are processed again."""
    raw, out, cache = corpus
    for done in (cache / "shards").glob("*/done.json"):  # every stored shard claims one block row more
        data = json.loads(done.read_bytes())
        data["member_rows"][0][1] += 1
        done.write_text(json.dumps(data), encoding="utf-8")
    edited = _texts(raw)[13]
    edited.write_text(edited.read_text(encoding="utf-8") + "\nA sentence added by a later correction, long enough "
                      "to be read as a paragraph of its own and not as a template line.\n", encoding="utf-8")
    processed, result = _processed_by_rebuild(cache, raw, out)
    assert processed > 1  # its shard's members could not be taken from the damaged shard
    fresh, fresh_result = _fresh(raw, tmp_path)
    assert compare_trees(fresh, out) == []
