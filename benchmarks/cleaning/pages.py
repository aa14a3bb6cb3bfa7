"""The labelled pages of the cleaning benchmark: loading them and checking their labels against their text."""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from corpus_pkg.read import decode

HERE = Path(__file__).resolve().parent
SETS = ("devset", "devset2", "devset3", "heldout", "heldout2", "devset4", "devset5", "heldout3", "devset6", "heldout4", "devset7",
        "heldout5", "devset8", "devset9", "devset10", "devset11")
LABELS = ("title", "subtitle", "content", "caption", "metadata", "debris", "blank")
KEEP = frozenset({"title", "subtitle", "content", "caption"})  # lines a cleaner must keep
DROP = frozenset({"debris", "metadata"})  # lines a cleaner must remove


@dataclass(frozen=True, slots=True)
class Page:
    name: str
    path: Path
    text: str  # normalised exactly as the pipeline normalises a raw file
    labels: list[dict]

    @property
    def lines(self) -> list[str]:
        return self.text.split("\n")


def load_page(txt: Path) -> Page:
    text, _ = decode(txt.read_bytes())
    labels_path = txt.with_name(txt.name[: -len(".txt")] + ".labels.json")
    data = json.loads(labels_path.read_text(encoding="utf-8")) if labels_path.exists() else {"lines": None}
    return Page(txt.stem, txt, text, data.get("lines") if isinstance(data, dict) else None)


def load_set(name: str, root: Path = HERE) -> list[Page]:
    return [load_page(p) for p in sorted((root / name).glob("*.txt"))]


def check_page(page: Page) -> list[str]:
    """Every way the labels fail to describe the page, one message each (empty when they are well-formed)."""
    where = f"{page.path.name}"
    if not isinstance(page.labels, list):
        return [f"{where}: labels file missing or has no \"lines\" list"]
    lines = page.lines
    problems: list[str] = []
    if len(page.labels) != len(lines):
        problems.append(f"{where}: {len(page.labels)} labels for {len(lines)} lines")
    for i, (entry, line) in enumerate(zip(page.labels, lines), start=1):
        if not isinstance(entry, dict) or entry.get("n") != i:
            problems.append(f"{where}:{i}: entry {entry!r} should have n={i}")
            continue
        label, kind = entry.get("label"), entry.get("kind", None)
        if label not in LABELS:
            problems.append(f"{where}:{i}: unknown label {label!r}")
        if kind is not None and not isinstance(kind, str):
            problems.append(f"{where}:{i}: kind must be a string or null")
        if (label == "blank") != (not line.strip()):
            problems.append(f"{where}:{i}: label {label!r} for line {line!r}")
        suffix = entry.get("inline_debris")
        if suffix is not None:
            if label not in KEEP or not isinstance(suffix, str) or not suffix.strip():
                problems.append(f"{where}:{i}: inline_debris needs a kept line and a non-blank suffix")
            elif not line.rstrip().endswith(suffix.rstrip()) or line.strip() == suffix.strip():
                problems.append(f"{where}:{i}: line does not end with its inline_debris {suffix!r} after some text")
    return problems
