"""Assembly: turn labelled lines into the clean text, its blocks, the facts found, and the removals that account for every other character."""
from __future__ import annotations

import bisect
import re

from ..model import Block, Fact, Removal
from ..optional import require
from .dates import parse_date
from .fast import INVISIBLE_CHARS, holds_any, leading_edge, may_hold_invisible, trailing_edge
from .structure import INVISIBLE, WIKI_HEADING, WIKI_TITLE, Line, dateline, joins_next

EMPTY_PARENS = re.compile(r"\s?\(\s*\)")
ANY_EMPTY_PARENS = re.compile(r"\(\s*\)")  # found exactly where EMPTY_PARENS is; starts with a literal, so fast
NBSP = "\u00a0"
DATE_FIELDS = ("date", "dateline_date")
EDGE_LEAD = re.compile(r"[\s" + INVISIBLE.pattern[1:-2] + r"]*")  # fast.leading_edge answers it without a regex
EDGE_TRAIL = re.compile(r"[\s" + INVISIBLE.pattern[1:-2] + r"]*$")  # fast.trailing_edge answers it without a regex
# UTF-8 read as Windows-1252: a lead byte shown as Â Ã â ð followed by a continuation byte's cp1252 glyph.
MOJIBAKE = re.compile("[\u00c2\u00c3\u00e2\u00f0][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]")
MOJIBAKE_LEADS = "\u00c2\u00c3\u00e2\u00f0"  # what MOJIBAKE's first character can be


def _mojibake_edits(inner: str, offset: int) -> list[Removal]:
    """Character-level repairs of mojibake, found by a cheap signature and fixed by ftfy (curly quotes left alone)."""
    if not MOJIBAKE.search(inner):
        return []
    ftfy = require("ftfy", "repairing mojibake")
    from difflib import SequenceMatcher

    fixed = ftfy.fix_text(inner, uncurl_quotes=False, fix_line_breaks=False, normalization="NFC")
    if fixed == inner:
        return []
    ops = SequenceMatcher(None, inner, fixed, autojunk=False).get_opcodes()
    return [Removal(offset + i1, offset + i2, "mojibake", inner[i1:i2], fixed[j1:j2]) for tag, i1, i2, j1, j2 in ops if tag != "equal"]


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


def _inline_edits(block: list[Line], text: str, scan: frozenset[str]) -> list[Removal]:
    """Edits inside one block: whitespace at its ends, suffix debris, wiki markup, joins, invisible characters,
    no-break spaces, empty parentheses."""
    edits: list[Removal] = []
    for i, ln in enumerate(block):
        core = ln.core
        # Most lines start and end with a visible character: then there is no edge to look for.
        first, last = core[:1], core[-1:]
        lead = leading_edge(core) if first in INVISIBLE_CHARS or first.isspace() else 0
        trail = trailing_edge(core) if last in INVISIBLE_CHARS or last.isspace() else len(core)
        cs, ce = ln.start + lead, ln.start + max(lead, trail)
        stripped = text[cs:ce]
        if i == 0 and cs > ln.start:
            edits.append(Removal(ln.start, cs, "edge-whitespace", text[ln.start : cs]))
        if i == len(block) - 1:
            for s, e, rule in ln.suffixes:
                edits.append(Removal(s, e, rule, text[s:e]))
            tail = ln.suffixes[-1][1] if ln.suffixes else ce
            if tail < ln.end:
                edits.append(Removal(tail, ln.end, "edge-whitespace", text[tail : ln.end]))
        if i + 1 < len(block):
            nxt = block[i + 1]
            ns = nxt.start + leading_edge(nxt.text)
            edits.append(Removal(ce, ns, "paragraph-join", text[ce:ns], " "))
        inner_start, inner_end = cs, ce
        markup = WIKI_TITLE.match(stripped) if ln.kind == "title" else WIKI_HEADING.match(stripped) if ln.kind == "heading" else None
        if markup:
            inner_start, inner_end = cs + markup.start("text"), cs + markup.end("text")
            edits.append(Removal(cs, inner_start, "wiki-markup", text[cs:inner_start]))
            edits.append(Removal(inner_end, ce, "wiki-markup", text[inner_end:ce]))
        if not scan:
            continue  # the document holds nothing the repairs below look for
        inner = text[inner_start:inner_end]
        repairs = _mojibake_edits(inner, inner_start) if "mojibake" in scan else []
        edits += repairs
        taken: list[tuple[int, int]] = [(r.start, max(r.end, r.start + 1)) for r in repairs]
        for pattern, rule in ((INVISIBLE, "control-characters"), (EMPTY_PARENS, "empty-parentheses")):
            if rule not in scan or (rule == "empty-parentheses" and "(" not in inner):
                continue
            for m in pattern.finditer(inner):
                s, e = inner_start + m.start(), inner_start + m.end()
                if not any(a < e and s < b for a, b in taken):
                    edits.append(Removal(s, e, rule, m.group()))
                    taken.append((s, e))
        j = inner.find(NBSP) if "nbsp" in scan else -1
        while j >= 0:
            pos = inner_start + j
            if not any(a <= pos < b for a, b in taken):
                edits.append(Removal(pos, pos + 1, "nbsp", NBSP, " "))
            j = inner.find(NBSP, j + 1)
    return edits


def _gap_removals(lines: list[Line], text: str, start: int, end: int) -> list[Removal]:
    """Removals covering [start, end): debris lines and blank lines, merged into one span per debris cluster.

    Blank lines go with the debris that follows them (or, at the end, the debris before them); lines that
    yield facts stay one removal each, so every fact points at its own line.
    """
    if start >= end:
        return []
    units: list[tuple[int, int, Line | None]] = []
    pos = start
    # Lines are in text order: start at the first one the gap reaches and stop past its end (linear overall).
    for k in range(bisect.bisect_right(lines, start - 1, key=lambda ln: ln.end), len(lines)):
        ln = lines[k]
        if ln.start >= end:
            break
        s, e = max(ln.start, pos), min(ln.end + 1, end)
        if s >= e:
            continue
        # A gap that starts on the newline ending a kept line holds just that newline: whitespace.
        units.append((s, e, None if ln.blank or s >= ln.end else ln))
        pos = e
    groups: list[list] = []  # [start, end, rule, mergeable]
    pending: tuple[int, int] | None = None
    for s, e, ln in units:
        if ln is None:
            pending = (pending[0], e) if pending else (s, e)
            continue
        begin = pending[0] if pending else s
        pending = None
        mergeable = not ln.facts
        last = groups[-1] if groups else None
        if last and last[2] == ln.rule and last[3] and mergeable and last[1] == begin:
            last[1] = e
        else:
            groups.append([begin, e, ln.rule, mergeable])
    if pending:
        if groups and groups[-1][1] == pending[0]:
            groups[-1][1] = pending[1]
        else:
            groups.append([pending[0], pending[1], "blank-line", True])
    return [Removal(s, e, rule, text[s:e]) for s, e, rule, _ in groups]


def _fact(field: str, value: str, rule: str, start: int, end: int, key: str | None = None) -> Fact:
    normalized = None
    if field in DATE_FIELDS:
        parsed = parse_date(value)
        normalized = parsed[0] if parsed else None
    return Fact(field, value, rule, start, end, key, normalized)


def collect_facts(lines: list[Line]) -> list[Fact]:
    """Facts from removed lines (in line order) and from datelines opening a kept paragraph."""
    facts: list[Fact] = []
    for ln in lines:
        if ln.rule:
            for name, value in ln.facts.items():
                facts.append(_fact(name, value, ln.rule, ln.start, ln.end, ln.key if name == "infobox" else None))
        elif ln.kind == "paragraph" and not ln.blank:
            lead = len(ln.text) - len(ln.text.lstrip())
            m = dateline(ln.text[lead:])
            if m:
                s, e = ln.start + lead + m.start(), ln.start + lead + m.end()
                for name in ("place", "date", "agency"):
                    if m[name]:
                        facts.append(_fact(f"dateline_{name}", m[name], "dateline", s, e))
    return facts


def _scan(text: str) -> frozenset[str]:
    """Which inline repairs the document can need at all, from one pass each over the whole text."""
    found = set()
    if not text.isascii() and holds_any(text, MOJIBAKE_LEADS) and MOJIBAKE.search(text):  # signatures are not ASCII
        found.add("mojibake")
    if may_hold_invisible(text) and INVISIBLE.search(text):
        found.add("control-characters")
    if ANY_EMPTY_PARENS.search(text):
        found.add("empty-parentheses")
    if NBSP in text:
        found.add("nbsp")
    return frozenset(found)


def assemble(text: str, lines: list[Line]) -> tuple[str, list[Block], list[Removal]]:
    blocks_lines = group_blocks(lines)
    scan = _scan(text)
    removals: list[Removal] = []
    blocks: list[Block] = []
    parts: list[str] = []
    clean_pos = 0
    raw_pos = 0
    line_pos = 0  # index of the first line a gap can touch
    for n, block in enumerate(blocks_lines):
        first, last = block[0], block[-1]
        gap_start = raw_pos + 1 if n else 0  # keep the newline after the previous block as the separator
        removals += _gap_removals(lines[line_pos : first.index], text, gap_start, first.start)
        edits = sorted(_inline_edits(block, text, scan), key=lambda r: r.start)
        pieces: list[str] = []
        cursor = first.start
        for edit in edits:
            pieces.append(text[cursor : edit.start])
            pieces.append(edit.replacement)
            cursor = edit.end
        pieces.append(text[cursor : last.end])
        block_text = "".join(pieces)
        removals += edits
        if n:
            parts.append("\n")
            clean_pos += 1
        blocks.append(Block(first.kind or "paragraph", block_text, clean_pos, clean_pos + len(block_text), first.start, last.end))
        parts.append(block_text)
        clean_pos += len(block_text)
        raw_pos = last.end
        line_pos = last.index
    removals += _gap_removals(lines[line_pos:], text, raw_pos if blocks_lines else 0, len(text))
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
