"""Labelling: decide for every line of a document whether it is debris (and by which rule) or a block (and of which kind).

Decisions are position-aware: edge-scoped rules act only inside the debris clusters at the top and
bottom of a document, so a weak signal never removes a line from the middle of the article.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Callable

from .catalogue import LINE_MEMO, SUFFIX_WINDOW, Catalogue, Rule, squash
from . import careful, echoes, furniture, guards, headfacts, neighbours, safety, threads
from .fast import INVISIBLE_CHARS, ends_with, last_chars, lead_free
from .template import line_key

WIKI_TITLE = re.compile(r"^=\s*(?P<text>[^=].*?)\s*=$")
PIPE_PAIR = re.compile(r"^(?P<key>[A-Z][\w'’ ./()-]{0,40}?)\s+\|\s+(?P<value>[^|]+)$")  # "Capacity | 30,000" under a title
WIKI_HEADING = re.compile(r"^(?P<level>={2,6})\s*(?P<text>[^=].*?)\s*(?P=level)$")
CITATION = re.compile(r"\((?:[^()]*\D)?(?:1[5-9]|20)\d\d\)\.?$")  # a reading list's entry: "…, Act of War (2013)"
READING_HEAD = re.compile(r"(?i)(?:further|suggested|recommended|additional) reading|reading list|bibliography")
LIST_ITEM = re.compile(r"^(?:[-*•]|\d{1,3}[.)])\s+\S")
LIST_MARKS = "-*•"  # what LIST_ITEM opens with, besides a digit (\d: str.isdecimal)
INFOBOX_ROW = re.compile(r"^(?:[-*•]\s+)?(?P<key>[A-Z][\w'’ ./()-]{0,40}?)\s*:\s*(?P<value>.*)$")
COLUMN_PAIR = re.compile(r"^(?P<key>[A-Z][\w'’ ./()-]{0,30}?)(?: {2,}|\t+)(?P<value>\S(?:.*\S)?)$")  # "Born   11 September 1998"
SENTENCE_END = furniture.SENTENCE_END
MID_SENTENCE = re.compile(r"[\w,]$")
DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Za-z'’.-]+(?: [A-Z][A-Za-z'’.-]+){0,3}),? "
    r"(?P<date>(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?) \d{1,2}(?:,? \d{4})?)"
    r"(?: \((?P<agency>[A-Za-z]{2,12})\))?\s*(?:--|—|–|-)\s"
)
# C0/C1 controls (tab kept), zero-width and byte-order marks, soft hyphens: invisible, never content.
INVISIBLE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200d\u2060\ufeff\u00ad]+")
SLUG = re.compile(r"[a-z0-9][a-z0-9 _.-]*")
FUNCTION_WORDS = frozenset("a an and as at by for from in into of on or the to with".split())
TITLE_MAX_WORDS = 25
HEADING_MAX_WORDS = 12
CAPTION_MAX_WORDS = 40
RUNNING_RULES = frozenset({None, "journal-header", "site-header", "page-number", "running-head"})
# Heads common inside an article too ("Read more", "See also"): the lines under them are links only when no
# sentence of the article follows them (the debris below, or the page's end, closes the list).
CLOSED_LIST_RULES = frozenset({"read-more", "see-also-list", "podcast-furniture"})
# Closed lists whose head is a heading of the page when the article resumes under its lines ("Show notes" above
# the chapters and a transcript); "Read more" above the article's own headings is still a link.
OWN_HEAD_RULES = frozenset({"podcast-furniture"})
TO_END_STOP_WORDS = 40  # a line this long under a to-end head is article text, not a comment or a form


@dataclass(slots=True)
class Line:
    index: int
    start: int  # offset of the line's first character in the normalised text
    end: int  # offset just past its last character (its newline not included)
    text: str
    blank: bool
    rule: str | None = None  # set when the line is debris
    facts: dict[str, str] = field(default_factory=dict)  # metadata the line yields
    key: str | None = None  # infobox key
    kind: str | None = None  # set when the line is (part of) a block
    gap_before: int = 0  # blank lines between this line and the previous non-blank one
    core_end: int = 0  # end of the line without inline suffix debris ("[…]", "[edit]")
    suffixes: list[tuple[int, int, str]] = field(default_factory=list)  # (start, end, rule) of that debris
    sq: str = ""  # the core as rules see it (squash), computed once
    furniture: str | None = None  # furniture.kind_of(sq), when the line is made only of furniture
    mask: str = ""  # furniture.masked(sq): the line with digits masked, to find running headers
    pos: int = 0  # index among the document's non-blank lines
    core: str = ""  # the line without inline suffix debris and trailing spaces (text[: core_end - start])


MEMO_LINES = LINE_MEMO  # distinct lines whose reading is remembered (site furniture repeats from page to page)
MEMO_MAX_CHARS = 400  # longer lines are article text, seldom repeated: read afresh, never stored


def split_lines(text: str, catalogue: Catalogue) -> list[Line]:
    lines: list[Line] = []
    pos = 0
    gap = 0
    inline, memo, any_suffix, ends = _inline_setup(catalogue)
    for i, part in enumerate(text.split("\n")):
        info = memo.get(part)
        if info is None:
            info = _read_line(part, inline, any_suffix, ends)
            if len(part) <= MEMO_MAX_CHARS:
                if len(memo) >= MEMO_LINES:
                    memo.clear()
                memo[part] = info
        blank, core, suffixes, sq = info
        # Every field given in order, by position: the cheapest way to build a hundred Lines per document.
        lines.append(Line(i, pos, pos + len(part), part, blank, None, {}, None, None, gap, pos + len(core),
                          [(pos + s, pos + e, rule) for s, e, rule in suffixes] if suffixes else [], sq, None, "", 0, core))
        gap = gap + 1 if blank else 0
        pos += len(part) + 1
    return lines


_MEMOS: dict[tuple, dict[str, tuple]] = {}
_SETUPS: dict[int, tuple] = {}  # id of a catalogue's rules -> (those rules, what split_lines needs of them)


def _inline_setup(catalogue: Catalogue) -> tuple[list, dict[str, tuple], re.Pattern[str] | None, frozenset[str] | None]:
    """The inline rules of a catalogue, the memo of line readings and the two screens that go with them: worked
    out once per catalogue, not once per document (the entry holds the rules, so their id stays theirs)."""
    entry = _SETUPS.get(id(catalogue.rules))
    if entry is None or entry[0] is not catalogue.rules:
        inline = [r for r in catalogue.rules if r.scope == "inline" and r.kind == "pattern"]
        entry = (catalogue.rules, (inline, _memo(inline), _any_suffix(inline) if inline else None, _suffix_ends(inline)))
        if len(_SETUPS) >= 16:
            _SETUPS.clear()
        _SETUPS[id(catalogue.rules)] = entry
    return entry[1]


def _rules_key(rules: list) -> tuple:
    """What identifies a set of inline rules for the memos: ids and patterns (a catalogue may reuse an id)."""
    return tuple((r.id, *(p.pattern for p in r.patterns)) for r in rules)
_short_line_key = lru_cache(maxsize=MEMO_LINES)(line_key)


def _template_key(text: str) -> int:
    """template.line_key, remembered for short lines (the ones site templates are made of)."""
    return _short_line_key(text) if len(text) <= MEMO_MAX_CHARS else line_key(text)


def _memo(inline: list) -> dict[str, tuple]:
    """The remembered readings of lines, one memo per set of inline rules (a reading depends on them)."""
    key = _rules_key(inline)
    memo = _MEMOS.get(key)
    if memo is None:
        memo = _MEMOS[key] = {}
    return memo


def _read_line(part: str, inline: list, any_suffix: re.Pattern[str] | None,
               ends: frozenset[str] | None) -> tuple[bool, str, tuple[tuple[int, int, str], ...], str]:
    """What a line is on its own, wherever it stands: (blank, core, inline suffix debris, squashed core).

    Offsets of the suffixes are relative to the line's start. A line is blank when nothing but whitespace
    and invisible characters is left (a document without invisible characters has none in any line).
    """
    stripped = part.strip()
    # A line opening with a visible character is not blank; only one opening with an invisible one is looked into.
    blank = not stripped or (stripped[0] in INVISIBLE_CHARS and not INVISIBLE.sub("", stripped).strip())
    core = part.rstrip()
    if blank:
        return blank, core, (), ""
    suffixes: tuple[tuple[int, int, str], ...] = ()
    if any_suffix is not None and (ends is None or core[-1] in ends) and any_suffix.search(core[-SUFFIX_WINDOW:]):
        ln = Line(0, 0, len(part), part, blank, core_end=len(core), core=core)
        _find_suffixes(ln, inline)
        core, suffixes = ln.core, tuple(ln.suffixes)
    return blank, core, suffixes, squash(core)


def _find_suffixes(ln: Line, rules: list) -> None:
    """Inline debris at the end of a line, peeled off one rule at a time (a marker after an [edit] link, say)."""
    changed = True
    while changed:
        changed = False
        core = ln.core
        for rule in rules:
            at = rule.suffix(core)
            if at is not None and core[:at].strip():
                ln.suffixes.insert(0, (ln.start + at, ln.core_end, rule.id))
                ln.core = core[:at].rstrip()
                ln.core_end = ln.start + len(ln.core)
                if ln.core_end < ln.start + at:  # whitespace before the marker goes with it
                    s, e, r = ln.suffixes[0]
                    ln.suffixes[0] = (ln.core_end, e, r)
                changed = True
                break


_SUFFIX_ANY: dict[tuple, re.Pattern[str]] = {}


def _any_suffix(rules: list) -> re.Pattern[str]:
    """One regex that finds whether any inline rule could match at a line's end (most lines: no)."""
    key = _rules_key(rules)
    if key not in _SUFFIX_ANY:
        _SUFFIX_ANY[key] = re.compile("|".join(f"(?:{lead_free(p.pattern)})" for r in rules for p in r.patterns))
    return _SUFFIX_ANY[key]


_SUFFIX_ENDS: dict[tuple, frozenset[str] | None] = {}


def _suffix_ends(rules: list) -> frozenset[str] | None:
    """The characters inline debris can end with (None: any): a line ending otherwise has none."""
    key = _rules_key(rules)
    if key not in _SUFFIX_ENDS:
        _SUFFIX_ENDS[key] = last_chars([p for r in rules for p in r.patterns])
    return _SUFFIX_ENDS[key]


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.casefold())


def _ends_sentence(text: str) -> bool:
    return SENTENCE_END.search(text[-8:]) is not None  # the pattern is anchored at the end: look only there


def _is_sentence(text: str) -> bool:
    return _ends_sentence(text) or text.count(" ") >= TITLE_MAX_WORDS


def _mark(line: Line, rule: str | None, facts: dict[str, str] | None = None, key: str | None = None) -> None:
    line.rule, line.facts, line.key = rule, dict(facts or {}), key


def label(lines: list[Line], catalogue: Catalogue, template: frozenset[int] = frozenset()) -> str | None:
    """Label every non-blank line in place; returns the title text found, if any.

    ``template`` holds hashes of lines that repeat across many documents of the same source (see
    template.py): such lines are site furniture wherever they stand.
    """
    content = [ln for ln in lines if not ln.blank]
    dated: list[int] = []  # short lines with digits, no sentence: where a date line may be (see neighbours.teasers)
    for n, ln in enumerate(content):
        ln.pos = n
        ln.mask = mask = furniture.masked(ln.sq)
        if n > 2 and "#" in mask and len(mask) <= neighbours.DATE_LINE_MAX_CHARS and mask[-1] not in ".!?":
            dated.append(n)  # (a teaser's date comes after a title, a sentence of the article and a headline)
        hit = catalogue.first_match(ln.core, ("line",), ln.sq)
        if hit:
            _mark(ln, hit[0].id, hit[1])
        elif template and _template_key(ln.text) in template:
            _mark(ln, "template-line")
        elif neighbours.post_card(ln):
            _mark(ln, "post-card")
    closing = [ln for ln in content if ln.rule == "wiki-trailing-section"]
    wiki = _is_wiki(content) if closing else None  # None: not worked out yet (most documents never need it)
    if closing and not wiki:
        for ln in closing:  # "References" and "Notes" of a report or a post are its own
            _mark(ln, None)
    _label_sections(content, catalogue, wiki)
    for ln in neighbours.contents_box(content):
        _mark(ln, "wiki-contents")
    for ln in careful.contents_echo(content):
        _mark(ln, "contents-list")
    for ln in content:
        if ln.rule:
            continue
        if not _wiki_heading(ln) and ln.kind != "heading":
            ln.furniture = furniture.kind_of(ln.sq)
            if ln.furniture == "page-number" and (_column_row_of_table(ln, content) or _table_row(ln, content)
                                                  or _figure_row(ln, content)):
                ln.furniture = None  # "2015    4,512  4,420": a row of figures, not a page number
    for ln in neighbours.teasers(content, dated):
        _mark(ln, "teaser-list")
    if content:
        for ln in neighbours.replies(content, content[0].start + (content[-1].end - content[0].start) / 3):
            _mark(ln, "reply-thread")
    # The bottom edge: walk up while lines are debris, or stand inside the debris (see neighbours.py).
    edge = ("bottom", "edge")
    debris = lambda ln: _looks_debris(ln, catalogue, edge)  # noqa: E731
    for ln in reversed(content):
        if ln.rule:
            continue
        hit = catalogue.first_match(ln.core, edge, ln.sq)
        if hit is None and _table_row(ln, content):
            break  # a table of figures ends the article: its rows look like a menu, one at a time
        if _mark_at_edge(ln, hit, edge):
            continue
        if (neighbours.bottom_label(ln, content, debris) and not safety.prose(ln.sq)) or (
                _wiki_heading(ln) and len(ln.sq.split()) <= HEADING_MAX_WORDS):  # a section with nothing but debris under it
            _mark(ln, "bottom-label")
        elif neighbours.bottom_aside(ln, content, lambda above: _rule_at_edge(above, catalogue, edge)):
            _mark(ln, "bottom-aside")
        else:
            break
    for ln in careful.dated_teasers(content):  # once the bottom edge has taken the page's footer
        _mark(ln, "teaser-list")
    for ln in neighbours.author_header(content):
        _mark(ln, "user-card")
    title = _label_top(content, catalogue)
    # Furniture the edges did not reach is still furniture: catalogue rules named it first where they could.
    for ln in content:
        if not ln.rule and ln.furniture and ln.kind not in ("title", "subtitle") and not (
                ln.furniture == "interface" and careful.mid_heading(ln, content)):
            _mark_furniture(ln)
    for ln in content:
        if not ln.rule and ln.kind not in ("title", "subtitle") and neighbours.running_head(ln, content):
            _mark(ln, "running-head")
    for ln in careful.running_echo(content):
        _mark(ln, "running-head")
    for ln in content:
        if ln.rule or ln.kind == "title":
            continue
        if len(ln.sq) > neighbours.NAME_MAX_CHARS:  # most lines: paragraphs, of which only a signed comment is debris here
            if ln.sq[-1].isdigit() and neighbours.signed_comment(ln):
                _mark(ln, "signed-comment")
        elif neighbours.user_card(ln, content) or neighbours.profile_header(ln, content):
            _mark(ln, "user-card")
        elif "  " in ln.core and furniture.is_column_row(ln.core) and neighbours.tag_chips(ln.sq):
            _mark(ln, "category-tags")  # "north-korea  20th-century  social-class": a question's tags, wherever they stand
    careful.letter_lines(content)
    careful.sign_off(content)
    careful.head_metadata(content, catalogue)
    for ln in threads.replies(content):
        _mark(ln, "thread-reply")
    for ln in careful.pull_quotes(content):
        _mark(ln, "pull-quote")
    _byline_under_standfirst(content, catalogue)
    _credit_names(content)
    for ln in echoes.site_names(content):
        _mark(ln, "site-header")
    _label_body(content, title)
    for ln in safety.given_back(content):  # last looks: shapes of the article that a general signal took
        _mark(ln, None)
        ln.furniture, ln.kind = None, "list_item" if LIST_ITEM.match(ln.sq) else "paragraph"
    headfacts.read_head_facts(content)  # after the last looks: only lines that stay removed yield facts
    return title


def _table_row(ln: Line, content: list[Line]) -> bool:
    """A row of a pipe table: two cell separators or more, like the line above or below it."""
    cells = ln.sq.count("|")
    if cells < 2 or ln.sq.startswith("|"):
        return False
    near = [content[i] for i in (ln.pos - 1, ln.pos + 1) if 0 <= i < len(content)]
    # a row below already taken for debris (a footer of links) makes no table
    return any(n.sq.count("|") == cells and not n.sq.startswith("|") and not n.rule for n in near)


COLUMN_GAP = re.compile(r"\S(?: {2,}|\t+)(?=\S)")


def _column_gaps(ln: Line) -> int:
    core = ln.core
    return len(COLUMN_GAP.findall(core.strip())) if "  " in core or "\t" in core else 0


def _column_row_of_table(ln: Line, content: list[Line]) -> bool:
    """A row of a table laid out in columns, with figures in it, next to another such row with as many columns:
    its numbers make it look like a page number or a running footer, one line at a time."""
    gaps = _column_gaps(ln)
    if not gaps or not any(c.isdigit() for c in ln.sq):
        return False
    near = (content[i] for i in (ln.pos - 1, ln.pos + 1) if 0 <= i < len(content))
    return any(_column_gaps(n) == gaps and any(c.isdigit() for c in n.sq) for n in near)


FIGURE_ROW_MIN_CELLS = 4


def _figures(ln: Line) -> int:
    """How many figures the line holds when it holds nothing else (0 otherwise)."""
    cells = ln.sq.split()
    return len(cells) if all(any(c.isdigit() for c in cell) for cell in cells) else 0


def _figure_row(ln: Line, content: list[Line]) -> bool:
    """A row of a table of figures set with single spaces ("2016-2019 142 (24.1) 201 (34.1)"), beside another
    with as many figures: a page number or a pager holds two or three, and never comes in rows."""
    cells = _figures(ln)
    if cells < FIGURE_ROW_MIN_CELLS:
        return False
    return any(_figures(content[i]) == cells for i in (ln.pos - 1, ln.pos + 1) if 0 <= i < len(content))


def _mark_furniture(ln: Line) -> None:
    """Lines made only of interface words, timestamps or page numbers: debris on any site (see furniture.py)."""
    kind = ln.furniture
    if kind == "interface":
        _mark(ln, "interface-line")
    elif kind == "page-number":
        _mark(ln, "page-number")
    elif kind == "separator":
        _mark(ln, "separator-line")
    elif kind == "timestamp":
        value = furniture.timestamp_value(ln.sq)
        _mark(ln, "timestamp", {"date": value} if value else None)


def _label_sections(content: list[Line], catalogue: Catalogue, wiki: bool | None = None) -> None:
    """Debris sections: a head line ("Leave a Reply", "Related posts:", "== See also ==") and what it governs.

    Only after the article has begun (a sentence came before), so a head can never swallow a title or
    the opening of the text; a to-end section must also start past the first third of the document.
    A wiki's closing sections govern only in a wiki (``wiki``: passed when the caller has worked it out).
    """
    begun = False
    i = 0
    third = content[0].start + (content[-1].end - content[0].start) / 3 if content else 0
    while i < len(content):
        ln = content[i]
        text = ln.sq
        rule = catalogue.head_rule(ln.core, ln.sq) if begun and (ln.rule is None or catalogue.by_id[ln.rule].heads) else None
        if rule is not None and rule.id == "wiki-trailing-section":
            wiki = _is_wiki(content) if wiki is None else wiki
            # "References" and "Notes" of a report or a post are its own; "See also" and "Further reading" outside a
            # wiki head a list of links, under the first other rule that names them
            rule = rule if wiki else next((r for r in catalogue.rules if r.heads and r is not rule and r.is_head(ln.sq)), None)
        if rule is None or (rule.section == "to-end" and ln.start < third):
            begun = begun or (ln.rule is None and _is_sentence(text))
            i += 1
            continue
        nxt = content[i + 1] if i + 1 < len(content) else None
        if (rule.section == "headlines" and nxt is not None and nxt.rule is None and READING_HEAD.fullmatch(text.rstrip(":"))
                and CITATION.search(nxt.sq)):
            i += 1  # a reading list of books and papers under "Further reading": the report's own, as its references
            continue
        if ln.rule is None:
            _mark(ln, rule.id)
        closed = rule.id in CLOSED_LIST_RULES
        run: list[Line] = [ln] if closed and ln.rule == rule.id and rule.id in OWN_HEAD_RULES else []
        j = i + 1
        while j < len(content):
            nxt = content[j]
            if nxt.rule is None:
                if rule.section == "headlines" and ((_is_sentence(nxt.sq) and not _question_headline(nxt)
                                                     and not careful.teaser(nxt, content, rule.id)) or (closed and nxt.suffixes)):
                    if closed and catalogue.first_match(nxt.core, ("top", "bottom", "edge"), nxt.sq) is None:
                        run = _unmark(run, own_head=ln) if len(run) > 1 or run[:1] != [ln] else []  # the article resumes right under the lines: they may be its own headings
                    break  # (a short question is one of the headlines: "Can Kaesong ever reopen?"; under "Read more", an
                    # excerpt cut off is the article's own, which the link under it continues)
                if rule.section == "headlines" and (other := catalogue.head_rule(nxt.core, nxt.sq)) is not None and (
                        other.section != "to-end" or nxt.start >= third):
                    break  # another section begins: its head decides what follows
                if nxt.sq.count(" ") >= TO_END_STOP_WORDS:
                    if closed:
                        run = _unmark(run)
                    break  # a long paragraph: the article resumes, whatever the head said
                if rule.section == "headlines" and careful.section_heading(nxt, content):
                    if closed:
                        run = _unmark(run)
                    break  # a short heading over a long paragraph: the article resumes
                _mark(nxt, rule.id)  # at once: a teaser is known by the headline marked above it (careful.teaser)
                run.append(nxt)
            elif rule.section == "headlines" and careful.opens_thread(nxt, catalogue, third):
                break  # a marked line opening a comment thread ("42 Comments") governs what follows it
            j += 1
        i = j


def _unmark(run: list[Line], own_head: Line | None = None) -> list[Line]:
    """Gives back lines a closed list took provisionally, when no debris closed it after all; returns no lines.
    ``own_head``, when the run holds it, is given back as a heading of the text (its words are not a button)."""
    for ln in run:
        _mark(ln, None)
        if ln is own_head:
            ln.kind = "heading"  # read as furniture by nothing later (see label)
    return []


def _is_wiki(content: list[Line]) -> bool:
    """Wiki markup or wiki furniture somewhere in the document: "== Heading ==", "[edit]", a wiki's banner."""
    return any(
        _wiki_heading(ln) or WIKI_TITLE.match(ln.sq) or UNDER_WIKI_TITLE.match(ln.sq)
        or ((ln.rule or "").startswith("wiki-") and ln.rule != "wiki-trailing-section")
        for ln in content)


def _wiki_heading(ln: Line) -> bool:
    """"== Heading ==", or a heading a scraper left with its "[edit]" link."""
    return (ln.sq[:2] == "==" and WIKI_HEADING.match(ln.sq) is not None) or (bool(ln.suffixes) and any(rule == "wiki-edit-link" for _, _, rule in ln.suffixes))


def _top_headline_sections(content: list[Line], catalogue: Catalogue) -> None:
    """A link list under a head above the article ("Must Read" + headlines): its headlines are debris, as
    long as another headline-like line is left before the first paragraph to be the title."""
    def debris(ln: Line) -> bool:
        return bool(ln.rule) or bool(ln.furniture) or catalogue.first_match(ln.core, ("top", "edge", "line"), ln.sq) is not None

    first = next((i for i, ln in enumerate(content) if _is_sentence(ln.sq) and not debris(ln)), len(content))
    i = 0
    while i < first:
        rule = catalogue.head_rule(content[i].core, content[i].sq)
        if rule is None or rule.section != "headlines":
            i += 1
            continue
        j = i + 1
        while j < first and not debris(content[j]):
            j += 1
        run = content[i + 1 : j]
        if run and any(not debris(ln) for ln in content[j:first]):
            for ln in [content[i], *run]:
                if not ln.rule:
                    _mark(ln, rule.id)
        i = j


def _edge_kind(ln: Line) -> str | None:
    """Furniture recognisable by its layout, trusted only at a document's edges (a table row looks alike)."""
    if furniture.is_breadcrumb(ln.sq):
        return "breadcrumb-trail"
    if furniture.is_column_row(ln.core):
        return "menu-columns"
    return None


def _headline(text: str, lone_row: bool = False) -> bool:
    """Three words or more, not a list item or a row of an infobox: what a title looks like."""
    words = text.split(None, 2)  # three words or more: no need to split a paragraph into all of its words
    return ((len(words) >= 3 or _cjk_headline(text)) and not _list_item(text)
            and not (INFOBOX_ROW.match(text) and not lone_row))


HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
KANA = re.compile(r"[\u3040-\u30ff]")
CJK_HEADLINE_CHARS = 8  # Chinese and Japanese write no spaces: a headline has eight characters or more, a site's name fewer


def _cjk_headline(text: str) -> bool:
    """A line of Chinese or Japanese long enough to be a headline, and not a sentence: words cannot be counted
    by spaces there, so characters are (kana at half weight: a name in katakana runs long, "…ニュースネット")."""
    if len(text) < CJK_HEADLINE_CHARS:
        return False
    han = len(HAN.findall(text))
    return (han + len(KANA.findall(text)) / 2 >= CJK_HEADLINE_CHARS and han >= 2
            and not _ends_sentence(text))


def _site_header(ln: Line, headlines: list[Line], content: list[Line]) -> bool:
    """Above the title: all capitals (a site name, a section label), or one or two words with a headline below
    (unless a date stands above them: then the article's head has begun, and they are its title)."""
    text = ln.sq
    if _cjk_headline(text):
        return False  # a headline in a script without capitals is no label
    if any(c.isalpha() for c in text) and text == text.upper() and len(text.split()) <= 4:
        return True
    if careful.last_crumb(ln, content) or guards.over_byline(ln, content):
        return False
    return (len(neighbours.words(text)) <= 2 and any(h.start > ln.start for h in headlines)
            and not neighbours.dated_before(ln, content))


def _label_case(text: str) -> bool:
    """Written as a label: in capitals ("ESSAY"), or in a script without capitals."""
    return text == text.upper() and any(c.isalpha() for c in text)


def _looks_debris(ln: Line, catalogue: Catalogue, scopes: tuple[str, ...]) -> bool:
    """Marked already, or would be at an edge (catalogue, furniture, layout): without marking it."""
    return bool(ln.rule or ln.furniture) or _edge_kind(ln) is not None or catalogue.first_match(ln.core, scopes, ln.sq) is not None


def _rule_at_edge(ln: Line, catalogue: Catalogue, scopes: tuple[str, ...]) -> str | None:
    """The rule that has marked the line, or would mark it at an edge (None when nothing would)."""
    if ln.rule:
        return ln.rule
    hit = catalogue.first_match(ln.core, scopes, ln.sq)
    if hit:
        return hit[0].id
    if ln.furniture:
        return {"interface": "interface-line", "separator": "separator-line"}.get(ln.furniture, ln.furniture)
    return _edge_kind(ln)


def _mark_at_edge(ln: Line, hit: tuple[Rule, dict[str, str]] | None, scopes: tuple[str, ...]) -> bool:
    """Mark a line at a document's edge as debris when anything names it: an edge rule of the catalogue first
    (``hit``: what ``first_match`` gives for the line in ``scopes``, which the caller has asked already), then the
    general furniture signals. True when it was marked."""
    if hit:
        _mark(ln, hit[0].id, hit[1])
    elif ln.furniture:
        _mark_furniture(ln)
    elif (kind := _edge_kind(ln)) is not None:
        _mark(ln, kind)
    elif "top" in scopes and furniture.is_word_menu(ln.sq):
        _mark(ln, "menu-words")  # only above the article: a heading of its text may read alike
    else:
        return False
    return True


def _starts_body(ln: Line) -> bool:
    return _is_sentence(ln.sq) or DATELINE.match(ln.sq + " ") is not None or neighbours.introduces_list(ln.sq)


# what a wiki prints right under a page's title (not "Last edited by …", which may follow a description)
UNDER_WIKI_TITLE = re.compile(r"(?i)sign in to edit|edit this page|from (the )?[\w .'-]{0,40}(wiki|pedia)\b"
                              r"|from [\w .'’-]{1,40}, the free (encyclopedia|news source|dictionary)\b")


def _above_wiki_chrome(ln: Line, content: list[Line]) -> bool:
    """A wiki prints the page's title right above its banner or page tools ("From Wikipedia, …", "Sign in to
    edit"): that line is the title, whatever menu or site name stands above it."""
    nxt = content[ln.pos + 1] if ln.pos + 1 < len(content) else None
    return (nxt is not None and ((nxt.rule in ("wiki-encyclopedia-banner", "wiki-chrome")
            and UNDER_WIKI_TITLE.match(nxt.sq) is not None) or guards.page_tools(nxt)) and _plain_heading(ln))


def _below_wiki_banner(ln: Line, content: list[Line]) -> bool:
    """With nothing above the banner, the page's title comes right under it ("From Wikipedia, …", "Jump to …")."""
    prev = content[ln.pos - 1] if ln.pos > 0 else None
    return (prev is not None and prev.rule == "wiki-encyclopedia-banner" and _plain_heading(ln)
            and not INFOBOX_ROW.match(ln.sq))


def _plain_heading(ln: Line) -> bool:
    """Undecided, not furniture, short, not a sentence and no table row: a line a wiki's title could be."""
    return (not ln.furniture and not ln.rule and len(ln.sq.split()) <= 12 and not _is_sentence(ln.sq)
            and "|" not in ln.sq)


QUESTION_TITLE_MAX_WORDS = 10
ASKED_TITLE_MAX_WORDS = 20  # with nothing above but the site's header, a longer question is the title of a Q&A page


def _question_headline(ln: Line, most: int = QUESTION_TITLE_MAX_WORDS) -> bool:
    """A short question on a line of its own ("Who owns a North Korean song?"): a headline, not the body's start."""
    text = ln.sq
    return text.endswith("?") and len(text.split()) <= most and text.lstrip("[(\"'“‘")[:1].isupper()


def _asked_title(ln: Line, content: list[Line], titled: bool) -> bool:
    """A question on a line of its own above the body, read as a headline: a short one under the navigation, or
    one of up to twenty words with nothing that could be the title above it or with debris right above it (the
    question of a Q&A page under its labels, "Resolved Question")."""
    if _question_headline(ln):
        return not titled or _under_navigation(ln, content)
    return _question_headline(ln, ASKED_TITLE_MAX_WORDS) and (not titled or (ln.pos > 0 and content[ln.pos - 1].rule is not None))


def _under_navigation(ln: Line, content: list[Line]) -> bool:
    """Right under a line of the site's navigation (a menu, a breadcrumb): where a page's title stands."""
    return ln.pos > 0 and neighbours.is_navigation(content[ln.pos - 1])


def _label_top(content: list[Line], catalogue: Catalogue) -> str | None:
    """The top edge: debris, the title, a subtitle, infobox rows; stops at the first sentence of the body.

    The title is the first headline-like line of three words or more above the body (a wiki "= Title ="
    first of all); the short lines above it are the site's header (name, menu items, section labels).
    """
    _top_headline_sections(content, catalogue)
    candidates: list[Line] = []
    for ln in content:
        if ln.rule:
            continue
        hit = catalogue.first_match(ln.core, ("top", "edge"), ln.sq)
        titled = any(not c.furniture for c in candidates)  # a line that could be the title has been seen
        if not titled and ((hit and hit[0].strength == "weak") or (not hit and ln.furniture)):
            candidates.append(ln)  # a weak or general signal never takes the first line that could be the title
            continue
        if _mark_at_edge(ln, hit, ("top", "edge")):
            continue
        if (_starts_body(ln) and not (INFOBOX_ROW.match(ln.sq) and (candidates or _rows_follow(ln, content)))
                and not _asked_title(ln, content, titled) and not careful.in_trail(ln, content)):
            break
        candidates.append(ln)
    if not candidates:
        return None
    pick = next((c for c in candidates if WIKI_TITLE.match(c.sq)), None)
    pick = pick or next((c for c in candidates if _above_wiki_chrome(c, content)), None)
    pick = pick or next((c for c in candidates if _below_wiki_banner(c, content)), None)
    repeated = furniture.repeated_lines([c.mask for c in content])
    rows = {i for i, c in enumerate(candidates) if INFOBOX_ROW.match(c.sq)}
    lone = {i for i in rows if i - 1 not in rows and i + 1 not in rows}  # "Thread: …" is a title; a run of rows is an infobox
    def running(c: Line) -> bool:  # a running header of printed pages is never the title
        return "#" in c.mask and c.mask in repeated

    def continued(c: Line) -> bool:  # a line the next one continues is the start of the text, not a title
        n = c.pos
        nxt = content[n + 1] if n + 1 < len(content) else None
        return nxt is not None and nxt.core.lstrip()[:1].islower() and _is_sentence(nxt.sq)

    headlines = [c for i, c in enumerate(candidates) if _headline(c.sq, i in lone) and not running(c) and not continued(c)]
    plain = any(not c.furniture for c in candidates)  # furniture is the title only when nothing else can be
    first = next((h for h in headlines if not h.furniture), None)
    names = neighbours.site_name(first, content, candidates, neighbours.is_navigation) if first is not None else []
    names += [c for c in echoes.footer_echoes(candidates, content)
              if all(c is not n for n in names) and not _site_header(c, headlines, content)]  # a name the copyright repeats
    pick = pick or next((c for c in candidates if careful.last_crumb(c, content)
                         and not guards.section_label(c, headlines)), None)  # the trail ends with it
    pick = pick or neighbours.thread_title(candidates, lone, lambda c: any(c is n for n in names) or _site_header(c, headlines, content))
    pick = pick or next(
        (c for i, c in enumerate(candidates)
         if not LIST_ITEM.match(c.sq) and (i not in rows or i in lone) and not running(c) and not continued(c)
         and not (plain and c.furniture) and all(c is not n for n in names)
         and (not _site_header(c, headlines, content) or _short_title_under_name(c, names, content))), None)
    if rows and not any(WIKI_TITLE.match(c.sq) for c in candidates):
        pick = _row_title(candidates, min(rows), pick, lambda c: any(c is n for n in names) or _site_header(c, headlines, content)) or pick
    pick = pick or _catalogue_row_title(candidates, rows)
    pick = guards.headline_under_menu(pick, candidates, content, lambda c: _headline(c.sq, True)
                                      and not running(c) and not continued(c) and not _site_header(c, headlines, content)) or pick
    if pick is None:
        for n in names:
            _mark(n, "site-header")
        return None
    wiki = WIKI_TITLE.match(pick.sq)
    title = wiki["text"] if wiki else pick.sq
    pick.kind = "title"
    title_words = set(_words(title))
    lone_rows = {id(candidates[i]) for i in lone}  # by identity: lines compare by value
    after = False
    subtitle_seen = False
    for ln in candidates:
        if ln is pick:
            after = True
            continue
        text = ln.sq
        if not after:
            if ln.furniture:
                _mark_furniture(ln)
            else:
                _mark(ln, "site-header")
            continue
        if text.casefold() == title.casefold():
            _mark(ln, "repeated-title")
            continue
        hit = catalogue.first_match(ln.core, ("top", "edge"), ln.sq)
        if hit:
            _mark(ln, hit[0].id, hit[1])
            continue
        row = INFOBOX_ROW.match(text) or COLUMN_PAIR.match(ln.core.strip()) or PIPE_PAIR.match(text)
        if row and id(ln) in lone_rows and (neighbours.headline_value(row["value"]) or careful.headline_key(row["key"])):
            row = None  # "This week: power, trade, an opera" alone under a short pick: a headline, not an infobox
        if row and LIST_ITEM.match(text) and _is_sentence(row["value"]) and len(row["value"].split()) >= 4:
            row = None  # "• December 28: the leader visits the steel works." is an item of a chronology
        if row and (LIST_ITEM.match(text) or not _is_sentence(text)) and len(text.split()) <= 15:
            value = row["value"].strip()
            if not value or "|" in value or value.endswith("=") or "{{" in value:
                _mark(ln, "wiki-template-fragment")
            else:
                _mark(ln, "infobox-row", {"infobox": value}, key=row["key"].strip())
            continue
        words = _words(text.replace("-", " ").replace("_", " "))
        if (
            words
            and SLUG.fullmatch(text)
            and any(c.isalpha() for c in text)
            and not _ends_sentence(text)
            and len(words) <= 15
            and sum(w in title_words for w in words) / len(words) >= 0.5
        ):
            _mark(ln, "image-slug")
            continue
        n = ln.pos
        following = content[n + 1].core.lstrip() if n + 1 < len(content) else ""
        continued = text.split()[-1].casefold() in FUNCTION_WORDS or following[:1].islower()
        if not subtitle_seen and not continued and not LIST_ITEM.match(text) and not WIKI_HEADING.match(text) and len(text.split()) >= 3:
            ln.kind, subtitle_seen = "subtitle", True
        elif (len(text.split()) <= 3 and _label_case(text) and not careful.speaker_tag(ln, content)
              and not guards.uncased_section_mark(ln, content)):
            _mark(ln, "site-header")  # an all-capitals label under the title (a section chip)
        elif neighbours.chip(ln, content, lambda nxt: _looks_debris(nxt, catalogue, ("top", "edge"))):
            _mark(ln, "site-header")  # a one- or two-word chip with debris right under it ("Details", a category)
    return title


BYLINE_RULES = frozenset({"byline-loose", "byline-name"})
HEAD_FIELD_RULES = frozenset({"issue-line"})  # what a magazine prints under the author's name
HEAD_BYLINE_RULES = BYLINE_RULES | {"byline"}
BYLINE_MAX_CHARS = 100


def _byline_under_standfirst(content: list[Line], catalogue: Catalogue) -> None:
    """The top edge stops at the first sentence, which may be a standfirst; the author's line often comes right
    under it ("Grace Han · 19 May 2025", "By the North Korea desk"), and a magazine's issue line under that
    ("Issue 47, Winter 2024"). Only the first line kept after the standfirst is looked at, and a bare name only
    with debris (a date, a toolbar) right under it."""
    title = next((ln for ln in content if ln.kind == "title"), None)
    if title is None:
        return
    kept = 0
    for ln in content[title.pos + 1:]:
        if ln.rule:
            continue
        if kept == 0:
            kept = 1  # the standfirst
            continue
        if len(ln.sq) > BYLINE_MAX_CHARS:
            return  # a paragraph: the article has begun
        hit = catalogue.first_match(ln.core, ("edge",), ln.sq)
        if hit is not None and hit[0].id in HEAD_FIELD_RULES and content[ln.pos - 1].rule in HEAD_BYLINE_RULES:
            _mark(ln, hit[0].id, hit[1])  # the issue under the author's line: the article's head goes on
            return
        if hit is None or hit[0].id not in BYLINE_RULES:
            return
        nxt = content[ln.pos + 1] if ln.pos + 1 < len(content) else None
        if hit[0].id == "byline-loose" or (nxt is not None and bool(nxt.rule or nxt.furniture)):
            _mark(ln, hit[0].id, hit[1])
            if nxt is not None and not nxt.rule and (more := catalogue.first_match(nxt.core, ("edge",), nxt.sq)) and more[0].id in HEAD_FIELD_RULES:
                _mark(nxt, more[0].id, more[1])
        return


def _credit_names(content: list[Line]) -> None:
    """The author's name, which a byline has given, alone on a line inside the article again: a photo credit
    under each picture, or a sign-off."""
    names = {ln.facts["byline"].casefold() for ln in content if ln.rule and ln.facts.get("byline")}
    if not names:
        return
    for ln in content:
        if not ln.rule and ln.kind not in ("title", "subtitle") and ln.sq.casefold() in names:
            _mark(ln, "credit-name", {"photo_credit": ln.sq})


def _short_title_under_name(ln: Line, names: list[Line], content: list[Line]) -> bool:
    """One or two words right under the navigation that stands under the site's name, with only record fields
    below ("juche (주체)", then "Part of speech: noun"): the entry's title, not a section label."""
    if not names or ln.sq == ln.sq.upper() or not _under_navigation(ln, content):
        return False  # an all-capitals label ("ESSAY", "● LIVE") stays a label
    nxt = content[ln.pos + 1] if ln.pos + 1 < len(content) else None
    return nxt is not None and INFOBOX_ROW.match(nxt.sq) is not None and neighbours.TITLE_ROW.match(nxt.sq) is None


ROW_TITLE_MIN_WORDS = 4


def _row_title(candidates: list[Line], first: int, pick: Line | None, header: Callable[[Line], bool]) -> Line | None:
    """A title written as "Kind: name" opening the run of record fields under it ("Lecture: Women in the Party,
    1945–1970", then "Date: …", "Venue: …"): the title when nothing but the site's header stands above it and
    no other title was found above the fields."""
    row = candidates[first]
    m = INFOBOX_ROW.match(row.sq)
    value = m["value"] if m else ""
    name = pick if pick is not None and m and guards.name_over_kicker_row(pick, m["key"], value) else None
    if pick is not None and pick.start < row.start and name is None:
        return None
    if len(value.split()) < ROW_TITLE_MIN_WORDS or _is_sentence(value) or LIST_ITEM.match(row.sq):
        return None
    return row if all(a.furniture or a.rule or a is name or header(a) for a in candidates[:first]) else None


def _rows_follow(ln: Line, content: list[Line]) -> bool:
    """The next line is a short "Key: value" row as well (the fields of a catalogue entry under its titled row)."""
    nxt = content[ln.pos + 1] if ln.pos + 1 < len(content) else None
    return nxt is not None and INFOBOX_ROW.match(nxt.sq) is not None and not _is_sentence(nxt.sq)


def _catalogue_row_title(candidates: list[Line], rows: set[int]) -> Line | None:
    """With nothing else to be the title, the first of a run of rows when its value reads as a headline: a
    catalogue entry's title is a row too ("Poster: "Let Us Produce More Grain"", then "Date: 1961")."""
    if not rows:
        return None
    first = min(rows)
    row = INFOBOX_ROW.match(candidates[first].sq)
    if row is None or not neighbours.headline_value(row["value"].strip("\"'“”‘’ ")):
        return None
    return candidates[first] if all(c.rule or c.furniture for c in candidates[:first]) else None


def _list_item(text: str) -> bool:
    """``LIST_ITEM.match(text)``, asked only of lines opening with a list's mark or a digit (most lines: neither)."""
    opening = text[:1]
    return bool(opening) and (opening in LIST_MARKS or opening.isdecimal()) and LIST_ITEM.match(text) is not None


def _heading_like(text: str) -> bool:
    words = text.split(None, HEADING_MAX_WORDS)  # all the words when there are few enough; a paragraph is not split whole
    return (
        0 < len(words) <= HEADING_MAX_WORDS
        and text[:1].isupper()
        and not _ends_sentence(text)
        and not text.endswith((":", ",", ";"))
        and words[-1].casefold() not in FUNCTION_WORDS
    )


def _label_body(content: list[Line], title: str | None) -> None:
    """Kinds for the lines that are neither debris nor already labelled; captions at the bottom edge."""
    body = [ln for ln in content if not ln.rule]
    folded_title = title.casefold() if title else None
    for ln in body:
        if ln.kind:
            continue
        text = ln.sq
        if folded_title and text.casefold() == folded_title:
            _mark(ln, "repeated-title")
        elif text[:2] == "==" and WIKI_HEADING.match(text):
            ln.kind = "heading"
        elif _list_item(text):
            ln.kind = "list_item"
        else:
            ln.kind = "paragraph"
    # Counted over the body and the page furniture an edge rule took: a running head is one whether or not its first copy was taken.
    repeated = furniture.repeated_lines([ln.mask for ln in content if ln.kind != "title" and ln.rule in RUNNING_RULES])
    for ln in body:
        if (ln.kind != "title" and "#" in ln.mask and ln.mask in repeated and not _is_sentence(ln.sq)
                and not furniture.YEAR.match(ln.sq)  # years heading a chronology differ only in digits
                and not furniture.NUMBERED_SECTION.match(ln.sq)  # "Verse 1", "Verse 2": the text's own headings
                and not _column_row_of_table(ln, content) and not _table_row(ln, content)  # rows of a table of figures differ only in digits
                and not _figure_row(ln, content)):
            _mark(ln, "repeated-line")
    body = [ln for ln in body if not ln.rule]
    # Captions: short lines after the article, each set off by two or more blank lines.
    for ln in reversed(body):
        if ln.kind != "paragraph" or ln.gap_before < 2 or len(ln.core.split()) > CAPTION_MAX_WORDS:
            break
        ln.kind = "caption"
    # Plain headings: a short title-like line between two paragraphs of the article.
    for prev, ln, nxt in zip(body, body[1:], body[2:]):
        if (
            ln.kind == "paragraph"
            and prev.kind in ("paragraph", "list_item", "heading", "subtitle")
            and _ends_sentence(prev.core.rstrip())
            and nxt.kind == "paragraph"
            and _is_sentence(nxt.sq)
            and _heading_like(ln.sq)
        ):
            ln.kind = "heading"


def dateline(text: str) -> re.Match[str] | None:
    """A news dateline at the start of a paragraph: "Pyongyang, December 4 (KCNA) -- …" (kept in the text)."""
    return DATELINE.match(text)


def joins_next(left: Line, right: Line) -> bool:
    """A page-break artefact: a paragraph stops mid-sentence and the next one starts in lower case."""
    if left.kind != "paragraph" or right.kind != "paragraph" or left.suffixes:
        return False
    lt, rt = left.core.rstrip(), right.core.lstrip()
    return ends_with(MID_SENTENCE, lt) and bool(rt) and rt[0].islower() and right.gap_before <= 2
