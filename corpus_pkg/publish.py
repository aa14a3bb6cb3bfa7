"""What the build adds for readers beside the tables: the dataset card, its figures and Croissant metadata.

Called once by the build after datapackage.json is written and before the manifest, so these files are
covered by the manifest like the tables.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from . import card, croissant, figures
from .stats import Stats, compute
from .write import dump_json, resource_files, resource_location


def write_publication(root: Path, descriptor: dict[str, Any], stats: Stats | None = None) -> list[str]:
    """Write README.md, croissant.json and figures/*.svg into the package at ``root``; return their paths.

    ``stats``: the tables' statistics when the caller has them already (else they are read from the tables)."""
    stats = stats if stats is not None else compute(root)
    written: dict[str, str | bytes] = {
        card.FIGURES["lengths"]: figures.histogram("Words per document", stats.words, "words in the clean text"),
        card.FIGURES["rules"]: figures.hbar_chart(
            "Characters removed per rule", list(stats.rule_chars), list(stats.rule_chars.values()), "chars"),
        croissant.CROISSANT: dump_json(croissant.metadata(descriptor)),
    }
    files = {resource_location(r): sum((root / f).stat().st_size for f in resource_files(r))
             for r in descriptor.get("resources", [])}
    written[card.CARD] = card.render(descriptor, stats, files)
    for rel, content in written.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return sorted(written)
