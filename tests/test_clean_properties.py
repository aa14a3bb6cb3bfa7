"""Properties of the cleaner on generated documents: never raises, never loses a character."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from corpus_pkg.clean import clean_text, default_catalogue, rebuild

CAT = default_catalogue()
DEBRIS_LINES = [ex for rule in CAT.rules if rule.kind != "structural" for ex in rule.match]
ARTICLE_LINES = [
    "Pyongyang, December 4 (KCNA) -- The conference continued on the 7th.",
    "The lecturers called for upholding the line of the Party Central Committee.",
    "construction of 50 000 flats in the capital city of Pyongyang",
    "Success Story of the WPK (2)",
    "== History ==",
    "= Central Party School =",
    "- Established: 1946-06-01",
    "- President: | vice-president =",
    "wpk short course for cell secretaries",
    "It was named the Kim Il Sung Higher Party School (). A year later",
]
SPACES = st.sampled_from(["", " ", "\u00a0", "\t", "  "])
LINE = st.one_of(
    st.sampled_from(DEBRIS_LINES + ARTICLE_LINES),
    st.text(max_size=80),
    st.just(""),
)


@st.composite
def documents(draw) -> str:
    lines = draw(st.lists(st.tuples(SPACES, LINE, SPACES), max_size=30))
    sep = draw(st.sampled_from(["\n", "\n\n", "\n\n\n"]))
    return sep.join(a + line + b for a, line, b in lines).replace("\r", "\n")


@settings(max_examples=300, deadline=None)
@given(documents())
def test_clean_text_plus_removals_rebuilds_the_input(text):
    cleaned = clean_text(text)
    assert rebuild(cleaned.text, cleaned.removals) == text
    for r in cleaned.removals:
        assert text[r.start : r.end] == r.text and r.rule in CAT.by_id
    for b in cleaned.blocks:
        assert cleaned.text[b.start : b.end] == b.text and b.text.strip() == b.text and b.text


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=400))
def test_arbitrary_text_never_raises_and_rebuilds(text):
    text = text.replace("\r", "\n")
    cleaned = clean_text(text)
    assert rebuild(cleaned.text, cleaned.removals) == text
    assert "\n\n" not in cleaned.text


SENTENCE = st.builds(
    lambda first, words, end: " ".join([first.capitalize(), *words]) + end,
    st.sampled_from(["the", "delegates", "speakers", "a", "pyongyang", "lecturers"]),
    st.lists(st.sampled_from(["party", "cells", "were", "urged", "to", "build", "new", "flats", "in", "May", "2024", "leave", "share", "home", "reply"]), min_size=3, max_size=30),
    st.sampled_from([".", "!", "?", '."']),
)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(alphabet="abcdefgh", min_size=1, max_size=9).map(str.capitalize), min_size=2, max_size=8).map(" ".join),
       st.lists(SENTENCE, min_size=1, max_size=12))
def test_clean_article_text_passes_through_untouched(title, paragraphs):
    text = "\n".join([title, *paragraphs])
    cleaned = clean_text(text)
    assert cleaned.removals == [] and cleaned.text == text


def test_a_title_made_of_interface_words_is_still_the_title():
    """Found by hypothesis: general furniture signals must not take the only line that can be the title."""
    for title in ("A Ad", "Photo Gallery", "Live Updates"):
        cleaned = clean_text(f"{title}\nThe party met on the 7th and adopted a decision.")
        assert cleaned.title == title and cleaned.removals == []
