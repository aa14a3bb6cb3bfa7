"""Labelling: decide for every line of a document whether it is debris (and by which rule) or a block (and of which kind).

Decisions are position-aware: edge-scoped rules act only inside the debris clusters at the top and
bottom of a document, so a weak signal never removes a line from the middle of the article.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .catalogue import Catalogue, squash
from .template import line_key

WIKI_TITLE = re.compile(r"^=\s*(?P<text>[^=].*?)\s*=$")
WIKI_HEADING = re.compile(r"^(?P<level>={2,6})\s*(?P<text>[^=].*?)\s*(?P=level)$")
LIST_ITEM = re.compile(r"^(?:[-*•]|\d{1,3}[.)])\s+\S")
INFOBOX_ROW = re.compile(r"^(?:[-*•]\s+)?(?P<key>[A-Z][\w'’ ./()-]{0,40}?)\s*:\s*(?P<value>.*)$")
SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*$")
MID_SENTENCE = re.compile(r"[\w,]$")
DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Za-z'’.-]+(?: [A-Z][A-Za-z'’.-]+){0,3}),? "
    r"(?P<date>(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?) \d{1,2}(?:,? \d{4})?)"
    r"(?: \((?P<agency>[A-Za-z]{2,12})\))?\s*(?:--|—|–|-)\s"
)
# C0/C1 controls (tab kept), zero-width and byte-order marks, soft hyphens: invisible, never content.
INVISIBLE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200d\u2060\ufeff\u00ad]+")
FUNCTION_WORDS = frozenset("a an and as at by for from in into of on or the to with".split())
TITLE_MAX_WORDS = 25
HEADING_MAX_WORDS = 12
CAPTION_MAX_WORDS = 40


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

    @property
    def core(self) -> str:
        return self.text[: self.core_end - self.start]


def split_lines(text: str, catalogue: Catalogue) -> list[Line]:
    lines: list[Line] = []
    pos = 0
    gap = 0
    inline = catalogue.line_rules("inline")
    for i, part in enumerate(text.split("\n")):
        blank = not INVISIBLE.sub("", part).strip()
        ln = Line(i, pos, pos + len(part), part, blank, gap_before=gap)
        ln.core_end = ln.start + len(part.rstrip())
        if not blank:
            _find_suffixes(ln, inline)
        lines.append(ln)
        gap = gap + 1 if blank else 0
        pos += len(part) + 1
    return lines


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
                ln.core_end = ln.start + len(core[:at].rstrip())
                if ln.core_end < ln.start + at:  # whitespace before the marker goes with it
                    s, e, r = ln.suffixes[0]
                    ln.suffixes[0] = (ln.core_end, e, r)
                changed = True
                break


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.casefold())


def _is_sentence(text: str) -> bool:
    return bool(SENTENCE_END.search(text)) or len(text.split()) > TITLE_MAX_WORDS


def _mark(line: Line, rule: str, facts: dict[str, str] | None = None, key: str | None = None) -> None:
    line.rule, line.facts, line.key = rule, dict(facts or {}), key


def label(lines: list[Line], catalogue: Catalogue, template: frozenset[int] = frozenset()) -> str | None:
    """Label every non-blank line in place; returns the title text found, if any.

    ``template`` holds hashes of lines that repeat across many documents of the same source (see
    template.py): such lines are site furniture wherever they stand.
    """
    content = [ln for ln in lines if not ln.blank]
    for ln in content:
        hit = catalogue.first_match(ln.core, ("line",))
        if hit:
            _mark(ln, hit[0].id, hit[1])
        elif template and line_key(ln.text) in template:
            _mark(ln, "template-line")
    _label_sections(content, catalogue)
    # The bottom edge: walk up while lines are debris.
    for ln in reversed(content):
        if ln.rule:
            continue
        hit = catalogue.first_match(ln.core, ("bottom", "edge"))
        if not hit:
            break
        _mark(ln, hit[0].id, hit[1])
    title = _label_top(content, catalogue)
    _label_body(content, title)
    return title


def _label_sections(content: list[Line], catalogue: Catalogue) -> None:
    """Debris sections: a head line ("Leave a Reply", "Related posts:", "== See also ==") and what it governs.

    Only after the article has begun (a sentence came before), so a head can never swallow a title or
    the opening of the text; a to-end section must also start past the first third of the document.
    """
    begun = False
    i = 0
    third = content[0].start + (content[-1].end - content[0].start) / 3 if content else 0
    while i < len(content):
        ln = content[i]
        text = squash(ln.core)
        rule = catalogue.head_rule(ln.core) if begun and (ln.rule is None or catalogue.by_id[ln.rule].heads) else None
        if rule is None or (rule.section == "to-end" and ln.start < third):
            begun = begun or (ln.rule is None and _is_sentence(text))
            i += 1
            continue
        if ln.rule is None:
            _mark(ln, rule.id)
        j = i + 1
        while j < len(content):
            nxt = content[j]
            if nxt.rule is None:
                if rule.section == "headlines" and _is_sentence(squash(nxt.core)):
                    break
                _mark(nxt, rule.id)
            elif rule.section == "headlines" and not catalogue.by_id[nxt.rule].heads and catalogue.by_id[nxt.rule].scope != rule.scope:
                pass
            j += 1
        i = j


def _top_headline_sections(content: list[Line], catalogue: Catalogue) -> None:
    """A link list under a head above the article ("Must Read" + headlines): its headlines are debris, as
    long as another headline-like line is left before the first paragraph to be the title."""
    def debris(ln: Line) -> bool:
        return bool(ln.rule) or catalogue.first_match(ln.core, ("top", "edge", "line")) is not None

    first = next((i for i, ln in enumerate(content) if not debris(ln) and _is_sentence(squash(ln.core))), len(content))
    i = 0
    while i < first:
        rule = catalogue.head_rule(content[i].core)
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


def _label_top(content: list[Line], catalogue: Catalogue) -> str | None:
    """The top edge: debris, the title, a subtitle, infobox rows; stops at the first paragraph."""
    _top_headline_sections(content, catalogue)
    title: str | None = None
    title_words: set[str] = set()
    subtitle_seen = False
    for n, ln in enumerate(content):
        if ln.rule:
            continue
        text = squash(ln.core)
        hit = catalogue.first_match(ln.core, ("top", "edge"))
        if hit:
            _mark(ln, hit[0].id, hit[1])
            continue
        if title is None:
            wiki = WIKI_TITLE.match(text)
            if wiki:
                ln.kind, title = "title", wiki["text"]
            elif not _is_sentence(text) and not LIST_ITEM.match(text) and not DATELINE.match(text + " "):
                ln.kind, title = "title", text
            else:
                return None  # the document starts with its body
            title_words = set(_words(title))
            continue
        if text.casefold() == title.casefold():
            _mark(ln, "repeated-title")
            continue
        row = INFOBOX_ROW.match(text)
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
            and text == text.lower()
            and not SENTENCE_END.search(text)
            and len(words) <= 15
            and sum(w in title_words for w in words) / len(words) >= 0.5
        ):
            _mark(ln, "image-slug")
            continue
        following = content[n + 1].core.lstrip() if n + 1 < len(content) else ""
        continued = text.split()[-1].casefold() in FUNCTION_WORDS or following[:1].islower()
        if (
            not subtitle_seen
            and not continued
            and not _is_sentence(text)
            and not LIST_ITEM.match(text)
            and not WIKI_HEADING.match(text)
            and not DATELINE.match(text + " ")
        ):
            ln.kind, subtitle_seen = "subtitle", True
            continue
        break
    return title


def _heading_like(text: str) -> bool:
    words = text.split()
    return (
        0 < len(words) <= HEADING_MAX_WORDS
        and text[:1].isupper()
        and not SENTENCE_END.search(text)
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
        text = squash(ln.core)
        if folded_title and text.casefold() == folded_title:
            _mark(ln, "repeated-title")
        elif WIKI_HEADING.match(text):
            ln.kind = "heading"
        elif LIST_ITEM.match(text):
            ln.kind = "list_item"
        else:
            ln.kind = "paragraph"
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
            and SENTENCE_END.search(prev.core)
            and nxt.kind == "paragraph"
            and _is_sentence(squash(nxt.core))
            and _heading_like(squash(ln.core))
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
    return bool(MID_SENTENCE.search(lt)) and bool(rt) and rt[0].islower() and right.gap_before <= 2
