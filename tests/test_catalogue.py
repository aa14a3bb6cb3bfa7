"""The rule catalogue is data with examples: every example is run."""
from __future__ import annotations

import pytest

from corpus_pkg.clean import clean_text, default_catalogue
from corpus_pkg.clean.catalogue import CatalogueError, parse_catalogue

CAT = default_catalogue()
LINE_RULES = [r for r in CAT.rules if r.kind != "structural"]
# template-line needs a corpus to act on; tests/test_template.py runs its examples with one.
STRUCTURAL = [r for r in CAT.rules if r.kind == "structural" and r.id != "template-line"]


def acted(rule_id: str, text: str) -> bool:
    cleaned = clean_text(text)
    return rule_id in {r.rule for r in cleaned.removals} | {f.rule for f in cleaned.facts}


@pytest.mark.parametrize("rule", LINE_RULES, ids=lambda r: r.id)
def test_line_rule_examples(rule):
    for example in rule.match:
        assert rule.matches(example), f"{rule.id} should match {example!r}"
    for example in rule.no_match:
        assert not rule.matches(example), f"{rule.id} should not match {example!r}"


@pytest.mark.parametrize("rule", STRUCTURAL, ids=lambda r: r.id)
def test_structural_rule_examples(rule):
    for example in rule.match:
        assert acted(rule.id, example), f"{rule.id} should act on {example!r}"
    for example in rule.no_match:
        assert not acted(rule.id, example), f"{rule.id} should not act on {example!r}"


@pytest.mark.parametrize(
    "toml, message",
    [
        ('[[rule]]\nid = "Bad Id"\ndescription = "x"\nkind = "phrase"\nscope = "line"\nstrength = "strong"\nphrases = ["a"]\nmatch = ["a"]\nno_match = ["b"]\n', "kebab-case"),
        ('[[rule]]\nid = "a"\ndescription = "x"\nkind = "pattern"\nscope = "line"\nstrength = "strong"\npatterns = ["("]\nmatch = ["a"]\nno_match = ["b"]\n', "bad pattern"),
        ('[[rule]]\nid = "a"\ndescription = "x"\nkind = "phrase"\nscope = "line"\nstrength = "strong"\nphrases = ["a"]\n', "examples"),
        ('[[rule]]\nid = "a"\ndescription = "x"\nkind = "phrase"\nscope = "nowhere"\nstrength = "strong"\nphrases = ["a"]\nmatch = ["a"]\nno_match = ["b"]\n', "scope"),
    ],
)
def test_malformed_catalogue_is_refused_with_a_reason(toml, message):
    with pytest.raises(CatalogueError, match=message):
        parse_catalogue(toml.encode())


def test_the_catalogue_validates_against_its_json_schema():
    import json
    import tomllib

    import jsonschema

    from corpus_pkg.clean.catalogue import catalogue_bytes
    from conftest import REPO

    schema = json.loads((REPO / "schemas" / "rules.schema.json").read_text())
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    data = tomllib.loads(catalogue_bytes().decode())
    assert [e.message for e in validator.iter_errors(data)] == []
    data["rule"][0]["kind"] = "guess"
    data["rule"][1]["patterns"] = ["(unclosed"]
    data["rule"][2]["colour"] = "red"
    assert len(list(validator.iter_errors(data))) >= 3  # the schema does catch bad rules
