"""Near-duplicate detection: MinHash signatures of word shingles, indexed with banded LSH, in numpy alone.

The corpus's signatures are published with the package (the `signatures` table, see signatures.py), so
a check against 100,000 documents signs only the new ones. Signatures are datasketch's "affine32" MinHash
value for value (tests hold them equal), computed here without its per-call overhead and its scipy import.

The index keeps only the low ``BITS`` bits of each minimum (b-bit MinHash): two different minima agree on
them by chance with probability 2^-BITS, which ``similarity`` corrects for, so the Jaccard estimate stays
as good as with full values (its error grows by about 0.2%) while a signature takes a quarter of the space.
"""
from __future__ import annotations

import re
import zlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from .optional import require

SEED = 1
SCHEME = "affine32"
TOKENS = "casefold-words-crc32-mix64-v1"  # how text becomes shingle hashes (Signer.shingles); change it on any edit there
BITS = 8  # low bits kept of each MinHash value, in the index and the published table
LSH_MAX_THRESHOLD = 0.9  # above it LSH is tuned for 0.9: two bands at least, candidates then checked at the real threshold
_WORD = re.compile(r"\w+")
# Every ASCII byte that _WORD does not match becomes a space (bytes above 127 never occur: used on ASCII text only).
_ASCII_NON_WORD = bytes(c if c < 128 and _WORD.match(chr(c)) else ord(" ") for c in range(256))
_MIX = 0x9E3779B97F4A7C15  # odd 64-bit constant (golden ratio): spreads the rolling hash over 64 bits
_CHUNK = 4096  # shingles per step: bounds the (shingles x num_perm) temporary for very long texts


def _numpy():
    return require("numpy", "duplicate checks")


@dataclass(frozen=True)
class Shingling:
    """How a text becomes a set: word ``k``-grams, casefolded, hashed to 32 bits; ``num_perm`` MinHash functions."""

    k: int = 5
    num_perm: int = 128

    @property
    def key(self) -> str:
        return f"w{self.k}-p{self.num_perm}-s{SEED}-{SCHEME}"

    def params(self) -> dict[str, Any]:
        """Everything that decides a published signature: a package whose parameters differ is not used."""
        return {"num_perm": self.num_perm, "seed": SEED, "scheme": SCHEME, "shingle_words": self.k,
                "tokens": TOKENS, "bits": BITS}


def _fmix32(h: Any) -> Any:
    """MurmurHash3's 32-bit finalizer (a bijection that spreads structured inputs), on a uint32 array."""
    np = _numpy()
    h = h ^ (h >> np.uint32(16))
    h = h * np.uint32(0x85EBCA6B)
    h = h ^ (h >> np.uint32(13))
    h = h * np.uint32(0xC2B2AE35)
    return h ^ (h >> np.uint32(16))


def _fmix64(h: Any) -> Any:
    np = _numpy()
    h = h ^ (h >> np.uint64(33))
    h = h * np.uint64(0xFF51AFD7ED558CCD)
    h = h ^ (h >> np.uint64(33))
    h = h * np.uint64(0xC4CEB9FE1A85EC53)
    return h ^ (h >> np.uint64(33))


def word_hashes(text: str) -> Any:
    """CRC-32 of each word (``\\w+``) of the casefolded text, in order, as uint64."""
    np = _numpy()
    folded = text.casefold()
    if folded.isascii():  # the same words as the regex finds, split by bytes methods at a third of its cost
        tokens = folded.encode("ascii").translate(_ASCII_NON_WORD).split()
        return np.fromiter(map(zlib.crc32, tokens), dtype=np.uint64, count=len(tokens))
    words = _WORD.findall(folded)
    return np.fromiter(map(zlib.crc32, map(str.encode, words)), dtype=np.uint64, count=len(words))


class Signer:
    """Turns clean texts into MinHash signatures (uint32 arrays of length ``num_perm``)."""

    def __init__(self, shingling: Shingling = Shingling()) -> None:
        np = self._np = _numpy()
        self.shingling = shingling
        # h -> a*h + b mod 2^32 with odd a: a bijection, drawn as datasketch draws its affine32 permutations.
        gen = np.random.RandomState(SEED)
        self._a = gen.randint(0, 1 << 31, shingling.num_perm, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
        self._b = gen.randint(0, 1 << 32, shingling.num_perm, dtype=np.uint32)

    def shingle_array(self, text: str, distinct: bool = True) -> Any:
        """32-bit hashes of the text's word k-grams (one shingle for texts shorter than k words), each once
        unless ``distinct`` is false (a minimum does not care about repeats)."""
        np = self._np
        words = word_hashes(text)
        k = min(self.shingling.k, len(words))
        if k == 0:
            return np.zeros(0, dtype=np.uint32)
        n = len(words) - k + 1
        h = np.zeros(n, dtype=np.uint64)
        for j in range(k):
            h = h * np.uint64(_MIX) + words[j : j + n]
        h = (h ^ (h >> np.uint64(29))) * np.uint64(_MIX)
        hashes = (h >> np.uint64(32)).astype(np.uint32)
        return np.unique(hashes) if distinct else hashes

    def shingles(self, text: str) -> list[int]:
        return self.shingle_array(text).tolist()

    def signature(self, text: str) -> Any:
        np = self._np
        out = np.full(self.shingling.num_perm, 0xFFFFFFFF, dtype=np.uint32)  # an empty set: every value at its maximum
        hashed = _fmix32(self.shingle_array(text, distinct=False))
        for start in range(0, len(hashed), _CHUNK):
            block = np.multiply(hashed[start : start + _CHUNK, None], self._a)  # one temporary, added to in place
            np.add(block, self._b, out=block)
            np.minimum(out, block.min(axis=0), out=out)
        return out

    def signatures(self, texts: list[str]) -> Any:
        """``signature`` of each text (rows of a uint32 matrix), value for value, computed a batch at a time.

        Signing one 4 KB text is a few dozen numpy calls on arrays of a few hundred values, so their overhead cost
        as much as the arithmetic; here the shingles of many texts go through each call together, and each text's
        minima are taken with ``minimum.reduceat`` over its own rows. Texts shorter than k words (one shingle of
        all their words) and texts longer than a batch are signed alone."""
        np = self._np
        k, perms = self.shingling.k, self.shingling.num_perm
        out = np.empty((len(texts), perms), dtype=np.uint32)
        words = [word_hashes(t) for t in texts]
        together = [i for i, w in enumerate(words) if k <= len(w) <= _CHUNK + k - 1]
        for i in sorted(set(range(len(texts))) - set(together)):
            out[i] = self.signature(texts[i])
        if not together:
            return out
        lengths = np.array([len(words[i]) for i in together], dtype=np.int64)
        joined = np.concatenate([words[i] for i in together])
        n = len(joined) - k + 1
        h = np.zeros(n, dtype=np.uint64)
        for j in range(k):
            h = h * np.uint64(_MIX) + joined[j : j + n]
        h = (h ^ (h >> np.uint64(29))) * np.uint64(_MIX)
        # A shingle starts at one of the first len - k + 1 words of its own text; the others span two texts.
        counts = lengths - (k - 1)
        starts = np.concatenate(([0], np.cumsum(lengths)[:-1]))
        keep = np.repeat(starts - np.concatenate(([0], np.cumsum(counts)[:-1])), counts) + np.arange(int(counts.sum()))
        hashed = _fmix32((h[keep] >> np.uint64(32)).astype(np.uint32))
        ends = np.cumsum(counts)
        first = 0
        while first < len(together):  # texts whose shingles together fit in one block of about _CHUNK rows
            last = int(np.searchsorted(ends, ends[first] - counts[first] + _CHUNK, side="right"))
            last = max(last, first + 1)
            lo, hi = int(ends[first] - counts[first]), int(ends[last - 1])
            block = np.multiply(self._a[:, None], hashed[None, lo:hi])  # permutations x shingles: rows reduced in place
            np.add(block, self._b[:, None], out=block)
            offsets = (ends[first:last] - counts[first:last]) - lo
            out[together[first:last]] = np.minimum.reduceat(block, offsets, axis=1).T
            first = last
        return out


@lru_cache(maxsize=4)
def signer_for(shingling: Shingling) -> Signer:
    """One Signer per process and parameters: its permutations are drawn once."""
    return Signer(shingling)


def reduce(signatures: Any) -> Any:
    """The low BITS bits of each value (uint8): what the index compares and the package publishes."""
    np = _numpy()
    return (np.asarray(signatures) & np.uint32((1 << BITS) - 1)).astype(np.uint8)


@lru_cache(maxsize=None)
def lsh_params(threshold: float, num_perm: int) -> tuple[int, int]:
    """(bands, rows per band) minimising the equally weighted areas of false positives below ``threshold`` and
    false negatives above it, under the usual S-curve 1 - (1 - s^r)^b (the rule datasketch's MinHashLSH uses)."""
    np = _numpy()
    pairs = np.array([(b, r) for b in range(1, num_perm + 1) for r in range(1, num_perm // b + 1)], dtype=np.float64)
    b, r = pairs[:, :1], pairs[:, 1:]
    low = np.linspace(0.0, threshold, 1001)[None, :]
    high = np.linspace(threshold, 1.0, 1001)[None, :]
    false_pos = np.trapezoid(1 - (1 - low**r) ** b, low, axis=1)
    false_neg = np.trapezoid((1 - high**r) ** b, high, axis=1)
    best = int(np.argmin(false_pos * 0.5 + false_neg * 0.5))  # first minimum: fewest bands, as datasketch's search
    return int(pairs[best, 0]), int(pairs[best, 1])


class NearDuplicateIndex:
    """Banded LSH over b-bit signatures: sorted band keys (bulk adds) plus a dict (single adds).

    ``best`` verifies LSH candidates by their estimated Jaccard similarity, so LSH only decides what is compared.
    """

    def __init__(self, shingling: Shingling, threshold: float) -> None:
        np = self._np = _numpy()
        self.shingling = shingling
        self.threshold = threshold
        self.bands, self.rows = lsh_params(min(threshold, LSH_MAX_THRESHOLD), shingling.num_perm)
        self._words = -(-self.rows // 8)  # a band's bytes, padded to whole uint64 words
        gen = np.random.RandomState(SEED)
        self._coef = gen.randint(0, 1 << 63, (self.bands, self._words), dtype=np.uint64) * np.uint64(2) + np.uint64(1)
        self._ids: list[str] = []
        self._row: dict[str, int] = {}
        self._sigs = np.zeros((0, shingling.num_perm), dtype=np.uint8)
        self._size = 0
        self._sorted_keys = np.zeros(0, dtype=np.uint64)  # band keys of the first _indexed rows, sorted
        self._sorted_rows = np.zeros(0, dtype=np.int64)
        self._indexed = 0
        self._recent: dict[int, list[int]] = {}  # band key -> rows added after the last sort
        self._last: tuple[bytes, Any] = (b"", None)  # the last signature queried and its band keys: add() follows best()

    def __len__(self) -> int:
        return self._size

    def __contains__(self, key: str) -> bool:
        return key in self._row

    def _keys_of(self, sig: Any) -> Any:
        data = sig.tobytes()
        if self._last[0] != data:
            self._last = (data, self.band_keys(sig)[0])
        return self._last[1]

    def band_keys(self, signatures: Any) -> Any:
        """One uint64 key per band of each b-bit signature (rows x bands); equal bands give equal keys."""
        np = self._np
        sigs = np.asarray(signatures, dtype=np.uint8).reshape(-1, self.shingling.num_perm)
        n = len(sigs)
        padded = np.zeros((n, self.bands, self._words * 8), dtype=np.uint8)
        padded[:, :, : self.rows] = sigs[:, : self.bands * self.rows].reshape(n, self.bands, self.rows)
        words = padded.view(np.uint64)  # (n, bands, words), native byte order: keys are never stored
        keys = (words * self._coef).sum(axis=2, dtype=np.uint64) + np.arange(self.bands, dtype=np.uint64) * np.uint64(_MIX)
        return _fmix64(keys)

    def _grow(self, extra: int) -> None:
        np = self._np
        if self._size + extra > len(self._sigs):
            bigger = np.zeros((max(2 * len(self._sigs), self._size + extra, 64), self.shingling.num_perm), dtype=np.uint8)
            bigger[: self._size] = self._sigs[: self._size]
            self._sigs = bigger

    def add_many(self, ids: list[str], signatures: Any) -> None:
        """Index many documents at once (b-bit or full signatures, one row each); ids already present are skipped."""
        np = self._np
        sigs = np.asarray(signatures)
        if sigs.dtype != np.uint8:
            sigs = reduce(sigs)
        keep = [i for i, key in enumerate(ids) if key not in self._row]
        if len(keep) < len(ids):
            ids, sigs = [ids[i] for i in keep], sigs[keep]
        if not ids:
            return
        self._grow(len(ids))
        start = self._size
        self._sigs[start : start + len(ids)] = sigs
        for offset, key in enumerate(ids):
            self._row[key] = start + offset
        self._ids += ids
        self._size += len(ids)
        # Re-sort every band key: a few milliseconds for 100,000 documents, and queries stay two binary searches.
        keys = self.band_keys(self._sigs[: self._size])
        rows = np.repeat(np.arange(self._size, dtype=np.int64), self.bands)
        order = np.argsort(keys.ravel(), kind="stable")
        self._sorted_keys, self._sorted_rows = keys.ravel()[order], rows[order]
        self._indexed = self._size
        self._recent = {}

    def add(self, key: str, signature: Any) -> None:
        if key in self._row:
            return
        sig = reduce(signature) if self._np.asarray(signature).dtype != self._np.uint8 else signature
        self._grow(1)
        row = self._size
        self._sigs[row] = sig
        self._row[key] = row
        self._ids.append(key)
        self._size += 1
        for band_key in self._keys_of(sig).tolist():
            self._recent.setdefault(band_key, []).append(row)

    def similarity(self, matches: Any) -> Any:
        """Estimated Jaccard similarity from the share of equal b-bit values, less the share expected by chance."""
        chance = 1.0 / (1 << BITS)
        return ((matches / self.shingling.num_perm) - chance).clip(0, None) / (1 - chance)

    def best(self, signature: Any) -> tuple[str, float] | None:
        """The most similar indexed document at or above the threshold (ties: the smallest key), or None."""
        np = self._np
        sig = reduce(signature) if np.asarray(signature).dtype != np.uint8 else signature
        keys = self._keys_of(sig)
        lo = np.searchsorted(self._sorted_keys, keys, side="left")
        hi = np.searchsorted(self._sorted_keys, keys, side="right")
        rows = [self._sorted_rows[a:b] for a, b in zip(lo.tolist(), hi.tolist()) if b > a]
        rows += [np.array(self._recent[k], dtype=np.int64) for k in keys.tolist() if k in self._recent]
        if not rows:
            return None
        candidates = np.unique(np.concatenate(rows))
        scores = self.similarity((self._sigs[candidates] == sig).sum(axis=1))
        found: tuple[str, float] | None = None
        for row, score in zip(candidates.tolist(), scores.tolist()):
            if score >= self.threshold:
                key = self._ids[row]
                if found is None or score > found[1] or (score == found[1] and key < found[0]):
                    found = (key, score)
        return found


class SignatureCache:
    """Signatures by clean-text sha256, in one .npz file per shingling; a missing or unreadable file is an empty cache.

    Needed only for corpus documents a package does not publish signatures for (an older package, other
    parameters, documents not built yet): the file is read on first use.
    """

    def __init__(self, folder: Path | None, shingling: Shingling) -> None:
        self.path = folder / f"minhash-{shingling.key}.npz" if folder is not None else None
        self._rows: dict[str, Any] | None = None
        self.added = 0

    @property
    def rows(self) -> dict[str, Any]:
        if self._rows is None:
            self._rows = {}
            if self.path is not None and self.path.is_file():
                np = _numpy()
                try:
                    with np.load(self.path) as data:
                        keys, sigs = data["keys"], data["signatures"]
                    self._rows = {k: sigs[i] for i, k in enumerate(keys.tolist())}
                except (OSError, KeyError, ValueError):
                    self._rows = {}
        return self._rows

    @property
    def loaded(self) -> bool:
        return self._rows is not None

    def get(self, text_sha256: str) -> Any | None:
        return self.rows.get(text_sha256)

    def put(self, text_sha256: str, signature: Any) -> None:
        if text_sha256 not in self.rows:
            self.rows[text_sha256] = signature
            self.added += 1

    def save(self) -> None:
        if self.path is None or not self.added:
            return
        np = _numpy()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        keys = sorted(self.rows)
        tmp = self.path.with_suffix(".tmp.npz")
        np.savez(tmp, keys=np.array(keys), signatures=np.stack([self.rows[k] for k in keys]))
        tmp.replace(self.path)
