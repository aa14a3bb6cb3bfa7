"""Cleaning: web debris out, every article sentence in, and every removed character accounted for."""
from __future__ import annotations

from dataclasses import dataclass

from ..model import Block, Removal
from .assemble import assemble, rebuild
from .catalogue import Catalogue, Rule, default_catalogue
from .structure import label, split_lines

__all__ = ["Cleaned", "clean_text", "rebuild", "Catalogue", "Rule", "default_catalogue"]


class LosslessError(AssertionError):
    """The cleaner produced edits that do not rebuild the input: a bug, never a user error."""


@dataclass(frozen=True, slots=True)
class Cleaned:
    text: str
    title: str | None
    blocks: list[Block]
    removals: list[Removal]


def clean_text(text: str, catalogue: Catalogue | None = None) -> Cleaned:
    """Clean one normalised text; the result always rebuilds the input exactly (checked here, every time)."""
    catalogue = catalogue or default_catalogue()
    lines = split_lines(text)
    title = label(lines, catalogue)
    clean, blocks, removals = assemble(text, lines)
    if rebuild(clean, removals) != text:
        raise LosslessError("cleaning lost text: clean text plus removals do not rebuild the input")
    title_block = next((b.text for b in blocks if b.kind == "title"), None)
    return Cleaned(clean, title_block if title is not None else None, blocks, removals)
