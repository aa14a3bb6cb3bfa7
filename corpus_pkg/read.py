"""Reading: find raw documents and their sidecars, decode strictly, normalise newlines and Unicode."""
from __future__ import annotations

import codecs
import json
import os
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .model import CorpusError, Document, Issue, Normalization

RAW_SUFFIXES = (".txt", ".html", ".htm")
HTML_SUFFIXES = (".html", ".htm")
SIDECAR_SUFFIX = ".meta.json"
CORPUS_CONFIG = "corpus.toml"
ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$")


@dataclass(frozen=True, slots=True)
class Submission:
    """A raw file and its sidecar as found on disk (either may be missing)."""

    id: str
    raw_path: Path | None
    sidecar_path: Path | None


def document_id(path: Path) -> str:
    """The stable id of a raw file: its name without the extension."""
    name = path.name
    if name.endswith(SIDECAR_SUFFIX):
        return name[: -len(SIDECAR_SUFFIX)]
    return path.stem


def discover(raw_dir: Path) -> list[Submission]:
    """Every raw file and sidecar under ``raw_dir``, paired by id, sorted by id (the build order)."""
    if not raw_dir.is_dir():
        raise CorpusError(f"{raw_dir}: raw folder not found (give another with --raw)")
    raws: dict[str, str] = {}
    sidecars: dict[str, str] = {}
    # scandir and plain names (not Path objects): a 100,000-document folder is listed in about a second
    with os.scandir(raw_dir) as entries:
        names = sorted(e.name for e in entries if not e.name.startswith(".") and e.is_file())
    for name in names:
        if name.endswith(SIDECAR_SUFFIX):
            sidecars[name[: -len(SIDECAR_SUFFIX)]] = name
        else:
            stem, dot, suffix = name.rpartition(".")
            if dot and f".{suffix}" in RAW_SUFFIXES:
                raws[stem] = name
    ids = sorted(set(raws) | set(sidecars))
    return [Submission(i, raw_dir / raws[i] if i in raws else None, raw_dir / sidecars[i] if i in sidecars else None)
            for i in ids]


class DecodeError(ValueError):
    """Raw bytes that are not strict UTF-8; says where the first bad sequence is."""

    def __init__(self, offset: int, line: int, reason: str) -> None:
        super().__init__(f"not valid UTF-8 at byte {offset} (line {line}): {reason}")
        self.offset = offset
        self.line = line


def decode(raw: bytes) -> tuple[str, Normalization]:
    """Strict UTF-8 (a leading BOM is recognised and dropped), then LF newlines, then NFC."""
    bom = raw.startswith(codecs.BOM_UTF8)
    body = raw[len(codecs.BOM_UTF8) :] if bom else raw
    try:
        text = body.decode("utf-8", errors="strict")
    except UnicodeDecodeError as exc:
        offset = exc.start + (3 if bom else 0)
        raise DecodeError(offset, raw.count(b"\n", 0, offset) + 1, exc.reason) from None
    crlf = text.count("\r\n")
    cr = text.count("\r") - crlf
    lf = text.count("\n") - crlf
    styles = [name for name, n in (("lf", lf), ("crlf", crlf), ("cr", cr)) if n]
    style = styles[0] if len(styles) == 1 else ("mixed" if styles else "none")
    if crlf or cr:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    nfc_changed = not unicodedata.is_normalized("NFC", text)
    if nfc_changed:
        text = unicodedata.normalize("NFC", text)
    return text, Normalization(bom=bom, newline_style=style, newlines_converted=crlf + cr, nfc_changed=nfc_changed)


def html_to_text(html: str) -> str:
    """Every visible text of an HTML page, one block per line, nothing judged yet (cleaning decides, and records).

    A converter that keeps all text is used instead of a boilerplate remover on purpose: whatever the
    page's debris is, our rules remove it and record it, so nothing vanishes unaccounted. The parser
    never fetches anything (no DTDs, no external entities, no network).
    """
    try:
        import html_text
    except ImportError:
        raise ImportError("reading .html needs html-text; install it with: pip install 'corpus-pkg[build]'") from None
    tree = html_text.parse_html(html)
    for head in tree.xpath("//head"):
        head.drop_tree()
    text = html_text.extract_text(tree, guess_layout=True)
    return unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))


def read_text(path: Path, raw: bytes) -> tuple[str, Normalization]:
    """The normalised text of a raw file: decoded, and for HTML pages the page's visible text."""
    text, norm = decode(raw)
    if path.suffix.lower() in HTML_SUFFIXES:
        text = html_to_text(text)
    return text, norm


def json_error_issue(file: str, exc: json.JSONDecodeError) -> Issue:
    return Issue(
        code="sidecar-invalid-json",
        severity="error",
        file=file,
        line=exc.lineno,
        message=f"not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})",
        hint="Fix the JSON syntax; `python -m json.tool FILE` shows where it breaks.",
    )


def read_sidecar(path: Path) -> tuple[bytes, dict[str, Any] | None, list[Issue]]:
    """The sidecar's bytes and parsed object, or the issues that stop it being read."""
    data = path.read_bytes()
    try:
        value = json.loads(data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        return data, None, [Issue("sidecar-not-utf8", "error", str(path), f"not valid UTF-8 at byte {exc.start} (line {line})", "Save the sidecar as UTF-8.", line=line)]
    except json.JSONDecodeError as exc:
        return data, None, [json_error_issue(str(path), exc)]
    if not isinstance(value, dict):
        return data, None, [Issue("sidecar-not-object", "error", str(path), f"expected a JSON object, found {type(value).__name__}", "A sidecar is one JSON object: {\"language\": …, …}.", pointer="")]
    return data, value, []


def read_document(sub: Submission) -> Document:
    """Read one submission into a Document; raises CorpusError naming the file when it cannot be read."""
    if sub.raw_path is None:
        raise CorpusError(f"{sub.sidecar_path}: sidecar without a raw file")
    raw = sub.raw_path.read_bytes()
    try:
        text, norm = decode(raw)
    except DecodeError as exc:
        raise CorpusError(
            f"{sub.raw_path}: cannot be read",
            [Issue("raw-not-utf8", "error", str(sub.raw_path), str(exc), "Re-save the file as UTF-8.", line=exc.line)],
        ) from None
    doc = Document(id=sub.id, raw_path=sub.raw_path, raw=raw, text=text, normalization=norm)
    if sub.sidecar_path is not None:
        doc.sidecar_path = sub.sidecar_path
        doc.sidecar_bytes, doc.sidecar, _ = read_sidecar(sub.sidecar_path)
    return doc
