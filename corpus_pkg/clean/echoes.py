"""A site's name at the top of the page, known by its echo in the page's copyright line.

A page names its site twice: once above the menu, once in its copyright line ("东北亚经贸网" at the
top, "版权所有 东北亚经贸网" at the bottom; "The Capitol Ledger", then "© 2026 Capitol Ledger LLC"). A short
line opening the page whose words come back inside a removed line below the last kept line is that name, in
any language and whatever its capitals.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .structure import Line

NAME_MAX_WORDS = 6
NAME_MIN_CHARS = 3  # shorter names ("AP") echo by accident
HEAD_LINES = 2  # a site's name opens the page
COPYRIGHT = re.compile(r"©|\(c\)|copyright|all rights reserved|版权|版權|著作権|저작권")


def site_names(content: list[Line]) -> list[Line]:
    """Kept lines among the first two, not the title, that a removed copyright line of the footer repeats inside it."""
    kept = [ln for ln in content if not ln.rule]
    if len(kept) < 3:
        return []
    footer = _footer(content)
    if not footer:
        return []
    titled = any(ln.kind == "title" for ln in content)
    found = []
    for ln in content[:HEAD_LINES]:
        nxt = content[ln.pos + 1]
        if not titled and not nxt.rule:
            continue  # with no title found, only a name with the menu right under it (a title may echo too)
        text = ln.sq
        if (ln.rule or ln.kind or len(text) < NAME_MIN_CHARS or len(text.split()) > NAME_MAX_WORDS
                or text[-1:] in ".!?。" or ln is kept[-1]):
            continue
        key = text.casefold().removeprefix("the ")  # "The Capitol Ledger" above, "© 2026 Capitol Ledger LLC" below
        if any(key in f and len(f) > len(key) for f in footer):
            found.append(ln)
    return found


def footer_echoes(candidates: list[Line], content: list[Line]) -> list[Line]:
    """Candidates for the title among the page's first lines that the footer repeats: the site's name."""
    footer = _footer(content)
    if not footer:
        return []
    return [c for c in candidates if c.pos < HEAD_LINES and _name_like(c) and _echoed(c, footer)]


def _footer(content: list[Line]) -> list[str]:
    """Removed copyright lines below the last kept one, casefolded (a thread's "3 Responses to …" repeats
    the title, not the site's name)."""
    last = next((ln for ln in reversed(content) if not ln.rule), None)
    if last is None:
        return []
    return [f for ln in content[last.pos + 1:] if ln.rule and COPYRIGHT.search(f := ln.sq.casefold())]


def _name_like(ln: Line) -> bool:
    text = ln.sq
    return NAME_MIN_CHARS <= len(text) and len(text.split()) <= NAME_MAX_WORDS and text[-1:] not in ".!?。"


def _echoed(ln: Line, footer: list[str]) -> bool:
    key = ln.sq.casefold().removeprefix("the ")  # "The Capitol Ledger" above, "© 2026 Capitol Ledger LLC" below
    return any(key in f and len(f) > len(key) for f in footer)
