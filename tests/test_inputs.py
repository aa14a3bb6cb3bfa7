"""Other raw inputs: HTML pages (kept byte for byte, their visible text cleaned) and text with mojibake."""
from __future__ import annotations

import hashlib
import shutil

import pyarrow.parquet as pq

from corpus_pkg.build import build
from corpus_pkg.clean import clean_text, rebuild

from conftest import RAW

PAGE = """<!DOCTYPE html>
<html><head><title>Farm News | Example Site</title><script>var tracker = 1;</script></head>
<body>
<nav><a href="/">Home</a> <a href="/about">About</a> <a href="/contact">Contact</a> <a href="/archive">Archive</a></nav>
<h1>Farmers Finish Rice Transplanting</h1>
<p>Pyongyang, May 27 (KCNA) -- Farmers across the country finished transplanting rice ahead of schedule.</p>
<p>The Ministry of Agriculture said that new machines had been used on most cooperative farms.</p>
<div class="share">Share this:</div><ul><li>Twitter</li><li>Facebook</li></ul>
<h3>Leave a Reply</h3><p>Fill in your details below or click an icon to log in:</p>
</body></html>
"""


def _sidecar(raw_dir, name):
    shutil.copy(RAW / "002_14bd1e16ebf52595.meta.json", raw_dir / f"{name}.meta.json")


def test_html_page_is_kept_byte_for_byte_and_its_text_cleaned(raw_copy, tmp_path):
    (raw_copy / "html_farm.html").write_text(PAGE, encoding="utf-8")
    _sidecar(raw_copy, "html_farm")
    build(raw_copy, tmp_path / "dist")
    docs = {d["id"]: d for d in pq.read_table(tmp_path / "dist/data/documents.parquet").to_pylist()}
    doc = docs["html_farm"]
    assert doc["raw_format"] == "html" and doc["raw_file"] == "html_farm.html"
    assert doc["raw_sha256"] == hashlib.sha256(PAGE.encode()).hexdigest()
    assert doc["title"] == "Farmers Finish Rice Transplanting"
    assert doc["text"].split("\n") == [
        "Farmers Finish Rice Transplanting",
        "Pyongyang, May 27 (KCNA) -- Farmers across the country finished transplanting rice ahead of schedule.",
        "The Ministry of Agriculture said that new machines had been used on most cooperative farms.",
    ]
    assert (doc["dateline_place"], doc["dateline_date"], doc["dateline_agency"]) == ("Pyongyang", "--05-27", "KCNA")
    assert "var tracker" not in doc["text"] and "Example Site" not in doc["text"]


def test_mojibake_is_repaired_and_recorded(raw_copy, tmp_path):
    text = "Conference Held\n\nThe Workersâ€™ Party of Korea met in the cafÃ© of the hall on the 7th.\n"
    (raw_copy / "mojibake.txt").write_text(text, encoding="utf-8")
    _sidecar(raw_copy, "mojibake")
    build(raw_copy, tmp_path / "dist")
    doc = next(d for d in pq.read_table(tmp_path / "dist/data/documents.parquet").to_pylist() if d["id"] == "mojibake")
    assert "The Workers’ Party of Korea met in the café of the hall" in doc["text"]
    rows = [r for r in pq.read_table(tmp_path / "dist/data/removals.parquet").to_pylist() if r["document_id"] == "mojibake"]
    assert {(r["text"], r["replacement"]) for r in rows if r["rule"] == "mojibake"} == {("â€™", "’"), ("Ã©", "é")}


def test_metadata_from_debris_fills_fields_with_the_rule_that_found_it():
    text = (
        "Monday, 27 May 2024\nBy Kim Song Il\nFarmers Finish Rice Transplanting\n\n"
        "Pyongyang, May 27 (KCNA) -- Farmers finished transplanting rice.\n\n"
        "Date: 27/05/2024 | Source: KCNA.kp (En) | Read original version at source\n"
    )
    cleaned = clean_text(text)
    facts = {(f.field, f.value, f.normalized, f.rule) for f in cleaned.facts}
    assert ("date", "Monday, 27 May 2024", "2024-05-27", "site-date-header") in facts
    assert ("byline", "Kim Song Il", None, "byline") in facts
    assert ("agency", "KCNA.kp (En)", None, "source-line") in facts
    assert ("dateline_place", "Pyongyang", None, "dateline") in facts
    assert cleaned.text.startswith("Farmers Finish Rice Transplanting\nPyongyang, May 27 (KCNA) -- Farmers")
    assert rebuild(cleaned.text, cleaned.removals) == text
