"""corpus_pkg: raw web-scraped documents in, an archival-quality Frictionless Data Package of Parquet tables out.

The public API is small: :func:`load` reads the published corpus (no build tools needed), :func:`build`
turns a folder of raw documents into a package, :func:`verify` checks a package's fixity and
:func:`validate` reports every problem in a folder of raw documents.
"""
from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__", "load", "build", "verify", "validate", "clean_file", "Corpus"]

# load() needs only pyarrow. Imported eagerly so that the name `load` is the function, not the module.
from .load import Corpus, load  # noqa: E402


def __getattr__(name: str):
    # The build tools are imported on first use: a dataset user never needs them.
    if name == "build":
        from .build import build

        return build
    if name == "verify":
        from .verify import verify

        return verify
    if name == "validate":
        from .validate import validate

        return validate
    if name == "clean_file":
        from .build import clean_file

        return clean_file
    raise AttributeError(f"module 'corpus_pkg' has no attribute {name!r}")
