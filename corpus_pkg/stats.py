"""Corpus statistics for the dataset card, computed from the written tables (so they describe what is published).

Each file contributes a small partial (counts and sums, and one word count per document) read from it a
row group at a time; partials add up to the corpus's statistics. The build computes a part's partial as
it checks the part it has just written, and keeps it in the cache beside the part, so that a rebuild
never reads unchanged tables again and no process holds a whole table.
"""
from __future__ import annotations

import json
from array import array
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Sequence

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from .tables import TABLES
from .write import DESCRIPTOR, resource_files

Partial = dict[str, Any]  # JSON-able: kept in the build cache beside each part
COLUMNS = {"documents": ["word_count", "char_count", "removed_chars", "language", "doc_type", "date"],
           "blocks": ["kind"], "removals": ["rule", "text"]}


@dataclass(frozen=True)
class Stats:
    documents: int
    blocks: int
    removals: int
    words: Sequence[int]  # per document, in id order
    chars: int
    removed_chars: int
    languages: dict[str, int]
    doc_types: dict[str, int]
    dated: int  # documents with a stated publication date
    first_date: str | None  # earliest and latest stated date (ISO 8601 strings of any precision, compared as text)
    last_date: str | None
    block_kinds: dict[str, int]
    rule_removals: dict[str, int]  # rows of the removals table per rule
    rule_chars: dict[str, int]  # characters removed per rule
    arrow_bytes: dict[str, int]  # uncompressed size of each table (Hugging Face's split num_bytes)
    rows: dict[str, int]  # rows of each table

    @property
    def median_words(self) -> int:
        w = sorted(self.words)
        if not w:
            return 0
        mid = len(w) // 2
        return w[mid] if len(w) % 2 else (w[mid - 1] + w[mid]) // 2


def _sorted_counts(counter: Counter[str]) -> dict[str, int]:
    return dict(sorted(counter.items(), key=lambda kv: (-kv[1], kv[0])))


def _counts(column: pa.ChunkedArray | pa.Array) -> dict[str, int]:
    return {v["values"].as_py(): v["counts"].as_py() for v in pc.value_counts(column) if v["values"].is_valid}


def batch_partial(table: str, batch: pa.Table | pa.RecordBatch) -> Partial:
    """What some rows of ``table`` contribute (only the columns in COLUMNS are read)."""
    out: Partial = {}
    if table == "documents":
        dates = pc.drop_null(batch.column("date"))
        dates = dates.filter(pc.not_equal(dates, ""))
        bounds = pc.min_max(dates)
        out.update(words=batch.column("word_count").to_pylist(), chars=pc.sum(batch.column("char_count")).as_py() or 0,
                   removed_chars=pc.sum(batch.column("removed_chars")).as_py() or 0,
                   languages=_counts(batch.column("language")), doc_types=_counts(batch.column("doc_type")),
                   dated=len(dates), first_date=bounds["min"].as_py(), last_date=bounds["max"].as_py())
    elif table == "blocks":
        out["block_kinds"] = _counts(batch.column("kind"))
    elif table == "removals":
        out["rule_removals"] = _counts(batch.column("rule"))
        lengths = pa.table({"rule": batch.column("rule"), "chars": pc.utf8_length(batch.column("text"))})
        summed = lengths.group_by("rule").aggregate([("chars", "sum")])
        out["rule_chars"] = dict(zip(summed.column("rule").to_pylist(), summed.column("chars_sum").to_pylist()))
    return out


def combine(partials: Iterable[Partial]) -> Partial:
    """Partials added up (lists joined in order, counts and sums added, date bounds widened)."""
    out: Partial = {}
    for p in partials:
        for key, value in p.items():
            if key == "words":
                out.setdefault(key, []).extend(value)
            elif isinstance(value, dict):
                counter = out.setdefault(key, {})
                for k, n in value.items():
                    counter[k] = counter.get(k, 0) + n
            elif key in ("first_date", "last_date"):
                if value is not None:
                    old = out.get(key)
                    out[key] = value if old is None else (min(old, value) if key == "first_date" else max(old, value))
                else:
                    out.setdefault(key, None)
            else:
                out[key] = out.get(key, 0) + value
    return out


def file_partial(table: str, path: Path, verify_pages: bool = False) -> Partial:
    """One Parquet file's partial, read a row group at a time; with ``verify_pages``, every page's CRC of
    every column is checked on the way (a damaged file raises)."""
    f = pq.ParquetFile(path, page_checksum_verification=verify_pages)
    meta = f.metadata
    parts: list[Partial] = []
    for i in range(meta.num_row_groups):
        if verify_pages:  # one column at a time: memory follows the largest column chunk, not the row group
            for name in f.schema_arrow.names:
                f.read_row_group(i, columns=[name])
        if table in COLUMNS:
            parts.append(batch_partial(table, f.read_row_group(i, columns=COLUMNS[table])))
    out = combine(parts)
    out["rows"] = meta.num_rows
    out["arrow_bytes"] = sum(meta.row_group(i).total_byte_size for i in range(meta.num_row_groups))
    return out


def from_partials(partials: dict[str, list[Partial]]) -> Stats:
    """The corpus's statistics from each table's partials (in part order)."""
    words: array[int] = array("q")
    for p in partials.get("documents", []):
        words.extend(p.get("words", []))
    merged = {name: combine(p | {"words": []} if "words" in p else p for p in ps) for name, ps in partials.items()}
    docs, blocks, rem = (merged.get(n, {}) for n in ("documents", "blocks", "removals"))
    return Stats(
        documents=len(words),
        blocks=blocks.get("rows", 0),
        removals=rem.get("rows", 0),
        words=words,
        chars=docs.get("chars", 0),
        removed_chars=docs.get("removed_chars", 0),
        languages=_sorted_counts(Counter(docs.get("languages", {}))),
        doc_types=_sorted_counts(Counter(docs.get("doc_types", {}))),
        dated=docs.get("dated", 0),
        first_date=docs.get("first_date"),
        last_date=docs.get("last_date"),
        block_kinds=_sorted_counts(Counter(blocks.get("block_kinds", {}))),
        rule_removals=_sorted_counts(Counter(rem.get("rule_removals", {}))),
        rule_chars=_sorted_counts(Counter(rem.get("rule_chars", {}))),
        arrow_bytes={t.name: merged.get(t.name, {}).get("arrow_bytes", 0) for t in TABLES},
        rows={t.name: merged.get(t.name, {}).get("rows", 0) for t in TABLES},
    )


def _files(root: Path, name: str) -> list[Path]:
    """A table's files as datapackage.json lists them (one, or the parts of a large table)."""
    descriptor = json.loads((root / DESCRIPTOR).read_text(encoding="utf-8"))
    resource = next((r for r in descriptor.get("resources", []) if r.get("name") == name), {"path": f"data/{name}.parquet"})
    return [root / rel for rel in resource_files(resource)]


def compute(root: Path) -> Stats:
    """The statistics of the package at ``root``, read from its tables."""
    return from_partials({t.name: [file_partial(t.name, p) for p in _files(root, t.name)] for t in TABLES})
