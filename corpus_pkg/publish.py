"""What the build adds for readers beside the tables: the dataset card, its figures and Croissant metadata.

Called once by the build after datapackage.json is written and before the manifest, so these files are
covered by the manifest like the tables.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from . import card, croissant, figures
from .stats import compute
from .write import dump_json


def write_publication(root: Path, descriptor: dict[str, Any]) -> list[str]:
    """Write README.md, croissant.json and figures/*.svg into the package at ``root``; return their paths."""
    stats = compute(root)
    written: dict[str, str | bytes] = {
        card.FIGURES["lengths"]: figures.histogram("Words per document", stats.words, "words in the clean text"),
        card.FIGURES["rules"]: figures.hbar_chart(
            "Characters removed per rule", list(stats.rule_chars), list(stats.rule_chars.values()), "chars"),
        croissant.CROISSANT: dump_json(croissant.metadata(descriptor)),
    }
    files = {r["path"]: r["bytes"] for r in descriptor.get("resources", [])}
    written[card.CARD] = card.render(descriptor, stats, files)
    for rel, content in written.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return sorted(written)
