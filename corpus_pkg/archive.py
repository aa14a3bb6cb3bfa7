"""The archival package: a BagIt 1.0 bag (RFC 8493) of everything needed to rebuild the published package.

Payload: data/raw/ (byte for byte), data/schemas/, data/rules/rules.toml and data/dist/. Manifests in sha256
and sha512, tag manifests, and bag-info.txt saying what the corpus is. bagit-python writes the bag (it
writes BagIt 0.97 by default, so bagit.txt is rewritten as 1.0 and the tag manifests redone); manifest lines
are sorted and Bagging-Date is the corpus's source date, so the same inputs give a byte-identical bag.
"""
from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

from . import __version__
from .model import CorpusError, Issue
from .resources import schemas_dir
from .optional import require
from .write import DESCRIPTOR

ALGORITHMS = ("sha256", "sha512")
BAGIT_TXT = "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n"


def _bagit() -> Any:
    return require("bagit", "writing or checking a BagIt bag")


def rules_file() -> Path:
    return Path(__file__).resolve().parent / "clean" / "rules.toml"


def _copy_tree(src: Path, dst: Path) -> None:
    """Copy regular files only, byte for byte; hidden files and caches stay out of the archive."""
    for path in sorted(src.rglob("*")):
        rel = path.relative_to(src)
        if any(part.startswith(".") or part == "__pycache__" for part in rel.parts) or not path.is_file():
            continue
        (dst / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, dst / rel)


def bag_info(descriptor: dict[str, Any], documents: int) -> dict[str, str]:
    created = str(descriptor.get("created", ""))
    contacts = [c for c in descriptor.get("contributors", []) if {"contact", "creator"} & set(c.get("roles", []))]
    info = {
        "Source-Organization": contacts[0].get("organization", contacts[0].get("title", "")) if contacts else "",
        "Contact-Name": contacts[0].get("title", "") if contacts else "",
        "External-Identifier": f"{descriptor.get('name', '')}-{descriptor.get('version', 'unversioned')}",
        "External-Description": str(descriptor.get("title", descriptor.get("name", ""))),
        "Corpus-Name": str(descriptor.get("name", "")),
        "Corpus-Version": str(descriptor.get("version", "")),
        "Document-Count": str(documents),
        "Source-Date": created,
        "Bagging-Date": created[:10],
        "Bag-Software-Agent": f"corpus_pkg {__version__}",
    }
    if contacts and contacts[0].get("email"):
        info["Contact-Email"] = contacts[0]["email"]
    return {k: v for k, v in info.items() if v}


def _sort_lines(path: Path) -> None:
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(sorted(lines, key=lambda line: line.split(maxsplit=1)[-1])), encoding="utf-8")


def archive(out: str | Path, raw: str | Path = "raw", dist: str | Path = "dist") -> Path:
    """Write the bag for ``raw`` and its built package ``dist`` at ``out`` (which must not exist yet)."""
    from .load import load
    from .verify import verify

    bagit = _bagit()
    out, raw, dist = Path(out), Path(raw), Path(dist)
    if out.exists():
        raise CorpusError(f"{out}: already exists; an archive is never overwritten, choose a new path")
    if not raw.is_dir():
        raise CorpusError(f"{raw}: no such folder of raw documents")
    problems = [i for i in verify(dist) if i.severity == "error"]
    if problems:
        raise CorpusError(f"{dist}: the package fails verification; rebuild it before archiving", problems)
    descriptor = json.loads((dist / DESCRIPTOR).read_text(encoding="utf-8"))
    documents = load(dist).documents.num_rows
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.tmp-", dir=out.parent))
    try:
        stage = tmp / "bag"
        _copy_tree(raw, stage / "raw")
        _copy_tree(schemas_dir(), stage / "schemas")
        (stage / "rules").mkdir(parents=True)
        shutil.copyfile(rules_file(), stage / "rules" / "rules.toml")
        _copy_tree(dist, stage / "dist")
        bagit.make_bag(str(stage), bag_info(descriptor, documents), checksums=list(ALGORITHMS))
        (stage / "bagit.txt").write_text(BAGIT_TXT, encoding="utf-8")
        for alg in ALGORITHMS:
            _sort_lines(stage / f"manifest-{alg}.txt")
        bag = bagit.Bag(str(stage))
        bag.save()  # rewrites the tag manifests over the 1.0 bagit.txt and sorted manifests
        for alg in ALGORITHMS:
            _sort_lines(stage / f"tagmanifest-{alg}.txt")
        issues = validate_bag(stage)
        if issues:
            raise CorpusError(f"{out}: the bag just written does not validate", issues)
        os.replace(stage, out)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return out


def validate_bag(path: str | Path) -> list[Issue]:
    """Every problem bagit-python finds in a bag (checksums, completeness, Payload-Oxum); empty when valid."""
    bagit = _bagit()
    path = Path(path)
    try:
        bag = bagit.Bag(str(path))
        bag.validate()
    except bagit.BagValidationError as exc:
        details = exc.details or [exc]
        return [Issue("bag-invalid", "error", str(path / getattr(d, "path", "") if getattr(d, "path", None) else path),
                      str(d), "Restore the bag from another copy.") for d in details]
    except bagit.BagError as exc:
        return [Issue("bag-invalid", "error", str(path), str(exc), "Give the folder of a BagIt bag.")]
    if bag.version_info != (1, 0):
        return [Issue("bag-version", "error", str(path / "bagit.txt"), f"BagIt version {'.'.join(map(str, bag.version_info))}, expected 1.0", "")]
    return []
