"""MinHash signatures: equal to datasketch's, published with the package, and used by validate() in its place."""
from __future__ import annotations

import json
import random
import shutil
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from corpus_pkg import validate
from corpus_pkg.signatures import published
from corpus_pkg.similarity import NearDuplicateIndex, Shingling, Signer, lsh_params, reduce

REPO = Path(__file__).resolve().parents[1]
DIST = REPO / "dist"
WORDS = "harbour library council river market village station farmers report public museum bridge".split()


def _texts(n: int, seed: int = 3) -> list[str]:
    rng = random.Random(seed)
    return [" ".join(f"{rng.choice(WORDS)}{rng.randint(0, 300)}" for _ in range(rng.randint(0, 600))) for _ in range(n)]


@pytest.mark.parametrize("shingling", [Shingling(), Shingling(3, 64)])
def test_signatures_equal_datasketch_affine32(shingling: Shingling) -> None:
    datasketch = pytest.importorskip("datasketch")
    signer = Signer(shingling)
    for text in _texts(40) + ["", "one", "Ünïcode Wörds ẞ and digits 42"]:
        theirs = datasketch.MinHash(num_perm=shingling.num_perm, seed=1, scheme="affine32", hashfunc=lambda v: v)
        theirs.update_batch(signer.shingles(text))
        assert np.array_equal(signer.signature(text), theirs.hashvalues.astype(np.uint32))


@pytest.mark.parametrize("shingling", [Shingling(), Shingling(3, 64), Shingling(1, 16)])
def test_signing_texts_together_gives_each_its_own_signature(shingling: Shingling) -> None:
    signer = Signer(shingling)
    long = " ".join(f"w{i}" for i in range(5000))  # more shingles than one block: signed alone
    texts = _texts(60, seed=5) + ["", "one", "two words", "a b c d", "a b c d e", long, long[:20000],
                                  "Ünïcode Wörds ẞ and digits 42 again and again"]
    random.Random(2).shuffle(texts)
    expected = np.stack([signer.signature(t) for t in texts])
    for size in (1, 2, 7, len(texts)):
        got = np.concatenate([signer.signatures(texts[i : i + size]) for i in range(0, len(texts), size)])
        assert np.array_equal(got, expected)
    assert signer.signatures([]).shape == (0, shingling.num_perm)


def test_lsh_bands_are_those_datasketch_chooses() -> None:
    datasketch = pytest.importorskip("datasketch")
    for threshold in (0.5, 0.7, 0.8, 0.85, 0.9):
        for num_perm in (64, 128):
            lsh = datasketch.MinHashLSH(threshold=threshold, num_perm=num_perm)
            assert lsh_params(threshold, num_perm) == (lsh.b, lsh.r)


def test_index_estimates_like_full_signatures_and_finds_the_near_copy() -> None:
    signer = Signer()
    texts = [t for t in _texts(300, seed=5) if len(t.split()) > 200]
    base = texts[0].split()
    near = " ".join(base[:100] + ["changed"] + base[101:])
    index = NearDuplicateIndex(signer.shingling, 0.8)
    index.add_many([f"d{i:03d}" for i in range(len(texts))], np.stack([signer.signature(t) for t in texts]))
    index.add("late", signer.signature(texts[1]))  # one added alone, after the bulk
    found = index.best(signer.signature(near))
    full = float(np.mean(signer.signature(near) == signer.signature(texts[0])))
    assert found is not None and found[0] == "d000" and abs(found[1] - full) < 0.03
    assert index.best(signer.signature(texts[1])) == ("d001", 1.0)  # ties go to the smallest id
    assert index.best(signer.signature(" ".join(_texts(1, seed=99)))) is None


def test_package_publishes_the_signatures_of_its_documents() -> None:
    descriptor = json.loads((DIST / "datapackage.json").read_text(encoding="utf-8"))
    resource = next(r for r in descriptor["resources"] if r["name"] == "signatures")
    assert resource["x_minhash"] == Shingling().params()
    assert resource["schema"]["primaryKey"] == ["document_id"]
    assert resource["schema"]["foreignKeys"][0]["reference"] == {"resource": "documents", "fields": ["id"]}
    docs = pq.read_table(DIST / "data" / "documents.parquet", columns=["id", "text"]).to_pydict()
    ids, sigs = published(DIST, Shingling())
    assert ids == docs["id"]
    signer = Signer()
    assert np.array_equal(sigs, reduce(np.stack([signer.signature(t) for t in docs["text"]])))
    duckdb = pytest.importorskip("duckdb")
    got = duckdb.connect().execute(
        f"SELECT count(*), min(length(minhash)), max(length(minhash)) FROM read_parquet('{DIST / 'data' / 'signatures.parquet'}')").fetchone()
    assert got == (len(ids), 256, 256)
    assert published(DIST, Shingling(4, 128)) is None  # other parameters: not used


def _corpus_with_near_copy(tmp_path: Path) -> tuple[Path, Path, str]:
    """raw/ and dist/ copied, plus a new document: the longest seed with one word changed."""
    shutil.copytree(REPO / "raw", tmp_path / "raw")
    shutil.copytree(DIST, tmp_path / "dist")
    seed = max((tmp_path / "raw").glob("*.txt"), key=lambda p: p.stat().st_size)
    text = seed.read_text(encoding="utf-8")
    new = tmp_path / "raw" / "zz-near.txt"
    new.write_text(text.replace(" the ", " a ", 1), encoding="utf-8")
    shutil.copy(seed.with_name(seed.stem + ".meta.json"), tmp_path / "raw" / "zz-near.meta.json")
    return tmp_path / "raw", new, seed.stem


def _replace_signature(dist: Path, doc_id: str, other_id: str) -> None:
    """Give ``doc_id`` the published signature of ``other_id`` (what a package with a stale table would hold)."""
    path = dist / "data" / "signatures.parquet"
    table = pq.read_table(path).to_pydict()
    hexes = dict(zip(table["document_id"], table["minhash"]))
    table["minhash"] = [hexes[other_id] if i == doc_id else hexes[i] for i in table["document_id"]]
    pq.write_table(pa.table(table), path)


def test_validate_uses_the_published_signatures_and_falls_back_on_other_parameters(tmp_path: Path) -> None:
    raw, new, seed = _corpus_with_near_copy(tmp_path)
    found = validate([new], cache=tmp_path / "cache")
    assert [(i.code, Path(i.file).name) for i in found.issues] == [("duplicate-near", "zz-near.txt")]
    assert repr(seed) in found.issues[0].message
    assert not (tmp_path / "cache").exists()  # nothing was signed for the corpus

    # The package's signature is what validation compares with: replaced by another document's, the copy passes.
    other = next(p.stem for p in sorted(raw.glob("*.txt")) if p.stem not in (seed, "zz-near"))
    _replace_signature(tmp_path / "dist", seed, other)
    assert validate([new], cache="").issues == []

    # Other MinHash parameters than the package's: its table is ignored, the corpus is signed from its texts.
    with (raw / "corpus.toml").open("a", encoding="utf-8") as f:
        f.write("\n[validate]\nnum_perm = 64\n")
    again = validate([new], cache=tmp_path / "cache")
    assert [(i.code, Path(i.file).name) for i in again.issues] == [("duplicate-near", "zz-near.txt")]
    assert list((tmp_path / "cache").glob("minhash-w5-p64-*.npz"))  # kept for the next run


def test_package_without_the_table_is_signed_and_cached(tmp_path: Path) -> None:
    raw, new, seed = _corpus_with_near_copy(tmp_path)
    descriptor = json.loads((tmp_path / "dist" / "datapackage.json").read_text(encoding="utf-8"))
    descriptor["resources"] = [r for r in descriptor["resources"] if r["name"] != "signatures"]
    (tmp_path / "dist" / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    (tmp_path / "dist" / "data" / "signatures.parquet").unlink()
    first = validate([new], cache=tmp_path / "cache")
    assert [(i.code, Path(i.file).name) for i in first.issues] == [("duplicate-near", "zz-near.txt")]
    assert list((tmp_path / "cache").glob("minhash-*.npz"))
    assert validate([new], cache=tmp_path / "cache").as_dict() == first.as_dict()


def test_word_hashes_of_ascii_text_are_the_regex_words() -> None:
    """The bytes fast path for ASCII text finds exactly the words `\\w+` finds (so published signatures stay the same)."""
    import re
    import string
    import zlib

    from corpus_pkg.similarity import word_hashes

    rnd = random.Random(5)
    samples = ["Hello,  World_x 12ab\tend.", "a\x00b\x7fc--d__e", "", "   ", "x", "Straße", "café au lait", "ﬁne ΣΑΣ"]
    samples += ["".join(rnd.choice(string.printable) for _ in range(rnd.randint(0, 80))) for _ in range(2000)]
    for text in samples:
        expected = [zlib.crc32(w.encode()) for w in re.findall(r"\w+", text.casefold())]
        assert word_hashes(text).tolist() == expected, text
