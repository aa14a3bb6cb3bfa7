"""The archival package: a BagIt 1.0 bag that bagit-python validates, holding everything needed to rebuild dist/."""
from __future__ import annotations

import filecmp
import hashlib
import json
from pathlib import Path

import bagit
import pytest

from corpus_pkg.archive import archive, validate_bag
from corpus_pkg.build import build
from corpus_pkg.cli import main
from corpus_pkg.model import CorpusError

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def bag(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return archive(tmp_path_factory.mktemp("archive") / "bag", ROOT / "raw", ROOT / "dist")


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def test_bagit_python_validates_a_1_0_bag_with_sha256_and_sha512(bag: Path) -> None:
    b = bagit.Bag(str(bag))
    b.validate()  # raises on any problem
    assert b.version_info == (1, 0)
    assert (bag / "bagit.txt").read_text(encoding="utf-8") == "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n"
    assert set(b.algorithms) == {"sha256", "sha512"}
    for name in ("manifest-sha256.txt", "manifest-sha512.txt", "tagmanifest-sha256.txt", "tagmanifest-sha512.txt", "bag-info.txt"):
        assert (bag / name).is_file(), name
    tagged = {line.split()[1] for line in (bag / "tagmanifest-sha512.txt").read_text(encoding="utf-8").splitlines()}
    assert tagged == {"bagit.txt", "bag-info.txt", "manifest-sha256.txt", "manifest-sha512.txt"}
    for line in (bag / "manifest-sha512.txt").read_text(encoding="utf-8").splitlines():
        digest, rel = line.split(maxsplit=1)
        assert hashlib.sha512((bag / rel).read_bytes()).hexdigest() == digest
    assert validate_bag(bag) == []


def test_bag_info_says_what_the_corpus_is(bag: Path) -> None:
    info = bagit.Bag(str(bag)).info
    version = json.loads((ROOT / "dist" / "datapackage.json").read_text(encoding="utf-8"))["version"]
    assert info["Corpus-Name"] == "wpk-corpus"
    assert info["Corpus-Version"] == version
    assert info["Document-Count"] == "4"
    assert info["Source-Date"] == "2026-11-22T00:00:00Z"
    assert info["Bagging-Date"] == "2026-11-22"
    assert info["Contact-Name"] == "corpus_pkg developers"
    assert info["External-Identifier"] == f"wpk-corpus-{version}"
    files = sum(1 for p in (bag / "data").rglob("*") if p.is_file())
    size = sum(p.stat().st_size for p in (bag / "data").rglob("*") if p.is_file())
    assert info["Payload-Oxum"] == f"{size}.{files}"


def test_payload_holds_raw_byte_for_byte_schemas_rules_and_dist(bag: Path) -> None:
    assert _tree(bag / "data" / "raw") == _tree(ROOT / "raw")
    assert _tree(bag / "data" / "dist") == _tree(ROOT / "dist")
    assert _tree(bag / "data" / "schemas") == _tree(ROOT / "schemas")
    assert filecmp.cmp(bag / "data" / "rules" / "rules.toml", ROOT / "corpus_pkg" / "clean" / "rules.toml", shallow=False)


def test_the_bag_rebuilds_its_own_dist(bag: Path) -> None:
    result = build(bag / "data" / "raw", bag / "data" / "dist", check=True)
    assert result.differences == []


def test_same_inputs_give_a_byte_identical_bag(bag: Path, tmp_path: Path) -> None:
    again = archive(tmp_path / "again", ROOT / "raw", ROOT / "dist")
    assert _tree(again) == _tree(bag)


def test_one_corrupted_payload_byte_fails_validation(bag: Path, tmp_path: Path) -> None:
    copy = archive(tmp_path / "copy", ROOT / "raw", ROOT / "dist")
    target = copy / "data" / "raw" / "001_dc7c636906634f1d.txt"
    data = bytearray(target.read_bytes())
    data[len(data) // 2] ^= 0x20
    target.write_bytes(bytes(data))
    with pytest.raises(bagit.BagValidationError):
        bagit.Bag(str(copy)).validate()
    issues = validate_bag(copy)
    assert issues and any("001_dc7c636906634f1d.txt" in i.message or i.file.endswith("001_dc7c636906634f1d.txt") for i in issues)
    assert main(["verify", str(copy)]) == 1
    assert main(["verify", str(bag)]) == 0


def test_an_archive_is_never_overwritten(bag: Path) -> None:
    before = _tree(bag)
    with pytest.raises(CorpusError, match="already exists"):
        archive(bag, ROOT / "raw", ROOT / "dist")
    assert _tree(bag) == before


def test_cli_archive_writes_a_valid_bag(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "cli-bag"
    assert main(["archive", str(out), "--raw", str(ROOT / "raw"), "--dist", str(ROOT / "dist")]) == 0
    assert "BagIt 1.0" in capsys.readouterr().out
    bagit.Bag(str(out)).validate()
    assert main(["archive", str(out), "--raw", str(ROOT / "raw"), "--dist", str(ROOT / "dist")]) == 1
