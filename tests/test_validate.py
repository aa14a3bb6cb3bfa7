"""validate(): targeting (--changed-since, files), the corpus baseline from dist/, settings, exit statuses, positions."""
from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from corpus_pkg import validate
from corpus_pkg.checks import Settings, SettingsError, sidecar_issues
from corpus_pkg.cli import main
from corpus_pkg.jsonpos import line_of, pointer_lines
from corpus_pkg.model import Issue
from corpus_pkg.validate import Report

GALLERY = Path(__file__).parent / "data" / "gallery"
REPO = Path(__file__).parent.parent


def codes(report) -> list[tuple[str, str]]:
    return sorted((i.code, Path(i.file).name) for i in report.issues)


def git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args], cwd=cwd, check=True,
                   capture_output=True)


def test_pointer_lines() -> None:
    text = '{\n  "a": 1,\n  "b": {\n    "c": [\n      "x",\n      {"d": null}\n    ]\n  },\n  "e~/f": "y"\n}\n'
    lines = pointer_lines(text)
    assert lines[""] == 1 and lines["/a"] == 2 and lines["/b"] == 3 and lines["/b/c"] == 4
    assert lines["/b/c/0"] == 5 and lines["/b/c/1"] == 6 and lines["/b/c/1/d"] == 6 and lines["/e~0~1f"] == 9
    assert line_of(lines, "/b/missing") == 3


def test_changed_since_checks_only_new_documents_but_compares_with_all(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    shutil.copytree(GALLERY / "clean" / "raw", raw)
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-qm", "corpus")
    reprint = GALLERY / "duplicate-near" / "raw"
    shutil.copy(reprint / "library-reprint.txt", raw)
    shutil.copy(reprint / "library-reprint.meta.json", raw)
    report = validate(raw_dir=raw, paths=[raw], changed_since="HEAD", cache="")
    assert report.checked == 1
    assert codes(report) == [("duplicate-near", "library-reprint.txt")]
    assert "'harbour-library'" in report.issues[0].message
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-qm", "reprint")
    assert validate(raw, changed_since="HEAD", cache="").checked == 0
    with pytest.raises(SettingsError):
        validate(raw, changed_since="no-such-ref", cache="")


def test_new_file_against_the_built_package(tmp_path: Path) -> None:
    """The rest of the corpus comes from dist/: a copy of a seed document is an exact duplicate of it."""
    shutil.copytree(REPO / "raw", tmp_path / "raw")
    shutil.copytree(REPO / "dist", tmp_path / "dist")
    seed = sorted((tmp_path / "raw").glob("*.txt"))[0]
    copy = tmp_path / "raw" / "zz-copy.txt"
    copy.write_bytes(seed.read_bytes() + b"\n")
    shutil.copy(seed.with_name(seed.name[:-4] + ".meta.json"), tmp_path / "raw" / "zz-copy.meta.json")
    report = validate([copy], cache=tmp_path / "cache")
    assert report.checked == 1
    assert codes(report) == [("duplicate-exact", "zz-copy.txt")]
    assert seed.stem in report.issues[0].message
    assert not (tmp_path / "cache").exists()  # the package published every corpus signature: nothing to cache
    again = validate([copy], cache=tmp_path / "cache")
    assert again.as_dict() == report.as_dict()


def test_threshold_and_settings_from_corpus_toml(tmp_path: Path) -> None:
    shutil.copytree(GALLERY / "duplicate-near" / "raw", tmp_path / "raw")
    assert codes(validate(tmp_path / "raw", cache="")) == [("duplicate-near", "library-reprint.txt")]
    assert validate(tmp_path / "raw", cache="", near_duplicate_threshold=0.99).issues == []
    (tmp_path / "raw" / "corpus.toml").write_text('[validate]\nnear_duplicate_threshold = 0.99\nmin_chars = 2000\n')
    assert codes(validate(tmp_path / "raw", cache="")) == [("raw-too-short", "harbour-library.txt"),
                                                           ("raw-too-short", "library-reprint.txt")]
    (tmp_path / "raw" / "corpus.toml").write_text('[validate]\nthreshold = 0.5\n')
    with pytest.raises(SettingsError, match="unknown keys"):
        validate(tmp_path / "raw", cache="")
    (tmp_path / "raw" / "corpus.toml").write_text('[validate]\nmin_chars = "many"\n')
    with pytest.raises(SettingsError, match="min_chars"):
        validate(tmp_path / "raw", cache="")


def test_dates_are_judged_against_today() -> None:
    source = (GALLERY / "clean" / "raw" / "harbour-library.meta.json").read_bytes()
    sidecar = json.loads(source)
    early = Settings(today=dt.date(2024, 5, 31))
    found = sidecar_issues(sidecar, source, "s.json", early, set(), None)
    assert [(i.code, i.line) for i in found] == [("sidecar-retrieved-future", 19)]
    assert sidecar_issues(sidecar, source, "s.json", Settings(today=dt.date(2024, 6, 1)), set(), None) == []


def test_exit_statuses_and_strict(tmp_path: Path, capsys, monkeypatch) -> None:
    monkeypatch.chdir(GALLERY / "clean")
    assert main(["validate", "--no-cache", "-q"]) == 0
    assert capsys.readouterr().out == ""
    monkeypatch.chdir(GALLERY / "raw-nul")
    assert main(["validate", "--no-cache"]) == 1
    assert main(["validate", "--no-cache", "--raw", str(tmp_path / "nowhere")]) == 2
    assert main(["validate", "--no-cache", "--threshold", "1.5"]) == 2
    assert "threshold" in capsys.readouterr().err
    warned = Report(issues=[Issue("language-unchecked", "warning", "raw/a.meta.json", "not checked")], checked=1)
    assert warned.valid and warned.exit_status() == 0 and warned.exit_status(strict=True) == 1

def test_cli_entry_point_runs(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "corpus_pkg.cli", "validate", "--no-cache", "--format", "github"],
                          cwd=GALLERY / "sidecar-schema", capture_output=True, text=True)
    assert done.returncode == 1
    assert done.stdout.startswith("::error file=raw/harbour-library.meta.json,line=2,title=sidecar-schema::/language: ")


def test_renderers_colour_and_escaping() -> None:
    from corpus_pkg.validate import render_github, render_text

    report = Report(issues=[Issue("raw-nul", "error", "raw/a,b.txt", "50% of line\nbroken", "fix it", line=4)], checked=1)
    assert "\033[1;31merror" in render_text(report, colour=True)
    assert "\033[" not in render_text(report)
    first = render_github(report).splitlines()[0]
    assert first == "::error file=raw/a%2Cb.txt,line=4,title=raw-nul::50%25 of line%0Abroken%0Ahint: fix it"
