"""Published releases fetched over HTTP with pooch: every file's sha256 checked, cached, then usable offline.

Two ways in:
- ``version``: files are looked up in the release inventory shipped with corpus_pkg (the registry), so a
  download is checked against hashes that came with the installed package, not with the download.
- ``url``: a package folder anywhere on the web; its own manifest-sha256.txt is fetched first and every
  other file is checked against it.
Once fetched, the same call reads the cache and needs no network.
"""
from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path
from typing import Any

from .model import CorpusError
from .releases import empty_inventory, read_inventory, release_of
from .optional import require
from .write import MANIFEST, file_sha256

ENV_URL = "CORPUS_PKG_RELEASES_URL"
ENV_CACHE = "CORPUS_PKG_CACHE"


def _pooch() -> Any:
    return require("pooch", "downloading a release", extra=None)  # a core dependency


def cache_dir(cache: str | Path | None = None) -> Path:
    if cache is not None:
        return Path(cache)
    if os.environ.get(ENV_CACHE):
        return Path(os.environ[ENV_CACHE])
    return Path(_pooch().os_cache("corpus-pkg"))


def shipped_inventory() -> dict[str, Any]:
    """The release inventory in the wheel (or releases/inventory.json in a checkout): the registry of hashes."""
    from .resources import releases_inventory

    path = releases_inventory()
    if path is None:
        return empty_inventory()
    return read_inventory(path.parent, check=False)


def _fetch_all(pup: Any, names: list[str]) -> None:
    for name in names:
        try:
            pup.fetch(name)
        except ValueError as exc:  # pooch: downloaded bytes do not match the known hash
            raise CorpusError(f"{pup.get_url(name)}: {exc}") from None
        except OSError as exc:
            raise CorpusError(f"{pup.get_url(name)}: cannot download ({exc}); when offline, only cached releases load") from None


def fetch_release(version: str, base_url: str | None = None, cache: str | Path | None = None,
                  registry: str | Path | None = None) -> Path:
    """The package folder of a published ``version``, downloaded into the cache if it is not there yet.

    ``registry`` is an inventory.json to check against instead of the one shipped with corpus_pkg (for a
    release store of your own).
    """
    inventory = read_inventory(Path(registry).parent, check=False) if registry is not None else shipped_inventory()
    rel = release_of(inventory, version)
    base = base_url or os.environ.get(ENV_URL) or inventory.get("base_url")
    if not base:
        raise CorpusError(f"no address known for releases; pass base_url= or set {ENV_URL} to the URL of the release store")
    base = base if base.endswith("/") else base + "/"
    root = cache_dir(cache)
    pup = _pooch().create(path=root / "store", base_url=base,
                          registry={path: f"sha256:{digest}" for digest, path in rel.content.items()})
    _fetch_all(pup, sorted(rel.content.values()))
    package = root / "packages" / version
    for logical, digest in rel.files.items():
        target = package / logical
        if target.is_file() and file_sha256(target) == digest:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(root / "store" / rel.content[digest], target)
    return package


def fetch_url(url: str, cache: str | Path | None = None) -> Path:
    """The package folder published at ``url``, each file checked against the package's own manifest."""
    pooch = _pooch()
    base = url if url.endswith("/") else url + "/"
    folder = cache_dir(cache) / "urls" / hashlib.sha256(base.encode()).hexdigest()[:16]
    folder.mkdir(parents=True, exist_ok=True)
    try:
        pooch.retrieve(base + MANIFEST, known_hash=None, fname=MANIFEST, path=folder)
    except OSError as exc:
        raise CorpusError(f"{base + MANIFEST}: cannot download ({exc})") from None
    registry: dict[str, str] = {}
    for n, line in enumerate((folder / MANIFEST).read_text(encoding="utf-8").splitlines(), 1):
        digest, sep, rel = line.partition("  ")
        if not sep or len(digest) != 64 or rel.startswith("/") or ".." in rel.split("/"):
            raise CorpusError(f"{base + MANIFEST}: line {n} is not '<sha256>  <relative path>'")
        registry[rel] = f"sha256:{digest}"
    pup = pooch.create(path=folder / "package", base_url=base, registry=registry)
    _fetch_all(pup, sorted(registry))
    shutil.copyfile(folder / MANIFEST, folder / "package" / MANIFEST)
    return folder / "package"
