from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path
from typing import Callable

import pytest

REPO = Path(__file__).resolve().parents[1]
RAW = REPO / "raw"
DIST = REPO / "dist"


@pytest.fixture
def raw_copy(tmp_path: Path) -> Path:
    """A private copy of the seed raw/ folder that a test may change."""
    dst = tmp_path / "raw"
    shutil.copytree(RAW, dst)
    return dst


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seeds built once into a temporary package folder, shared by read-only tests."""
    from corpus_pkg.build import build

    out = tmp_path_factory.mktemp("pkg") / "dist"
    build(RAW, out)
    return out


@pytest.fixture(scope="session")
def generate_corpus() -> Callable[..., None]:
    """`benchmarks/generate.py`'s generate(out, n, seed=...): synthetic raw documents with sidecars."""
    spec = importlib.util.spec_from_file_location("corpus_generate", REPO / "benchmarks" / "generate.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.generate


def shard_layout(raw: Path, shard_documents: int, part_documents: int) -> list[tuple[int, int, int]]:
    """(start, stop, part) of each shard a build of ``raw`` makes with these sizes (cut by the ids' hashes)."""
    from corpus_pkg.listing import Listing, ShardPlan

    return ShardPlan(Listing.scan(raw), min(shard_documents, part_documents), part_documents).bounds


def part_rows(raw: Path, shard_documents: int, part_documents: int) -> list[int]:
    """Documents in each published part of each table."""
    rows: dict[int, int] = {}
    for start, stop, part in shard_layout(raw, shard_documents, part_documents):
        rows[part] = rows.get(part, 0) + stop - start
    return [rows[p] for p in sorted(rows)]
