"""The screen of clean/screen.py never rules out a pattern that matches: the first match it finds is the one that
trying every pattern in order finds."""
from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from corpus_pkg.clean import default_catalogue
from corpus_pkg.clean.screen import Screen, ascii_needs, edges, needs

# Characters whose case the regex engine and str.lower treat apart: dotted and dotless i, long s, Kelvin sign,
# final sigma, micro sign; and characters that open or close many of the catalogue's patterns.
TRICKY = "İıiIſsSKkΣσςµμ ·|»›→…:.?!()[]#@©0123456789-—–'\"aZé가"


def first_by_trying(patterns: list[re.Pattern[str]], text: str) -> int:
    return next((j for j, p in enumerate(patterns) if p.fullmatch(text)), -1)


def catalogue_patterns() -> list[list[re.Pattern[str]]]:
    """The pattern lists the cleaner screens: one per scope, and the section heads."""
    cat = default_catalogue()
    return [cat._alternation(key).patterns for key in (("line",), ("top",), ("bottom",), ("edge",), ("heads",))]


def catalogue_examples() -> list[str]:
    return [ex for rule in default_catalogue().rules for ex in rule.match + rule.no_match]


EXAMPLES = catalogue_examples()
SCREENS = [(patterns, Screen(patterns)) for patterns in catalogue_patterns()]


def test_every_example_of_the_catalogue_finds_the_same_first_pattern():
    for patterns, screen in SCREENS:
        for text in EXAMPLES:
            for variant in (text, text.upper(), text.lower(), text.swapcase(), text.strip(" .")):
                assert screen.first(variant) == first_by_trying(patterns, variant), variant


MUTATED = st.tuples(st.sampled_from(EXAMPLES), st.text(alphabet=TRICKY, max_size=3), st.text(alphabet=TRICKY, max_size=3),
                    st.sampled_from([str, str.upper, str.lower, str.swapcase]), st.integers(0, 6)).map(
    lambda t: t[1] + t[3](t[0])[t[4]:] + t[2])
ASCII_TRICKY = "iIsSkK |:.?!()[]#@0123456789-'\"aZ"  # ASCII lines are screened with "i" and "s" too (ascii_needs)
MUTATED_ASCII = st.tuples(st.sampled_from([ex for ex in EXAMPLES if ex.isascii()]), st.text(alphabet=ASCII_TRICKY, max_size=3),
                          st.text(alphabet=ASCII_TRICKY, max_size=3), st.sampled_from([str, str.upper, str.lower, str.swapcase]),
                          st.integers(0, 6)).map(lambda t: t[1] + t[3](t[0])[t[4]:] + t[2])


@settings(max_examples=1000, deadline=None)
@given(st.one_of(MUTATED, MUTATED_ASCII, st.text(alphabet=TRICKY, max_size=30)))
def test_mutated_examples_find_the_same_first_pattern(text):
    for patterns, screen in SCREENS:
        assert screen.first(text) == first_by_trying(patterns, text)


CASES = [
    (r"(?i)stick|kiss", ["STİCK", "stıck", "KISS", "Kiss", "\u212aiss", "kiſs", "ſtick"]),
    (r"(?i).{0,20}(use|enter) (the )?promo code.*", ["Use the PROMO CODE x", "uſe promo code", "USE PROMO CODE", "enter promo codes",
                                                     "Enter the promo code", "ENTER THE PROMO CODE İ", "uſe the promo code"]),
    (r"(?i)[a-z]{2}ss", ["KIſſ", "ab\u017fs", "ABSS"]),
    (r"(?i)σοφία", ["ΣΟΦΊΑ", "ςοφία"]),
    (r"[^未\n]{0,60}+未经.{0,12}|.{0,9}版权", ["abc 未经 x", "未经", "版权", "ascii only", "x版权"]),  # no ASCII line can match
    (r"\d+ comments?", ["٣ comments", "12 comment", "x comments"]),
    (r"(?=[^|]*\d)[\w ,]{6,40}", ["May 4, 2024", "no digits here"]),
    (r"(?<=)a?b*|c", ["", "a", "bbb", "c", "d"]),
    (r"(?>ab|a)c?|x++y", ["ab", "abc", "xxy"]),
    (r"(\w+) \1", ["the the", "a b"]),
    (r"(?i:read more)\.?|(?-i:Next)", ["READ MORE.", "next", "Next"]),
    (re.compile(r"next page", re.IGNORECASE), ["NEXT PAGE", "Next page"]),  # flags given apart from the pattern
    (r"[A-Z]\w*( ?[|•·] ?[A-Z]\w*){2,}", ["A | B | C", "A · B • C", "A B C", "a|b|c", "A|B|"]),  # a class as requirement
]


def test_tricky_patterns_find_the_same_first_pattern():
    for pattern, texts in CASES:
        patterns = [re.compile(pattern), re.compile(r".{0,3}")]  # (compiling a compiled pattern returns it)
        screen = Screen(patterns)
        for text in texts + [t + "." for t in texts] + ["." + t for t in texts]:
            assert screen.first(text) == first_by_trying(patterns, text), (pattern, text)


def test_edges_and_needs():
    first, last, lo, hi = edges(r"(?:By|BY) [A-Z]\w+")
    assert first is not None and last is not None and (lo, hi) == (5, 1 << 16)
    assert edges(r".+ said")[0] is None and edges(r"said.*")[1] is None
    assert needs(r"[\w.-]{1,40} wrote:(?: ?↑.{0,60})?") == ((" wrote:", False),)
    assert needs(r"(?i)\d+ comments") == ((" comment", True),)  # "s" left out: (?i)s matches "ſ", which lower() keeps
    assert needs(r"(?i)stick") is None  # "st" and "ck" too short once "i" is left out
    assert ascii_needs(r"(?i)stick") == (("stick", True),)  # on an ASCII line only "s" and "S" match "s"
    assert ascii_needs(r"(?i)\d+ comments") == ((" comments", True),)
    assert ascii_needs(r"(?:said|wrote):") == needs(r"(?:said|wrote):") and ascii_needs(r".*") is None
    assert needs(r".{0,60}未经.{0,9}") is None and ascii_needs(r".{0,60}未经.{0,9}") == (("未经", False),)
    assert needs(r"(?:said|wrote):") == (("said", False), ("wrote", False))
    assert needs(r"(?:said|x):") is None and needs(r".*") is None
    # a class of a few characters prose seldom holds is a requirement; one under IGNORECASE, or negated, is not
    assert needs(r"[A-Z]\w+( ?[|•·] ?[A-Z]\w+){2,}") == (("|", False), ("•", False), ("·", False))
    assert needs(r"\w+»\w+") == (("»", False),) and needs(r"\w+:\w+") is None  # ":" is common in prose
    assert needs(r"(?i)a[|•]b") is None and needs(r"[^|•]x") is None and needs(r"[|•,;]x") is None
