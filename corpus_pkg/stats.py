"""Corpus statistics for the dataset card, computed from the written tables (so they describe what is published)."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pyarrow.parquet as pq

from .tables import TABLES


@dataclass(frozen=True)
class Stats:
    documents: int
    blocks: int
    removals: int
    words: list[int]  # per document, in id order
    chars: int
    removed_chars: int
    languages: dict[str, int]
    doc_types: dict[str, int]
    dates: list[str]  # stated publication dates, sorted
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


def compute(root: Path) -> Stats:
    docs = pq.read_table(root / "data/documents.parquet",
                         columns=["word_count", "char_count", "removed_chars", "language", "doc_type", "date"]).to_pydict()
    blocks = pq.read_table(root / "data/blocks.parquet", columns=["kind"]).column("kind").to_pylist()
    rem = pq.read_table(root / "data/removals.parquet", columns=["rule", "text"]).to_pydict()
    metas = {t.name: pq.read_metadata(root / t.path) for t in TABLES}
    # Uncompressed sizes from the Parquet footers: no table is read again just to be measured.
    arrow_bytes = {name: sum(m.row_group(i).total_byte_size for i in range(m.num_row_groups)) for name, m in metas.items()}
    rows = {name: m.num_rows for name, m in metas.items()}
    rule_chars: Counter[str] = Counter()
    for rule, text in zip(rem["rule"], rem["text"]):
        rule_chars[rule] += len(text)
    return Stats(
        documents=len(docs["word_count"]),
        blocks=len(blocks),
        removals=len(rem["rule"]),
        words=list(docs["word_count"]),
        chars=sum(docs["char_count"]),
        removed_chars=sum(docs["removed_chars"]),
        languages=_sorted_counts(Counter(docs["language"])),
        doc_types=_sorted_counts(Counter(docs["doc_type"])),
        dates=sorted(d for d in docs["date"] if d),
        block_kinds=_sorted_counts(Counter(blocks)),
        rule_removals=_sorted_counts(Counter(rem["rule"])),
        rule_chars=_sorted_counts(rule_chars),
        arrow_bytes=arrow_bytes,
        rows=rows,
    )
