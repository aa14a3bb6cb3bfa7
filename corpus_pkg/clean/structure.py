"""Labelling: decide for every line of a document whether it is debris (and by which rule) or a block (and of which kind).

Decisions are position-aware: edge-scoped rules act only inside the debris clusters at the top and
bottom of a document, so a weak signal never removes a line from the middle of the article.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .catalogue import Catalogue, squash

WIKI_TITLE = re.compile(r"^=\s*(?P<text>[^=].*?)\s*=$")
WIKI_HEADING = re.compile(r"^(?P<level>={2,6})\s*(?P<text>[^=].*?)\s*(?P=level)$")
LIST_ITEM = re.compile(r"^[-*•]\s+\S")
INFOBOX_ROW = re.compile(r"^(?:[-*•]\s+)?(?P<key>[A-Z][\w'’ ./()-]{0,40}?)\s*:\s*(?P<value>.*)$")
SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*$")
MID_SENTENCE = re.compile(r"[\w,]$")
FUNCTION_WORDS = frozenset("a an and as at by for from in into of on or the to with".split())
TITLE_MAX_WORDS = 25
CAPTION_MAX_WORDS = 40


@dataclass(slots=True)
class Line:
    index: int
    start: int  # offset of the line's first character in the normalised text
    end: int  # offset just past its last character (its newline not included)
    text: str
    blank: bool
    rule: str | None = None  # set when the line is debris
    field: str | None = None
    value: str | None = None
    kind: str | None = None  # set when the line is (part of) a block
    gap_before: int = 0  # blank lines between this line and the previous non-blank one


def split_lines(text: str) -> list[Line]:
    lines: list[Line] = []
    pos = 0
    gap = 0
    for i, part in enumerate(text.split("\n")):
        blank = not part.strip()
        lines.append(Line(i, pos, pos + len(part), part, blank, gap_before=gap))
        gap = gap + 1 if blank else 0
        pos += len(part) + 1
    return lines


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.casefold())


def _is_sentence(text: str) -> bool:
    return bool(SENTENCE_END.search(text)) or len(text.split()) > TITLE_MAX_WORDS


def _mark(line: Line, rule: str, field: str | None = None, value: str | None = None) -> None:
    line.rule, line.field, line.value = rule, field, value


def label(lines: list[Line], catalogue: Catalogue) -> str | None:
    """Label every non-blank line in place; returns the title text found, if any."""
    content = [ln for ln in lines if not ln.blank]
    # Strong rules that may act anywhere.
    for ln in content:
        hit = catalogue.first_match(ln.text, ("line",))
        if hit:
            rule, value = hit
            _mark(ln, rule.id, rule.field, value if rule.field else None)
    # The bottom edge: walk up while lines are debris.
    for ln in reversed(content):
        if ln.rule:
            continue
        hit = catalogue.first_match(ln.text, ("bottom", "edge"))
        if not hit:
            break
        _mark(ln, hit[0].id, hit[0].field, hit[1] if hit[0].field else None)
    title = _label_top(content, catalogue)
    _label_body(content)
    return title


def _label_top(content: list[Line], catalogue: Catalogue) -> str | None:
    """The top edge: debris, the title, a subtitle, infobox rows; stops at the first paragraph."""
    title: str | None = None
    title_words: set[str] = set()
    subtitle_seen = False
    for n, ln in enumerate(content):
        if ln.rule:
            continue
        text = squash(ln.text)
        hit = catalogue.first_match(ln.text, ("top", "edge"))
        if hit:
            _mark(ln, hit[0].id, hit[0].field, hit[1] if hit[0].field else None)
            continue
        if title is None:
            wiki = WIKI_TITLE.match(text)
            if wiki:
                ln.kind, title = "title", wiki["text"]
            elif not _is_sentence(text) and not LIST_ITEM.match(text):
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
                _mark(ln, "infobox-row", row["key"].strip(), value)
            continue
        words = _words(text)
        if (
            words
            and text == text.lower()
            and not SENTENCE_END.search(text)
            and len(words) <= 15
            and sum(w in title_words for w in words) / len(words) >= 0.5
        ):
            _mark(ln, "image-slug")
            continue
        following = content[n + 1].text.lstrip() if n + 1 < len(content) else ""
        continued = text.split()[-1].casefold() in FUNCTION_WORDS or following[:1].islower()
        if not subtitle_seen and not continued and not _is_sentence(text) and not LIST_ITEM.match(text) and not WIKI_HEADING.match(text):
            ln.kind, subtitle_seen = "subtitle", True
            continue
        break
    return title


def _label_body(content: list[Line]) -> None:
    """Kinds for the lines that are neither debris nor already labelled; captions at the bottom edge."""
    body = [ln for ln in content if not ln.rule]
    for ln in body:
        if ln.kind:
            continue
        text = squash(ln.text)
        if WIKI_HEADING.match(text):
            ln.kind = "heading"
        elif LIST_ITEM.match(text):
            ln.kind = "list_item"
        else:
            ln.kind = "paragraph"
    # Captions: short lines after the article, each set off by two or more blank lines.
    for ln in reversed(body):
        if ln.kind != "paragraph" or ln.gap_before < 2 or len(ln.text.split()) > CAPTION_MAX_WORDS:
            break
        ln.kind = "caption"


def joins_next(left: Line, right: Line) -> bool:
    """A page-break artefact: a paragraph stops mid-sentence and the next one starts in lower case."""
    if left.kind != "paragraph" or right.kind != "paragraph":
        return False
    lt, rt = left.text.rstrip(), right.text.lstrip()
    return bool(MID_SENTENCE.search(lt)) and bool(rt) and rt[0].islower() and right.gap_before <= 2
