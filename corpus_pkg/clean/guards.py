"""Conservative guards: shapes of kept text that a weak structural signal must not take.

Each guard answers one question about one line and its neighbours; the labelling code asks it before a weak
signal (a chip, a short label near the title, a list under a head) removes a line.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, Callable

from .careful import next_line

if TYPE_CHECKING:
    from .structure import Line

# "1. 개요", "가. 신청 방법", "Ⅱ. 歴史", "[앵커]", "【解説】": how a text in a script without capitals numbers or
# labels its sections and speakers
SECTION_MARK = re.compile(r"(?:\d{1,2}(?:\.\d{1,2})*\.?|[가-하]\.|[ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ]+\.?) \S|[\[【〔][^\]】〕]{1,8}[\]】〕]$")
PARAGRAPH_MIN_CHARS = 20
SENTENCE_STOPS = ".。!?！？"


def uncased(text: str) -> bool:
    """Letters, none of them cased: Korean, Japanese, Chinese. There "all capitals" says nothing about a line."""
    return any(c.isalpha() for c in text) and not any(c.isupper() or c.islower() for c in text)


def _paragraph(ln: Line | None) -> bool:
    if ln is None or ln.rule is not None or ln.furniture:
        return False
    text = ln.sq
    return len(text) >= PARAGRAPH_MIN_CHARS and text[-1:] in SENTENCE_STOPS  # a headline has no stop


def uncased_section_mark(ln: Line, content: list[Line]) -> bool:
    """A numbered or bracketed label in an uncased script right above a paragraph ("1. 개요", "[앵커]"): the
    heading of a section or a speaker's label, which the all-capitals test for chips cannot tell apart."""
    if not uncased(ln.sq) or SECTION_MARK.match(ln.sq) is None:
        return False
    nxt = next_line(ln, content)
    return _paragraph(nxt)


def over_byline(ln: Line, content: list[Line]) -> bool:
    """Right above the author's line ("By Yuko Sato"): where a page prints its title, however short ("Chollima
    Movement"), not its site's name."""
    nxt = next_line(ln, content)
    return nxt is not None and "byline" in nxt.facts


# the page tools a hosted wiki prints under the title, wherever they stand in the toolbar's line ("Edit  Sign
# in to edit  History  Talk (0)"); not "Read  Edit  View history", which an encyclopedia prints above it
PAGE_TOOLS = re.compile(r"(?i)\b(sign in to edit|edit this page)\b")


def page_tools(ln: Line | None) -> bool:
    """A debris line carrying a wiki's page tools: the line above it is the page's title."""
    return ln is not None and ln.rule is not None and PAGE_TOOLS.search(ln.sq) is not None


def name_over_kicker_row(above: Line, key: str, value: str) -> bool:
    """A one- or two-word line above a "Kicker: headline" row ("Nordwest-Rundschau" over "Nordkorea: Parteitag
    der Arbeiterpartei beginnt in Pjöngjang"): the site's name, and the row is the title. The kicker is one
    capitalised word, the headline one field (a glossary's "Part of speech: noun · Romanisation: …" is none)."""
    from .neighbours import headline_value, words
    return (len(words(above.sq)) <= 2 and len(key.split()) == 1 and key[:1].isupper()
            and not any(c in value for c in "·|:;") and headline_value(value))


def section_label(ln: Line, headlines: list[Line]) -> bool:
    """One or two words in capitals with a headline under them ("COMMENTARY" after "Home / Publications /
    Commentary"): the section's label repeating the trail's last step, not the page's title."""
    text = ln.sq
    return (len(text.split()) <= 2 and any(c.isupper() for c in text) and text == text.upper()
            and any(h.start > ln.start for h in headlines))


def headline_under_menu(pick: Line | None, candidates: list[Line], content: list[Line],
                        headline: Callable[[Line], bool]) -> Line | None:
    """A site prints its name above its menu and the page's title under it: when the page's first line was
    picked for the title and a headline stands right under the first line of navigation below it, the headline
    is the title ("Far Roads & Odd Places", "Home  About  Gear", "Riding the Pyongyang Metro …"). None to keep
    the pick."""
    from .furniture import is_breadcrumb
    from .neighbours import is_navigation
    if pick is None or pick.pos != 0:
        return None  # only the page's first line is where a site prints its name
    last = candidates[-1].pos if candidates else 0
    nav = next((ln for ln in content[1:last] if is_navigation(ln)), None)
    if nav is None:
        return None
    # the first line under the navigation that is not named debris already (a date, a release number between)
    c = next((ln for ln in content[nav.pos + 1 : last + 1] if not ln.rule), None)
    if c is not None and any(c is x for x in candidates) and not is_navigation(c) and not is_breadcrumb(c.sq) and headline(c):
        return c
    return None
