"""Where the schemas and the bundled dataset live: inside the installed wheel, or in a source checkout."""
from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
_CHECKOUT = _PACKAGE.parent


def schemas_dir() -> Path:
    for candidate in (_PACKAGE / "_schemas", _CHECKOUT / "schemas"):
        if (candidate / "document.schema.json").is_file():
            return candidate
    raise FileNotFoundError("corpus_pkg's JSON Schemas are missing: reinstall the package")


def bundled_package() -> Path:
    """The dataset shipped with the package (the wheel's copy of dist/, or dist/ in a checkout)."""
    for candidate in (_PACKAGE / "_data", _CHECKOUT / "dist"):
        if (candidate / "datapackage.json").is_file():
            return candidate
    raise FileNotFoundError(
        "no bundled dataset found: this installation carries no dist/; pass a path, e.g. load('dist')"
    )


def releases_inventory() -> Path | None:
    """The inventory of published releases (the registry load(version=...) checks against), if this install has one."""
    for candidate in (_PACKAGE / "_releases" / "inventory.json", _CHECKOUT / "releases" / "inventory.json"):
        if candidate.is_file():
            return candidate
    return None
