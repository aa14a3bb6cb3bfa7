"""Progress on a terminal: documents per second and time left; silent when stderr is not a terminal (CI, pipes)."""
from __future__ import annotations

import sys
from typing import Any


class Progress:
    """A bar over a known number of documents; a no-op unless enabled and tqdm is installed (the build extra)."""

    def __init__(self, total: int, description: str, *, enabled: bool | None = None) -> None:
        if enabled is None:
            enabled = sys.stderr.isatty()
        self._bar: Any = None
        if enabled:
            try:
                from tqdm import tqdm
            except ImportError:
                return
            self._bar = tqdm(total=total, desc=description, unit="doc", unit_scale=True, dynamic_ncols=True,
                             smoothing=0.1, file=sys.stderr, leave=False)

    def advance(self, n: int) -> None:
        if self._bar is not None:
            self._bar.update(n)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None

    def __enter__(self) -> "Progress":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
