"""Properties over any input bytes: reading and sidecar parsing never raise (they refuse with an Issue),
cleaning rebuilds the normalised raw text exactly, and re-cleaning clean text removes only what named
rules account for. CORPUS_PKG_PROPERTY_EXAMPLES raises the number of examples for long runs
(see fuzz/README.md); a short fuzz run of the atheris harness runs here when atheris is installed."""
from __future__ import annotations

import codecs
import json
import os
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from corpus_pkg.clean import clean_text, default_catalogue, rebuild
from corpus_pkg.model import Issue
from corpus_pkg.pipeline import process
from corpus_pkg.read import ReadRefused, Submission, parse_sidecar, read_raw
from corpus_pkg.validate import schema_issues

from conftest import RAW

CAT = default_catalogue()
EXAMPLES = int(os.environ.get("CORPUS_PKG_PROPERTY_EXAMPLES", "100"))
PROPERTY = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
REPO = Path(__file__).resolve().parents[1]

DEBRIS = [ex for rule in CAT.rules if rule.kind != "structural" for ex in rule.match][:60]
ARTICLE = ["The delegates met on Monday.", "= Title =", "== History ==", "- item one", "Key: value",
           "Cafe\u0301 owners gathered.", "A line\u00a0with a no-break space ( ).", "조선로동당 중앙위원회 회의."]
NEWLINES = st.sampled_from(["\n", "\r\n", "\r", "\n\n", "\r\n\r\n"])


@st.composite
def raw_bytes(draw) -> bytes:
    """Raw files as contributors make them: debris and article lines, mixed newlines, BOMs, NFD, junk bytes."""
    if draw(st.integers(0, 9)) == 0:
        return draw(st.binary(max_size=300))
    parts = []
    for _ in range(draw(st.integers(0, 25))):
        line = draw(st.one_of(st.sampled_from(DEBRIS + ARTICLE), st.text(max_size=60)))
        if draw(st.booleans()):
            line = unicodedata.normalize("NFD", line)
        parts.append(line + draw(NEWLINES))
    data = "".join(parts).encode("utf-8", errors="surrogatepass")
    if draw(st.integers(0, 4)) == 0:
        data = codecs.BOM_UTF8 + data
    if draw(st.integers(0, 9)) == 0 and data:
        at = draw(st.integers(0, len(data) - 1))
        data = data[:at] + draw(st.binary(min_size=1, max_size=4)) + data[at:]
    return data


def normalised(raw: bytes) -> str:
    """The normalisation the reader promises, written out independently: BOM off, LF newlines, NFC."""
    text = raw.removeprefix(codecs.BOM_UTF8).decode("utf-8")
    return unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))


@PROPERTY
@given(raw_bytes())
def test_any_raw_bytes_are_read_or_refused_and_cleaning_rebuilds_the_normalised_text(tmp_path, data):
    path = tmp_path / "doc.txt"
    path.write_bytes(data)
    try:
        raw, text, _, warnings = read_raw(path)
    except ReadRefused as exc:
        assert isinstance(exc.issue, Issue) and exc.issue.file == str(path) and exc.issue.message
        return
    assert raw == data and text == normalised(data)
    assert all(w.severity == "warning" for w in warnings)
    cleaned = clean_text(text, CAT)
    assert rebuild(cleaned.text, cleaned.removals) == text


@settings(PROPERTY, max_examples=max(EXAMPLES // 3, 10))
@given(raw_bytes())
def test_the_whole_per_document_pipeline_never_raises(tmp_path, data):
    (tmp_path / "doc.txt").write_bytes(data)
    shutil.copy(RAW / "002_14bd1e16ebf52595.meta.json", tmp_path / "doc.meta.json")
    result = process(Submission("doc", tmp_path / "doc.txt", tmp_path / "doc.meta.json"))
    assert result.ok or any(i.severity == "error" for i in result.issues)
    assert not any(i.code == "internal-error" for i in result.issues), [i.render() for i in result.issues]


@PROPERTY
@given(raw_bytes())
def test_cleaning_clean_text_removes_only_what_named_rules_account_for(data):
    try:
        text = normalised(data)
    except UnicodeDecodeError:
        return
    once = clean_text(text, CAT)
    twice = clean_text(once.text, CAT)
    assert rebuild(twice.text, twice.removals) == once.text
    assert {r.rule for r in twice.removals} <= set(CAT.by_id)
    for r in twice.removals:
        assert once.text[r.start : r.end] == r.text


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=40),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4),
    max_leaves=30,
)


@PROPERTY
@given(st.one_of(st.binary(max_size=400), JSON_VALUES.map(lambda v: json.dumps(v).encode())))
def test_any_sidecar_bytes_parse_or_are_refused_with_an_issue(data):
    value, issues = parse_sidecar(data, "x.meta.json")
    assert (value is None) == bool(issues)
    if value is not None:
        assert isinstance(value, dict)
        for issue in schema_issues("sidecar", value, "x.meta.json", "sidecar-schema"):
            assert len(issue.message) <= 300


@PROPERTY
@given(st.dictionaries(st.sampled_from(["language", "doc_type", "title", "source", "license", "date", "retrieved", "notes", "extra"]),
                       JSON_VALUES, max_size=9))
def test_sidecar_shaped_objects_get_schema_issues_not_exceptions(obj):
    value, issues = parse_sidecar(json.dumps(obj).encode(), "x.meta.json")
    assert issues == [] and value == obj
    for issue in schema_issues("sidecar", value, "x.meta.json", "sidecar-schema"):
        assert issue.pointer is not None and len(issue.message) <= 300


def test_the_atheris_harness_runs_briefly(tmp_path):
    """A bounded run of fuzz/fuzz_corpus.py (about 10 s); longer runs are described in fuzz/README.md."""
    pytest.importorskip("atheris")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    proc = subprocess.run(
        [sys.executable, str(REPO / "fuzz" / "fuzz_corpus.py"), "-max_total_time=10", "-timeout=20",
         f"-artifact_prefix={tmp_path}/", f"-dict={REPO / 'fuzz' / 'corpus.dict'}", str(corpus), str(REPO / "fuzz" / "seeds")],
        capture_output=True, text=True, timeout=120,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "Done " in proc.stderr and not list(tmp_path.glob("crash-*"))
