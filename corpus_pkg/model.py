"""The records that flow between stages: Document, Block, Removal, and the Issue a check reports."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

BlockKind = Literal["title", "subtitle", "heading", "paragraph", "caption", "list_item"]
Severity = Literal["error", "warning"]


@dataclass(frozen=True, slots=True)
class Removal:
    """One edit cleaning made to the normalised raw text, so that nothing is lost.

    ``start``/``end`` are character offsets into the normalised raw text and ``text`` is what stood
    there; ``replacement`` is what the clean text has instead (usually nothing; a space where a
    paragraph split by a page break is joined).
    """

    start: int
    end: int
    rule: str
    text: str
    replacement: str = ""


@dataclass(frozen=True, slots=True)
class Fact:
    """Metadata cleaning found in the text, and where: debris informs instead of vanishing.

    ``start``/``end`` index the normalised raw text (the removed line, or the kept dateline). ``key`` is
    set for infobox rows (field ``infobox``); ``normalized`` holds an ISO 8601 form of dates.
    """

    field: str
    value: str
    rule: str
    start: int
    end: int
    key: str | None = None
    normalized: str | None = None


@dataclass(frozen=True, slots=True)
class Block:
    """A unit of the clean text: ``start``/``end`` index the clean text, ``raw_start``/``raw_end`` the normalised raw text."""

    kind: BlockKind
    text: str
    start: int
    end: int
    raw_start: int
    raw_end: int


@dataclass(frozen=True, slots=True)
class Normalization:
    """What reading changed between the raw bytes and the normalised text (all zero/False when nothing)."""

    bom: bool = False
    newline_style: str = "none"  # lf, crlf, cr, mixed or none: what the raw file used
    newlines_converted: int = 0  # CRLF and CR line ends rewritten as LF
    nfc_changed: bool = False  # Unicode NFC changed at least one character


@dataclass(slots=True)
class Document:
    """One document as it moves through read → clean → enrich: the raw bytes are kept untouched."""

    id: str
    raw_path: Path
    raw: bytes
    text: str  # normalised raw text: strict UTF-8, LF newlines, NFC
    normalization: Normalization
    sidecar: dict[str, Any] | None = None
    sidecar_path: Path | None = None
    sidecar_bytes: bytes | None = None
    clean_text: str = ""
    blocks: list[Block] = field(default_factory=list)
    removals: list[Removal] = field(default_factory=list)
    metadata: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Issue:
    """One problem found by a check; data, not an exception, so every problem can be reported at once."""

    code: str
    severity: Severity
    file: str
    message: str
    hint: str = ""
    line: int | None = None
    pointer: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "severity": self.severity,
            "file": self.file,
            "line": self.line,
            "pointer": self.pointer,
            "message": self.message,
            "hint": self.hint,
        }

    def render(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
        if self.pointer is not None:
            where += f" {self.pointer or '/'}"
        text = f"{where}: {self.severity} [{self.code}] {self.message}"
        if self.hint:
            text += f"\n    hint: {self.hint}"
        return text


class CorpusError(Exception):
    """A user-facing error: bad input or a broken package. Carries every Issue found."""

    def __init__(self, message: str, issues: list[Issue] | None = None) -> None:
        super().__init__(message)
        self.issues = list(issues or [])

    def __str__(self) -> str:
        lines = [self.args[0]]
        lines += [issue.render() for issue in self.issues]
        return "\n".join(lines)
