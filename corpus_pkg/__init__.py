"""corpus_pkg: raw web-scraped documents in, an archival-quality Frictionless Data Package of Parquet tables out.

The public API is small: :func:`load` reads the published corpus (no build tools needed), :func:`build`
turns a folder of raw documents into a package, :func:`verify` checks a package's fixity and
:func:`validate` reports every problem in a folder of raw documents.
"""
from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__", "load", "build", "verify", "validate", "clean_file", "Corpus"]

# Each public function shares its name with the module that holds it, so each is bound here, at import:
# otherwise the first import of the submodule (corpus_pkg.build, say) would leave the module at that name.
# None of them imports anything heavy (measured: pyarrow is most of the cost of `import corpus_pkg`);
# optional dependencies are imported inside the functions that need them.
from .load import Corpus, load  # noqa: E402
from .build import build, clean_file  # noqa: E402
from .validate import validate  # noqa: E402
from .verify import verify  # noqa: E402
