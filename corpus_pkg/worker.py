"""Imported once by the process that build workers are forked from (see executors.PRELOAD), so that no
worker pays again for what every worker needs: the pipeline's modules, pandas (pyarrow imports it on a
process's first array, about 0.25 s), and the rule catalogue with its joined regexes compiled (about 1 s).
"""
from __future__ import annotations

import importlib.util

from . import linecounts, pipeline, shards, stats  # noqa: F401  (imported for the workers)
from .clean import default_catalogue

if importlib.util.find_spec("pandas") is not None:
    import pandas  # noqa: F401

default_catalogue().warm()
