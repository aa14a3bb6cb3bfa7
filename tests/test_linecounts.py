"""The template pass as shard tasks: per-shard counts merged a key range at a time give exactly the whole-corpus index."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from corpus_pkg import linecounts
from corpus_pkg.linecounts import CountTask, corpus_templates, count_shard, template_lines
from corpus_pkg.pipeline import source_key, template_index
from corpus_pkg.read import discover, read_sidecar
from corpus_pkg.shards import plan



@pytest.fixture(scope="module")
def raw(tmp_path_factory: pytest.TempPathFactory, generate_corpus) -> Path:
    """40 generated documents regrouped into 3 sources (the generator spreads them over 97), so lines recur."""
    out = tmp_path_factory.mktemp("lines") / "raw"
    generate_corpus(out, 40, seed=3)
    for i, path in enumerate(sorted(out.glob("*.meta.json"))):
        meta = json.loads(path.read_text(encoding="utf-8"))
        meta["source"]["name"] = f"Site {i % 3}" if i < 37 else "Lonely"  # "Lonely" has too few documents
        path.write_text(json.dumps(meta), encoding="utf-8")
    return out


def _counted(raw: Path, tmp_path: Path, size: int) -> list[linecounts.CountResult]:
    shards = plan(discover(raw), size)
    return [count_shard(CountTask(s, str(raw), str(tmp_path / "cache"), "test")) for s in shards]


@pytest.mark.parametrize("size, slice_rows", [(40, 1 << 18), (6, 1 << 18), (6, 5), (1, 64)])
def test_counts_merged_by_key_range_equal_the_whole_corpus_index(raw: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                 size: int, slice_rows: int) -> None:
    monkeypatch.setattr(linecounts, "SLICE_ROWS", slice_rows)
    index = template_index(discover(raw))
    sources = {source_key(read_sidecar(p)[1]) for p in raw.glob("*.meta.json")}
    expected = {s: index.lines(s) for s in sources if index.lines(s)}
    assert set(expected) == {"site 0", "site 1", "site 2"}  # the test corpus has template lines, and Lonely none
    assert template_lines(_counted(raw, tmp_path, size)) == expected


def test_each_shard_gets_the_template_lines_of_its_own_sources(raw: Path, tmp_path: Path) -> None:
    results = _counted(raw, tmp_path, 6)
    lines = template_lines(results)
    per_shard = corpus_templates(results, tmp_path / "cache")
    assert len(per_shard) == len(results)
    for r, templates in zip(results, per_shard):
        assert templates.by_source == {s: lines[s] for s in r.documents if s in lines}
    again = corpus_templates(results, tmp_path / "cache")  # the merge read back from the cache
    assert [t.digest() for t in again] == [t.digest() for t in per_shard]


def test_counts_are_reused_until_a_file_changes(raw: Path, tmp_path: Path) -> None:
    import os
    import shutil

    copy = tmp_path / "raw"
    shutil.copytree(raw, copy)
    for path in copy.iterdir():  # older than the one-second window in which edits are never trusted
        os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns - 10**10))
    first = _counted(copy, tmp_path, 6)
    assert not any(r.cached for r in first)
    again = _counted(copy, tmp_path, 6)
    assert all(r.cached for r in again) and [r.digest for r in again] == [r.digest for r in first]
    assert len(first) >= 3
    hit = len(first) // 2  # a shard in the middle
    victim = plan(discover(copy), 6)[hit].members[0].raw_path
    victim.write_text(victim.read_text(encoding="utf-8") + "\nA new short line.\n", encoding="utf-8")
    changed = _counted(copy, tmp_path, 6)
    assert [r.cached for r in changed] == [i != hit for i in range(len(changed))]
    assert changed[hit].digest != first[hit].digest


def test_tally_counts_each_key_per_source_as_a_counter_does() -> None:
    import random
    from collections import Counter

    rng = random.Random(1)
    for _ in range(100):
        docs = [(rng.choice(["a", "b", "é", "B"]),
                 {rng.choice([0, 7, 2**63, 2**64 - 1, rng.getrandbits(64)]) for _ in range(rng.randint(0, 8))})
                for _ in range(rng.randint(0, 20))]
        counts: Counter[tuple[int, str]] = Counter()
        for source, keys in docs:
            counts.update((k, source) for k in keys)
        ordered = sorted(counts.items())
        keys, sources, numbers = linecounts.tally([k for _, ks in docs for k in ks], [(s, len(ks)) for s, ks in docs])
        assert keys.tolist() == [k for (k, _), _ in ordered]
        assert sources == [s for (_, s), _ in ordered]
        assert numbers.tolist() == [n for _, n in ordered]
