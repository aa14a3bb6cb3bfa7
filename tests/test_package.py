"""The descriptor against the official Data Package 2.0 profile, and frictionless-py validating the real package."""
from __future__ import annotations

import json
import shutil

import jsonschema
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from conftest import REPO

PROFILE = REPO / "schemas" / "profiles" / "datapackage-2.0" / "datapackage.json"


def test_descriptor_satisfies_the_official_profile(built):
    descriptor = json.loads((built / "datapackage.json").read_text())
    jsonschema.Draft7Validator(json.loads(PROFILE.read_text())).validate(descriptor)
    assert descriptor["$schema"] == "https://datapackage.org/profiles/2.0/datapackage.json"
    for key in ("name", "title", "version", "created", "licenses", "sources", "contributors"):
        assert descriptor[key]
    for res in descriptor["resources"]:
        assert res["hash"].startswith("sha256:") and res["bytes"] > 0
        assert all(f["description"] for f in res["schema"]["fields"])
        assert res["schema"]["primaryKey"]
        if res["name"] != "documents":
            assert res["schema"]["foreignKeys"] == [
                {"fields": ["document_id"], "reference": {"resource": "documents", "fields": ["id"]}}
            ]


def _frictionless_errors(descriptor_path):
    frictionless = pytest.importorskip("frictionless")
    # frictionless 5 cannot count bytes of Parquet sources (it always reports None); that one check is skipped.
    report = frictionless.validate(str(descriptor_path), skip_errors=["byte-count"])
    return report, [(task.name, err.type) for task in report.tasks for err in task.errors]


def test_frictionless_reports_the_package_valid(built):
    report, errors = _frictionless_errors(built / "datapackage.json")
    assert errors == [] and report.valid


def test_frictionless_catches_a_broken_foreign_key(built, tmp_path):
    """The same check fails when blocks reference a document that does not exist (so it can fail)."""
    pkg = tmp_path / "pkg"
    shutil.copytree(built, pkg)
    path = pkg / "data" / "blocks.parquet"
    table = pq.read_table(path)
    ids = table.column("document_id").to_pylist()
    ids[0] = "no-such-document"
    pq.write_table(table.set_column(0, "document_id", pa.array(ids)), path)
    report, errors = _frictionless_errors(pkg / "datapackage.json")
    assert not report.valid and ("blocks", "foreign-key") in errors
