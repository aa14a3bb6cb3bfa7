"""Released versions, kept after the manner of OCFL: content-addressed, append-only, never rewritten.

A release store is a folder:

    inventory.json           digest algorithm, head, manifest (sha256 → content paths) and, per version,
                             created, message and state (sha256 → the package's file paths)
    inventory.json.sha256    the inventory's own checksum, checked before every change
    <version>/content/...    the files that version added; a file unchanged since an earlier version is not
                             stored again, the inventory points at the earlier copy

Releasing adds a version directory and a new inventory; nothing already written is ever changed. The
inventory also travels in the wheel, as the registry that ``load(version=...)`` checks downloads against.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .model import CorpusError, Issue
from .write import DESCRIPTOR, MANIFEST, dump_json, file_sha256, package_files

INVENTORY = "inventory.json"
INVENTORY_TYPE = "corpus-pkg/releases/1"
SEMVER = re.compile(r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$")


def semver_key(version: str) -> tuple[Any, ...]:
    """Sort key for semantic versions: a pre-release sorts before its release."""
    m = SEMVER.match(version)
    if not m:
        raise CorpusError(f"version {version!r} is not a semantic version (MAJOR.MINOR.PATCH)")
    major, minor, patch, pre = m.groups()
    pre_key = tuple((0, int(p)) if p.isdigit() else (1, p) for p in pre.split(".")) if pre else ()
    return (int(major), int(minor), int(patch), 0 if pre else 1, pre_key)


@dataclass(frozen=True)
class Release:
    version: str
    created: str
    message: str
    files: dict[str, str]  # logical path in the package → sha256
    content: dict[str, str]  # sha256 → content path in the store (relative to the store root)


def empty_inventory() -> dict[str, Any]:
    return {"type": INVENTORY_TYPE, "digestAlgorithm": "sha256", "head": None, "manifest": {}, "versions": {}}


def read_inventory(store: Path, *, check: bool = True) -> dict[str, Any]:
    path = store / INVENTORY
    if not path.is_file():
        return empty_inventory()
    raw = path.read_bytes()
    if check:
        sidecar = store / (INVENTORY + ".sha256")
        want = sidecar.read_text(encoding="utf-8").split()[0] if sidecar.is_file() else ""
        if hashlib.sha256(raw).hexdigest() != want:
            raise CorpusError(f"{path}: checksum differs from {sidecar.name}; the inventory was changed outside corpus-pkg")
    try:
        inventory = json.loads(raw)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise CorpusError(f"{path}: not valid JSON: {exc}") from None
    if inventory.get("type") != INVENTORY_TYPE:
        raise CorpusError(f"{path}: not a corpus-pkg release inventory (type {inventory.get('type')!r})")
    return inventory


def release_of(inventory: dict[str, Any], version: str) -> Release:
    try:
        v = inventory["versions"][version]
    except KeyError:
        known = sorted(inventory.get("versions", {}), key=semver_key)
        raise CorpusError(f"no release {version!r}; released versions: {', '.join(known) or 'none'}") from None
    files = {rel: digest for digest, rels in v["state"].items() for rel in rels}
    content = {digest: inventory["manifest"][digest][0] for digest in v["state"]}
    return Release(version, v.get("created", ""), v.get("message", ""), dict(sorted(files.items())), content)


def _write_atomic(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def release(dist: str | Path = "dist", store: str | Path = "releases", *, message: str = "", created: str | None = None) -> Release:
    """Add the package ``dist`` to the store as its version (from datapackage.json); refuse to change any release."""
    from .verify import verify

    dist, store = Path(dist), Path(store)
    problems = [i for i in verify(dist) if i.severity == "error"]
    if problems:
        raise CorpusError(f"{dist}: the package fails verification; only a verified package is released", problems)
    descriptor = json.loads((dist / DESCRIPTOR).read_text(encoding="utf-8"))
    version = descriptor.get("version")
    if not version:
        raise CorpusError(f"{dist / DESCRIPTOR}: no version; set `version` in raw/corpus.toml")
    semver_key(version)
    inventory = read_inventory(store)
    if version in inventory["versions"]:
        raise CorpusError(f"{store}: version {version} is already released and releases are immutable; "
                          "bump `version` in raw/corpus.toml and rebuild")
    head = inventory.get("head")
    if head and semver_key(version) <= semver_key(head):
        raise CorpusError(f"{store}: version {version} is not newer than the latest release {head}")

    files = package_files(dist) + [MANIFEST]
    state: dict[str, list[str]] = {}
    new_content: dict[str, str] = {}
    for rel in sorted(files):
        digest = file_sha256(dist / rel)
        state.setdefault(digest, []).append(rel)
        if digest not in inventory["manifest"] and digest not in new_content:
            new_content[digest] = f"{version}/content/{rel}"

    store.mkdir(parents=True, exist_ok=True)
    if (store / version).exists():
        raise CorpusError(f"{store / version}: exists but is not in the inventory; remove it by hand after checking")
    tmp = Path(tempfile.mkdtemp(prefix=f".{version}.tmp-", dir=store))
    try:
        for digest, content_path in new_content.items():
            rel = content_path.split("/content/", 1)[1]
            target = tmp / "content" / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(dist / rel, target)
            if file_sha256(target) != digest:
                raise CorpusError(f"{dist / rel}: changed while it was being released")
            target.chmod(stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
        os.replace(tmp, store / version)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    for digest, content_path in new_content.items():
        inventory["manifest"][digest] = [content_path]
    inventory["manifest"] = dict(sorted(inventory["manifest"].items()))
    inventory["versions"][version] = {
        "created": created or descriptor.get("created", ""),
        "message": message or f"Release {version}",
        "state": dict(sorted(state.items())),
    }
    inventory["head"] = version
    data = dump_json(inventory)
    _write_atomic(store / INVENTORY, data)
    _write_atomic(store / (INVENTORY + ".sha256"), f"{hashlib.sha256(data).hexdigest()}  {INVENTORY}\n".encode())
    return release_of(inventory, version)


def verify_store(store: str | Path = "releases") -> list[Issue]:
    """Every stored content file checked against the inventory; files the inventory does not know are reported too."""
    store = Path(store)
    try:
        inventory = read_inventory(store)
    except CorpusError as exc:
        return [Issue("inventory-invalid", "error", str(store / INVENTORY), str(exc), "Restore the inventory from a copy.")]
    issues: list[Issue] = []
    known = set()
    for digest, paths in inventory["manifest"].items():
        for rel in paths:
            known.add(rel)
            path = store / rel
            if not path.is_file():
                issues.append(Issue("file-missing", "error", str(path), "listed in the inventory but missing", "Restore it from a copy."))
            elif file_sha256(path) != digest:
                issues.append(Issue("checksum-mismatch", "error", str(path), f"sha256 differs from the inventory's {digest}",
                                    "A release changed after it was made: restore it from a copy."))
    for path in sorted(store.rglob("*")):
        rel = path.relative_to(store).as_posix()
        if path.is_file() and "/content/" in rel and rel not in known:
            issues.append(Issue("file-unexpected", "error", str(path), "in the store but not in the inventory", "Remove it."))
    return issues


def checkout(store: str | Path, version: str, out: str | Path) -> Path:
    """Reassemble the package of a released version at ``out`` from the store, checking every file."""
    store, out = Path(store), Path(out)
    rel_of = release_of(read_inventory(store), version)
    for rel, digest in rel_of.files.items():
        src = store / rel_of.content[digest]
        target = out / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src, target)
        target.chmod(stat.S_IRUSR | stat.S_IWUSR | stat.S_IRGRP | stat.S_IROTH)
        if file_sha256(target) != digest:
            raise CorpusError(f"{src}: checksum differs from the inventory; the release store is damaged")
    return out
