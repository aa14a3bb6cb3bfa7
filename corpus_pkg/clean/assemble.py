"""Assembly: turn labelled lines into the clean text, its blocks, and the removals that account for every other character."""
from __future__ import annotations

import bisect
import re

from ..model import Block, Removal
from .structure import WIKI_HEADING, WIKI_TITLE, Line, joins_next

EMPTY_PARENS = re.compile(r"\s?\(\s*\)")
NBSP = "\u00a0"


def group_blocks(lines: list[Line]) -> list[list[Line]]:
    """Kept lines in order, grouped into blocks (a block spans several lines only where a page break is joined)."""
    blocks: list[list[Line]] = []
    previous: Line | None = None
    for ln in lines:
        if ln.blank:
            continue
        if ln.rule:
            previous = None
            continue
        if previous is not None and joins_next(previous, ln):
            blocks[-1].append(ln)
        else:
            blocks.append([ln])
        previous = ln
    return blocks


def _inline_edits(block: list[Line]) -> list[Removal]:
    """Edits inside one block: whitespace at its ends, wiki markup, joins, no-break spaces, empty parentheses."""
    edits: list[Removal] = []
    for i, ln in enumerate(block):
        stripped = ln.text.strip()
        cs = ln.start + (len(ln.text) - len(ln.text.lstrip()))
        ce = cs + len(stripped)
        if i == 0 and cs > ln.start:
            edits.append(Removal(ln.start, cs, "edge-whitespace", ln.text[: cs - ln.start]))
        if i == len(block) - 1 and ce < ln.end:
            edits.append(Removal(ce, ln.end, "edge-whitespace", ln.text[ce - ln.start :]))
        if i + 1 < len(block):
            nxt = block[i + 1]
            ns = nxt.start + (len(nxt.text) - len(nxt.text.lstrip()))
            edits.append(Removal(ce, ns, "paragraph-join", "", " "))  # text filled in by the caller
        inner_start, inner_end = cs, ce
        markup = None
        if ln.kind == "title":
            markup = WIKI_TITLE.match(stripped)
        elif ln.kind == "heading":
            markup = WIKI_HEADING.match(stripped)
        if markup:
            inner_start, inner_end = cs + markup.start("text"), cs + markup.end("text")
            edits.append(Removal(cs, inner_start, "wiki-markup", stripped[: markup.start("text")]))
            edits.append(Removal(inner_end, ce, "wiki-markup", stripped[markup.end("text") :]))
        inner = stripped[inner_start - cs : inner_end - cs]
        taken: list[tuple[int, int]] = []
        for m in EMPTY_PARENS.finditer(inner):
            s, e = inner_start + m.start(), inner_start + m.end()
            edits.append(Removal(s, e, "empty-parentheses", m.group()))
            taken.append((s, e))
        for j, ch in enumerate(inner):
            if ch == NBSP:
                pos = inner_start + j
                if not any(s <= pos < e for s, e in taken):
                    edits.append(Removal(pos, pos + 1, "nbsp", NBSP, " "))
    return edits


def _gap_removals(lines: list[Line], text: str, start: int, end: int) -> list[Removal]:
    """Removals covering [start, end): debris lines and blank lines, merged into one span per debris cluster."""
    if start >= end:
        return []
    units: list[tuple[int, int, Line | None]] = []
    pos = start
    # Lines are in text order: start at the first one the gap reaches and stop past its end (linear overall).
    for k in range(bisect.bisect_right(lines, start - 1, key=lambda ln: ln.end), len(lines)):
        ln = lines[k]
        if ln.start >= end:
            break
        s = max(ln.start, pos)
        e = min(ln.end + 1, end)
        if s >= e:
            continue
        # A gap that starts on the newline ending a kept line holds just that newline: whitespace.
        units.append((s, e, None if ln.blank or s >= ln.end else ln))
        pos = e
    groups: list[list] = []  # [start, end, rule, field, value]
    pending: tuple[int, int] | None = None
    for s, e, ln in units:
        if ln is None:
            pending = (pending[0], e) if pending else (s, e)
            continue
        begin = pending[0] if pending else s
        pending = None
        last = groups[-1] if groups else None
        if last and last[2] == ln.rule and last[3] is None and ln.field is None and last[1] == begin:
            last[1] = e
        else:
            groups.append([begin, e, ln.rule, ln.field, ln.value])
    if pending:
        if groups and groups[-1][1] == pending[0]:
            groups[-1][1] = pending[1]
        else:
            groups.append([pending[0], pending[1], "blank-line", None, None])
    return [Removal(s, e, rule, text[s:e], "", f, v) for s, e, rule, f, v in groups]


def assemble(text: str, lines: list[Line]) -> tuple[str, list[Block], list[Removal]]:
    blocks_lines = group_blocks(lines)
    removals: list[Removal] = []
    blocks: list[Block] = []
    parts: list[str] = []
    clean_pos = 0
    raw_pos = 0
    for n, block in enumerate(blocks_lines):
        first, last = block[0], block[-1]
        gap_start = raw_pos + 1 if n else 0  # keep the newline after the previous block as the separator
        removals += _gap_removals(lines, text, gap_start, first.start)
        edits = sorted(_inline_edits(block), key=lambda r: r.start)
        pieces: list[str] = []
        cursor = first.start
        for edit in edits:
            pieces.append(text[cursor : edit.start])
            pieces.append(edit.replacement)
            cursor = edit.end
        pieces.append(text[cursor : last.end])
        block_text = "".join(pieces)
        removals += [
            Removal(e.start, e.end, e.rule, text[e.start : e.end], e.replacement, e.field, e.value) for e in edits
        ]
        if n:
            parts.append("\n")
            clean_pos += 1
        blocks.append(Block(first.kind or "paragraph", block_text, clean_pos, clean_pos + len(block_text), first.start, last.end))
        parts.append(block_text)
        clean_pos += len(block_text)
        raw_pos = last.end
    removals += _gap_removals(lines, text, raw_pos if blocks_lines else 0, len(text))
    removals.sort(key=lambda r: r.start)
    return "".join(parts), blocks, removals


def rebuild(clean_text: str, removals: list[Removal]) -> str:
    """The normalised raw text, from the clean text and the removals alone (the lossless property)."""
    out: list[str] = []
    raw_pos = 0
    clean_pos = 0
    for r in sorted(removals, key=lambda r: r.start):
        keep = r.start - raw_pos
        if keep < 0:
            raise ValueError(f"removals overlap at offset {r.start}")
        out.append(clean_text[clean_pos : clean_pos + keep])
        clean_pos += keep
        if clean_text[clean_pos : clean_pos + len(r.replacement)] != r.replacement:
            raise ValueError(f"clean text at {clean_pos} does not hold the replacement of the removal at {r.start}")
        out.append(r.text)
        clean_pos += len(r.replacement)
        raw_pos = r.end
    out.append(clean_text[clean_pos:])
    return "".join(out)
