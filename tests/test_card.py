"""The dataset card, its figures and croissant.json: generated from the tables, covered by the manifest."""
from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pyarrow.parquet as pq
import yaml

from corpus_pkg.card import FIGURES, hf_dtype
from corpus_pkg.tables import TABLES
from corpus_pkg.write import MANIFEST, file_sha256

DIST = Path(__file__).resolve().parent.parent / "dist"


def _card() -> tuple[dict, str]:
    text = (DIST / "README.md").read_text(encoding="utf-8")
    m = re.match(r"^---\n(.*?)\n---\n(.*)$", text, re.S)
    assert m, "the card must start with a YAML header"
    return yaml.safe_load(m.group(1)), m.group(2)


def test_yaml_header_configs_and_features_come_from_the_table_definitions() -> None:
    head, _ = _card()
    assert head["license"] == "cc0-1.0" and head["language"] == ["en"]
    assert [c["config_name"] for c in head["configs"]] == [t.name for t in TABLES]
    for config, table in zip(head["configs"], TABLES):
        assert config["data_files"] == [{"split": "train", "path": table.path}]
        assert (DIST / table.path).is_file()
    for info, table in zip(head["dataset_info"], TABLES):
        assert info["features"] == [{"name": f.name, "dtype": hf_dtype(f.arrow)} for f in table.fields]
        assert info["splits"][0]["num_examples"] == pq.read_metadata(DIST / table.path).num_rows


def test_card_prose_has_sources_licence_cleaning_statistics_and_figures() -> None:
    _, body = _card()
    for heading in ("## What is in it", "## Sources and licence", "## How it was cleaned", "## Statistics"):
        assert heading in body
    docs = pq.read_table(DIST / "data" / "documents.parquet")
    assert f"Documents: {docs.num_rows};" in body
    assert f"{sum(docs.column('word_count').to_pylist())} words" in body
    removals = pq.read_table(DIST / "data" / "removals.parquet").column("rule").to_pylist()
    top = max(set(removals), key=lambda r: (removals.count(r), r))
    assert f"| `{top}` |" in body and f"| {removals.count(top)} |" in body
    for rel in FIGURES.values():
        assert f"]({rel})" in body


def test_figures_are_svg_and_in_the_manifest() -> None:
    listed = {line.split("  ", 1)[1] for line in (DIST / MANIFEST).read_text(encoding="utf-8").splitlines()}
    for rel in [*FIGURES.values(), "README.md", "croissant.json"]:
        assert rel in listed, rel
    for rel in FIGURES.values():
        root = ET.parse(DIST / rel).getroot()
        assert root.tag == "{http://www.w3.org/2000/svg}svg"
        assert len(root.findall("{http://www.w3.org/2000/svg}rect")) > 2  # background plus bars


def test_croissant_names_each_table_file_with_its_checksum() -> None:
    meta = json.loads((DIST / "croissant.json").read_text(encoding="utf-8"))
    assert meta["conformsTo"] == "http://mlcommons.org/croissant/1.0"
    files = {d["contentUrl"]: d for d in meta["distribution"]}
    assert set(files) == {t.path for t in TABLES}
    for path, d in files.items():
        assert d["sha256"] == file_sha256(DIST / path)
    for rs, table in zip(meta["recordSet"], TABLES):
        assert [f["name"] for f in rs["field"]] == [f.name for f in table.fields]
