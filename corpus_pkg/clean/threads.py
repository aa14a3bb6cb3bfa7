"""Replies of a thread or a comment section, found by their frame: a post's text stands between its header
(the poster's name, card or post number, which rules name) and the next marked line (its tools, the next
header). A header counts only below the article's own text, so the opening post, whose header stands above
the first sentence, stays the article."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .structure import Line

# Rules that name a post's header or its poster's card.
HEADER_RULES = frozenset({"thread-post-head", "username", "user-card", "forum-thread"})
SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*$")
POST_NUMBER = re.compile(r"\bNo\.\d{4,}\b")  # an imageboard's post number
REPLY_MAX_LINES = 3
REPLY_MAX_WORDS = 80
SENTENCE_MIN_WORDS = 12  # a statement of the article's own text above the header (a title is shorter, or a question)


def replies(content: list[Line]) -> list[Line]:
    """The unmarked lines that are the text of a reply: right under a post's header, below the article's text,
    with a marked line (or the page's end) right under them."""
    found: list[Line] = []
    begun = False
    first = True  # the first unmarked line is the title (or stands for it), whatever its kind
    title = next((ln.pos for ln in content if ln.kind == "title"), None)
    i = 0 if title is None else title
    n = len(content)
    while i < n:
        ln = content[i]
        if ln.rule is None:
            if not first and ln.kind not in ("title", "subtitle") and ln.sq.count(" ") + 1 >= SENTENCE_MIN_WORDS and SENTENCE_END.search(ln.sq) and not ln.sq.endswith("?"):
                begun = True
            first = False
            i += 1
            continue
        if not begun or not _header(ln):
            i += 1
            continue
        j = i + 1
        while j < n and content[j].rule is not None:
            j += 1  # the rest of the header (a card's fields, a quoted post's number)
        k = j
        while k < n and content[k].rule is None and k - j < REPLY_MAX_LINES:
            k += 1
        run = content[j:k]
        if run and (k == n or content[k].rule is not None) and all(
                r.sq.count(" ") + 1 <= REPLY_MAX_WORDS and r.kind not in ("title", "subtitle") for r in run):
            found.extend(run)
        i = max(k, i + 1)
    return found


def _header(ln: Line) -> bool:
    return ln.rule in HEADER_RULES or POST_NUMBER.search(ln.sq) is not None
