"""Coverage-guided fuzzing of everything that reads contributor bytes: raw-file decoding, HTML text
extraction, the cleaner, and sidecar parsing plus schema checks.

The first input byte picks the target, the rest is the file's content. A finding is any exception
other than the documented refusal (ReadRefused, which becomes an Issue naming the file), and any
cleaning result that does not rebuild its input. See fuzz/README.md for how to run it.
"""
from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports(include=["corpus_pkg"]):
    from corpus_pkg.clean import clean_text, default_catalogue, rebuild
    from pathlib import Path

    from corpus_pkg.read import ReadRefused, parse_sidecar, raw_text, sniff
    from corpus_pkg.validate import schema_issues

CATALOGUE = default_catalogue()


def _clean(text: str) -> None:
    cleaned = clean_text(text, CATALOGUE)
    if rebuild(cleaned.text, cleaned.removals) != text:
        raise AssertionError("clean text plus removals do not rebuild the input")
    unknown = {r.rule for r in cleaned.removals} - set(CATALOGUE.by_id)
    if unknown:
        raise AssertionError(f"removals name rules outside the catalogue: {unknown}")


def one_input(data: bytes) -> None:
    if not data:
        return
    target, body = data[0] % 4, data[1:]
    if target < 3:  # a raw file: 0 and 1 .txt, 2 .html; decoded (and for HTML, its text extracted), then cleaned
        sniff(body)
        try:
            text, _, _ = raw_text(Path("fuzz.html" if target == 2 else "fuzz.txt"), body)
        except ReadRefused:
            return
        _clean(text)
    else:  # a sidecar: strict JSON, then the schema
        value, issues = parse_sidecar(body, "fuzz.meta.json")
        if value is not None:
            for issue in schema_issues("sidecar", value, "fuzz.meta.json", "sidecar-schema"):
                if len(issue.message) > 300:
                    raise AssertionError(f"unbounded message: {len(issue.message)} characters")


def main(argv: list[str]) -> None:
    atheris.Setup(argv, one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main(sys.argv)
