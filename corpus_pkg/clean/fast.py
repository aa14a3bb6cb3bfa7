"""Exact shortcuts for the scans the cleaner makes on every document and line.

Each function here answers exactly what a regular expression elsewhere answers, only without running the
regex engine over every character when a string method settles it (tests check them against the regexes).
"""
from __future__ import annotations

import re

# The characters of structure.INVISIBLE, spelled out: C0/C1 controls except tab and newline, zero-width
# characters, the word joiner, the byte-order mark and the soft hyphen.
INVISIBLE_CHARS = (
    "".join(map(chr, range(0x00, 0x09))) + "".join(map(chr, range(0x0B, 0x20))) + "".join(map(chr, range(0x7F, 0xA0)))
    + "\u200b\u200c\u200d\u2060\ufeff\u00ad"
)


def may_hold_invisible(text: str) -> bool:
    """False only when ``text`` certainly holds none of INVISIBLE_CHARS (all of them are unprintable, and a
    printable text without its newlines and tabs has no unprintable character)."""
    return not text.replace("\n", "").replace("\t", "").isprintable()


def trailing_edge(line: str) -> int:
    """Where the run of whitespace and invisible characters ending ``line`` starts (``len(line)`` when there
    is none): what ``re.search(r"[\\s<invisible>]*$", line).start()`` gives for a line without a newline."""
    end = len(line)
    while end:
        cut = len(line[:end].rstrip().rstrip(INVISIBLE_CHARS))
        if cut == end:
            break
        end = cut
    return end


def leading_edge(line: str) -> int:
    """Where the run of whitespace and invisible characters opening ``line`` ends (0 when there is none):
    what ``re.match(r"[\\s<invisible>]*", line).end()`` gives."""
    start = 0
    while start < len(line):
        rest = line[start:].lstrip().lstrip(INVISIBLE_CHARS)
        cut = len(line) - len(rest)
        if cut == start:
            break
        start = cut
    return start


def ends_with(pattern: re.Pattern[str], text: str, reach: int = 2) -> bool:
    """``pattern.search(text)`` for a pattern of ``reach`` characters at most, anchored at the end by ``$``:
    only the last ``reach`` positions can start a match (``$`` also matches before a final newline)."""
    return pattern.search(text, max(0, len(text) - reach)) is not None


def lead_free(pattern: str) -> str:
    """A pattern without a leading ``\\s*``: whenever the pattern matches somewhere, this one does too
    (the ``\\s*`` may match nothing), and the regex engine can skip ahead to the first character it needs."""
    return pattern[3:] if pattern.startswith(r"\s*") and pattern[3:4] not in ("?", "+", "{") else pattern
