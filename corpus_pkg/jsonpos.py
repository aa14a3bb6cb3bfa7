"""Where each value sits in a JSON file: JSON pointer -> line, so an issue can name the line to edit.

The json module parses but forgets positions; this scanner walks text that json.loads has already
accepted and records, for every member, the line of its key (for array items, of the value).
"""
from __future__ import annotations

import bisect
import re
from json.decoder import scanstring

_WS = re.compile(r"[ \t\n\r]*")
_SCALAR = re.compile(r"-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][-+]?\d+)?|true|false|null")


def escape(token: str) -> str:
    """One RFC 6901 reference token."""
    return token.replace("~", "~0").replace("/", "~1")


def pointer_lines(text: str) -> dict[str, int]:
    """Line (1-based) of every JSON pointer in ``text``; the root "" is the line where the document starts."""
    breaks = [m.start() for m in re.finditer("\n", text)]
    lines: dict[str, int] = {}

    def line(pos: int) -> int:
        return bisect.bisect_left(breaks, pos) + 1

    def skip(i: int) -> int:
        return _WS.match(text, i).end()  # type: ignore[union-attr]

    def value(i: int, ptr: str) -> int:
        i = skip(i)
        lines.setdefault(ptr, line(i))
        c = text[i]
        if c == '"':
            return scanstring(text, i + 1)[1]
        if c in "{[":
            close = "}" if c == "{" else "]"
            i = skip(i + 1)
            index = 0
            while text[i] != close:
                if c == "{":
                    key_line = line(i)
                    key, i = scanstring(text, i + 1)
                    child = f"{ptr}/{escape(key)}"
                    lines[child] = key_line  # a repeated key: the last one wins, as in json.loads
                    i = skip(i) + 1  # the colon
                else:
                    child = f"{ptr}/{index}"
                    index += 1
                i = skip(value(i, child))
                if text[i] == ",":
                    i = skip(i + 1)
            return i + 1
        m = _SCALAR.match(text, i)
        return m.end() if m else i + 1

    start = skip(0)
    if start < len(text):
        if text.startswith("\ufeff"):
            start = skip(1)
        value(start, "")
    return lines


def line_of(lines: dict[str, int], pointer: str) -> int | None:
    """The line of ``pointer``, or of its nearest existing ancestor (a missing key points at its parent)."""
    while True:
        if pointer in lines:
            return lines[pointer]
        if not pointer:
            return None
        pointer = pointer.rsplit("/", 1)[0]
