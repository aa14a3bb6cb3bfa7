"""The peer pipeline for bench_build.py: datatrove reading raw/*.txt, dropping debris lines, writing zstd Parquet.

It does the same coarse job as a build (read every file, hash it, drop the lines the rule catalogue's
line rules match, write Parquet), with datatrove's own executor and 2 workers. It runs in its own
virtual environment, because datatrove's dependencies need not agree with ours:

    python3 -m venv /tmp/venv-datatrove
    /tmp/venv-datatrove/bin/pip install datatrove pyarrow
    /tmp/venv-datatrove/bin/python benchmarks/datatrove_pipeline.py RAW OUT --workers 2

Line patterns come from corpus_pkg/clean/rules.toml (phrase and pattern rules), read directly so this
script does not import corpus_pkg.
"""
from __future__ import annotations

import argparse
import hashlib
import re
import tomllib
from pathlib import Path

from datatrove.executor import LocalPipelineExecutor
from datatrove.pipeline.formatters.base import BaseFormatter
from datatrove.pipeline.readers.base import BaseDiskReader
from datatrove.pipeline.writers import ParquetWriter

RULES = Path(__file__).resolve().parents[1] / "corpus_pkg" / "clean" / "rules.toml"


class TextFileReader(BaseDiskReader):
    """One document per raw .txt file, with its sha256 (what corpus-pkg records as raw_sha256)."""

    name = "raw text files"

    def read_file(self, filepath: str):
        with self.data_folder.open(filepath, "rb") as f:
            data = f.read()
        doc = self.get_document_from_dict(
            {"text": data.decode("utf-8"), "id": filepath, "raw_sha256": hashlib.sha256(data).hexdigest()}, filepath, 0
        )
        if doc:
            yield doc


class DebrisLines(BaseFormatter):
    """Drops every line that one of the catalogue's phrase or pattern rules matches, wherever it stands."""

    name = "debris lines"

    def __init__(self, rules_path: str = str(RULES)) -> None:
        super().__init__()
        catalogue = tomllib.loads(Path(rules_path).read_text(encoding="utf-8"))
        phrases: set[str] = set()
        patterns: list[str] = []
        for rule in catalogue["rule"]:
            phrases.update(" ".join(p.split()).casefold() for p in rule.get("phrases", []))
            patterns += rule.get("patterns", [])
        self.phrases = phrases
        self.patterns = [re.compile(p) for p in patterns]  # one by one: patterns may carry their own flags

    def format(self, text: str) -> str:
        kept = []
        for line in text.split("\n"):
            squashed = " ".join(line.split())
            if squashed.casefold() in self.phrases or (squashed and any(p.fullmatch(squashed) for p in self.patterns)):
                continue
            kept.append(line)
        return "\n".join(kept).strip()


def main() -> None:
    p = argparse.ArgumentParser(description="datatrove: raw .txt files -> debris lines dropped -> zstd Parquet")
    p.add_argument("raw")
    p.add_argument("out")
    p.add_argument("--workers", type=int, default=2)
    args = p.parse_args()
    out = Path(args.out)
    LocalPipelineExecutor(
        pipeline=[
            TextFileReader(args.raw, glob_pattern="*.txt"),
            DebrisLines(),
            ParquetWriter(str(out / "data"), compression="zstd"),
        ],
        tasks=args.workers,
        workers=args.workers,
        logging_dir=str(out / "logs"),
    ).run()


if __name__ == "__main__":
    main()
