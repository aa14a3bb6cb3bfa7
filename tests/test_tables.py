from __future__ import annotations

import json

from corpus_pkg.tables import DOCUMENTS, TABLES

from conftest import REPO


def test_document_schema_and_documents_table_name_the_same_fields():
    schema = json.loads((REPO / "schemas" / "document.schema.json").read_text())
    names = [f.name for f in DOCUMENTS.fields]
    assert list(schema["properties"]) == names and schema["required"] == names
    for f in DOCUMENTS.fields:
        types = schema["properties"][f.name]["type"]
        assert (types == "null" or "null" in types) is not f.required if isinstance(types, list) else f.required


def test_every_field_has_a_description_and_arrow_type_matches():
    for table in TABLES:
        schema = table.arrow_schema()
        for f in table.fields:
            assert f.description.strip()
            assert schema.field(f.name).nullable is not f.required
