"""The gallery of broken submissions: each case must produce exactly its expected issues, in every output format."""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from corpus_pkg import validate
from corpus_pkg.checks import CODES
from corpus_pkg.cli import main

GALLERY = Path(__file__).parent / "data" / "gallery"
CASES = sorted(p.name for p in GALLERY.iterdir() if (p / "expected.json").is_file())

TEXT_LINE = re.compile(r"^(?P<file>\S+?)(?::(?P<line>\d+))?(?: /\S*)?: (?:error|warning) \[(?P<code>[a-z0-9-]+)\] ")
GITHUB_LINE = re.compile(r"^::(?:error|warning) file=(?P<file>[^,]+)(?:,line=(?P<line>\d+))?,title=(?P<code>[a-z0-9-]+)::")


def expected(case: str) -> list[tuple[str, str, int | None]]:
    data = json.loads((GALLERY / case / "expected.json").read_text(encoding="utf-8"))
    return sorted((i["code"], i["file"], i["line"]) for i in data["issues"])


def run(case_dir: Path, fmt: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> tuple[int, str]:
    monkeypatch.chdir(case_dir)
    status = main(["validate", "--no-cache", "--format", fmt])
    return status, capsys.readouterr().out


def parsed(pattern: re.Pattern[str], output: str) -> list[tuple[str, str, int | None]]:
    found = []
    for line in output.splitlines():
        m = pattern.match(line)
        if m:
            found.append((m["code"], m["file"], int(m["line"]) if m["line"] else None))
    return sorted(found)


@pytest.mark.parametrize("case", CASES)
def test_case_json(case: str, capsys, monkeypatch) -> None:
    status, out = run(GALLERY / case, "json", capsys, monkeypatch)
    report = json.loads(out)
    got = sorted((i["code"], i["file"], i["line"]) for i in report["issues"])
    assert got == expected(case)
    assert status == (1 if got else 0)
    assert report["valid"] is (not got)


@pytest.mark.parametrize("case", CASES)
def test_case_text(case: str, capsys, monkeypatch) -> None:
    status, out = run(GALLERY / case, "text", capsys, monkeypatch)
    assert parsed(TEXT_LINE, out) == expected(case)
    assert out.splitlines()[-1].startswith("FAILED" if expected(case) else "OK")
    assert "\033[" not in out  # not a terminal: no colour
    assert status == (1 if expected(case) else 0)


@pytest.mark.parametrize("case", CASES)
def test_case_github(case: str, capsys, monkeypatch) -> None:
    status, out = run(GALLERY / case, "github", capsys, monkeypatch)
    assert parsed(GITHUB_LINE, out) == expected(case)
    assert status == (1 if expected(case) else 0)


@pytest.mark.parametrize("case", CASES)
def test_cli_json_equals_api(case: str, capsys, monkeypatch) -> None:
    status, out = run(GALLERY / case, "json", capsys, monkeypatch)
    assert json.loads(out) == validate("raw", cache="").as_dict()


def test_every_code_has_a_case() -> None:
    """Each code has its own case folder, except those that need a missing dependency, a pipeline bug or a
    file system that can hold two names differing only by case (id-collision: built in a temporary folder below)."""
    untestable_here = {"language-unchecked", "duplicate-unchecked", "document-schema", "id-collision"}
    assert set(CODES) - untestable_here <= set(CASES)
    for case in CASES:
        assert {code for code, _, _ in expected(case)} <= set(CODES)


def test_id_collision(tmp_path: Path, capsys, monkeypatch) -> None:
    shutil.copytree(GALLERY / "clean" / "raw", tmp_path / "raw")
    (tmp_path / "raw" / "Valley-Harvest.txt").write_text((GALLERY / "duplicate-near" / "raw" / "library-reprint.txt").read_text().replace("library", "hall"))
    shutil.copy(tmp_path / "raw" / "valley-harvest.meta.json", tmp_path / "raw" / "Valley-Harvest.meta.json")
    status, out = run(tmp_path, "json", capsys, monkeypatch)
    got = sorted((i["code"], i["file"]) for i in json.loads(out)["issues"])
    assert ("id-collision", "raw/Valley-Harvest.txt") in got and ("id-collision", "raw/valley-harvest.txt") in got
    assert status == 1
