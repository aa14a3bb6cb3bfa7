"""Fixity: any flipped byte in a package is found and the damaged file named; Parquet pages carry checksums."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from corpus_pkg.load import load
from corpus_pkg.model import CorpusError
from corpus_pkg.verify import verify
from corpus_pkg.write import MANIFEST, file_sha256, write_manifest

DIST = Path(__file__).resolve().parent.parent / "dist"


@pytest.fixture()
def package(tmp_path: Path) -> Path:
    root = tmp_path / "dist"
    shutil.copytree(DIST, root)
    return root


def _flip(path: Path, offset: int) -> bytes:
    data = path.read_bytes()
    damaged = bytearray(data)
    damaged[offset] ^= 0x01  # one bit: the smallest possible damage
    path.write_bytes(bytes(damaged))
    return data


def _offsets(size: int, count: int = 16) -> list[int]:
    return sorted({0, size - 1, *(size * k // count for k in range(count))})


def test_package_verifies_clean(package: Path) -> None:
    assert verify(package) == []


def test_every_flipped_byte_is_detected_and_the_file_named(package: Path) -> None:
    files = sorted(p for p in package.rglob("*") if p.is_file())
    assert {"README.md", "croissant.json", "datapackage.json", MANIFEST} <= {p.name for p in files}
    checked = 0
    for path in files:
        rel = path.relative_to(package).as_posix()
        for offset in _offsets(path.stat().st_size):
            original = _flip(path, offset)
            try:
                issues = verify(package)
            finally:
                path.write_bytes(original)
            assert issues, f"flipping byte {offset} of {rel} went unnoticed"
            named = [i for i in issues if i.file == str(path) or rel in i.message]
            if path.name == MANIFEST:  # a damaged manifest line is reported against the manifest or the entry it lists
                named += [i for i in issues if MANIFEST in i.message or i.file.endswith(MANIFEST)]
            assert named, f"flipping byte {offset} of {rel}: no issue names it: {[i.render() for i in issues]}"
            checked += 1
    assert verify(package) == []
    assert checked > 120


def _corrupt_last_page(path: Path) -> None:
    """Flip a bit inside the last data page of the `text` column chunk (compressed payload, not the header)."""
    meta = pq.ParquetFile(path).metadata.row_group(0)
    col = next(meta.column(i) for i in range(meta.num_columns) if meta.column(i).path_in_schema == "text")
    start = col.dictionary_page_offset or col.data_page_offset
    _flip(path, start + col.total_compressed_size - 3)


def test_page_checksums_catch_damage_that_the_manifest_was_updated_to_hide(package: Path) -> None:
    table = package / "data" / "documents.parquet"
    _corrupt_last_page(table)
    # Re-seal the damaged file: descriptor hash and manifest now agree with it, so only page CRCs can tell.
    descriptor = json.loads((package / "datapackage.json").read_text(encoding="utf-8"))
    for res in descriptor["resources"]:
        if res["name"] == "documents":
            res["hash"] = f"sha256:{file_sha256(table)}"
    (package / "datapackage.json").write_text(json.dumps(descriptor, indent=2), encoding="utf-8")
    write_manifest(package)
    issues = verify(package)
    assert [(i.code, i.file) for i in issues] == [("parquet-damaged", str(table))]
    assert "CRC" in issues[0].message
    with pytest.raises(OSError, match="CRC"):
        pq.read_table(table, page_checksum_verification=True)


def test_load_refuses_a_damaged_table(package: Path) -> None:
    _flip(package / "data" / "blocks.parquet", 200)
    corpus = load(package)
    assert corpus.documents.num_rows == 4  # undamaged tables still read
    with pytest.raises(CorpusError, match="blocks.parquet"):
        corpus.blocks


def test_load_refuses_a_damaged_descriptor(package: Path) -> None:
    _flip(package / "datapackage.json", 40)
    with pytest.raises(CorpusError, match="datapackage.json"):
        load(package)
