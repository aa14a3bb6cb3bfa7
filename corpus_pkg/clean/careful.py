"""Second looks that keep article lines a general signal would take: each names the layout that tells a
line of the article from the furniture it resembles (a section heading after a link list, a page's title
repeating the last crumb of its trail, a letter's salutation and signature)."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .catalogue import Catalogue
    from .structure import Line

HEADING_MAX_WORDS = 3  # "The water": a section heading; a related headline is longer
PARAGRAPH_MIN_WORDS = 12
CRUMB_SEPARATOR = re.compile(r"\s+(?:›|»|>|/|\|)\s+")
GREETING = re.compile(r"(?i)^(?:dear|hello|hi) \w+(?: \w+)?,$")
SIGNATURE_MAX_WORDS = 4


def _next(ln: Line, content: list[Line]) -> Line | None:
    return content[ln.pos + 1] if ln.pos + 1 < len(content) else None


def _prev(ln: Line, content: list[Line]) -> Line | None:
    return content[ln.pos - 1] if ln.pos > 0 else None


def section_heading(ln: Line, content: list[Line]) -> bool:
    """A short heading with a long paragraph of the article right under it, after a block of headlines:
    the article resumes at its next section (a headline list never leads into a paragraph of its own)."""
    words = ln.sq.split()
    if not 0 < len(words) <= HEADING_MAX_WORDS or not ln.sq[:1].isupper() or ln.sq[-1:] in ".!?:,;":
        return False
    nxt = _next(ln, content)
    return (nxt is not None and nxt.rule is None and nxt.sq.count(" ") + 1 >= PARAGRAPH_MIN_WORDS
            and nxt.sq[-1:] in ".!?\"”’'")


def last_crumb(ln: Line, content: list[Line]) -> bool:
    """The line repeats the last step of the breadcrumb trail right above it ("Asia › North Korea › Kaesong",
    then "Kaesong"): the page's own title, however short."""
    prev = _prev(ln, content)
    if prev is None:
        return False
    steps = CRUMB_SEPARATOR.split(prev.sq)
    return len(steps) >= 2 and steps[-1].strip().casefold() == ln.sq.strip().casefold()


def letter_lines(content: list[Line]) -> None:
    """A letter's salutation right under the title, with the letter's first paragraph under it, and the
    signature right under a kept closing that ends in a comma ("With warm wishes," then "The board"): parts
    of the letter, which greeting and furniture rules would otherwise take."""
    for ln in content:
        if ln.rule == "letter-furniture" and GREETING.match(ln.sq):
            prev, nxt = _prev(ln, content), _next(ln, content)
            if (prev is not None and prev.kind == "title" and nxt is not None and nxt.rule is None
                    and nxt.sq.count(" ") + 1 >= PARAGRAPH_MIN_WORDS):
                ln.rule, ln.facts = None, {}
        elif ln.rule == "interface-line" and ln.gap_before == 0 and len(ln.sq.split()) <= SIGNATURE_MAX_WORDS:
            prev = _prev(ln, content)
            if prev is not None and prev.rule is None and prev.sq.endswith(","):
                nxt = _next(ln, content)
                if nxt is None or nxt.rule is not None:
                    ln.rule, ln.furniture = None, None


def opens_thread(ln: Line, catalogue: Catalogue, third: float) -> bool:
    """A line already marked that opens a to-end section (a comment thread's count, a reply's header), past the
    first third: a list of links above it ends there, so that its own section can begin."""
    if not catalogue.by_id[ln.rule].heads or ln.start < third:
        return False
    head = catalogue.head_rule(ln.core, ln.sq)
    return head is not None and head.section == "to-end"


RELATED_HEADS = "related-heads"


def related_head(ln: Line, catalogue: Catalogue):
    """Outside a wiki, "See also" and "Further reading" head a block of related links rather than the wiki's
    closing sections: the related-heads rule, when the catalogue has it and it names the line."""
    rule = catalogue.by_id.get(RELATED_HEADS)
    return rule if rule is not None and rule.is_head(ln.sq) else None
