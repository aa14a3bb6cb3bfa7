"""The cleaners under comparison, each reduced to one decision per line: removed or kept.

Every system sees the same normalised page text. The boilerplate removers work on HTML, so they get a minimal
page with each non-blank line as one <p> paragraph; their output is mapped back to those lines.
"""
from __future__ import annotations

import html
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Callable


@dataclass(slots=True)
class Decisions:
    """Per line of the page (split on "\\n"): whether it was removed, and a note saying why (for failure reports)."""

    removed: list[bool]
    notes: list[str | None] = field(default_factory=list)
    # For lines with an inline debris suffix: whether all of the suffix's non-whitespace characters were removed.
    inline_removed: dict[int, bool] = field(default_factory=dict)
    # The 0-based line the system gave as the page's title (None: no title, or a system that names none).
    title_line: int | None = None
    names_titles: bool = False


@dataclass(frozen=True, slots=True)
class System:
    name: str
    prepare: Callable[[str], object]  # page text -> the system's input (outside the timed part)
    run: Callable[[object], object]  # the timed part: the cleaning itself
    decide: Callable[[str, object, list[dict] | None], Decisions]  # page text, output, labels -> decisions


def _lines(text: str) -> list[str]:
    return text.split("\n")


def _squash(text: str) -> str:
    return " ".join(text.split())


# --- our cleaner -------------------------------------------------------------------------------------------------


def _ours_decide(text: str, cleaned, labels: list[dict] | None) -> Decisions:
    covered: list[str | None] = [None] * len(text)  # the rule that removed each character
    for removal in cleaned.removals:
        for i in range(removal.start, removal.end):
            covered[i] = removal.rule
    removed, notes, inline = [], [], {}
    pos = 0
    for n, line in enumerate(_lines(text)):
        chars = [pos + i for i, ch in enumerate(line) if not ch.isspace()]
        rules = {covered[i] for i in chars}
        gone = bool(chars) and None not in rules
        removed.append(gone)
        notes.append(f"removed by {', '.join(sorted(rules))}" if gone else "kept")
        suffix = labels[n].get("inline_debris") if labels and n < len(labels) else None
        if suffix and not gone:
            tail = pos + len(line.rstrip()) - len(suffix.rstrip())
            inline[n] = all(covered[i] is not None for i in chars if i >= tail)
            if not inline[n]:
                notes[-1] = "kept, suffix kept too"
        pos += len(line) + 1
    title = next((b for b in cleaned.blocks if b.kind == "title"), None)
    title_line = text.count("\n", 0, title.raw_start) if title is not None else None
    return Decisions(removed, notes, inline, title_line, True)


def ours() -> System:
    from corpus_pkg.clean import clean_text

    return System("corpus_pkg", lambda text: text, clean_text, _ours_decide)


# --- HTML peers ---------------------------------------------------------------------------------------------------


def to_html(text: str) -> str:
    paragraphs = "".join(f"<p>{html.escape(line.strip())}</p>\n" for line in _lines(text) if line.strip())
    return f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title></title></head>\n<body>\n{paragraphs}</body></html>\n'


def _by_paragraph(text: str, kept_paragraphs: set[int]) -> Decisions:
    """Decisions from the 0-based indices of the <p> paragraphs a system kept."""
    removed, notes, k = [], [], 0
    for line in _lines(text):
        if not line.strip():
            removed.append(False)
            notes.append(None)
            continue
        keep = k in kept_paragraphs
        removed.append(not keep)
        notes.append("kept" if keep else "removed")
        k += 1
    return Decisions(removed, notes)


P_XPATH = re.compile(r"/p\[(\d+)\]$")


def justext_system(short_paragraphs: bool = False) -> System:
    """jusText with its defaults, or with length thresholds lowered for news whose paragraphs are one or two sentences."""
    import justext

    stoplist = justext.get_stoplist("English")
    lengths = {"length_low": 40, "length_high": 100} if short_paragraphs else {}

    def run(page: str):
        return justext.justext(page.encode("utf-8"), stoplist, encoding="utf-8", **lengths)

    def decide(text: str, paragraphs, labels) -> Decisions:
        kept = set()
        for p in paragraphs:
            m = P_XPATH.search(p.xpath)
            if m and not p.is_boilerplate:
                kept.add(int(m.group(1)) - 1)
        return _by_paragraph(text, kept)

    return System("jusText (length_low=40, length_high=100)" if short_paragraphs else "jusText", to_html, run, decide)


def trafilatura_system(precision: bool = False) -> System:
    import trafilatura

    def run(page: str):
        return trafilatura.extract(page, include_comments=False, favor_precision=precision, deduplicate=False)

    def decide(text: str, output: str | None, labels) -> Decisions:
        # Each paragraph comes out as one line of text, in order and unchanged but for whitespace.
        available = Counter(_squash(line) for line in (output or "").split("\n") if line.strip())
        kept, k = set(), 0
        for line in _lines(text):
            if not line.strip():
                continue
            key = _squash(line)
            if available[key] > 0:
                available[key] -= 1
                kept.add(k)
            k += 1
        return _by_paragraph(text, kept)

    return System("trafilatura (favor_precision)" if precision else "trafilatura", to_html, run, decide)


# --- C4 line filter -----------------------------------------------------------------------------------------------

# The line-level heuristics published for the C4 corpus (Raffel et al. 2020, section 2.2): keep a line only if it
# ends in a terminal punctuation mark, is long enough, and mentions neither "javascript" nor a cookie or policy
# notice. The paper's text asks for at least 3 words a line (and 5 sentences a page); the TensorFlow Datasets code
# that built C4 uses 5 words a line (and 3 sentences a page) and also drops lines ending in "...". Both line minimums
# are scored. The page-level rules (drop pages with "lorem ipsum", a curly brace, too few sentences, or a listed bad
# word) would discard whole articles, so here "lorem ipsum" and curly braces drop only the lines that contain them.
C4_END_MARKS = (".", "?", "!", '"', "\u201d")  # the closing typographic quote counts as the straight one
C4_ELLIPSIS = "..."
C4_LINE_STOPS = ("javascript", "terms of use", "privacy policy", "cookie policy", "uses cookies", "use of cookies",
                 "use cookies", "lorem ipsum")


def c4_keep(line: str, min_words: int = 3, drop_ellipsis: bool = False) -> bool:
    s = line.strip()
    lowered = s.casefold()
    return (
        s.endswith(C4_END_MARKS)
        and not (drop_ellipsis and s.endswith(C4_ELLIPSIS))
        and len(s.split()) >= min_words
        and not any(stop in lowered for stop in C4_LINE_STOPS)
        and "{" not in s
        and "}" not in s
    )


def c4_system(min_words: int = 3) -> System:
    """min_words=3 follows the paper's text; min_words=5 the released code (which also drops lines ending in "...")."""
    drop_ellipsis = min_words >= 5

    def run(text: str) -> list[bool]:
        return [bool(line.strip()) and not c4_keep(line, min_words, drop_ellipsis) for line in _lines(text)]

    def decide(text: str, removed: list[bool], labels) -> Decisions:
        return Decisions(removed, ["removed" if r else "kept" for r in removed])

    return System(f"C4 line filter (>= {min_words} words)", lambda text: text, run, decide)


FACTORIES: dict[str, Callable[[], System]] = {
    "ours": ours,
    "justext": justext_system,
    "justext-short": lambda: justext_system(short_paragraphs=True),
    "trafilatura": trafilatura_system,
    "trafilatura-precision": lambda: trafilatura_system(precision=True),
    "c4": c4_system,
    "c4-5": lambda: c4_system(min_words=5),
}
