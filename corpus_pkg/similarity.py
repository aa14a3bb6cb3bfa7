"""Near-duplicate detection: MinHash signatures of word shingles (datasketch), indexed with LSH.

Signatures of the existing corpus are the costly part of a check against 100,000 documents, so they
are kept in a cache keyed by clean-text hash: a document's signature is computed once, ever.
"""
from __future__ import annotations

import re
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .optional import require

SEED = 1
SCHEME = "affine32"
_WORD = re.compile(r"\w+")
_MIX = 0x9E3779B97F4A7C15  # odd 64-bit constant (golden ratio): spreads the rolling hash over 64 bits


def _numpy():
    return require("numpy", "duplicate checks")


def _datasketch():
    return require("datasketch", "duplicate checks")


def _identity(value: int) -> int:
    return value


@dataclass(frozen=True)
class Shingling:
    """How a text becomes a set: word ``k``-grams, casefolded, hashed to 32 bits; ``num_perm`` MinHash functions."""

    k: int = 5
    num_perm: int = 128

    @property
    def key(self) -> str:
        return f"w{self.k}-p{self.num_perm}-s{SEED}-{SCHEME}"


class Signer:
    """Turns clean texts into MinHash signatures (uint32 arrays of length ``num_perm``)."""

    def __init__(self, shingling: Shingling = Shingling()) -> None:
        self.shingling = shingling
        ds = _datasketch()
        self._minhash = ds.MinHash
        self._lean = ds.LeanMinHash
        self._permutations = ds.MinHash(num_perm=shingling.num_perm, seed=SEED, scheme=SCHEME).permutations
        self._np = _numpy()

    def shingles(self, text: str) -> list[int]:
        """Distinct 32-bit hashes of the text's word k-grams (one shingle for texts shorter than k words)."""
        np = self._np
        words = np.array([zlib.crc32(w.encode("utf-8")) for w in _WORD.findall(text.casefold())], dtype=np.uint64)
        k = min(self.shingling.k, len(words))
        if k == 0:
            return []
        n = len(words) - k + 1
        h = np.zeros(n, dtype=np.uint64)
        for j in range(k):
            h = h * np.uint64(_MIX) + words[j : j + n]
        h = (h ^ (h >> np.uint64(29))) * np.uint64(_MIX)
        return np.unique((h >> np.uint64(32)).astype(np.uint32)).tolist()

    def signature(self, text: str) -> Any:
        m = self._minhash(num_perm=self.shingling.num_perm, seed=SEED, scheme=SCHEME, hashfunc=_identity,
                          permutations=self._permutations)
        m.update_batch(self.shingles(text))
        return m.hashvalues.astype(self._np.uint32)

    def minhash(self, signature: Any) -> Any:
        """A LeanMinHash of a signature: all LSH needs, without rebuilding the permutations each time."""
        return self._lean(seed=SEED, hashvalues=signature, scheme=SCHEME)


class SignatureCache:
    """Signatures by clean-text sha256, in one .npz file per shingling; a missing or unreadable file is an empty cache."""

    def __init__(self, folder: Path | None, shingling: Shingling) -> None:
        self.path = folder / f"minhash-{shingling.key}.npz" if folder is not None else None
        self.rows: dict[str, Any] = {}
        self.added = 0
        if self.path is not None and self.path.is_file():
            np = _numpy()
            try:
                with np.load(self.path) as data:
                    keys, sigs = data["keys"], data["signatures"]
                self.rows = {k: sigs[i] for i, k in enumerate(keys.tolist())}
            except (OSError, KeyError, ValueError):
                self.rows = {}

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


class NearDuplicateIndex:
    """LSH over MinHash signatures; ``best`` verifies LSH candidates by their estimated Jaccard similarity."""

    def __init__(self, signer: Signer, threshold: float) -> None:
        self.signer = signer
        self.threshold = threshold
        # LSH needs at least two bands, which very high thresholds do not leave: it then only proposes
        # candidates at a lower threshold, and ``best`` keeps those that reach the real one.
        self._lsh = _datasketch().MinHashLSH(threshold=min(threshold, 0.9), num_perm=signer.shingling.num_perm)
        self._sigs: dict[str, Any] = {}

    def add(self, key: str, signature: Any) -> None:
        if key not in self._sigs:
            self._sigs[key] = signature
            self._lsh.insert(key, self.signer.minhash(signature), check_duplication=False)

    def best(self, signature: Any) -> tuple[str, float] | None:
        """The most similar indexed document at or above the threshold (ties: the smallest key), or None."""
        np = self.signer._np
        found: tuple[str, float] | None = None
        for key in sorted(self._lsh.query(self.signer.minhash(signature))):
            similarity = float(np.mean(self._sigs[key] == signature))
            if similarity >= self.threshold and (found is None or similarity > found[1]):
                found = (key, similarity)
        return found
