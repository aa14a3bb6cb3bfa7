"""Releases are immutable and content-addressed; diff lists what changed between versions and writes the changelog."""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from corpus_pkg.build import build
from corpus_pkg.cli import main
from corpus_pkg.diff import changelog_entry, diff, write_changelog
from corpus_pkg.model import CorpusError
from corpus_pkg.releases import INVENTORY, checkout, read_inventory, release, verify_store
from corpus_pkg.write import MANIFEST, file_sha256, package_files

ROOT = Path(__file__).resolve().parent.parent
NEW_DOC = """A New Document for the Second Release

A short course was reported again, in a second article kept for this test of releases and diffs.

It has two paragraphs, so that the cleaner keeps a title and body text.
"""


def _build_version(raw_src: Path, base: Path, version: str) -> Path:
    raw = base / "raw"
    shutil.copytree(raw_src, raw)
    toml = (raw / "corpus.toml").read_text(encoding="utf-8")
    (raw / "corpus.toml").write_text(re.sub(r'(?m)^version = ".*"$', f'version = "{version}"', toml), encoding="utf-8")
    return raw


@pytest.fixture(scope="module")
def v1(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed corpus as version 0.1.0, whatever version raw/ is at now."""
    base = tmp_path_factory.mktemp("v1")
    build(_build_version(ROOT / "raw", base, "0.1.0"), base / "dist")
    return base / "dist"


@pytest.fixture(scope="module")
def v2(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A second version of the corpus: one text edited, one document removed, one added, one sidecar changed."""
    base = tmp_path_factory.mktemp("v2")
    raw = _build_version(ROOT / "raw", base, "0.2.0")
    edited = raw / "001_dc7c636906634f1d.txt"
    edited.write_bytes(edited.read_bytes().replace(b"from April 9 to 11", b"from April 9 to 12"))
    for suffix in (".txt", ".meta.json"):
        (raw / f"003_f5b41f0f486e9f3b{suffix}").unlink()
    (raw / "004_0a1b2c3d4e5f6a7b.txt").write_text(NEW_DOC, encoding="utf-8")
    shutil.copyfile(raw / "000_9cee9eecd106a168.meta.json", raw / "004_0a1b2c3d4e5f6a7b.meta.json")
    sidecar = json.loads((raw / "002_14bd1e16ebf52595.meta.json").read_text(encoding="utf-8"))
    sidecar["retrieved"] = "2026-01-02T03:04:05Z"
    (raw / "002_14bd1e16ebf52595.meta.json").write_text(json.dumps(sidecar, indent=2) + "\n", encoding="utf-8")
    result = build(raw, base / "dist")
    assert result.documents == 4
    return base / "dist"


def _snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_release_is_immutable_and_append_only(v1: Path, v2: Path, tmp_path: Path) -> None:
    store = tmp_path / "releases"
    first = release(v1, store, message="first")
    assert first.version == "0.1.0" and MANIFEST in first.files
    v1_files = _snapshot(store / "0.1.0")
    with pytest.raises(CorpusError, match="already released"):
        release(v1, store)
    second = release(v2, store, message="second")
    assert _snapshot(store / "0.1.0") == v1_files  # the old release is untouched
    inventory = read_inventory(store)
    assert inventory["head"] == "0.2.0" and list(inventory["versions"]) == ["0.1.0", "0.2.0"]
    assert inventory["versions"]["0.2.0"]["message"] == "second"
    assert inventory["versions"]["0.2.0"]["created"] == "2026-11-22T00:00:00Z"
    # unchanged files are stored once: 0.2.0's content holds only what differs from 0.1.0
    stored = {p.relative_to(store / "0.2.0" / "content").as_posix() for p in (store / "0.2.0").rglob("*") if p.is_file()}
    changed = {rel for rel, digest in second.files.items() if first.files.get(rel) != digest}
    assert stored == changed and "data/documents.parquet" in stored
    assert verify_store(store) == []
    # each version checks out byte for byte
    assert _snapshot(checkout(store, "0.1.0", tmp_path / "co1")) == _snapshot(v1)
    assert _snapshot(checkout(store, "0.2.0", tmp_path / "co2")) == _snapshot(v2)


def test_older_version_cannot_follow_a_newer_one(v1: Path, v2: Path, tmp_path: Path) -> None:
    store = tmp_path / "releases"
    release(v2, store)
    with pytest.raises(CorpusError, match="not newer"):
        release(v1, store)


def test_tampering_with_a_release_is_found(v1: Path, tmp_path: Path) -> None:
    store = tmp_path / "releases"
    release(v1, store)
    target = store / "0.1.0" / "content" / "data" / "removals.parquet"
    target.chmod(0o644)
    target.write_bytes(target.read_bytes()[:-1] + b"X")
    assert [i.code for i in verify_store(store)] == ["checksum-mismatch"]
    inventory = store / INVENTORY
    inventory.write_text(inventory.read_text(encoding="utf-8").replace("first", "First"), encoding="utf-8")
    inventory.write_bytes(inventory.read_bytes() + b" ")
    with pytest.raises(CorpusError, match="changed outside corpus-pkg"):
        release(v1, store)


def test_diff_lists_added_removed_changed_and_writes_the_changelog(v1: Path, v2: Path, tmp_path: Path) -> None:
    d = diff(v1, v2)
    assert (d.old_version, d.new_version) == ("0.1.0", "0.2.0")
    assert [i for i, _, _ in d.added] == ["004_0a1b2c3d4e5f6a7b"]
    assert [i for i, _, _ in d.removed] == ["003_f5b41f0f486e9f3b"]
    assert [c.id for c in d.changed] == ["001_dc7c636906634f1d"]
    change = d.changed[0]
    assert any(line.startswith("-") and "April 9 to 11" in line for line in change.diff)
    assert any(line.startswith("+") and "April 9 to 12" in line for line in change.diff)
    assert change.old_sha256 != change.new_sha256
    assert d.metadata_changed == [("002_14bd1e16ebf52595", ["retrieved", "sidecar_sha256"])]

    changelog = tmp_path / "CHANGELOG.md"
    write_changelog(changelog, changelog_entry(diff(v1, v1), "2026-11-22T00:00:00Z"))
    write_changelog(changelog, changelog_entry(d, "2026-12-01T00:00:00Z"))
    text = changelog.read_text(encoding="utf-8")
    assert text.index("## [0.2.0] - 2026-12-01") < text.index("## [0.1.0] - 2026-11-22")
    assert "### Added\n\n- `004_0a1b2c3d4e5f6a7b`" in text and "### Removed\n\n- `003_f5b41f0f486e9f3b`" in text
    with pytest.raises(CorpusError, match="already has an entry"):
        write_changelog(changelog, changelog_entry(d))


def test_cli_release_and_diff_by_version(v1: Path, v2: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store = str(tmp_path / "releases")
    assert main(["release", "--dist", str(v1), "--store", store, "-m", "first"]) == 0
    assert main(["release", "--dist", str(v2), "--store", store, "-m", "second"]) == 0
    assert main(["release", "--dist", str(v2), "--store", store]) == 1
    capsys.readouterr()
    changelog = tmp_path / "CHANGELOG.md"
    assert main(["diff", "0.1.0", "0.2.0", "--store", store, "--format", "json", "--changelog", str(changelog)]) == 0
    out = json.loads(capsys.readouterr().out)
    assert [c["id"] for c in out["changed"]] == ["001_dc7c636906634f1d"]
    assert "## [0.2.0] - 2026-11-22" in changelog.read_text(encoding="utf-8")
    assert main(["diff", "none", "0.1.0", "--store", store]) == 0
    assert capsys.readouterr().out.startswith("none → 0.1.0: 4 added, 0 removed, 0 changed")
    assert main(["diff", "0.1.0", "9.9.9", "--store", store]) == 1
    assert "no release '9.9.9'" in capsys.readouterr().err


def test_the_committed_release_store_is_sound() -> None:
    assert verify_store(ROOT / "releases") == []
    inventory = read_inventory(ROOT / "releases")
    assert inventory["head"] in inventory["versions"]
    for version in inventory["versions"]:
        files = inventory["versions"][version]["state"]
        assert any(MANIFEST in rels for rels in files.values())


def test_dist_is_not_a_changed_copy_of_a_released_version() -> None:
    inventory = read_inventory(ROOT / "releases")
    version = json.loads((ROOT / "dist" / "datapackage.json").read_text(encoding="utf-8")).get("version")
    if version not in inventory["versions"]:
        return  # an unreleased version may change freely
    released = {rel: digest for digest, rels in inventory["versions"][version]["state"].items() for rel in rels}
    current = {rel: file_sha256(ROOT / "dist" / rel) for rel in [*package_files(ROOT / "dist"), MANIFEST]}
    assert current == released, (
        f"dist/ has version {version}, which is released with other files: bump `version` in raw/corpus.toml "
        f"(or, if {version} was never published, remove releases/ and run `corpus-pkg release` again)")
