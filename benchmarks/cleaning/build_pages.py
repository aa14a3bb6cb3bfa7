"""Build raw pages and their line labels from annotated page sources.

A source file (``devset/src/*.src``, ``heldout/src/*.src``) holds several pages. ``=== <name> [crlf] [nonl]``
starts a page; every further line is
``<code>[:<kind>]|<text>`` (an empty line is a blank line). Codes: T title, S subtitle, C content, P caption,
M metadata, D debris, B blank (text may hold whitespace). In content text, ``@@`` separates the sentence from a
debris suffix glued to it (``inline_debris``;
``inline_kind`` is wiki-edit for an edit link, else truncation); ``{nbsp}`` stands for a no-break space.

Writing the labels beside the text they describe keeps them from drifting out of line with the page.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
CODES = {"T": "title", "S": "subtitle", "C": "content", "P": "caption", "M": "metadata", "D": "debris", "B": "blank"}


def parse(path: Path) -> list[tuple[str, list[str], list[tuple[str, dict]]]]:
    pages: list[tuple[str, list[str], list[tuple[str, dict]]]] = []
    for raw in path.read_text(encoding="utf-8").split("\n"):
        if raw.startswith("=== "):
            name, *flags = raw[4:].split()
            pages.append((name, flags, []))
            continue
        if not pages or raw.startswith("#"):
            continue
        entries = pages[-1][2]
        if raw == "":
            entries.append(("", {"label": "blank", "kind": None}))
            continue
        head, sep, text = raw.partition("|")
        code, _, kind = head.partition(":")
        if not sep or code not in CODES:
            raise SystemExit(f"{path}: bad line {raw!r}")
        text = text.replace("{nbsp}", "\u00a0")
        entry: dict = {"label": CODES[code], "kind": kind or None}
        if "@@" in text:
            text, suffix = text.split("@@")
            entry["inline_debris"] = suffix
            entry["inline_kind"] = "wiki-edit" if "edit" in suffix else "truncation"
            text += suffix
        entries.append((text, entry))
    return pages


def render(root: Path = HERE, sets: list[str] | None = None) -> dict[Path, bytes]:
    """Every page file the sources describe (of the named sets, or of all), by path."""
    files: dict[Path, bytes] = {}
    for src in sorted(root.glob("*/src/*.src")):
        if sets and src.parent.parent.name not in sets:
            continue
        for name, flags, entries in parse(src):
            while entries and entries[-1][0] == "" and entries[-1][1]["label"] == "blank":
                entries.pop()  # the page ends with a newline unless "nonl"
            texts = [t for t, _ in entries]
            labels = [e for _, e in entries]
            if "nonl" not in flags:
                texts.append("")
                labels.append({"label": "blank", "kind": None})
            text = "\n".join(texts)
            newline = "\r\n" if "crlf" in flags else "\n"
            files[src.parent.parent / f"{name}.txt"] = text.replace("\n", newline).encode("utf-8")
            lines = [{"n": i + 1, **e} for i, e in enumerate(labels)]
            body = ",\n".join("  " + json.dumps(line, ensure_ascii=False) for line in lines)
            files[src.parent.parent / f"{name}.labels.json"] = ('{"lines": [\n' + body + "\n]}\n").encode("utf-8")
    return files


def main() -> None:
    for path, data in render(sets=sys.argv[1:] or None).items():
        path.write_bytes(data)


if __name__ == "__main__":
    main()
