"""What changed between two versions of the corpus: documents added, removed and changed, and a CHANGELOG entry.

Documents are matched by id; a document changed when its clean text's sha256 differs. Documents whose text
is the same but whose other columns differ are listed separately (metadata changes), naming the columns.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .model import CorpusError

# Columns that change with every build of a new pipeline or catalogue; not a change to the document itself.
BUILD_COLUMNS = {"pipeline_version", "rules_version"}
MAX_DIFF_LINES = 12


@dataclass(frozen=True)
class Changed:
    id: str
    title: str
    old_sha256: str
    new_sha256: str
    diff: list[str]  # a short unified diff of the clean text, line by line


@dataclass
class CorpusDiff:
    old_version: str | None
    new_version: str | None
    added: list[tuple[str, str, str]] = field(default_factory=list)  # (id, text_sha256, title)
    removed: list[tuple[str, str, str]] = field(default_factory=list)
    changed: list[Changed] = field(default_factory=list)
    metadata_changed: list[tuple[str, list[str]]] = field(default_factory=list)  # (id, columns)

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.changed or self.metadata_changed)

    def as_dict(self) -> dict[str, Any]:
        return {
            "old_version": self.old_version,
            "new_version": self.new_version,
            "added": [{"id": i, "text_sha256": h, "title": t} for i, h, t in self.added],
            "removed": [{"id": i, "text_sha256": h, "title": t} for i, h, t in self.removed],
            "changed": [{"id": c.id, "title": c.title, "old_text_sha256": c.old_sha256, "new_text_sha256": c.new_sha256,
                         "diff": c.diff} for c in self.changed],
            "metadata_changed": [{"id": i, "columns": cols} for i, cols in self.metadata_changed],
        }


def _rows(root: Path) -> tuple[str | None, dict[str, dict[str, Any]]]:
    from .load import load

    corpus = load(root)
    return corpus.version, {row["id"]: row for row in corpus.documents.to_pylist()}


def text_diff(old: str, new: str, limit: int = MAX_DIFF_LINES) -> list[str]:
    lines = list(difflib.unified_diff(old.splitlines(), new.splitlines(), "old", "new", n=1, lineterm=""))[2:]
    if len(lines) > limit:
        lines = lines[:limit] + [f"... ({len(lines) - limit} more diff lines)"]
    return lines


def diff(old: str | Path | None, new: str | Path) -> CorpusDiff:
    """Compare two package folders (each verified as it is read); ``old=None`` compares with an empty corpus."""
    old_version, before = _rows(Path(old)) if old is not None else (None, {})
    new_version, after = _rows(Path(new))
    out = CorpusDiff(old_version, new_version)
    for doc_id in sorted(after.keys() - before.keys()):
        row = after[doc_id]
        out.added.append((doc_id, row["text_sha256"], row.get("title") or ""))
    for doc_id in sorted(before.keys() - after.keys()):
        row = before[doc_id]
        out.removed.append((doc_id, row["text_sha256"], row.get("title") or ""))
    for doc_id in sorted(before.keys() & after.keys()):
        a, b = before[doc_id], after[doc_id]
        if a["text_sha256"] != b["text_sha256"]:
            out.changed.append(Changed(doc_id, b.get("title") or "", a["text_sha256"], b["text_sha256"], text_diff(a["text"], b["text"])))
            continue
        columns = sorted(k for k in a.keys() | b.keys() if k not in BUILD_COLUMNS and a.get(k) != b.get(k))
        if columns:
            out.metadata_changed.append((doc_id, columns))
    return out


def render(d: CorpusDiff) -> str:
    lines = [f"{d.old_version or 'none'} → {d.new_version or '?'}: {len(d.added)} added, {len(d.removed)} removed, "
             f"{len(d.changed)} changed, {len(d.metadata_changed)} with changed metadata"]
    lines += [f"+ {i}  {h[:12]}  {t}" for i, h, t in d.added]
    lines += [f"- {i}  {h[:12]}  {t}" for i, h, t in d.removed]
    for c in d.changed:
        lines.append(f"~ {c.id}  {c.old_sha256[:12]} → {c.new_sha256[:12]}  {c.title}")
        lines += [f"    {line}" for line in c.diff]
    lines += [f"* {i}  metadata: {', '.join(cols)}" for i, cols in d.metadata_changed]
    return "\n".join(lines) + "\n"


def changelog_entry(d: CorpusDiff, date: str = "") -> str:
    """A Keep a Changelog section for the new version."""
    head = f"## [{d.new_version or 'unreleased'}]" + (f" - {date[:10]}" if date else "")
    lines = [head, ""]
    sections = [
        ("Added", [f"- `{i}` {t} (text sha256 `{h[:12]}`)" for i, h, t in d.added]),
        ("Removed", [f"- `{i}` {t} (text sha256 `{h[:12]}`)" for i, h, t in d.removed]),
        ("Changed", [f"- `{c.id}` {c.title}: text `{c.old_sha256[:12]}` → `{c.new_sha256[:12]}`" for c in d.changed]
         + [f"- `{i}`: metadata ({', '.join(cols)})" for i, cols in d.metadata_changed]),
    ]
    for title, items in sections:
        if items:
            lines += [f"### {title}", "", *items, ""]
    if d.empty:
        lines += [f"No document changed since {d.old_version or 'the previous version'}.", ""]
    return "\n".join(lines)


def write_changelog(path: str | Path, entry: str) -> Path:
    """Insert ``entry`` above the newest section of the changelog; a version already there is never rewritten."""
    path = Path(path)
    text = path.read_text(encoding="utf-8") if path.is_file() else "# Changelog\n\nChanges to the corpus's documents, newest first.\n\n"
    heading = entry.splitlines()[0]
    version = re.match(r"## \[([^\]]+)\]", heading)
    if version and re.search(rf"^## \[{re.escape(version.group(1))}\]", text, re.M):
        raise CorpusError(f"{path}: already has an entry for {version.group(1)}; released entries are not rewritten")
    m = re.search(r"^## ", text, re.M)
    text = text[: m.start()] + entry + "\n" + text[m.start():] if m else text.rstrip("\n") + "\n\n" + entry
    path.write_text(text, encoding="utf-8")
    return path
