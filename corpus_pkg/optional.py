"""Optional dependencies: imported where they are used, with an error that names the install command."""
from __future__ import annotations

import importlib
from types import ModuleType


def require(module: str, purpose: str, extra: str | None = "build") -> ModuleType:
    """Import ``module``, or raise ImportError saying what needs it and which extra installs it.

    Only the module's own absence is translated; an ImportError from inside an installed package (a real
    bug or a broken install) propagates unchanged.
    """
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        if exc.name != module.split(".")[0]:
            raise
        target = f"'corpus-pkg[{extra}]'" if extra else "corpus-pkg"
        raise ImportError(f"{purpose} needs {module}; install it with: pip install {target}") from None
