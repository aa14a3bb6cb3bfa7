"""Second looks that keep article lines a general signal would take: each names the layout that tells a
line of the article from the furniture it resembles (a section heading after a link list, a page's title
repeating the last crumb of its trail, a letter's salutation and signature)."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .fast import holds_any

if TYPE_CHECKING:
    from .catalogue import Catalogue
    from .structure import Line

HEADING_MAX_WORDS = 3  # "The water": a section heading; a related headline is longer
PARAGRAPH_MIN_WORDS = 12
CRUMB_SEPARATOR = re.compile(r"\s+(?:›|»|>|/|\|)\s+| {2,}")  # an arrow or a bar, or columns
CRUMB_MARKS = "›»>/|"  # one of these or two spaces is in every CRUMB_SEPARATOR: a line without them is one step
GREETING = re.compile(r"(?i)^(?:dear|hello|hi) \w+(?: \w+)?,$")
SIGNATURE_MAX_WORDS = 4


def next_line(ln: Line, content: list[Line]) -> Line | None:
    """The line after ``ln`` among the document's lines (None at the end)."""
    return content[ln.pos + 1] if ln.pos + 1 < len(content) else None


def prev_line(ln: Line, content: list[Line]) -> Line | None:
    """The line before ``ln`` (None at the start)."""
    return content[ln.pos - 1] if ln.pos > 0 else None


def section_heading(ln: Line, content: list[Line]) -> bool:
    """A short heading with a long paragraph of the article right under it, after a block of headlines:
    the article resumes at its next section (a headline list never leads into a paragraph of its own)."""
    words = ln.sq.split()
    if not 0 < len(words) <= HEADING_MAX_WORDS or not ln.sq[:1].isupper() or ln.sq[-1:] in ".!?:,;":
        return False
    nxt = next_line(ln, content)
    return (nxt is not None and nxt.rule is None and nxt.sq.count(" ") + 1 >= PARAGRAPH_MIN_WORDS
            and nxt.sq[-1:] in ".!?\"”’'")


MID_HEADING_MAX_WORDS = 4


def mid_heading(ln: Line, content: list[Line]) -> bool:
    """A few plain words between two paragraphs of the article ("Teams", "Quote of the week"): a heading of the
    text, though its words are also the words of buttons. A button in the middle of an article stands beside a
    widget, a link or another button, not between a finished sentence and a long paragraph."""
    text = ln.sq
    words = text.split()
    if (not 0 < len(words) <= MID_HEADING_MAX_WORDS or not text[:1].isupper() or text[-1:] in ".!?:,;|"
            or not all(w.isalpha() for w in words)):
        return False
    prev, nxt = prev_line(ln, content), next_line(ln, content)
    return (prev is not None and nxt is not None and prev.rule is None and nxt.rule is None
            and prev.sq.count(" ") + 1 >= PARAGRAPH_MIN_WORDS and _sentence(prev.sq)
            and nxt.sq.count(" ") + 1 >= PARAGRAPH_MIN_WORDS)


KEY_MAX_LABEL_WORDS = 3


def headline_key(key: str) -> bool:
    """The part before the colon of a lone "Key: value" line reads as the first half of a headline ("PRK at the
    Summer Olympics: medals by Games"), not as a field's label ("Date of birth"): four words or more, two of
    them in lower case."""
    words = key.split()
    return len(words) > KEY_MAX_LABEL_WORDS and sum(w[:1].islower() for w in words) >= 2


SPEAKER_TEXT_MIN_CHARS = 40


def speaker_tag(ln: Line, content: list[Line]) -> bool:
    """A speaker's tag of a transcript in brackets ("[앵커]", "[ANCHOR]") over a paragraph: it opens the text
    that follows, as a section chip never does."""
    text = ln.sq
    nxt = next_line(ln, content)
    return (text[:1] == "[" and text[-1:] == "]" and nxt is not None and nxt.rule is None
            and len(nxt.sq) >= SPEAKER_TEXT_MIN_CHARS and _sentence(nxt.sq))


def crumb_marked(text: str) -> bool:
    """Whether ``text`` holds what every CRUMB_SEPARATOR holds (a few scans for one character each are quicker
    than a regex's scan for an alternation, which no single class of characters opens)."""
    return holds_any(text, CRUMB_MARKS) or "  " in text


def last_crumb(ln: Line, content: list[Line]) -> bool:
    """The line repeats the last step of the breadcrumb trail right above it ("Asia › North Korea › Kaesong",
    then "Kaesong"): the page's own title, however short."""
    prev = prev_line(ln, content)
    if prev is None or len(prev.core) <= len(ln.sq):
        return False
    if not crumb_marked(prev.core):
        return False  # no separator: one step (and no scan of a long paragraph for one)
    steps = CRUMB_SEPARATOR.split(prev.core.strip())
    return len(steps) >= 2 and steps[-1].strip().casefold() == ln.sq.strip().casefold()


def in_trail(ln: Line, content: list[Line]) -> bool:
    """A breadcrumb trail whose last step the next line repeats, or that line: the page's head, not its body,
    even when the title ends in a question mark."""
    nxt = next_line(ln, content)
    return (nxt is not None and last_crumb(nxt, content)) or last_crumb(ln, content)


def letter_lines(content: list[Line]) -> None:
    """A letter's salutation right under the title (or its date and byline), with the letter's first paragraph under it, and the
    signature right under a kept closing that ends in a comma ("With warm wishes," then "The board"): parts
    of the letter, which greeting and furniture rules would otherwise take."""
    for ln in content:
        if ln.rule == "letter-furniture" and GREETING.match(ln.sq):
            prev, nxt = prev_line(ln, content), next_line(ln, content)
            while prev is not None and prev.rule is not None:
                prev = prev_line(prev, content)  # the head's metadata between the title and the greeting ("Posted on …")
            if (prev is not None and prev.kind == "title" and nxt is not None and nxt.rule is None
                    and nxt.sq.count(" ") + 1 >= PARAGRAPH_MIN_WORDS):
                ln.rule, ln.facts = None, {}
        elif ln.rule == "interface-line" and ln.gap_before == 0 and len(ln.sq.split()) <= SIGNATURE_MAX_WORDS:
            prev = prev_line(ln, content)
            if prev is not None and prev.rule is None and prev.sq.endswith(","):
                nxt = next_line(ln, content)
                if nxt is None or nxt.rule is not None:
                    ln.rule, ln.furniture = None, None


SIGN_OFF_MAX_WORDS = 6
SIGN_OFF_RULES = frozenset({"letter-furniture", "bottom-label", "bottom-aside", "interface-line"})


def sign_off(content: list[Line]) -> None:
    """A letter's closing right under its last paragraph ("Until next month,", "With gratitude,") and the name
    signed under it, or a name signed with a dash ("— 북한읽기 드림"): the end of the letter, which the bottom
    edge reaches once the newsletter's footer below is known. A closing under other debris (a sponsor's block)
    stays the footer's."""
    for ln in content:
        if ln.rule not in SIGN_OFF_RULES:
            continue
        prev = prev_line(ln, content)
        if prev is None or prev.rule is not None or not _sentence(prev.sq):
            continue
        words = ln.sq.split()
        if ln.sq.endswith(",") and len(words) <= SIGN_OFF_MAX_WORDS:
            ln.rule, ln.facts, ln.furniture = None, {}, None
            nxt = next_line(ln, content)
            if (nxt is not None and nxt.rule in SIGN_OFF_RULES and len(nxt.sq.split()) <= SIGNATURE_MAX_WORDS
                    and nxt.sq[-1:] not in ".!?:,;|"):
                nxt.rule, nxt.facts, nxt.furniture = None, {}, None
        elif ln.sq[:2] in ("— ", "– ", "--") and len(words) <= SIGNATURE_MAX_WORDS and ln.rule == "bottom-label":
            ln.rule, ln.facts, ln.furniture = None, {}, None


CONTENTS_HEAD = re.compile(r"(?i)(?:contents|table of contents|on this page|in this (?:article|post)|목차|目次|目录)")
CONTENTS_ENTRY_MAX_WORDS = 10


def contents_echo(content: list[Line]) -> list[Line]:
    """A table of contents without numbers: its head and the short lines under it, each of which heads a section
    of the article further down (a blog's "Table of Contents", then "Why greenhouses", "The method"). Each
    entry must recur below as a line of its own, so a section that only starts with such a head stays."""
    found: list[Line] = []
    for i, ln in enumerate(content):
        if ln.rule or len(ln.sq) > 20 or not CONTENTS_HEAD.fullmatch(ln.sq):
            continue
        later = {c.sq.casefold() for c in content[i + 1:]}
        entries: list[Line] = []
        for nxt in content[i + 1:]:
            key = nxt.sq.casefold()
            if nxt.rule or len(nxt.sq.split()) > CONTENTS_ENTRY_MAX_WORDS or _sentence(nxt.sq):
                break
            if not any(c.sq.casefold() == key for c in content[nxt.pos + 1:]):
                break
            entries.append(nxt)
        if len(entries) >= 2 and all(e.sq.casefold() in later for e in entries):
            found += [ln, *entries]
    return found


HEAD_SEGMENTS = re.compile(r"\s*(?:[·|\t]|, | — | – )\s*")
ECHO_SOURCE_LINES = 3  # a PDF's first lines name its journal, series or symbol
ECHO_MAX_WORDS = 10


def running_echo(content: list[Line]) -> list[Line]:
    """A running head of a PDF's later page: a line beside a page number that repeats a part of one of the
    document's first lines ("Journal of East Asian Labour History, Vol. 19 …" at the top, "JOURNAL OF EAST
    ASIAN LABOUR HISTORY" over page 212; a report's symbol, a brief's series and number)."""
    numbers = [ln.pos for ln in content[ECHO_SOURCE_LINES:] if ln.rule == "page-number" or ln.furniture == "page-number"]
    if not numbers:
        return []  # most documents: no printed pages, nothing to look for
    parts = {p.casefold() for ln in content[:ECHO_SOURCE_LINES]
             for p in HEAD_SEGMENTS.split(ln.core.strip()) if len(p) >= 4}
    found = []
    for i in sorted({i for n in numbers for i in (n - 1, n + 1) if ECHO_SOURCE_LINES <= i < len(content)}):
        ln = content[i]
        if (ln.rule or ln.kind == "title" or len(ln.sq.split()) > ECHO_MAX_WORDS or ln.sq.casefold() not in parts
                or _sentence(ln.sq)):
            continue
        found.append(ln)
    return found


DATED_EXCERPT_MAX_WORDS = 40
CUT_OFF = ("...", "…", "[…]", "[...]")


def dated_teasers(content: list[Line]) -> list[Line]:
    """Teasers of other stories under the article of a tag or archive page, each a date line above its headline
    and perhaps a short excerpt ("Sep 30, 2025", a headline, its first sentence …), down to the page's debris.
    An article's own dated sections (a diary, a live blog) print their text in full: the teasers qualify only
    when an excerpt is cut off or a headline stands without one."""
    from .neighbours import _date_line, _teaser_headline  # the teaser signals of the listing pages

    last = next((i for i in range(len(content) - 1, -1, -1) if content[i].rule is None), None)
    if last is None:
        return []
    i = len(content)
    groups = 0
    cut = False
    found: list[Line] = []
    # walk up from the last kept line: [date] headline [excerpt], as long as the groups go on
    j = last
    while j >= 1:
        excerpt = None
        ln = content[j]
        if (ln.rule is None and not _teaser_headline(ln) and _sentence(ln.sq.rstrip(".…]") + ".")
                and len(ln.sq.split(None, DATED_EXCERPT_MAX_WORDS)) <= DATED_EXCERPT_MAX_WORDS):
            excerpt, j = ln, j - 1
            ln = content[j]
        if not _teaser_headline(ln) or j < 1 or not _date_line(content[j - 1]):
            break
        groups += 1
        cut = cut or excerpt is None or excerpt.sq.endswith(CUT_OFF)
        found += [content[j - 1], ln] + ([excerpt] if excerpt is not None else [])
        i = j - 1
        j -= 2
        while j >= 0 and content[j].rule is not None and content[j].rule != "timestamp":
            j -= 1  # a button between two teasers
    if groups < 2 or not cut or i < 1:
        return []
    above = content[i - 1]
    if above.rule is not None or not _sentence(above.sq):
        return []  # the teasers follow the article's last paragraph
    return [ln for ln in found if ln.rule is None]


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
    prev, nxt = prev_line(ln, content), next_line(ln, content)
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
    prev = prev_line(ln, content)
    if prev is None or prev.rule != rule_id or _sentence(prev.sq) or prev.sq.count(" ") + 1 < HEADLINE_MIN_WORDS:
        return False
    if any(c.sq.count(" ") + 1 > TEASER_MAX_WORDS for c in content[ln.pos + 1:]):
        return False
    nxt = next_line(ln, content)
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
