"""Imported once by the process that build workers are forked from (see executors.PRELOAD), so that no
worker pays again for what every worker needs: the pipeline's modules and pandas (pyarrow imports it on a
process's first array, about 0.25 s each time, and a build starts a few dozen workers at 100,000 documents).

The rule catalogue is not loaded here (compiling its patterns takes about a third of a second): a rebuild that
finds every shard in the cache never needs it, and its first task would wait for it.
"""
from __future__ import annotations

import importlib.util

from . import linecounts, pipeline, shards, stats  # noqa: F401  (imported for the workers)

if importlib.util.find_spec("pandas") is not None:
    import pandas  # noqa: F401
