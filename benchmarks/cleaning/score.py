"""Score cleaners against the labelled pages: line recall and precision, perfect documents, and speed.

    python benchmarks/cleaning/score.py                      # all systems, every set, writes docs/CLEANING.md
    python benchmarks/cleaning/score.py --systems ours --no-doc --failures devset
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from pages import DROP, KEEP, SETS, Page, load_set  # noqa: E402
from systems import FACTORIES, Decisions, System  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "CLEANING.md"
SPEED_DOC_CHARS = 4096


@dataclass
class Failure:
    page: str
    n: int
    label: str
    kind: str | None
    text: str
    did: str


@dataclass
class Scores:
    keep_total: int = 0
    keep_kept: int = 0
    drop_total: int = 0
    drop_removed: int = 0
    removed_total: int = 0  # non-blank lines removed, rightly or not
    docs: int = 0
    perfect: int = 0
    inline_total: int = 0
    inline_removed: int = 0
    errors: int = 0
    titles_total: int = 0  # pages with a title line, for a system that names a title
    titles_right: int = 0  # of those, pages whose title is the first line labelled title
    kinds: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0]))  # kind -> [total, right]
    failures: list[Failure] = field(default_factory=list)

    @staticmethod
    def ratio(part: int, whole: int) -> float | None:
        return part / whole if whole else None

    @property
    def content_recall(self) -> float | None:
        return self.ratio(self.keep_kept, self.keep_total)

    @property
    def debris_recall(self) -> float | None:
        return self.ratio(self.drop_removed, self.drop_total)

    @property
    def debris_precision(self) -> float | None:
        return self.ratio(self.drop_removed, self.removed_total)

    @property
    def perfect_share(self) -> float | None:
        return self.ratio(self.perfect, self.docs)

    @property
    def title_share(self) -> float | None:
        return self.ratio(self.titles_right, self.titles_total)

    @property
    def inline_recall(self) -> float | None:
        return self.ratio(self.inline_removed, self.inline_total)


def decide(system: System, page: Page) -> tuple[Decisions, str | None]:
    """The system's decisions on one page; a crash counts as the whole page lost (every line removed)."""
    try:
        output = system.run(system.prepare(page.text))
        return system.decide(page.text, output, page.labels), None
    except Exception as exc:  # a benchmark records a crashing cleaner instead of stopping
        n = len(page.lines)
        return Decisions([True] * n, [f"error: {type(exc).__name__}: {exc}"] * n), f"{type(exc).__name__}: {exc}"


def score(system: System, pages: list[Page]) -> Scores:
    s = Scores()
    for page in pages:
        decisions, error = decide(system, page)
        s.docs += 1
        s.errors += error is not None
        perfect = error is None
        gold_title = next((i for i, entry in enumerate(page.labels) if entry["label"] == "title"), None)
        if decisions.names_titles and gold_title is not None:
            s.titles_total += 1
            s.titles_right += decisions.title_line == gold_title
        for i, (entry, line) in enumerate(zip(page.labels, page.lines)):
            label, kind = entry["label"], entry.get("kind")
            if label == "blank":
                continue
            removed = decisions.removed[i]
            s.removed_total += removed
            if label in KEEP:
                right = not removed
                s.keep_total += 1
                s.keep_kept += right
                if kind:
                    tally = s.kinds[f"keep:{kind}"]
                    tally[0] += 1
                    tally[1] += right
                if entry.get("inline_debris"):
                    gone = decisions.inline_removed.get(i, False)
                    s.inline_total += 1
                    s.inline_removed += gone
                    tally = s.kinds[f"inline:{entry.get('inline_kind') or 'suffix'}"]
                    tally[0] += 1
                    tally[1] += gone
                    if right and not gone:
                        s.failures.append(Failure(page.name, i + 1, f"{label} (inline)", entry.get("inline_kind"), line, decisions.notes[i] or ""))
            elif label in DROP:
                right = removed
                s.drop_total += 1
                s.drop_removed += right
                tally = s.kinds[f"{label}:{kind or '?'}"]
                tally[0] += 1
                tally[1] += right
            else:
                continue
            if not right:
                perfect = False
                note = decisions.notes[i] if i < len(decisions.notes) else None
                s.failures.append(Failure(page.name, i + 1, label, kind, line, note or ("removed" if removed else "kept")))
        s.perfect += perfect
    return s


def speed_docs(pages: list[Page]) -> list[str]:
    """Documents of about 4 KB: each page's text repeated until long enough, cut at a line end."""
    docs = []
    for page in pages:
        text = page.text.rstrip("\n") + "\n"
        body = text * (SPEED_DOC_CHARS // max(len(text), 1) + 1)
        docs.append(body[: body.rfind("\n", 0, SPEED_DOC_CHARS) + 1])
    return docs


def speed(system: System, docs: list[str], min_seconds: float = 1.0) -> float:
    """Documents cleaned per second of CPU time on one core (input preparation, such as building HTML, is not
    timed). CPU time, not wall time, so that other jobs on the machine do not count against the cleaner."""
    inputs = [system.prepare(d) for d in docs]
    for item in inputs[:3]:
        system.run(item)  # warm caches and lazy imports
    done, elapsed = 0, 0.0
    while elapsed < min_seconds:
        start = time.process_time()
        for item in inputs:
            system.run(item)
        elapsed += time.process_time() - start
        done += len(inputs)
    return done / elapsed


def pct(value: float | None) -> str:
    return "–" if value is None else f"{100 * value:.1f}%"


def table(rows: list[tuple[str, Scores, float | None]]) -> str:
    out = [
        "| System | Content-line recall | Debris-line recall | Debris-line precision | Perfect documents | Inline debris removed | Title found | Docs/s (4 KB, 1 core) |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, s, rate in rows:
        perfect = f"{s.perfect}/{s.docs} ({pct(s.perfect_share)})"
        errors = f" ({s.errors} crashed)" if s.errors else ""
        rate_text = "–" if rate is None else f"{rate:,.0f}"
        out.append(
            f"| {name}{errors} | {pct(s.content_recall)} | {pct(s.debris_recall)} | {pct(s.debris_precision)} | "
            f"{perfect} | {pct(s.inline_recall) if s.inline_total and name == 'corpus_pkg' else '–'} | "
            f"{f'{s.titles_right}/{s.titles_total}' if s.titles_total else '–'} | {rate_text} |"
        )
    return "\n".join(out)


def kinds_table(s: Scores) -> str:
    out = ["| Line kind | Lines | Right | Share right |", "|---|---:|---:|---:|"]
    for kind in sorted(s.kinds, key=lambda k: (k.split(":")[0] != "debris" and k.split(":")[0] != "metadata", k)):
        total, right = s.kinds[kind]
        out.append(f"| {kind} | {total} | {right} | {pct(right / total)} |")
    return "\n".join(out)


def failures_text(s: Scores, limit: int) -> str:
    groups: dict[str, list[Failure]] = defaultdict(list)
    for f in s.failures:
        groups[f"{f.label}:{f.kind or '-'}"].append(f)
    out = []
    for key in sorted(groups, key=lambda k: -len(groups[k])):
        out.append(f"\n#### {key} ({len(groups[key])} wrong)")
        for f in groups[key][:limit]:
            out.append(f"- {f.page}:{f.n} {f.text.strip()[:110]!r} -> {f.did}")
    return "\n".join(out)


def pin_one_core() -> None:
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--systems", default="ours,justext,justext-short,trafilatura,trafilatura-precision,c4,c4-5",
                        help=f"comma-separated, from: {', '.join(FACTORIES)}")
    parser.add_argument("--sets", default=",".join(SETS))
    parser.add_argument("--limit", type=int, default=None, help="score only the first N pages of each set")
    parser.add_argument("--no-speed", action="store_true")
    parser.add_argument("--no-doc", action="store_true", help=f"do not rewrite {DOC.relative_to(ROOT)}")
    parser.add_argument("--failures", default="", help="print our cleaner's wrong lines for these sets (e.g. devset)")
    parser.add_argument("--failure-limit", type=int, default=12, help="lines shown per kind")
    args = parser.parse_args(argv)

    names = [n for n in args.systems.split(",") if n]
    unknown = [n for n in names if n not in FACTORIES]
    if unknown:
        parser.error(f"unknown system(s): {', '.join(unknown)}")
    set_names = [n for n in args.sets.split(",") if n]
    if not set_names or any(n not in SETS for n in set_names):
        parser.error(f"--sets takes a comma-separated list from: {', '.join(SETS)}")
    systems = []
    for n in names:
        try:
            systems.append(FACTORIES[n]())
        except ImportError as exc:
            print(f"skipping {n}: {exc} (pip install 'corpus-pkg[bench]')", file=sys.stderr)
    pin_one_core()
    import corpus_pkg

    source = Path(corpus_pkg.__file__).resolve().parent
    version = getattr(corpus_pkg, "__version__", "?")
    print(f"cleaner: corpus_pkg {version} from {source}")
    sections: list[str] = [f"Cleaner: corpus_pkg {version}. Speeds depend on the machine and its load; compare them within one run."]
    ours_scores: dict[str, Scores] = {}
    for set_name in set_names:
        pages = load_set(set_name)[: args.limit]
        docs = speed_docs(pages)
        rows = []
        for system in systems:
            s = score(system, pages)
            rate = None if args.no_speed else speed(system, docs)
            rows.append((system.name, s, rate))
            if system.name == "corpus_pkg":
                ours_scores[set_name] = s
        counts = rows[0][1] if rows else Scores()
        heading = (f"### {set_name}: {len(pages)} pages, {counts.keep_total} lines to keep, "
                   f"{counts.drop_total} to remove, {counts.inline_total} with inline debris")
        section = f"{heading}\n\n{table(rows)}"
        print(f"\n{section}")
        sections.append(section)
        if set_name in args.failures.split(",") and set_name in ours_scores:
            print(f"\n### corpus_pkg on {set_name}: wrong lines by label:kind{failures_text(ours_scores[set_name], args.failure_limit)}")
    kinds = ""
    if "devset" in ours_scores:
        kinds = kinds_table(ours_scores["devset"])
        print(f"\n### corpus_pkg on devset, by line kind\n\n{kinds}")
    if not args.no_doc:
        DOC.parent.mkdir(parents=True, exist_ok=True)
        DOC.write_text(render_doc(sections, kinds), encoding="utf-8")
        print(f"\nwrote {DOC.relative_to(ROOT)}")
    return 0


def render_doc(sections: list[str], kinds: str) -> str:
    template = (Path(__file__).resolve().parent / "CLEANING.template.md").read_text(encoding="utf-8")
    return template.replace("{{results}}", "\n\n".join(sections)).replace("{{kinds}}", kinds or "(not scored)")


if __name__ == "__main__":
    sys.exit(main())
