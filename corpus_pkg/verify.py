"""Fixity: check a package against its manifest and its descriptor's `bytes` and `hash`, naming every file that differs."""
from __future__ import annotations

import json
import os
from pathlib import Path, PurePosixPath

from .model import Issue
from .write import DESCRIPTOR, MANIFEST, file_sha256, package_files


def _safe(rel: str) -> bool:
    """Manifest and descriptor paths must stay inside the package: no absolute paths, no '..', no '~'."""
    p = PurePosixPath(rel)
    return (bool(rel) and not p.is_absolute() and ".." not in p.parts and not rel.startswith("~") and "\\" not in rel
            and "\0" not in rel and ":" not in p.parts[0])


def read_manifest(root: Path) -> tuple[dict[str, str], list[Issue]]:
    entries: dict[str, str] = {}
    issues: list[Issue] = []
    path = root / MANIFEST
    if not path.is_file() or path.is_symlink():
        return entries, [Issue("manifest-missing", "error", str(path), "the sha256 manifest is missing", "Rebuild the package.")]
    try:
        text = path.read_bytes().decode("utf-8")  # bytes: no newline translation
    except UnicodeDecodeError as exc:
        return entries, [Issue("manifest-malformed", "error", str(path), f"not UTF-8 text: {exc}", "Rebuild the package.")]
    lines = text.split("\n")  # only LF ends a line: a damaged byte must not be read as a line break
    if lines[-1] != "":
        issues.append(Issue("manifest-malformed", "error", str(path), "does not end with a newline", "Rebuild the package."))
    for n, line in enumerate(lines[:-1] if lines[-1] == "" else lines, 1):
        digest, sep, rel = line.partition("  ")
        if not sep or len(digest) != 64 or not _safe(rel):
            issues.append(Issue("manifest-malformed", "error", str(path), f"line {n} is not '<sha256>  <relative path>': {line[:120]!r}",
                                "Rebuild the package.", line=n))
            continue
        entries[rel] = digest
    return entries, issues


def _not_plain_files(root: Path) -> list[Issue]:
    """Links and special files: a package holds regular files only, and verify never reads through a link."""
    issues = []
    for folder, dirs, files in os.walk(root):
        for name in sorted(dirs + files):
            path = Path(folder) / name
            if path.is_symlink():
                issues.append(Issue("file-symlink", "error", str(path), f"is a symbolic link (to {os.readlink(path)!r}); a package holds regular files only",
                                    "Replace the link by the file, or rebuild."))
            elif name in files and not path.is_file():
                issues.append(Issue("file-unexpected", "error", str(path), "is not a regular file", "Remove it, or rebuild."))
    return issues


def verify(root: str | Path = "dist", written: dict[str, str] | None = None) -> list[Issue]:
    """Every fixity problem in a package: missing, unexpected or changed files; empty when all is well.

    ``written`` is for the build that just wrote the package: files whose sha256 it computed from the bytes
    it wrote, after reading them back with page checksums verified. They are not read a second time."""
    root = Path(root)
    written = written or {}
    if not (root / DESCRIPTOR).is_file():
        from .atomic import leftover_hint

        return [Issue("package-missing", "error", str(root / DESCRIPTOR), "no datapackage.json here",
                      leftover_hint(root) or "Give the folder of a built package.")]
    manifest, issues = read_manifest(root)
    issues += _not_plain_files(root)
    present = set(package_files(root))
    for rel in sorted(set(manifest) - present):
        issues.append(Issue("file-missing", "error", str(root / rel), f"listed in {MANIFEST} but missing", "Restore the file or rebuild."))
    for rel in sorted(present - set(manifest)):
        issues.append(Issue("file-unexpected", "error", str(root / rel), f"present but not in {MANIFEST}", "Remove the file or rebuild."))
    digests = {rel: written.get(rel) or file_sha256(root / rel) for rel in sorted(present)}
    for rel in sorted(present & set(manifest)):
        found = digests[rel]
        if found != manifest[rel]:
            issues.append(Issue("checksum-mismatch", "error", str(root / rel),
                                f"sha256 is {found}, {MANIFEST} expects {manifest[rel]}", "The file changed after it was published: restore it or rebuild."))
    # Page CRCs for tables whose checksum matched: they catch damage that a rewritten manifest would hide.
    sound = [rel for rel in sorted(present & set(manifest)) if digests[rel] == manifest[rel]]
    issues += [i for rel in sound if rel.endswith(".parquet") and rel not in written for i in parquet_issues(root / rel)]
    try:
        descriptor = json.loads((root / DESCRIPTOR).read_bytes().decode("utf-8"))
    except (ValueError, RecursionError) as exc:  # JSONDecodeError and UnicodeDecodeError are ValueErrors
        issues.append(Issue("descriptor-invalid", "error", str(root / DESCRIPTOR), f"not valid JSON: {str(exc)[:200]}", "Rebuild the package."))
        return issues
    resources = descriptor.get("resources") if isinstance(descriptor, dict) else None
    if not isinstance(resources, list) or not all(isinstance(r, dict) for r in resources):
        issues.append(Issue("descriptor-invalid", "error", str(root / DESCRIPTOR), "has no list of resource objects", "Rebuild the package."))
        return issues
    for res in resources:
        paths = res.get("path")
        for rel in paths if isinstance(paths, list) else [paths]:
            if not isinstance(rel, str) or not _safe(rel):
                issues.append(Issue("path-unsafe", "error", str(root / DESCRIPTOR), f"resource {str(res.get('name'))[:80]!r} has an unsafe path {str(rel)[:200]!r}", "Paths must be relative and stay inside the package."))
                continue
            path = root / rel
            if path.is_symlink():
                continue  # already reported; never read through it
            if not path.is_file():
                if rel in manifest:
                    continue  # already reported as missing
                issues.append(Issue("file-missing", "error", str(path), f"resource {res.get('name')!r} is missing", "Restore the file or rebuild."))
                continue
            if isinstance(paths, str):
                size = path.stat().st_size
                if res.get("bytes") is not None and size != res["bytes"]:
                    issues.append(Issue("bytes-mismatch", "error", str(path), f"{size} bytes, the descriptor says {res['bytes']}", "Restore the file or rebuild."))
                want = str(res.get("hash", ""))
                if want:
                    algo, _, digest = want.rpartition(":")
                    if algo not in ("", "sha256"):
                        issues.append(Issue("hash-unsupported", "warning", str(path), f"hash algorithm {algo!r} is not checked", "Use sha256."))
                    elif digests.get(rel) != digest:
                        issues.append(Issue("hash-mismatch", "error", str(path), "sha256 differs from the descriptor's hash", "Restore the file or rebuild."))
    return issues


def parquet_issues(path: Path) -> list[Issue]:
    """Every page of a Parquet file read with its CRC checked: catches damage even where no manifest can be trusted."""
    import pyarrow.parquet as pq

    try:
        pq.read_table(path, page_checksum_verification=True)
    except Exception as exc:  # a damaged file raises OSError, ArrowInvalid and others, depending on where the damage is
        return [Issue("parquet-damaged", "error", str(path), f"cannot be read with page checksums verified: {exc}",
                      "The file is corrupted: restore it or rebuild.")]
    return []
