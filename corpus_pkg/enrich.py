"""Enrichment: one document record from the sidecar, the cleaning result and checksums."""
from __future__ import annotations

import hashlib
import re
from typing import Any

from . import __version__
from .clean import Cleaned
from .model import Document

WORD = re.compile(r"\w+(?:[-'’.]\w+)*")


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _get(obj: Any, *path: str) -> Any:
    for key in path:
        if not isinstance(obj, dict):
            return None
        obj = obj.get(key)
    return obj


def first_value(cleaned: Cleaned, field: str) -> str | None:
    """The first value a removal yielded for ``field`` (e.g. the photo credit a removed line named)."""
    return next((r.value for r in cleaned.removals if r.field == field), None)


def document_record(doc: Document, cleaned: Cleaned, rules_version: str) -> dict[str, Any]:
    """The documents-table row, as JSON-ready values (validated against schemas/document.schema.json)."""
    side = doc.sidecar or {}
    title_given = side.get("title")
    kinds = [b.kind for b in cleaned.blocks]
    removed_chars = sum(r.end - r.start for r in cleaned.removals)
    return {
        "id": doc.id,
        "title": title_given or cleaned.title,
        "title_source": "sidecar" if title_given else ("text" if cleaned.title else None),
        "subtitle": next((b.text for b in cleaned.blocks if b.kind == "subtitle"), None),
        "text": cleaned.text,
        "language": side.get("language"),
        "doc_type": side.get("doc_type"),
        "source_name": _get(side, "source", "name"),
        "source_url": _get(side, "source", "url"),
        "source_publisher": _get(side, "source", "publisher"),
        "source_agency": _get(side, "source", "agency"),
        "source_platform": _get(side, "source", "platform"),
        "license": _get(side, "license", "name"),
        "license_path": _get(side, "license", "path"),
        "date": _get(side, "date", "value"),
        "date_precision": _get(side, "date", "precision"),
        "date_evidence": _get(side, "date", "evidence"),
        "retrieved": side.get("retrieved"),
        "photo_credit": first_value(cleaned, "photo_credit"),
        "raw_file": doc.raw_path.name,
        "raw_sha256": sha256(doc.raw),
        "raw_bytes": len(doc.raw),
        "sidecar_sha256": sha256(doc.sidecar_bytes) if doc.sidecar_bytes is not None else None,
        "bom": doc.normalization.bom,
        "newline_style": doc.normalization.newline_style,
        "newlines_converted": doc.normalization.newlines_converted,
        "nfc_changed": doc.normalization.nfc_changed,
        "text_sha256": sha256(cleaned.text.encode("utf-8")),
        "char_count": len(cleaned.text),
        "word_count": len(WORD.findall(cleaned.text)),
        "paragraph_count": kinds.count("paragraph"),
        "block_count": len(kinds),
        "removal_count": len(cleaned.removals),
        "removed_chars": removed_chars,
        "pipeline_version": __version__,
        "rules_version": rules_version,
    }
