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
CRUMB_SEPARATOR = re.compile(r"\s+(?:›|»|>|/|\|)\s+| {2,}")  # an arrow or a bar, or columns
CRUMB_MARK = re.compile(r"[›»>/|]|  ")  # in every CRUMB_SEPARATOR: a line without it is one step
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
    if prev is None or len(prev.core) <= len(ln.sq):
        return False
    if CRUMB_MARK.search(prev.core) is None:
        return False  # no separator: one step (and no scan of a long paragraph for one)
    steps = CRUMB_SEPARATOR.split(prev.core.strip())
    return len(steps) >= 2 and steps[-1].strip().casefold() == ln.sq.strip().casefold()


def in_trail(ln: Line, content: list[Line]) -> bool:
    """A breadcrumb trail whose last step the next line repeats, or that line: the page's head, not its body,
    even when the title ends in a question mark."""
    nxt = _next(ln, content)
    return (nxt is not None and last_crumb(nxt, content)) or last_crumb(ln, content)


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


# Rules that name the lines of an article's head (its byline, its date, its toolbar): under a standfirst too.
HEAD_RULES = frozenset({"byline-intl", "date-header-intl", "share-bar", "prompts-intl", "site-date-header"})
HEAD_REACH = 4  # lines under the title where the head's metadata stands
STANDFIRST_MIN_WORDS = 6
HEAD_LINE_MAX_CHARS = 300  # longer lines are paragraphs (a standfirst included), never a byline or a date
NAME = re.compile(r"(?:(?:Dr|Prof)\.? )?[A-ZÀ-ÖØ-ÞА-ЯЁ][a-zß-öø-ÿа-яё]+(?:-[a-zß-öø-ÿ]+)?"
                  r"(?: [A-ZÀ-ÖØ-ÞА-ЯЁ][a-zß-öø-ÿа-яё]+(?:-[a-zß-öø-ÿ]+)?){1,2}")


def head_metadata(content: list[Line], catalogue: Catalogue) -> None:
    """The author's and the date's lines under the title and its standfirst ("Par … (Séoul)", "Publié le …",
    a bare name above or below the date): the top edge stops at the standfirst, a sentence, so they are looked
    at here, up to the first line that is neither named metadata nor a name beside it."""
    title = next((ln for ln in content if ln.kind == "title"), None)
    title = title or next((ln for ln in content if not ln.rule), None)  # no title found: the first line kept
    if title is None:
        return
    standfirst = False
    for ln in content[title.pos + 1 : title.pos + 1 + HEAD_REACH]:
        if ln.rule:
            continue
        if len(ln.sq) > HEAD_LINE_MAX_CHARS:
            return  # a paragraph: the article has begun
        if ln.kind == "subtitle" and NAME.fullmatch(ln.sq) and _beside_metadata(ln, content):
            ln.rule, ln.facts, ln.kind = "byline-name", {"byline": ln.sq}, None  # "Dr. Lee Eun-bi" above the date
            continue
        if ln.kind == "subtitle" or (not standfirst and _sentence(ln.sq) and ln.sq.count(" ") + 1 >= STANDFIRST_MIN_WORDS):
            standfirst = True  # the standfirst: the head's metadata may stand under it
            continue
        hit = catalogue.first_match(ln.core, ("top", "edge"), ln.sq)
        if hit is not None and hit[0].id in HEAD_RULES:
            ln.rule, ln.facts, ln.kind = hit[0].id, dict(hit[1]), None
            continue
        if NAME.fullmatch(ln.sq) and "byline-name" in catalogue.by_id and _beside_metadata(ln, content):
            ln.rule, ln.facts, ln.kind = "byline-name", {"byline": ln.sq}, None
            continue
        return


def _beside_metadata(ln: Line, content: list[Line]) -> bool:
    """A name with a marked line (a date, a reading time) right under it, or right above it after the title."""
    prev, nxt = _prev(ln, content), _next(ln, content)
    return (nxt is not None and nxt.rule is not None) or (prev is not None and prev.rule is not None and prev.pos > 0
                                                          and content[prev.pos - 1].kind == "title")


TEASER_MAX_WORDS = 35  # a teaser under a related headline is a sentence or two; the article's paragraphs run longer
HEADLINE_MIN_WORDS = 4


def teaser(ln: Line, content: list[Line], rule_id: str) -> bool:
    """A sentence under a related headline, in a block that alternates headline and teaser ("You may also like",
    then a headline, its one-sentence teaser, the next headline, …) down to the page's end: part of the block,
    though a sentence elsewhere would end it. The alternation must go on below it or have begun above it, and
    no line below it may be as long as a paragraph of the article."""
    if ln.sq.count(" ") + 1 > TEASER_MAX_WORDS:
        return False
    prev = _prev(ln, content)
    if prev is None or prev.rule != rule_id or _sentence(prev.sq) or prev.sq.count(" ") + 1 < HEADLINE_MIN_WORDS:
        return False
    if any(c.sq.count(" ") + 1 > TEASER_MAX_WORDS for c in content[ln.pos + 1:]):
        return False
    nxt = _next(ln, content)
    after = content[ln.pos + 2] if ln.pos + 2 < len(content) else None
    goes_on = (nxt is not None and nxt.rule is None and not _sentence(nxt.sq)
               and nxt.sq.count(" ") + 1 >= HEADLINE_MIN_WORDS and after is not None and _sentence(after.sq))
    before = content[ln.pos - 2] if ln.pos >= 2 else None
    began = before is not None and before.rule == rule_id and _sentence(before.sq)
    return goes_on or began


def _sentence(text: str) -> bool:
    return text[-1:] in ".!?…" or text[-2:-1] in ".!?…" and text[-1:] in "\"'”’)"


QUOTES = "\"'“”‘’«»"
PULL_QUOTE_MIN_WORDS = 5
PULL_QUOTE_MAX_WORDS = 40


def pull_quotes(content: list[Line]) -> list[Line]:
    """Lines that only repeat, in quotation marks, words of another line of the article: pull quotes."""
    found = []
    for ln in content:
        text = ln.sq
        if ln.rule or len(text) < 2 or text[0] not in QUOTES or text[-1] not in QUOTES + ".":
            continue
        inner = text.strip(QUOTES + " ").rstrip(".,;:!?").strip(QUOTES + " ")
        words = inner.count(" ") + 1
        if words < PULL_QUOTE_MIN_WORDS or words > PULL_QUOTE_MAX_WORDS:
            continue
        if any(other is not ln and not other.rule and inner in other.sq for other in content):
            found.append(ln)
    return found
