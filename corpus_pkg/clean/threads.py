"""Replies of a thread or a comment section, found by their frame: a post's text stands between its header
(the poster's name, card or post number, which rules name) and the next marked line (its tools, the next
header). A header counts only below the article's own text, so the opening post, whose header stands above
the first sentence, stays the article."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .furniture import SENTENCE_END

if TYPE_CHECKING:
    from .structure import Line

# Rules that name a post's header or its poster's card.
HEADER_RULES = frozenset({"thread-post-head", "username", "user-card", "user-card-fields", "forum-thread"})
POST_NUMBER = re.compile(r"\bNo\.\d{4,}\b")  # an imageboard's post number
# A poster's name (a handle, a name or an initial) with the time of the post: "seoul_econ 8 hours ago | parent",
# "Daniel H. 3 days ago", "pyeo**** 1시간 전", "축구는과학 03.14 21:30" (a Korean board's name: Hangul or masked). Looked for only in lines with " ago",
# " 전" or a colon, so that it costs nothing on the others.
TIMED_NAME = re.compile(
    r"(?:\d+ points? by )?(?!(?i:updated|posted|published|edited|modified|added|last|about|just|submitted|since|for|from)\b)"
    r"(?:[^\W\d][\w.*-]*+ ){1,4}+\d+ (?:minutes?|hours?|days?|weeks?|months?|years?) ago(?: ?[|•·] ?.{1,40})?"
    r"|ㄴ? ?(?=[\w*]{0,19}[가-힣*])[\w*]{2,20}+ (?:\d+ ?(?:분|시간|일|주|개월) 전|\d{2}[.-]\d{2} \d{2}:\d{2})")
HEADER_MAX_WORDS = 12
TIMED_HEADER_MAX_WORDS = 20  # "212 points by … 9 hours ago | hide | past | favorite | 87 comments"
REPLY_MAX_LINES = 3
REPLY_MAX_WORDS = 80
SENTENCE_MIN_WORDS = 12  # a statement of the article's own text above the header (a title is shorter, or a question)


def replies(content: list[Line]) -> list[Line]:
    """The unmarked lines that are the text of a reply: right under a post's header, below the article's text,
    with a marked line (or the page's end) right under them."""
    found: list[Line] = []
    if not any(ln.rule in HEADER_RULES or "No." in ln.sq or _timed_name(ln) for ln in content):
        return found  # no post's header: no thread (most documents)
    begun = False
    first = True  # the first unmarked line is the title (or stands for it), whatever its kind
    title = next((ln.pos for ln in content if ln.kind == "title"), None)
    i = 0 if title is None else title
    n = len(content)
    while i < n:
        ln = content[i]
        if ln.rule is None and not _header(ln):
            if not begun and not first and ln.kind not in ("title", "subtitle") and ln.sq.count(" ") + 1 >= SENTENCE_MIN_WORDS and SENTENCE_END.search(ln.sq) and not ln.sq.endswith("?"):
                begun = True
            first = False
            i += 1
            continue
        if not begun or not _header(ln):
            i += 1
            continue
        j = i + 1
        while j < n and _framing(content[j]):
            j += 1  # the rest of the header (a card's fields, a quoted post's number)
        k = j
        while k < n and not _framing(content[k]) and k - j < REPLY_MAX_LINES:
            k += 1
        run = content[j:k]
        if run and (k == n or _framing(content[k])) and all(
                r.sq.count(" ") + 1 <= REPLY_MAX_WORDS and r.kind not in ("title", "subtitle") for r in run):
            found.extend(run)
        found.extend(h for h in content[i:j] if h.rule is None and _timed_name(h))  # the header itself
        i = max(k, i + 1)
    seen = {id(ln) for ln in found}
    found.extend(ln for ln in content if ln.rule is None and id(ln) not in seen and _timed_name(ln))  # every header
    return found


def _header(ln: Line) -> bool:
    """Named a post's header by a rule, or carrying a post number ("Anonymous 11/03/24(Sun)22:20:07 No.8812061")."""
    return ln.rule in HEADER_RULES or ("No." in ln.sq and ln.sq.count(" ") < HEADER_MAX_WORDS
                                       and POST_NUMBER.search(ln.sq) is not None) or _timed_name(ln)


def _timed_name(ln: Line) -> bool:
    sq = ln.sq
    return ((" ago" in sq or " 전" in sq or sq[-3:-2] == ":") and sq.count(" ") < TIMED_HEADER_MAX_WORDS
            and TIMED_NAME.fullmatch(sq) is not None)


def _framing(ln: Line) -> bool:
    """Marked, or a post's header not marked yet: what stands around a reply's text."""
    return ln.rule is not None or _header(ln)
