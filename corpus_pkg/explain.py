"""A readable account of what cleaning did to one document: every line, kept or removed, with the rule beside it."""
from __future__ import annotations

import bisect

from .clean import Cleaned

KEEP, DROP = " ", "-"


def explain(text: str, cleaned: Cleaned, color: bool = False) -> str:
    """The normalised raw text line by line: removed lines marked '-' with their rule, inline edits listed under kept lines."""
    starts = [r.start for r in cleaned.removals]
    block_starts = [b.raw_start for b in cleaned.blocks]
    width = max([len(r.rule) for r in cleaned.removals] + [len(b.kind) for b in cleaned.blocks] + [8])
    red, green, dim, reset = ("\x1b[31m", "\x1b[32m", "\x1b[2m", "\x1b[0m") if color else ("", "", "", "")
    out: list[str] = []
    pos = 0
    for n, line in enumerate(text.split("\n"), 1):
        start, end = pos, pos + len(line)
        pos = end + 1
        if not line.strip():
            continue
        first = start + (len(line) - len(line.lstrip()))
        i = bisect.bisect_right(starts, first) - 1
        covering = cleaned.removals[i] if i >= 0 and cleaned.removals[i].end > first else None
        if covering is not None and covering.end >= start + len(line.rstrip()) and not covering.replacement:
            out.append(f"{red}{n:>5} {DROP} {covering.rule:<{width}} | {line}{reset}")
            continue
        b = bisect.bisect_right(block_starts, end) - 1
        kind = cleaned.blocks[b].kind if b >= 0 else "?"
        out.append(f"{green}{n:>5} {KEEP} {kind:<{width}}{reset} | {line}")
        lo = bisect.bisect_left(starts, start)
        for r in cleaned.removals[lo:]:
            if r.start > end:
                break
            if r.rule in ("blank-line",):
                continue
            change = f"{r.text!r} -> {r.replacement!r}" if r.replacement else f"removed {r.text!r}"
            out.append(f"{dim}{'':>5}   {'':<{width}} |   ^ {r.rule}: {change}{reset}")
    facts = [f"{f.field}{'[' + f.key + ']' if f.key else ''} = {f.value!r} ({f.rule})" for f in cleaned.facts]
    if facts:
        out.append("")
        out.append("found in the text:")
        out.extend(f"  {f}" for f in facts)
    return "\n".join(out)
