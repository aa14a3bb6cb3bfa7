"""The exact shortcuts of clean/fast.py give what the regular expressions they stand in for give."""
from __future__ import annotations

import re
import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from corpus_pkg.clean import default_catalogue
from corpus_pkg.clean.assemble import ANY_EMPTY_PARENS, EDGE_TRAIL, EMPTY_PARENS
from corpus_pkg.clean.fast import INVISIBLE_CHARS, ends_with, lead_free, may_hold_invisible, trailing_edge
from corpus_pkg.clean.structure import INVISIBLE, MID_SENTENCE

# Characters that make the shortcuts' edge cases: spaces of every sort, invisibles, newlines, word characters.
TRICKY = " \t\n\r\x0b\x0c\x1c\x85\u00a0\u2028\u2003\u3000" + INVISIBLE_CHARS[::7] + "\u200b\ufeff\u00ad" + "aZ9_,.;é…]»["
TEXT = st.text(alphabet=st.sampled_from(TRICKY) | st.characters(), max_size=40)
LINE = st.text(alphabet=st.sampled_from(TRICKY.replace("\n", "")) | st.characters(blacklist_characters="\n"), max_size=40)


def test_invisible_chars_are_exactly_the_invisible_pattern():
    matched = {chr(c) for c in range(sys.maxunicode + 1) if INVISIBLE.fullmatch(chr(c))}
    assert matched == set(INVISIBLE_CHARS)


@settings(max_examples=400, deadline=None)
@given(TEXT)
def test_may_hold_invisible_never_misses_one(text):
    if INVISIBLE.search(text):
        assert may_hold_invisible(text)
    for ch in INVISIBLE_CHARS:
        assert may_hold_invisible(text + ch)


@settings(max_examples=400, deadline=None)
@given(LINE)
def test_trailing_edge_is_the_edge_trail_regex(line):
    assert trailing_edge(line) == EDGE_TRAIL.search(line).start()


@settings(max_examples=400, deadline=None)
@given(TEXT)
def test_ends_with_is_search(text):
    assert ends_with(MID_SENTENCE, text) == (MID_SENTENCE.search(text) is not None)


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_empty_parentheses_found_alike(text):
    text = text.replace("a", "(").replace("Z", ")")
    assert (ANY_EMPTY_PARENS.search(text) is None) == (EMPTY_PARENS.search(text) is None)


INLINE = [p for r in default_catalogue().rules if r.scope == "inline" for p in r.patterns]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([" ", "\u00a0", "[", "]", "edit", " source", "|", "…", "...", "Read more", "More", " »", "x"]),
                max_size=8).map("".join))
def test_lead_free_patterns_match_wherever_the_rules_do(tail):
    for pattern in INLINE:
        if pattern.search(tail):
            assert re.search(lead_free(pattern.pattern), tail, pattern.flags)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab_19-'.’ \n,é\t"), max_size=40) | st.text(max_size=30))
def test_word_count_is_the_number_of_words_found(text):
    from corpus_pkg.enrich import WORD, word_count

    assert word_count(text) == len(WORD.findall(text))
    ascii_text = text.encode("ascii", "replace").decode()
    assert word_count(ascii_text) == len(WORD.findall(ascii_text))


def test_split_lines_fills_every_field_of_line():
    from dataclasses import fields

    from corpus_pkg.clean.catalogue import squash
    from corpus_pkg.clean.structure import Line, split_lines

    text = "  Title here  \n\n\u200b\nA paragraph ends … Read more »\nLast [edit]"
    lines = split_lines(text, default_catalogue())
    # split_lines builds Lines by position: a field added or moved must be added there too.
    assert [f.name for f in fields(Line)] == ["index", "start", "end", "text", "blank", "rule", "facts", "key", "kind",
                                               "gap_before", "core_end", "suffixes", "sq", "furniture", "mask", "pos", "core"]
    assert [ln.blank for ln in lines] == [False, True, True, False, False]
    assert [ln.gap_before for ln in lines] == [0, 0, 1, 2, 0]
    for ln, part in zip(lines, text.split("\n")):
        assert text[ln.start : ln.end] == part == ln.text
        assert (ln.rule, ln.facts, ln.key, ln.kind, ln.furniture, ln.mask, ln.pos) == (None, {}, None, None, None, "", 0)
        assert text[ln.start : ln.core_end] == ln.core and ln.sq == ("" if ln.blank else squash(ln.core))
    assert [rule for _, _, rule in lines[3].suffixes] == ["truncation-marker"] and lines[3].core == "A paragraph ends"
    assert [text[s:e] for s, e, _ in lines[4].suffixes] == [" [edit]"]
    assert lines[0].facts is not lines[3].facts and lines[0].suffixes is not lines[1].suffixes


@settings(max_examples=400, deadline=None)
@given(TEXT)
def test_leading_edge_is_the_edge_lead_regex(text):
    from corpus_pkg.clean.assemble import EDGE_LEAD
    from corpus_pkg.clean.fast import leading_edge

    assert leading_edge(text) == EDGE_LEAD.match(text).end()


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["Home", "News", " ", "  ", "\t", "a b", ".", "…", "x"]), max_size=12).map("".join))
def test_column_rows_found_as_by_the_regex_alone(line):
    from corpus_pkg.clean.furniture import COLUMNS, is_column_row

    text = line.strip().removesuffix("...").removesuffix("…")
    expected = len(COLUMNS.findall(text)) >= 2 and text[-1:] not in ".!?" and all(
        len(item.split()) <= 4 for item in re.split(r" {2,}|\t+", text))
    assert is_column_row(line) == expected


def test_last_chars_of_patterns():
    from corpus_pkg.clean.fast import last_chars

    assert last_chars([re.compile(r"\s*\[ ?edit\]$"), re.compile(r"(ab|c[xy])+\b")]) == frozenset("]bxy")
    assert last_chars([re.compile(r"a(bc)?")]) == frozenset("ac")
    assert last_chars([re.compile(r"a|b*")]) is None  # may match nothing
    assert last_chars([re.compile(r"(?i)edit")]) is None and last_chars([re.compile(r"x(?i:y)")]) is None
    assert last_chars([re.compile(r"\w+")]) is None and last_chars([re.compile(r"[^a]")]) is None


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from([" ", "\u00a0", "[", "]", "edit", " source", "|", "…", "...", "Read more", "More", " »", "›",
                                 "Continue reading", "x", "e", "g"]), min_size=1, max_size=8).map("".join))
def test_inline_debris_ends_with_one_of_the_last_chars(tail):
    from corpus_pkg.clean.fast import last_chars

    ends = last_chars(INLINE)
    assert ends is not None
    for pattern in INLINE:
        m = pattern.search(tail)
        if m and m.end() == len(tail) and m.end() > m.start():
            assert tail[-1] in ends


@settings(max_examples=400, deadline=None)
@given(LINE)
def test_a_line_is_blank_when_only_whitespace_and_invisibles_are_left(part):
    from corpus_pkg.clean.structure import _read_line

    stripped = part.strip()
    assert _read_line(part, [], None, None)[0] == (not stripped or not INVISIBLE.sub("", stripped).strip())


def test_line_memo_follows_the_inline_rules_not_only_their_ids():
    from dataclasses import replace

    from corpus_pkg.clean.catalogue import Catalogue
    from corpus_pkg.clean.structure import split_lines

    cat = default_catalogue()
    text = "A paragraph of the article ends here [edit]"
    assert [r for _, _, r in split_lines(text, cat)[0].suffixes] == ["wiki-edit-link"]
    rules = tuple(replace(r, patterns=(re.compile(r"\s*\[ ?fix\]$"),)) if r.id == "wiki-edit-link" else r for r in cat.rules)
    other = Catalogue(rules=rules, version="test", by_id={r.id: r for r in rules})
    assert split_lines(text, other)[0].suffixes == []


WHITESPACE = "".join(chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace())


@settings(max_examples=600, deadline=None)
@given(st.text(alphabet=st.sampled_from(WHITESPACE + "ab.\u00a0\u200b") | st.characters(), max_size=30))
def test_squash_is_split_and_join(line):
    from corpus_pkg.clean.catalogue import squash

    assert squash(line) == " ".join(line.split())


def test_every_whitespace_character_but_the_space_is_unprintable():
    """What squash's shortcut rests on: a printable line's only whitespace is the space."""
    assert [ch for ch in WHITESPACE if ch.isprintable()] == [" "]


def test_mojibake_leads_are_the_first_class_of_the_pattern():
    from corpus_pkg.clean.assemble import MOJIBAKE, MOJIBAKE_LEADS

    leads = {chr(c) for c in range(0x3000) if MOJIBAKE.match(chr(c) + "\u0080") or MOJIBAKE.match(chr(c) + "\u2122")}
    assert leads == set(MOJIBAKE_LEADS)


SEPARATOR_TEXT = st.text(alphabet=st.sampled_from(" \t\u00a0>»›⟩‹→:/\\•·|-=.ab") | st.characters(), max_size=20)


@settings(max_examples=600, deadline=None)
@given(SEPARATOR_TEXT)
def test_every_crumb_separator_holds_a_mark(text):
    from corpus_pkg.clean.careful import CRUMB_SEPARATOR, crumb_marked
    from corpus_pkg.clean.furniture import BREADCRUMB_MARK, BREADCRUMB_SEPARATORS

    for m in CRUMB_SEPARATOR.finditer(text):
        assert crumb_marked(m.group()) and crumb_marked(text)
    for m in BREADCRUMB_SEPARATORS.finditer(text):
        assert BREADCRUMB_MARK.search(m.group())


@settings(max_examples=600, deadline=None)
@given(TEXT)
def test_printable_is_isprintable(text):
    from corpus_pkg.clean.fast import printable

    assert printable(text) == text.isprintable()
    ascii_text = text.encode("ascii", "replace").decode("ascii")
    assert printable(ascii_text) == ascii_text.isprintable()


def test_printable_for_every_ascii_character():
    from corpus_pkg.clean.fast import may_hold_invisible, printable

    for c in range(128):
        assert printable(chr(c)) == chr(c).isprintable()
        assert may_hold_invisible("a" + chr(c)) == bool(INVISIBLE.search(chr(c)) or not (chr(c).isprintable() or chr(c) in "\n\t"))
