"""A raw folder's submissions held compactly, for builds of any size.

``read.discover`` gives one Submission (two Path objects) per document: about 900 bytes each, 90 MB for
100,000 documents, all alive for the whole build. A build needs them one shard at a time. A Listing keeps
the sorted ids in one Arrow string array and, per id, which raw suffix and whether a sidecar was found
(one byte each), and makes a shard's Submissions when its task is made. It pairs files exactly as
``discover`` does (tested), and finds colliding ids without a dictionary of every id.
"""
from __future__ import annotations

import os
import unicodedata
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Callable, Iterator, Sequence, overload

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from .model import CorpusError, Issue
from .read import RAW_SUFFIXES, SIDECAR_SUFFIX, Submission
from .shards import Files, plan_bounds

_CHUNK = 8192  # names collected as Python strings at once before they go into Arrow
_SIDECAR = len(RAW_SUFFIXES) + 1  # bit set in a code when the id has a sidecar; the low bits: raw suffix + 1, or 0


def _submission(raw_dir: Path, ident: str, code: int) -> Submission:
    raw = code & ((1 << _SIDECAR) - 1)
    return Submission(ident, raw_dir / f"{ident}{RAW_SUFFIXES[raw - 1]}" if raw else None,
                      raw_dir / f"{ident}{SIDECAR_SUFFIX}" if code & (1 << _SIDECAR) else None)


class Listing:
    def __init__(self, raw_dir: Path, ids: pa.Array, codes: np.ndarray) -> None:
        self.raw_dir = raw_dir
        self.ids = ids
        self.codes = codes

    @classmethod
    def scan(cls, raw_dir: Path, on_many: tuple[int, Callable[[], None]] | None = None) -> Listing:
        """Every raw file and sidecar under ``raw_dir``, paired by id, sorted by id (as read.discover).

        ``on_many`` (n, call): ``call()`` once as soon as more than n names are seen, so that a build can start
        its workers' server while the rest of a large folder is listed."""
        if not raw_dir.is_dir():
            raise CorpusError(f"{raw_dir}: raw folder not found (give another with --raw)")
        chunks: list[pa.Array] = []
        batch: list[str] = []
        with os.scandir(raw_dir) as entries:
            # As discover: hidden files are skipped; links and special files are kept, so reading refuses them by name.
            for e in entries:
                if not e.name.startswith(".") and (e.is_symlink() or not e.is_dir()):
                    batch.append(e.name)
                    if len(batch) == _CHUNK:
                        chunks.append(pa.array(batch, pa.string()))
                        batch = []
                    if on_many is not None and len(batch) + _CHUNK * len(chunks) > on_many[0]:
                        on_many[1]()
                        on_many = None
        chunks.append(pa.array(batch, pa.string()))
        names = pa.concat_arrays(chunks)
        del chunks, batch
        # Each name's id and role: sidecar, one of the raw suffixes (the first that matches), or neither.
        ids_parts, codes_parts = [], []
        sidecar = pc.ends_with(names, SIDECAR_SUFFIX)
        ids_parts.append(pc.utf8_slice_codeunits(names.filter(sidecar), 0, -len(SIDECAR_SUFFIX)))
        codes_parts.append(np.full(len(ids_parts[-1]), 1 << _SIDECAR, np.uint8))
        rest = names.filter(pc.invert(sidecar))
        for n, suffix in enumerate(RAW_SUFFIXES):
            match = pc.ends_with(rest, suffix)
            stems = pc.utf8_slice_codeunits(rest.filter(match), 0, -len(suffix))
            # discover splits at the last dot, so "a.b.txt" is id "a.b" but ".txt" alone is no raw file
            ids_parts.append(stems.filter(pc.not_equal(stems, "")))
            codes_parts.append(np.full(len(ids_parts[-1]), n + 1, np.uint8))
            rest = rest.filter(pc.invert(match))
        ids = pa.concat_arrays(ids_parts)
        codes = np.concatenate(codes_parts)
        del names, rest, ids_parts, codes_parts
        order = pc.sort_indices(ids).to_numpy()
        ids, codes = ids.take(pa.array(order)), codes[order]
        # One entry per id: sidecar bits OR-ed; of several raw files, the greatest name wins (as in discover).
        raw = codes & ~np.uint8(1 << _SIDECAR)
        first = np.ones(len(ids), bool)
        if len(ids) > 1:
            first[1:] = pc.not_equal(ids.slice(1), ids.slice(0, len(ids) - 1)).to_numpy(zero_copy_only=False)
        starts = np.flatnonzero(first)
        merged = np.bitwise_or.reduceat(codes & np.uint8(1 << _SIDECAR), starts) if len(starts) else codes[:0]
        best = np.zeros(len(starts), np.uint8)
        if len(starts):
            # the greatest raw name for one id: compare the suffixes themselves, not their order in RAW_SUFFIXES
            rank = np.array([0] + [sorted(RAW_SUFFIXES).index(s) + 1 for s in RAW_SUFFIXES], np.uint8)
            ranks = np.maximum.reduceat(rank[raw], starts)
            back = np.zeros(len(rank), np.uint8)
            back[rank] = np.arange(len(rank), dtype=np.uint8)
            best = back[ranks]
        return cls(raw_dir, ids.filter(pa.array(first)), (merged | best).astype(np.uint8))

    def __len__(self) -> int:
        return len(self.ids)

    def iter_ids(self, chunk: int = 1 << 16) -> Iterator[str]:
        """The ids in order, a chunk at a time as Python strings (never all at once)."""
        for start in range(0, len(self.ids), chunk):
            yield from self.ids.slice(start, chunk).to_pylist()

    def submission(self, i: int) -> Submission:
        return _submission(self.raw_dir, self.ids[i].as_py(), int(self.codes[i]))

    def submissions(self, start: int = 0, stop: int | None = None) -> tuple[Submission, ...]:
        return tuple(self.submission(i) for i in range(start, len(self) if stop is None else stop))

    def identity_issues(self) -> list[Issue]:
        """As pipeline._identity_issues over every submission, looking only at ids whose folded form recurs."""
        from .pipeline import _identity_issues

        if len(self) < 2:
            return []
        ascii_ = pc.string_is_ascii(self.ids).to_numpy(zero_copy_only=False)
        keys = pc.utf8_lower(self.ids)  # NFC and casefold of ASCII text: lower case
        others = np.flatnonzero(~ascii_)
        if len(others):
            folded = [unicodedata.normalize("NFC", self.ids[int(i)].as_py()).casefold() for i in others]
            keys = pc.replace_with_mask(keys, pa.array(~ascii_), pa.array(folded, pa.string()))
        counts = pc.value_counts(keys)
        recurring = counts.field("values").filter(pc.greater(counts.field("counts"), 1))
        if len(recurring) == 0:
            return []
        suspects = np.flatnonzero(pc.is_in(keys, value_set=recurring).to_numpy(zero_copy_only=False))
        return _identity_issues([self.submission(int(i)) for i in suspects])


@dataclass(frozen=True)
class CompactShard:
    """A Shard (index, part, members) that travels as ids and one byte per id: its Submissions, with their
    Path objects, are made where it runs, so the coordinating process never builds them."""

    index: int
    part: int
    raw_dir: Path
    ids: tuple[str, ...]
    codes: bytes

    @cached_property
    def members(self) -> tuple[Submission, ...]:
        return tuple(_submission(self.raw_dir, i, c) for i, c in zip(self.ids, self.codes))

    @cached_property
    def _file_names(self) -> tuple[tuple[str, str | None, str | None], ...]:
        raw_mask = (1 << _SIDECAR) - 1
        return tuple((i, i + RAW_SUFFIXES[(c & raw_mask) - 1] if c & raw_mask else None,
                      i + SIDECAR_SUFFIX if c & (1 << _SIDECAR) else None) for i, c in zip(self.ids, self.codes))

    @property
    def files(self) -> Files:
        """As Shard.files, made from the ids without Submissions (see shards.member_stats)."""
        base = os.path.join(os.fspath(self.raw_dir), "")
        return tuple((i, raw and base + raw, sidecar and base + sidecar) for i, raw, sidecar in self._file_names)

    @property
    def names(self) -> list[str]:
        """As Shard.names."""
        return [f"{i}\t{raw}\t{sidecar}" for i, raw, sidecar in self._file_names]


class ShardPlan(Sequence[CompactShard]):
    """shards.plan over a Listing; each shard is made only when it is asked for."""

    def __init__(self, listing: Listing, size: int, part_size: int) -> None:
        self.listing = listing
        self.bounds = plan_bounds(listing.iter_ids(), size, part_size)

    def __len__(self) -> int:
        return len(self.bounds)

    @overload
    def __getitem__(self, k: int) -> CompactShard: ...
    @overload
    def __getitem__(self, k: slice) -> list[CompactShard]: ...

    def __getitem__(self, k: int | slice) -> CompactShard | list[CompactShard]:
        if isinstance(k, slice):
            return [self[i] for i in range(*k.indices(len(self)))]
        start, stop, part = self.bounds[k]
        ids = tuple(self.listing.ids.slice(start, stop - start).to_pylist())
        return CompactShard(range(len(self))[k], part, self.listing.raw_dir, ids, self.listing.codes[start:stop].tobytes())

    def size(self, k: int) -> int:
        return self.bounds[k][1] - self.bounds[k][0]

    def first_id(self, k: int) -> str:
        return self.listing.ids[self.bounds[k][0]].as_py()

    def part(self, k: int) -> int:
        return self.bounds[k][2]
