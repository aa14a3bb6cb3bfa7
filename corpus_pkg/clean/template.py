"""Corpus-level evidence: a line repeated verbatim across many documents of one source is site template.

One cheap pass of hashes over the corpus (64-bit digests of each distinct short line per document, counted
per source) finds them; memory grows with distinct short lines, not with documents held.
"""
from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from typing import Iterable

from .catalogue import squash

MIN_DOCUMENTS = 5  # a line must recur in at least this many documents of one source …
MIN_SHARE = 0.5  # … and in at least this share of them
MIN_SOURCE_DOCUMENTS = 5  # sources with fewer documents give no evidence


MAX_TEMPLATE_CHARS = 200  # longer lines are article text, never counted: memory follows short lines only


def line_key(line: str) -> int:
    """A stable 64-bit key of a line as rules see it (the same in every process, unlike hash())."""
    digest = hashlib.blake2b(squash(line).casefold().encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big")


def document_keys(text: str) -> set[int]:
    """The keys of a document's distinct short lines: all the template pass needs to remember of it."""
    return {line_key(ln) for ln in text.split("\n") if ln.strip() and len(ln) <= MAX_TEMPLATE_CHARS}


class TemplateIndex:
    """Counts, per source, how many documents contain each line; then names the template lines."""

    def __init__(self, min_documents: int = MIN_DOCUMENTS, min_share: float = MIN_SHARE) -> None:
        self.min_documents = min_documents
        self.min_share = min_share
        self._counts: dict[str, Counter[int]] = defaultdict(Counter)
        self._docs: Counter[str] = Counter()

    def add(self, source: str | None, text: str) -> None:
        self.add_keys(source, document_keys(text))

    def add_keys(self, source: str | None, keys: Iterable[int]) -> None:
        """Count one document by the keys of its distinct short lines (see document_keys)."""
        if not source:
            return
        self._docs[source] += 1
        self._counts[source].update(keys)

    def lines(self, source: str | None) -> frozenset[int]:
        """Hashes of the template lines of one source (empty when there is too little evidence)."""
        n = self._docs.get(source or "", 0)
        if n < max(self.min_documents, MIN_SOURCE_DOCUMENTS):
            return frozenset()
        need = max(self.min_documents, self.min_share * n)
        return frozenset(k for k, c in self._counts[source or ""].items() if c >= need)


def build_index(texts: Iterable[tuple[str | None, str]], **kwargs) -> TemplateIndex:
    index = TemplateIndex(**kwargs)
    for source, text in texts:
        index.add(source, text)
    return index
