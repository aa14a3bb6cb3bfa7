"""Cleaning: web debris out, every article sentence in, and every removed character accounted for."""
from __future__ import annotations

from dataclasses import dataclass

from ..model import Block, Fact, Removal
from .assemble import assemble, collect_facts, rebuild
from .catalogue import Catalogue, Rule, default_catalogue
from .structure import label, split_lines

__all__ = ["Cleaned", "clean_text", "rebuild", "Catalogue", "Rule", "default_catalogue", "LosslessError"]


class LosslessError(AssertionError):
    """The cleaner produced edits that do not rebuild the input: a bug, never a user error."""


@dataclass(frozen=True, slots=True)
class Cleaned:
    text: str
    title: str | None
    blocks: list[Block]
    removals: list[Removal]
    facts: list[Fact]


def clean_text(text: str, catalogue: Catalogue | None = None, template: frozenset[int] = frozenset()) -> Cleaned:
    """Clean one normalised text; the result always rebuilds the input exactly (checked here, every time).

    ``template`` holds line hashes that recur across a source's documents (clean.template.TemplateIndex).
    """
    catalogue = catalogue or default_catalogue()
    lines = split_lines(text, catalogue)
    title = label(lines, catalogue, template)
    clean, blocks, removals = assemble(text, lines)
    if rebuild(clean, removals) != text:
        raise LosslessError("cleaning lost text: clean text plus removals do not rebuild the input")
    unknown = {r.rule for r in removals}.difference(catalogue.by_id)
    if unknown:
        raise LosslessError(f"cleaning used rules missing from the catalogue: {sorted(unknown)}")
    title_block = next((b.text for b in blocks if b.kind == "title"), None)
    return Cleaned(clean, title_block if title is not None else None, blocks, removals, collect_facts(lines))
