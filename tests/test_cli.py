"""The CLI is thin: it calls the API and turns results into text, JSON and exit statuses."""
from __future__ import annotations

import json
import shutil

from corpus_pkg.build import clean_file
from corpus_pkg.cli import main

from conftest import RAW


def test_clean_json_contract(capsys):
    assert main(["clean", str(RAW / "002_14bd1e16ebf52595.txt"), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["title"].startswith("Second-day Sitting")
    assert out["text"].split("\n")[-1] == "The conference continues."
    assert {"start", "end", "rule", "text"} <= set(out["removals"][0])
    assert out["metadata"]["raw_sha256"] and out["metadata"]["language"] == "en"
    assert out == json.loads(json.dumps(clean_file(RAW / "002_14bd1e16ebf52595.txt")))


def test_build_check_exit_status_names_stale_files(raw_copy, tmp_path, capsys):
    out = tmp_path / "dist"
    assert main(["build", "--raw", str(raw_copy), "--out", str(out)]) == 0
    assert main(["build", "--raw", str(raw_copy), "--out", str(out), "--check"]) == 0
    (raw_copy / "003_f5b41f0f486e9f3b.txt").write_text("= Changed =\n\nA new text.\n")
    assert main(["build", "--raw", str(raw_copy), "--out", str(out), "--check"]) == 1
    err = capsys.readouterr().err
    assert "differs: data/documents.parquet" in err


def test_verify_says_ok_or_names_the_file(built, tmp_path, capsys):
    assert main(["verify", str(built)]) == 0
    assert "OK" in capsys.readouterr().out
    pkg = tmp_path / "pkg"
    shutil.copytree(built, pkg)
    (pkg / "datapackage.json").write_text("{}")
    assert main(["verify", str(pkg)]) == 1
    assert "datapackage.json" in capsys.readouterr().out


def test_validate_reports_and_exits_1_on_errors(raw_copy, capsys):
    assert main(["validate", str(raw_copy)]) == 0
    capsys.readouterr()
    (raw_copy / "001_dc7c636906634f1d.meta.json").write_text('{"language": "en",}')
    assert main(["validate", str(raw_copy), "--format", "json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["valid"] is False
    assert [(i["code"], i["line"]) for i in report["issues"]] == [("sidecar-invalid-json", 1)]


def test_build_error_is_a_message_not_a_traceback(raw_copy, tmp_path, capsys):
    (raw_copy / "001_dc7c636906634f1d.meta.json").write_text('{"language": "en",}')
    assert main(["build", "--raw", str(raw_copy), "--out", str(tmp_path / "d")]) == 1
    err = capsys.readouterr().err
    assert "001_dc7c636906634f1d.meta.json:1: error [sidecar-invalid-json]" in err
    assert "Traceback" not in err


def test_info_describes_a_package(built, capsys):
    assert main(["info", str(built)]) == 0
    out = capsys.readouterr().out
    assert "documents" in out and "4 rows" in out


def test_clean_text_mode_marks_each_removed_line_with_its_rule(capsys):
    assert main(["clean", str(RAW / "001_dc7c636906634f1d.txt")]) == 0
    out = capsys.readouterr().out.splitlines()
    assert any(line.split("|")[0].split() == ["3", "-", "image-slug"] for line in out)
    assert any(line.split("|")[0].split() == ["5", "-", "photo-credit"] for line in out)
    assert any(line.split("|")[0].split() == ["1", "title"] for line in out)
    assert any("photo_credit = 'KCNA' (photo-credit)" in line for line in out)
