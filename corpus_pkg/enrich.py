"""Enrichment: one document record from the sidecar, the cleaning result and checksums."""
from __future__ import annotations

import codecs
import hashlib
import re
from typing import Any

from . import __version__
from .clean import Cleaned
from .model import Document

WORD = re.compile(r"\w+(?:[-'’.]\w+)*")
# Characters as WORD sees them: "a" a word character, "j" a joiner inside a word, " " anything else.
_CLASSES = bytes.maketrans(bytes(range(256)), bytes(
    ord("a") if chr(c).isalnum() or chr(c) == "_" else ord("j") if chr(c) in "-'." else ord(" ") for c in range(256)))


def _classes_beyond_ascii(err: UnicodeEncodeError) -> tuple[str, int]:
    """An encoding error handler: stands for each non-ASCII character by an ASCII one of the same class."""
    chunk = err.object[err.start : err.end]
    return "".join("a" if c.isalnum() else "-" if c == "’" else " " for c in chunk), err.end


codecs.register_error("corpus-pkg-word-classes", _classes_beyond_ascii)


_A = bytes.maketrans(b"aj ", b"\1\0\0")  # 1 where a word character stands
_J = bytes.maketrans(b"aj ", b"\0\1\0")  # 1 where a joiner stands


def word_count(text: str) -> int:
    """``len(WORD.findall(text))`` without building the list: the runs of word characters, less the joiners
    standing between two of them (each makes two runs one word). \\w is str.isalnum() or "_", as in ``re``.

    Each class becomes one big integer with a bit per character (bytes.count of two-byte patterns cost about
    ten times the shifts and popcounts): a run starts where a word character follows none, and one byte to
    the right in the integer is one character back in the text."""
    classes = text.encode("ascii", "corpus-pkg-word-classes").translate(_CLASSES)
    word = int.from_bytes(classes.translate(_A), "big")
    joiner = int.from_bytes(classes.translate(_J), "big")
    runs = (word & ~(word >> 8)).bit_count()
    return runs - (joiner & (word >> 8) & (word << 8)).bit_count()


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _get(obj: Any, *path: str) -> Any:
    for key in path:
        if not isinstance(obj, dict):
            return None
        obj = obj.get(key)
    return obj


def first_fact(cleaned: Cleaned, field: str, normalized: bool = False) -> str | None:
    """The first value cleaning found for ``field`` (e.g. the photo credit a removed line named)."""
    for fact in cleaned.facts:
        if fact.field == field:
            return fact.normalized if normalized else fact.value
    return None


def text_date(cleaned: Cleaned) -> tuple[str, str, str, str] | None:
    """(ISO date, precision, evidence, rule) of the first full or partial date with a year found in removed lines."""
    for fact in cleaned.facts:
        if fact.field == "date" and fact.normalized and not fact.normalized.startswith("--"):
            precision = {10: "day", 7: "month", 4: "year"}[len(fact.normalized)]
            return fact.normalized, precision, fact.value, fact.rule
    return None


def document_record(doc: Document, cleaned: Cleaned, rules_version: str) -> dict[str, Any]:
    """The documents-table row, as JSON-ready values (validated against schemas/document.schema.json)."""
    side = doc.sidecar or {}
    title_given = side.get("title")
    kinds = [b.kind for b in cleaned.blocks]
    removed_chars = sum(r.end - r.start for r in cleaned.removals)
    date = (_get(side, "date", "value"), _get(side, "date", "precision"), _get(side, "date", "evidence"), "sidecar")
    if date[0] is None:
        found = text_date(cleaned)
        date = found if found else (None, None, date[2], None)
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
        "source_agency": _get(side, "source", "agency") or first_fact(cleaned, "agency"),
        "source_platform": _get(side, "source", "platform"),
        "license": _get(side, "license", "name"),
        "license_path": _get(side, "license", "path"),
        "date": date[0],
        "date_precision": date[1],
        "date_evidence": date[2],
        "date_source": date[3],
        "retrieved": side.get("retrieved"),
        "photo_credit": first_fact(cleaned, "photo_credit"),
        "byline": first_fact(cleaned, "byline"),
        "original_url": first_fact(cleaned, "original_url"),
        "dateline_place": first_fact(cleaned, "dateline_place"),
        "dateline_date": first_fact(cleaned, "dateline_date", normalized=True),
        "dateline_agency": first_fact(cleaned, "dateline_agency"),
        "raw_file": doc.raw_path.name,
        "raw_format": "html" if doc.raw_path.suffix.lower() in (".html", ".htm") else "text",
        "raw_sha256": sha256(doc.raw),
        "raw_bytes": len(doc.raw),
        "sidecar_sha256": sha256(doc.sidecar_bytes) if doc.sidecar_bytes is not None else None,
        "bom": doc.normalization.bom,
        "newline_style": doc.normalization.newline_style,
        "newlines_converted": doc.normalization.newlines_converted,
        "nfc_changed": doc.normalization.nfc_changed,
        "text_sha256": sha256(cleaned.text.encode("utf-8")),
        "char_count": len(cleaned.text),
        "word_count": word_count(cleaned.text),
        "paragraph_count": kinds.count("paragraph"),
        "block_count": len(kinds),
        "removal_count": len(cleaned.removals),
        "removed_chars": removed_chars,
        "pipeline_version": __version__,
        "rules_version": rules_version,
    }
