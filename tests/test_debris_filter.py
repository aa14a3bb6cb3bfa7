"""The joined regex that screens lines for the debris-residual check passes every line a strong rule matches."""
from __future__ import annotations

from pathlib import Path

from corpus_pkg.checks import _strong_line_filter, _strong_line_rules
from corpus_pkg.clean.catalogue import squash

REPO = Path(__file__).resolve().parents[1]


def test_filter_agrees_with_the_rules_one_by_one() -> None:
    joined = _strong_line_filter()
    assert joined is not None
    lines = set()
    for path in [*REPO.glob("tests/data/**/*.txt"), *REPO.glob("raw/*.txt"), *REPO.glob("benchmarks/**/*.txt")]:
        try:
            lines.update(squash(line) for line in path.read_text(encoding="utf-8").split("\n"))
        except UnicodeDecodeError:
            continue
    lines.discard("")
    matched = 0
    for line in sorted(lines):
        one_by_one = any(rule.facts(line) is not None for rule in _strong_line_rules())
        assert (joined.fullmatch(line) is not None) == one_by_one, line
        matched += one_by_one
    assert matched > 50  # the data holds debris lines, so both answers are exercised
