"""The per-document pipeline: read → clean → enrich → check, one submission at a time.

``process`` is a pure function of one submission's files, so the same code runs in one process, a
process pool or on a cluster; corpus-level checks (ids, later duplicates) are gathered beside it.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator
from urllib.parse import urlsplit

from .clean import Cleaned, clean_text, default_catalogue
from .clean.template import TemplateIndex, document_keys
from .enrich import document_record
from .model import Document, Issue
from .read import ID_PATTERN, ReadRefused, Submission, discover, read_raw, read_sidecar, utc_timestamp
from .validate import schema_issues


@dataclass
class Processed:
    """What one submission became: its rows when it is sound, and every issue found in it."""

    submission: Submission
    document: Document | None = None
    cleaned: Cleaned | None = None
    record: dict[str, Any] | None = None
    issues: list[Issue] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.record is not None and not any(i.severity == "error" for i in self.issues)


def source_key(sidecar: dict[str, Any] | None) -> str | None:
    """What counts as one source for template evidence: the site name, else the host of the source URL."""
    source = (sidecar or {}).get("source") or {}
    if not isinstance(source, dict):
        return None
    if isinstance(source.get("name"), str) and source["name"].strip():
        return source["name"].strip().casefold()
    url = source.get("url")
    if isinstance(url, str):
        host = urlsplit(url).hostname
        return host.removeprefix("www.") if host else None
    return None


def template_index(subs: list[Submission], max_raw_bytes: int | None = None,
                   sources: dict[str, str] | None = None, memo: "LineKeyMemo | None" = None) -> TemplateIndex:
    """The first, cheap pass: hash every short line of every document, per source (see clean/template.py).

    ``sources``, when given, is filled with each counted document's source key (by document id). ``memo``
    remembers each file's source and line keys by its size and modification time, so that a rebuild reads
    only the files that changed.
    """
    index = TemplateIndex()
    for sub in subs:
        if sub.raw_path is None or sub.sidecar_path is None:
            continue
        known = memo.get(sub) if memo is not None else None
        if known is not None:
            key, keys = known
        else:
            found = line_evidence(sub, max_raw_bytes)
            if found is None:
                continue  # unreadable: reported by process()
            key, keys = found
            if memo is not None:
                memo.put(sub, key, keys)
        if key is None:
            continue
        index.add_keys(key, keys)
        if sources is not None:
            sources[sub.id] = key
    return index


def line_evidence(sub: Submission, max_raw_bytes: int | None = None) -> tuple[str | None, set[int]] | None:
    """One document's part of the template pass: its source and short-line keys; None when the raw file is refused."""
    if sub.raw_path is None or sub.sidecar_path is None:
        return None, set()
    _, sidecar, _ = read_sidecar(sub.sidecar_path)
    key = source_key(sidecar)
    if key is None:
        return None, set()
    try:
        _, text, _, _ = read_raw(sub.raw_path, max_raw_bytes)
    except ReadRefused:
        return None
    return key, document_keys(text)


class LineKeyMemo:
    """Per file, the source and short-line keys the template pass found, keyed by the files' size and mtime.

    Stored as an Arrow IPC file (data, never code: a tampered cache cannot run anything). An edit that keeps
    a file's size and modification time is not seen; ``--no-cache`` rebuilds without it.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.entries: dict[str, tuple[tuple[int, ...], str | None, list[int]]] = {}
        self.used: dict[str, tuple[tuple[int, ...], str | None, list[int]]] = {}
        if path.is_file():
            import pyarrow as pa

            try:
                table = pa.ipc.open_file(pa.memory_map(str(path))).read_all().to_pydict()
            except (pa.ArrowInvalid, OSError, KeyError):
                return  # an unreadable memo only costs a full pass
            for name, stat, source, keys in zip(table["file"], table["stat"], table["source"], table["keys"]):
                self.entries[name] = (tuple(stat), source, keys)

    @staticmethod
    def _stat(sub: Submission) -> tuple[int, ...] | None:
        try:
            a, b = sub.raw_path.stat(), sub.sidecar_path.stat()
        except OSError:
            return None
        return (a.st_size, a.st_mtime_ns, b.st_size, b.st_mtime_ns)

    def get(self, sub: Submission) -> tuple[str | None, list[int]] | None:
        stat = self._stat(sub)
        entry = self.entries.get(str(sub.raw_path))
        if stat is None or entry is None or entry[0] != stat:
            return None
        self.used[str(sub.raw_path)] = entry
        return entry[1], entry[2]

    def put(self, sub: Submission, source: str | None, keys: set[int]) -> None:
        stat = self._stat(sub)
        if stat is not None:
            self.used[str(sub.raw_path)] = (stat, source, sorted(keys))

    def save(self) -> None:
        """Keep what this pass used (files since removed drop out), written to a temporary file first."""
        import pyarrow as pa

        names = sorted(self.used)
        table = pa.table({
            "file": pa.array(names, pa.string()),
            "stat": pa.array([list(self.used[n][0]) for n in names], pa.list_(pa.int64())),
            "source": pa.array([self.used[n][1] for n in names], pa.string()),
            "keys": pa.array([self.used[n][2] for n in names], pa.list_(pa.uint64())),
        })
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_name(self.path.name + ".tmp")
        with pa.OSFile(str(tmp), "wb") as sink, pa.ipc.new_file(sink, table.schema) as writer:
            writer.write_table(table)
        tmp.replace(self.path)


def process(sub: Submission, index: TemplateIndex | None = None, max_raw_bytes: int | None = None) -> Processed:
    """Read, clean, enrich and check one submission: depends on its files and the corpus's template lines alone.

    ``max_raw_bytes`` is the raw-file size limit (None: $CORPUS_PKG_MAX_RAW_BYTES or 16 MiB).
    """
    out = Processed(sub)
    label = str(sub.raw_path or sub.sidecar_path)
    if not ID_PATTERN.match(sub.id):
        out.issues.append(Issue("id-invalid", "error", label, f"id {sub.id!r} is not a valid document id",
                                "Rename the file: letters, digits, '.', '_' and '-', starting with a letter or digit."))
    # The sidecar first, so that its problems are reported even when the raw file is missing or unreadable.
    sidecar_bytes, sidecar, issues = read_sidecar(sub.sidecar_path) if sub.sidecar_path else (None, None, [])
    if sidecar is not None:
        issues += schema_issues("sidecar", sidecar, str(sub.sidecar_path), "sidecar-schema", sidecar_bytes)
    out.issues += issues
    if sub.raw_path is None:
        out.issues.append(Issue("raw-missing", "error", str(sub.sidecar_path), "sidecar without a raw file",
                                f"Add {sub.id}.txt beside it, or delete the sidecar."))
        return out
    if sub.sidecar_path is None:
        out.issues.append(Issue("sidecar-missing", "error", str(sub.raw_path), "raw file without a sidecar",
                                f"Add {sub.id}.meta.json beside it (see CONTRIBUTING.md for a template)."))
    try:
        raw, text, norm, warnings = read_raw(sub.raw_path, max_raw_bytes)
    except ReadRefused as exc:
        out.issues.append(exc.issue)
        return out
    out.issues += warnings
    doc = Document(sub.id, sub.raw_path, raw, text, norm, sidecar, sub.sidecar_path, sidecar_bytes)
    catalogue = default_catalogue()
    template = index.lines(source_key(sidecar)) if index is not None else frozenset()
    try:
        cleaned = clean_text(text, catalogue, template)
    except Exception as exc:  # a cleaner bug must name the document, not abort the whole build
        out.issues.append(Issue("internal-error", "error", str(sub.raw_path), f"cleaning failed: {type(exc).__name__}: {str(exc)[:200]}",
                                "This is a bug in corpus_pkg: please report it with this file."))
        return out
    doc.clean_text, doc.blocks, doc.removals = cleaned.text, cleaned.blocks, cleaned.removals
    out.document, out.cleaned = doc, cleaned
    if not cleaned.text.strip():
        out.issues.append(Issue("raw-empty-after-cleaning", "error", str(sub.raw_path),
                                "nothing is left after cleaning", "Check that the file holds the article, not only page furniture."))
        return out
    if sidecar is not None and not issues:  # a bad sidecar is reported once, not echoed by the record
        record = document_record(doc, cleaned, catalogue.version)
        out.issues += schema_issues("document", record, str(sub.raw_path), "document-schema")
        if isinstance(record.get("retrieved"), str):
            try:
                utc_timestamp(record["retrieved"])
            except ValueError as exc:
                out.issues.append(Issue("sidecar-schema", "error", str(sub.sidecar_path), str(exc),
                                        "Give an RFC 3339 date-time in the years 1-9999, e.g. 2024-05-01T12:00:00Z.", pointer="/retrieved"))
        out.record = record
    return out


def _identity_issues(subs: list[Submission]) -> list[Issue]:
    """Ids that would collide on a case-insensitive or Unicode-normalising file system."""
    seen: dict[str, str] = {}
    issues = []
    for sub in subs:
        key = unicodedata.normalize("NFC", sub.id).casefold()
        if key in seen and seen[key] != sub.id:
            issues.append(Issue("id-collision", "error", str(sub.raw_path or sub.sidecar_path),
                                f"id {sub.id!r} differs from {seen[key]!r} only by case or Unicode normalisation",
                                "Rename one of the two files."))
        seen.setdefault(key, sub.id)
    return issues


def process_all(raw_dir: Path, only: set[str] | None = None, max_raw_bytes: int | None = None) -> Iterator[Processed]:
    subs = discover(Path(raw_dir))
    index = template_index(subs, max_raw_bytes)
    collisions = _identity_issues(subs)
    for sub in subs:
        if only is not None and sub.id not in only:
            continue
        result = process(sub, index, max_raw_bytes)
        result.issues += [i for i in collisions if i.file in (str(sub.raw_path), str(sub.sidecar_path))]
        yield result


def block_rows(doc_id: str, cleaned: Cleaned) -> list[dict[str, Any]]:
    return [
        {"document_id": doc_id, "position": i, "kind": b.kind, "text": b.text, "start": b.start, "end": b.end,
         "raw_start": b.raw_start, "raw_end": b.raw_end}
        for i, b in enumerate(cleaned.blocks)
    ]


def removal_rows(doc_id: str, cleaned: Cleaned) -> list[dict[str, Any]]:
    return [
        {"document_id": doc_id, "position": i, "start": r.start, "end": r.end, "rule": r.rule, "text": r.text,
         "replacement": r.replacement}
        for i, r in enumerate(cleaned.removals)
    ]


def metadata_rows(doc_id: str, cleaned: Cleaned) -> list[dict[str, Any]]:
    facts = [f for f in cleaned.facts if f.field != "infobox"]
    return [
        {"document_id": doc_id, "position": i, "field": f.field, "value": f.value, "normalized": f.normalized,
         "rule": f.rule, "start": f.start, "end": f.end}
        for i, f in enumerate(facts)
    ]


def infobox_rows(doc_id: str, cleaned: Cleaned) -> list[dict[str, Any]]:
    from .clean.dates import parse_date

    rows = [f for f in cleaned.facts if f.field == "infobox"]
    out = []
    for i, f in enumerate(rows):
        parsed = parse_date(f.value)
        normalized = parsed[0] if parsed and parsed[1] != "month-day" and len(f.value) <= 30 else None
        out.append({"document_id": doc_id, "position": i, "key": f.key or "", "value": f.value,
                    "normalized": normalized, "start": f.start, "end": f.end})
    return out


def table_rows(result: "Processed") -> dict[str, list[dict[str, Any]]]:
    """The rows one processed document contributes to each published table."""
    doc_id, cleaned = result.submission.id, result.cleaned
    return {
        "documents": [result.record],
        "blocks": block_rows(doc_id, cleaned),
        "removals": removal_rows(doc_id, cleaned),
        "metadata": metadata_rows(doc_id, cleaned),
        "infobox": infobox_rows(doc_id, cleaned),
    }
