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


ASCII_PRINTABLE = bytes(range(0x20, 0x7F))  # the ASCII characters str.isprintable accepts


def printable(text: str) -> bool:
    """``text.isprintable()``; for ASCII text by deleting the printable bytes of its encoding (a table lookup per
    byte) instead of looking up every character's Unicode properties."""
    if text.isascii():
        return not text.encode("ascii").translate(None, ASCII_PRINTABLE)
    return text.isprintable()


ASCII_DIGITS = b"0123456789"  # the ASCII characters str.isdigit accepts


def has_digit(text: str) -> bool:
    """``any(c.isdigit() for c in text)``; for ASCII text by deleting the digits of its encoding, one call
    instead of a step of a generator per character."""
    if text.isascii():
        return len(text.encode("ascii").translate(None, ASCII_DIGITS)) < len(text)
    return any(c.isdigit() for c in text)


def may_hold_invisible(text: str) -> bool:
    """False only when ``text`` certainly holds none of INVISIBLE_CHARS (all of them are unprintable, and a
    printable text without its newlines, tabs and no-break spaces has no unprintable character)."""
    if text.isascii():
        return bool(text.encode("ascii").translate(None, ASCII_PRINTABLE + b"\n\t"))
    return not text.replace("\n", "").replace("\t", "").replace("\u00a0", "").isprintable()


def holds_any(text: str, chars: str) -> bool:
    """Whether ``text`` holds one of ``chars`` at least: a few scans for one character each, each quicker than
    a regex's scan for a class of characters."""
    return any(ch in text for ch in chars)


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


def last_chars(patterns: list[re.Pattern[str]]) -> frozenset[str] | None:
    """Every character a non-empty match of any of ``patterns`` can end with, or None when that cannot be told
    (a pattern that may match nothing, ignores case, or ends in a class of characters too wide to list).

    A line whose last character is not among them cannot end in a match: inline suffix rules are skipped.
    """
    try:
        from re import _constants as c, _parser
    except ImportError:
        return None
    chars: set[str] = set()
    for pattern in patterns:
        if pattern.flags & re.IGNORECASE:
            return None
        try:
            found = _ends(_parser.parse(pattern.pattern, pattern.flags).data, c)
        except Exception:  # a private module of the standard library: never let it decide anything on its own
            return None
        if found is None or found[1]:
            return None
        chars |= found[0]
    return frozenset(chars)


def _ends(items: list, c) -> tuple[set[str], bool] | None:
    """(last characters, whether it may match nothing) of a sequence of parsed regex items."""
    chars: set[str] = set()
    for op, av in reversed(items):
        found = _end_of(op, av, c)
        if found is None:
            return None
        chars |= found[0]
        if not found[1]:
            return chars, False
    return chars, True


def _end_of(op, av, c) -> tuple[set[str], bool] | None:
    if op is c.LITERAL:
        return {chr(av)}, False
    if op is c.IN:
        out: set[str] = set()
        for o, a in av:
            if o is c.LITERAL:
                out.add(chr(a))
            elif o is c.RANGE and a[1] - a[0] < 256:
                out.update(map(chr, range(a[0], a[1] + 1)))
            else:
                return None
        return out, False
    if op is c.AT:
        return set(), True  # anchors and boundaries match no character
    if op in (c.MAX_REPEAT, c.MIN_REPEAT, getattr(c, "POSSESSIVE_REPEAT", c.MAX_REPEAT)):
        low, _, sub = av
        found = _ends(list(sub), c)
        return None if found is None else (found[0], low == 0 or found[1])
    if op is c.SUBPATTERN:
        _, add_flags, _, sub = av
        return None if add_flags & re.IGNORECASE else _ends(list(sub), c)
    if op is c.BRANCH:
        out, empty = set(), False
        for sub in av[1]:
            found = _ends(list(sub), c)
            if found is None:
                return None
            out |= found[0]
            empty = empty or found[1]
        return out, empty
    return None
