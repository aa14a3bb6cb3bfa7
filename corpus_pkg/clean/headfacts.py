"""Dates and bylines read from the head of a page: a date line removed as furniture still dates the document,
and an author's name removed under the title still names its author.

Lines above the article's first paragraph (its site header, title, standfirst, byline and date lines) are
where a page prints when it was published; the rules that remove them (interface words, page numbers, a
date header in another language) name what they are, not when. Reading the date from them here keeps the
metadata that debris carries (issue: "metadata from debris"). Lines lower down are left alone: a date under
the article usually belongs to another story (a related headline, a comment)."""
from __future__ import annotations

import re

from .careful import NAME
from .dates import parse_date
from .furniture import INTERFACE

HEAD_DATE_MAX_WORDS = 12  # a date line with a few labels ("Posted: 16 Nov 2024 07:48 | Last updated: …"), not a sentence
STANDFIRST_REACH = 3  # lines under the title where a standfirst may stand above the byline and the date
# Keys of a head's fields that give the page's own date ("Updated: Jul 14, 2025 11:47 IST", "Stand: 10.01.2026").
DATE_KEYS = frozenset({
    "date", "dated", "posted", "posted on", "published", "published on", "updated", "updated on", "last updated",
    "modified", "created", "write", "update", "stand", "datum", "fecha", "data",
})


# A name with the author's role after it ("Dr. Sabine Kroll, Senior Fellow, Korea Programme"); the name is the byline.
NAME_AND_ROLE = re.compile(r"(?P<name>" + NAME.pattern + r")(?:, [^,]{2,40}){1,2}")
# Words of an outlet's or an institution's name, never of a person's ("Orient Daily", "Korea Programme").
OUTLET_WORDS = frozenset("""daily news times post herald journal review weekly press agency media network radio tv
online monitor watch institute centre center foundation programme program staff desk team editors
service services group university library museum films lectures the from""".split())
# Rules that take a bare name under the title without reading it (a one- or two-word chip, a profile's card).
NAME_RULES = frozenset({"site-header", "user-card", "head-fields-more", "head-fields-broad", "infobox-row"})
BYLINE_KEYS = frozenset({"author", "authors", "by", "contributor", "written by", "writer", "reporter", "autor", "auteur"})


def read_head_facts(content: list) -> None:
    """Give a date fact to each removed line of the head that holds a full date and yields no date yet, and a
    byline fact to each removed line under the title that is a person's name (with a role, perhaps). Only on
    pages whose title was found: without one, where the head ends is not known."""
    title = next((ln.pos for ln in content if ln.kind == "title"), None)
    if title is None:
        return
    for ln in _head(content, title, 0):
        _read_date(ln)
    for ln in _head(content, title, title + 1):
        _read_byline(ln)


def _head(content: list, title: int, start: int):
    """The removed lines from ``start`` down to the article's text: a kept line other than the title, its
    subtitle and one line under the title (a standfirst, with the byline and the date below it) ends the head."""
    standfirst = False
    for ln in content[start:]:
        if ln.rule is None:
            if ln.kind in ("title", "subtitle"):
                continue
            if not standfirst and title < ln.pos <= title + STANDFIRST_REACH:
                standfirst = True
                continue
            return  # the article's text has begun
        yield ln


def _read_byline(ln) -> None:
    if ln.rule not in NAME_RULES or ln.furniture or "byline" in ln.facts or (
            ln.facts and not (ln.key and ln.key.casefold() in BYLINE_KEYS)):
        return
    name = _person(ln.facts.get("infobox", ln.sq) if ln.key else ln.sq)
    if name is not None:
        ln.facts = {**ln.facts, "byline": name}


def _person(text: str) -> str | None:
    """The text as a person's name, or the name before its role; None for anything else (an outlet's name)."""
    text = text.strip()
    m = NAME.fullmatch(text) or NAME_AND_ROLE.fullmatch(text)
    if m is None:
        return None
    name = m.group("name") if m.re is NAME_AND_ROLE else text
    words = [w.casefold().strip(".") for w in name.split()]
    return None if any(w in OUTLET_WORDS or w in INTERFACE for w in words) else name


# Dates in a head that are not the page's: a member's join date, a print-out's, an archive's captures.
OTHER_DATES = re.compile(r"(?i)\b(join(ed)?|registered|member since|since|captures?|printed|born|died|founded)\b")


def _read_date(ln) -> None:
    """A date fact for a removed line of the head that holds a full date (a day of a year) and yields no date yet."""
    if "date" in ln.facts or ln.sq.count(" ") >= HEAD_DATE_MAX_WORDS:
        return
    if ln.facts and not (ln.key and ln.key.casefold() in DATE_KEYS):
        return  # a field of another kind (a founding date in an infobox is not the page's date)
    parsed = parse_date(ln.sq)
    if parsed is not None and parsed[1] == "day" and OTHER_DATES.search(ln.sq) is None:
        ln.facts = {**ln.facts, "date": ln.sq.strip()}
