"""The cleaner's cheap tests that skip a regex decide nothing: wherever one skips a pattern, the pattern finds nothing."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from corpus_pkg.clean import dates

# Digits of other scripts, letters the engine folds apart from str.lower (long s, Kelvin sign, dotless i), months.
DATE_CHARS = "0123456789٣੫ -/.,()SEPsepſJANjanMAYmayDECdecKkıİ年月日"
DATE_WORDS = ["Sep", "ſept", "MAY", "dec.", "June", "Mon, ", "2024", "17", "(2026)", "05-", "mars", "septembre", " de "]
DATE_TEXTS = st.one_of(st.text(alphabet=DATE_CHARS, max_size=24),
                       st.lists(st.sampled_from(DATE_WORDS + list(DATE_CHARS)), max_size=8).map("".join))


@settings(max_examples=600, deadline=None)
@given(DATE_TEXTS)
def test_parse_date_skips_only_forms_that_cannot_match(text):
    if dates.DIGIT.search(text) is None:
        assert all(form.search(text) is None for form in dates.FORMS)
    if dates.MONTH_START.search(text) is None:
        assert all(dates.FORMS[i].search(text) is None for i in dates.NAMED)


def test_parse_date_reads_what_it_read_before():
    assert dates.parse_date("Published Sept. 9, 2024") == ("2024-09-09", "day")
    assert dates.parse_date("MON, SEPT 9, 2024") == ("2024-09-09", "day")
    assert dates.parse_date("Juche 113 (2024) 5. 21.") == ("2024-05-21", "day")
    assert dates.parse_date("no date here") is None and dates.parse_date("May the fourth") is None


LINE_CHARS = "=: ABCDEFab-'’.,[]()\u00a0\u212a"
LINE_WORDS = ["Contents", "TABLE OF CONTENTS", "On this page", " [hide]", " show", "== ", " ==", "MODERATOR", ", HOST", ":",
              "Anne Murray", "=", "K"]
LINES = st.one_of(st.text(alphabet=LINE_CHARS, max_size=30), st.lists(st.sampled_from(LINE_WORDS + list(LINE_CHARS)), max_size=6).map("".join))


@settings(max_examples=600, deadline=None)
@given(LINES)
def test_line_shapes_skip_only_lines_their_pattern_cannot_match(text):
    from corpus_pkg.clean.neighbours import CONTENTS_HEAD, CONTENTS_HEAD_MAX_CHARS
    from corpus_pkg.clean.safety import SPEAKER
    from corpus_pkg.clean.structure import WIKI_HEADING

    sq = " ".join(text.split())  # a line as rules see it: never a newline for "$" to stop before
    if SPEAKER.match(sq):
        assert sq[-1:] == ":"
    if WIKI_HEADING.match(sq):
        assert sq[:2] == "=="
    if CONTENTS_HEAD.match(sq):
        assert len(sq) <= CONTENTS_HEAD_MAX_CHARS


@settings(max_examples=600, deadline=None)
@given(st.text(max_size=20) | st.text(alphabet="0123456789 abc²٣", max_size=12))
def test_has_digit_is_any_isdigit(text):
    from corpus_pkg.clean.fast import has_digit

    assert has_digit(text) == any(c.isdigit() for c in text)
    ascii_text = text.encode("ascii", "replace").decode("ascii")
    assert has_digit(ascii_text) == any(c.isdigit() for c in ascii_text)


OPENINGS = st.text(alphabet="-*•0123456789٣²)(.,: abHiDEAR\u00a0", max_size=12)


@settings(max_examples=600, deadline=None)
@given(OPENINGS)
def test_list_items_greetings_and_ordinals_open_or_end_as_their_checks_ask(text):
    from corpus_pkg.clean.safety import GREETING, ORDINAL
    from corpus_pkg.clean.structure import LIST_ITEM, _list_item

    sq = " ".join(text.split())
    assert _list_item(sq) == (LIST_ITEM.match(sq) is not None)
    if GREETING.match(sq):
        assert sq[-1:] == ","
    if ORDINAL.match(sq):
        assert sq[:1].isdecimal()
