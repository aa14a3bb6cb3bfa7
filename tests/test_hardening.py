"""Hostile and broken input: every case is refused (or accepted) with a clear message naming the file,
never a traceback, and a failed build leaves the last good package untouched."""
from __future__ import annotations

import codecs
import hashlib
import json
import os
import re
import shutil
import tracemalloc
import unicodedata
from pathlib import Path

import pytest

from corpus_pkg.build import build
from corpus_pkg.clean import rebuild
from corpus_pkg.cli import main
from corpus_pkg.load import load
from corpus_pkg.model import CorpusError
from corpus_pkg.pipeline import process, process_all
from corpus_pkg.read import MAX_RAW_BYTES_ENV, Submission, discover, parse_sidecar, read_sidecar
from corpus_pkg.verify import verify

from conftest import RAW

SEED = "002_14bd1e16ebf52595"
ARTICLE = "= A Title =\n\nThe delegates met on Monday and agreed on the plan.\n\nThe meeting ended at noon.\n"


def sidecar_json(**changes) -> str:
    value = json.loads((RAW / f"{SEED}.meta.json").read_text(encoding="utf-8"))
    value.update(changes)
    return json.dumps(value, indent=2)


@pytest.fixture
def raw(tmp_path: Path) -> Path:
    """A raw folder with one sound document, to which a test adds the bad file."""
    folder = tmp_path / "raw"
    folder.mkdir()
    shutil.copy(RAW / f"{SEED}.txt", folder)
    shutil.copy(RAW / f"{SEED}.meta.json", folder)
    shutil.copy(RAW / "corpus.toml", folder)
    return folder


def add(raw: Path, name: str, content: bytes | str, sidecar: str | None = "default") -> Path:
    path = raw / name
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    if sidecar is not None:
        stem = name.rsplit(".", 1)[0]
        (raw / f"{stem}.meta.json").write_text(sidecar_json() if sidecar == "default" else sidecar, encoding="utf-8")
    return path


def issues_of(raw: Path, **kw) -> list:
    return [i for result in process_all(raw, **kw) for i in result.issues]


def one(raw: Path, code: str, **kw):
    found = [i for i in issues_of(raw, **kw) if i.code == code]
    assert len(found) == 1, [i.render() for i in issues_of(raw, **kw)]
    return found[0]


def tree_digest(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture
def good_dist(built: Path, tmp_path: Path) -> Path:
    out = tmp_path / "dist"
    shutil.copytree(built, out)
    return out


# --- encodings and content -------------------------------------------------------------------------

CASES = {
    "invalid-utf8": ("bad.txt", b"Caf\xe9 society\n\nA sentence.\n", "raw-not-utf8",
                     "not valid UTF-8 at byte 3 (line 1): invalid continuation byte"),
    "utf16-bom": ("u16.txt", codecs.BOM_UTF16_LE + ARTICLE.encode("utf-16-le"), "raw-not-utf8",
                  "it looks like a UTF-16 text file (it starts with a UTF-16 byte-order mark)"),
    "utf16-no-bom": ("u16.txt", ARTICLE.encode("utf-16-le"), "raw-not-utf8",
                     "not valid UTF-8 at byte 1 (line 1): it contains NUL bytes; it looks like a UTF-16 text file without a byte-order mark (little-endian)"),
    "utf16-be-no-bom-korean": ("u16.txt", "조선로동당 중앙위원회\n\n회의가 열렸다.\n".encode("utf-16-be"), "raw-not-utf8",
                               "it looks like a UTF-16 text file without a byte-order mark (big-endian)"),
    "png-named-txt": ("image.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "raw-binary",
                      "not a text file at byte 0 (line 1): invalid start byte; it looks like a PNG image"),
    "binary-named-txt": ("blob.txt", bytes([7, 0, 1, 2, 3, 0, 0, 4]) * 64, "raw-binary",
                         "not a text file at byte 1 (line 1): it contains NUL bytes; it looks like a binary file"),
    "empty": ("empty.txt", b"", "raw-empty", "is empty (0 bytes)"),
    "whitespace-only": ("blank.txt", b" \n\t\r\n  \n", "raw-empty", "holds only whitespace (8 bytes)"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_unreadable_raw_files_are_named_with_the_problem(raw, case):
    name, content, code, message = CASES[case]
    path = add(raw, name, content)
    issue = one(raw, code)
    assert issue.file == str(path) and issue.severity == "error"
    assert message in issue.message
    assert issue.hint


@pytest.mark.parametrize("case", ["invalid-utf8", "utf16-bom", "binary-named-txt", "empty"])
def test_a_failed_build_leaves_the_last_good_package_intact(raw, good_dist, capsys, case):
    name, content, code, message = CASES[case]
    add(raw, name, content)
    before = tree_digest(good_dist)
    assert main(["build", "--raw", str(raw), "--out", str(good_dist)]) == 1
    err = capsys.readouterr().err
    assert str(raw / name) in err and f"error [{code}] " in err and message in err
    assert "Traceback" not in err
    assert tree_digest(good_dist) == before and verify(good_dist) == []
    assert not [p for p in good_dist.parent.iterdir() if p.name.startswith(".dist.tmp-")]


def test_control_characters_are_read_kept_and_accounted_for(raw):
    """Reading does not choke on them (the contributor checks report them as raw-control-char)."""
    add(raw, "ctl.txt", "= Title =\n\nA line with an escape \x1b[0m and a form feed\x0c here.\n\nA C1 \x85 next line.\n")
    result = next(r for r in process_all(raw) if r.submission.id == "ctl")
    assert result.ok and "\x1b" in result.document.text
    assert rebuild(result.cleaned.text, result.cleaned.removals) == result.document.text


def test_a_stray_nul_in_real_text_is_left_to_the_contributor_checks(raw):
    add(raw, "stray.txt", ARTICLE + "A sentence with a stray\x00 character. " + "More of the article follows here. " * 5)
    result = next(r for r in process_all(raw) if r.submission.id == "stray")
    assert result.document is not None and "\x00" in result.document.text


def test_mixed_newlines_are_normalised_and_recorded(raw):
    add(raw, "nl.txt", b"= Title =\r\n\r\nFirst paragraph.\rSecond paragraph.\n\nThird.\r\n")
    result = next(r for r in process_all(raw) if r.submission.id == "nl")
    assert result.ok, [i.render() for i in result.issues]
    assert "\r" not in result.document.text
    assert result.record["newline_style"] == "mixed" and result.record["newlines_converted"] == 4


def test_a_one_megabyte_single_line_is_read_and_cleaned(raw):
    line = ("The delegates discussed the plan at length, " * 23_000)[:1_000_000].rstrip() + "."
    add(raw, "long.txt", "= Title =\n\n" + line + "\n")
    result = next(r for r in process_all(raw) if r.submission.id == "long")
    assert result.ok, [i.render() for i in result.issues]
    assert line in result.record["text"] and result.record["raw_bytes"] > 1_000_000


# --- size limit -------------------------------------------------------------------------------------

def test_a_200_megabyte_file_is_refused_before_it_is_read(raw):
    big = raw / "huge.txt"
    with big.open("wb") as f:
        f.truncate(200 * 1024 * 1024)  # sparse: costs no disk, and would cost 200 MB of memory if read
    (raw / "huge.meta.json").write_text(sidecar_json())
    tracemalloc.start()
    result = process(Submission("huge", big, raw / "huge.meta.json"))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    issue = next(i for i in result.issues if i.code == "raw-too-large")
    assert issue.message == ("is 200.0 MiB (209715200 bytes), over the limit of 16.0 MiB (16777216 bytes); it was not read")
    assert "--max-raw-bytes" in issue.hint and MAX_RAW_BYTES_ENV in issue.hint
    assert peak < 5 * 1024 * 1024


def test_the_size_limit_is_a_build_option_and_an_environment_setting(raw, tmp_path, monkeypatch, capsys):
    add(raw, "mid.txt", ARTICLE + "More text. " * 700)  # about 7.6 KiB; the seed document is 3.5 KiB
    assert one(raw, "raw-too-large", max_raw_bytes=6 * 1024).message.startswith("is 7.6 KiB")
    monkeypatch.setenv(MAX_RAW_BYTES_ENV, "6k")
    assert one(raw, "raw-too-large").message.endswith("over the limit of 6.0 KiB (6144 bytes); it was not read")
    assert main(["build", "--raw", str(raw), "--out", str(tmp_path / "a")]) == 1
    assert main(["build", "--raw", str(raw), "--out", str(tmp_path / "a"), "--max-raw-bytes", "64M"]) == 0
    monkeypatch.setenv(MAX_RAW_BYTES_ENV, "lots")
    assert main(["build", "--raw", str(raw), "--out", str(tmp_path / "a")]) == 1
    assert f"${MAX_RAW_BYTES_ENV}: not a size: 'lots' (give bytes, or a number with k, M or G)" in capsys.readouterr().err


# --- sidecars ---------------------------------------------------------------------------------------

SIDECARS = {
    "invalid-json": ('{\n  "language": "en"\n  "doc_type": "news-article"\n}', "sidecar-invalid-json",
                     "not valid JSON: Expecting ',' delimiter (line 3, column 3)"),
    "not-utf8": (b'{"notes": "caf\xe9"}', "sidecar-not-utf8", "not valid UTF-8 at byte 14 (line 1)"),
    "not-an-object": ("[1, 2]", "sidecar-not-object", "expected a JSON object, found list"),
    "duplicate-key": ('{"language": "en", "language": "ko"}', "sidecar-invalid-json",
                      "not accepted as JSON: the key 'language' appears twice in one object"),
    "nan": ('{"notes": NaN}', "sidecar-invalid-json", "not accepted as JSON: NaN is not a JSON number"),
    "huge-float": ('{"notes": 1e999}', "sidecar-invalid-json", "not accepted as JSON: the number 1e999 is out of range"),
    "huge-int": ('{"notes": ' + "9" * 5000 + "}", "sidecar-invalid-json",
                 "not accepted as JSON: a number with 5000 digits is too long"),
    "deep-nesting": ('{"notes": ' + "[" * 100_000 + "]" * 100_000 + "}", "sidecar-too-deep",
                     "nests arrays or objects too deeply to be read"),
    "nesting-over-limit": ('{"notes": ' + "[" * 40 + "]" * 40 + "}", "sidecar-too-deep", "nests 41 levels deep, over the limit of 32"),
    "nesting-one-over-limit": ('{"notes": ' + "[" * 32 + "]" * 32 + "}", "sidecar-too-deep", "nests 33 levels deep, over the limit of 32"),
    "two-megabyte-string": ('{"notes": "' + "x" * 2_000_000 + '"}', "sidecar-too-large",
                            "is 1.9 MiB (2000013 bytes), over the limit of 1.0 MiB (1048576 bytes); it was not read"),
}


@pytest.mark.parametrize("case", list(SIDECARS))
def test_broken_sidecars_are_named_with_the_problem(raw, case):
    content, code, message = SIDECARS[case]
    (raw / f"{SEED}.meta.json").write_bytes(content.encode() if isinstance(content, str) else content)
    issue = one(raw, code)
    assert issue.file == str(raw / f"{SEED}.meta.json") and issue.message == message, issue.message


def test_wrong_types_unknown_fields_and_long_strings_get_schema_errors_with_short_messages(raw):
    (raw / f"{SEED}.meta.json").write_text(sidecar_json(language=5, colour="red", notes="n" * 900_000))
    issues = {i.pointer: i for i in issues_of(raw) if i.code == "sidecar-schema"}
    assert issues["/language"].message == "5 is not of type 'string'"
    assert issues["/colour"].message == "'colour' is not an allowed key here"
    assert re.search(r"… \(9000\d\d characters in all\)$", issues["/notes"].message) and len(issues["/notes"].message) <= 300


def test_sidecar_without_raw_file_and_raw_file_without_sidecar(raw):
    (raw / "lonely.meta.json").write_text(sidecar_json())
    add(raw, "orphan.txt", ARTICLE, sidecar=None)
    missing_raw = one(raw, "raw-missing")
    assert (missing_raw.file, missing_raw.message) == (str(raw / "lonely.meta.json"), "sidecar without a raw file")
    missing_sidecar = one(raw, "sidecar-missing")
    assert (missing_sidecar.file, missing_sidecar.message) == (str(raw / "orphan.txt"), "raw file without a sidecar")


def test_sidecar_values_that_cannot_be_stored_are_refused_not_crashed_on(raw, tmp_path):
    # Both pass the date-time format check but have no UTC timestamp (lower-case 't', year 1 east of UTC).
    for value in ("2024-01-01t00:00:00z", "0001-01-01T00:00:00+01:00"):
        (raw / f"{SEED}.meta.json").write_text(sidecar_json(retrieved=value))
        if value.endswith("z"):
            assert build(raw, tmp_path / "ok").documents == 1  # accepted, as RFC 3339 allows
        else:
            issue = one(raw, "sidecar-schema")
            assert issue.pointer == "/retrieved" and "cannot be stored as a UTC timestamp" in issue.message


# --- names and ids ----------------------------------------------------------------------------------

def test_ids_differing_only_by_case_or_normalisation_collide(raw):
    add(raw, "Report.txt", ARTICLE)
    add(raw, "report.txt", ARTICLE)
    assert "differs from 'Report' only by case or Unicode normalisation" in one(raw, "id-collision").message
    for p in raw.glob("*eport*"):
        p.unlink()
    nfc, nfd = unicodedata.normalize("NFC", "café"), unicodedata.normalize("NFD", "café")
    add(raw, f"{nfc}.txt", ARTICLE)
    add(raw, f"{nfd}.txt", ARTICLE)
    assert "only by case or Unicode normalisation" in one(raw, "id-collision").message


@pytest.mark.parametrize("name", ["my report.txt", "Pjöngjang.txt", "$(touch PWNED);x.txt", "a`id`.txt", "a|b&c.txt"])
def test_file_names_with_spaces_non_ascii_or_shell_metacharacters_are_refused_by_name(raw, tmp_path, name, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = add(raw, name, ARTICLE)
    issue = one(raw, "id-invalid")
    assert issue.file == str(path) and f"id {path.stem!r} is not a valid document id" == issue.message
    assert not (tmp_path / "PWNED").exists() and not (raw / "PWNED").exists()


def test_file_name_that_is_not_utf8_is_reported_without_crashing(raw, tmp_path, capsys):
    name = os.fsdecode(b"caf\xe9.txt")
    add(raw, name, ARTICLE)
    assert main(["validate", str(raw)]) == 1
    out = capsys.readouterr().out
    assert "caf\\udce9.txt" in out and "[id-invalid]" in out


def test_hidden_files_are_not_part_of_the_corpus(raw, tmp_path):
    add(raw, ".draft.txt", ARTICLE)
    add(raw, "._mac-resource-fork.txt", b"\x00\x05\x16\x07binary")
    assert [s.id for s in discover(raw)] == [SEED]
    assert build(raw, tmp_path / "out").documents == 1


# --- links and special files ------------------------------------------------------------------------

def test_a_symlink_pointing_outside_raw_is_refused(raw, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("private notes\n")
    (raw / "leak.txt").symlink_to(secret)
    (raw / "leak.meta.json").write_text(sidecar_json())
    issue = one(raw, "raw-symlink")
    assert issue.message == f"is a symbolic link to {str(secret)!r}, outside raw/; links in raw/ are not followed"
    (raw / f"{SEED}.meta.json").unlink()
    (raw / f"{SEED}.meta.json").symlink_to(tmp_path / "elsewhere.json")
    assert "links in raw/ are not followed" in one(raw, "sidecar-symlink").message


def test_a_symlink_inside_raw_is_refused_too(raw):
    (raw / "alias.txt").symlink_to(f"{SEED}.txt")
    (raw / "alias.meta.json").write_text(sidecar_json())
    assert one(raw, "raw-symlink").message == f"is a symbolic link to '{SEED}.txt'; links in raw/ are not followed"


def test_a_named_pipe_does_not_hang_the_build(raw):
    os.mkfifo(raw / "pipe.txt")
    (raw / "pipe.meta.json").write_text(sidecar_json())
    assert one(raw, "raw-unreadable").message == "is not a regular file (a pipe, socket or device)"


# --- paths that try to escape -----------------------------------------------------------------------

@pytest.mark.parametrize("path", ["../../etc/passwd", "/etc/passwd", "~/licence.txt"])
def test_sidecar_paths_that_escape_are_refused(raw, path):
    (raw / f"{SEED}.meta.json").write_text(sidecar_json(license={"name": "CC-BY-4.0", "path": path}))
    issue = one(raw, "sidecar-schema")
    assert issue.pointer == "/license/path" and issue.message == f"{path!r} is not a 'uri'"


@pytest.mark.parametrize("path", ["../outside.parquet", "/etc/passwd", "~/x.parquet", "data/../../x.parquet"])
def test_package_paths_that_escape_are_refused(good_dist, path):
    manifest = good_dist / "manifest-sha256.txt"
    manifest.write_text(manifest.read_text() + f"{'0' * 64}  {path}\n")
    assert any(i.code == "manifest-malformed" and path in i.message for i in verify(good_dist))
    descriptor = json.loads((good_dist / "datapackage.json").read_text())
    descriptor["resources"][0]["path"] = path
    (good_dist / "datapackage.json").write_text(json.dumps(descriptor))
    unsafe = [i for i in verify(good_dist) if i.code == "path-unsafe"]
    assert unsafe and unsafe[0].message == f"resource 'documents' has an unsafe path {path!r}"
    with pytest.raises(CorpusError, match="unsafe path"):
        load(good_dist, verify=False).documents


def test_verify_never_reads_through_a_link_planted_in_the_package(good_dist, tmp_path):
    outside = tmp_path / "outside.bin"
    outside.write_bytes(b"x")
    target = good_dist / "data" / "removals.parquet"
    target.unlink()
    target.symlink_to(outside)
    codes = {i.code for i in verify(good_dist)}
    assert "file-symlink" in codes and "file-missing" in codes


# --- a tampered or foreign output folder ------------------------------------------------------------

def test_a_package_tampered_with_by_hand_is_replaced_with_a_warning(raw, good_dist, capsys):
    (good_dist / "notes.txt").write_text("my edits")
    data = good_dist / "data" / "blocks.parquet"
    data.write_bytes(data.read_bytes()[:-10] + b"0" * 10)
    assert main(["build", "--raw", str(raw), "--out", str(good_dist)]) == 0
    err = capsys.readouterr().err
    assert "warning [dist-modified] the previous package had been changed by hand" in err
    assert "data/blocks.parquet" in err and "notes.txt" in err
    assert verify(good_dist) == [] and not (good_dist / "notes.txt").exists()


def test_a_folder_that_is_not_a_package_is_never_replaced(raw, tmp_path, capsys):
    home = tmp_path / "home"
    home.mkdir()
    (home / "thesis.tex").write_text("years of work")
    assert main(["build", "--raw", str(raw), "--out", str(home)]) == 1
    assert "exists and is not a package (no datapackage.json or manifest-sha256.txt); refusing to replace it" in capsys.readouterr().err
    assert (home / "thesis.tex").read_text() == "years of work"


def test_a_broken_descriptor_or_manifest_is_reported_not_crashed_on(good_dist):
    (good_dist / "manifest-sha256.txt").write_bytes(b"\xff\xfe garbage")
    assert [i.code for i in verify(good_dist)][0] == "manifest-malformed"
    (good_dist / "datapackage.json").write_text('["not", "an", "object"]')
    assert "descriptor-invalid" in {i.code for i in verify(good_dist)}
    with pytest.raises(CorpusError, match="not a readable package descriptor"):
        load(good_dist, verify=False)


# --- safety of parsing ------------------------------------------------------------------------------

def test_parsing_never_executes_or_formats_data():
    # A sidecar full of things that would do harm if evaluated, formatted or loaded as YAML.
    hostile = {"notes": "{0.__class__.__mro__} %s %n ${HOME} __import__('os').system('id') !!python/object:os.system"}
    value, issues = parse_sidecar(json.dumps(hostile).encode(), "x.meta.json")
    assert value == hostile and issues == []


def test_library_code_has_no_eval_exec_pickle_or_unsafe_yaml():
    import ast

    for path in Path(__file__).resolve().parents[1].joinpath("corpus_pkg").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
                assert node.func.id not in ("eval", "exec", "compile"), f"{path}:{node.lineno}"
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "load":
                owner = node.func.value
                assert not (isinstance(owner, ast.Name) and owner.id in ("yaml", "pickle", "marshal")), f"{path}:{node.lineno}"
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                names = [a.name for a in node.names] + ([node.module] if isinstance(node, ast.ImportFrom) and node.module else [])
                assert not {"pickle", "marshal", "shelve"} & set(names), f"{path}:{node.lineno}"


def test_read_sidecar_refuses_a_sidecar_that_is_a_directory_or_missing(tmp_path):
    (tmp_path / "d.meta.json").mkdir()
    _, value, issues = read_sidecar(tmp_path / "d.meta.json")
    assert value is None and issues[0].code == "sidecar-unreadable"
    _, value, issues = read_sidecar(tmp_path / "gone.meta.json")
    assert issues[0].message == "cannot be read: No such file or directory"


def test_many_short_paragraphs_clean_in_linear_time():
    """Regression: gap removals scanned every line per block, so 8,000 paragraphs took about 25 s."""
    import time

    from corpus_pkg.clean import clean_text

    text = "A sentence here.\n\n" * 8000
    started = time.perf_counter()
    cleaned = clean_text(text)
    assert time.perf_counter() - started < 12
    assert rebuild(cleaned.text, cleaned.removals) == text


def test_an_html_page_lxml_cannot_convert_is_refused_by_name(raw):
    """Regression (found by the atheris harness): control characters beside a dropped element made lxml raise
    ValueError in the middle of a build."""
    page = b"\x06" * 24 + b"\n\nFro6eae</..[\n\n(Phot\x0b:" + b"\x06" * 8 + b" KCNA" + b"\x06" * 25 + b"d" + b"\x06" * 32 + b"\x02 K<p>))\n"
    path = add(raw, "page.html", page)
    issue = one(raw, "raw-html-unreadable")
    assert issue.file == str(path)
    assert issue.message.startswith("the HTML page cannot be turned into text: ValueError: All strings must be XML compatible")


def test_build_writes_never_follow_links_planted_beside_the_package(raw, good_dist, tmp_path, capsys):
    precious = tmp_path / "precious"
    precious.mkdir()
    (precious / "keep.txt").write_text("keep")
    # A link dressed as a leftover staging folder must not be emptied by the clean-up of leftovers.
    (good_dist.parent / ".dist.tmp-planted").symlink_to(precious)
    assert main(["build", "--raw", str(raw), "--out", str(good_dist)]) == 0
    assert (precious / "keep.txt").read_text() == "keep" and verify(good_dist) == []
    # A lock file that is a link is refused, not written through.
    (good_dist.parent / ".dist.lock").symlink_to(precious / "keep.txt")
    assert main(["build", "--raw", str(raw), "--out", str(good_dist)]) == 1
    assert "the lock file is a symbolic link; remove it and build again" in capsys.readouterr().err
    assert (precious / "keep.txt").read_text() == "keep"


def test_an_output_folder_given_as_a_link_is_built_beside_its_target(raw, good_dist, tmp_path):
    link = tmp_path / "published"
    link.symlink_to(good_dist)
    assert build(raw, link).documents == 1
    assert link.is_symlink() and verify(good_dist) == [] and load(link).documents.num_rows == 1
