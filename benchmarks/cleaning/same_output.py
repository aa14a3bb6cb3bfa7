"""A digest of everything the cleaner decides, over every text at hand: proof that a change altered no decision.

Run it before and after a change that should not alter output (a speed-up, a refactoring) and compare the
digests. Covered: every page of the labelled sets, the seed documents of raw/, a synthetic corpus (cleaned
with its template lines, as the build does), and deterministic variants of the labelled pages (lines
shuffled, windows of lines, whitespace, no-break spaces and invisible characters sprinkled in) that reach
corners the pages alone do not. With ``--process`` the document records of ``pipeline.process`` are digested too.

    python benchmarks/generate.py -n 2000 -o /tmp/speedgen/raw --seed 1
    python benchmarks/cleaning/same_output.py --synthetic /tmp/speedgen/raw --process > before.txt
    (change the code)
    python benchmarks/cleaning/same_output.py --synthetic /tmp/speedgen/raw --process > after.txt
    diff before.txt after.txt   # nothing: the same decisions everywhere

``--per-document FILE`` writes one digest per text, to find which texts differ when the totals do.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE))

from pages import SETS, load_set  # noqa: E402

from corpus_pkg.clean import clean_text, default_catalogue  # noqa: E402
from corpus_pkg.read import decode  # noqa: E402

SPRINKLE = ["\u00a0", "\u200b", "\t", "  ", "\u00ad", " ", "\ufeff", "\x07"]


def describe(cleaned) -> bytes:
    """Every field of a cleaning result, serialised without loss."""
    data = {
        "text": cleaned.text,
        "title": cleaned.title,
        "blocks": [[b.kind, b.text, b.start, b.end, b.raw_start, b.raw_end] for b in cleaned.blocks],
        "removals": [[r.start, r.end, r.rule, r.text, r.replacement] for r in cleaned.removals],
        "facts": [[f.field, f.value, f.rule, f.start, f.end, f.key, f.normalized] for f in cleaned.facts],
    }
    return json.dumps(data, ensure_ascii=False, sort_keys=True).encode("utf-8")


def variants(name: str, text: str, count: int = 4) -> list[tuple[str, str]]:
    """Deterministic mutations of one page (seeded by its name)."""
    rng = random.Random(hashlib.sha256(name.encode()).digest())
    lines = text.split("\n")
    out = []
    for k in range(count):
        ls = list(lines)
        if k == 0:
            rng.shuffle(ls)
        elif k == 1 and len(ls) > 4:
            a = rng.randrange(len(ls) // 2)
            ls = ls[a : a + rng.randrange(3, len(ls))]
        else:
            for i in range(len(ls)):
                if rng.random() < 0.3:
                    s = rng.choice(SPRINKLE)
                    where = rng.choice(("start", "end", "mid"))
                    if where == "start":
                        ls[i] = s + ls[i]
                    elif where == "end":
                        ls[i] = ls[i] + s
                    else:
                        j = rng.randrange(len(ls[i]) + 1)
                        ls[i] = ls[i][:j] + s + ls[i][j:]
            if k == 3:
                ls = [ln.upper() if rng.random() < 0.1 else ln for ln in ls]
        out.append((f"{name}~{k}", "\n".join(ls)))
    return out


def texts(synthetic: Path | None):
    """(group, name, text, template lines) for every text to digest, in a fixed order."""
    from corpus_pkg.clean.template import build_index

    for set_name in SETS:
        pages = load_set(set_name)
        # Lines shared by two pages of a set stand in for a site's template lines, to reach that path too.
        template = build_index(((set_name, p.text) for p in pages), min_documents=2, min_share=0.0).lines(set_name)
        for page in pages:
            yield set_name, page.name, page.text, frozenset()
            yield f"{set_name}-template", page.name, page.text, template
            for vname, vtext in variants(page.name, page.text):
                yield f"{set_name}-variants", vname, vtext, frozenset()
    for group, folder in (("seeds", ROOT / "raw"), ("synthetic", synthetic)):
        if folder is None:
            continue
        from corpus_pkg.pipeline import source_key, template_index
        from corpus_pkg.read import discover, read_sidecar

        subs = discover(folder)
        index = template_index(subs)
        for sub in subs:
            if sub.raw_path is None:
                continue
            text, _ = decode(sub.raw_path.read_bytes())
            _, sidecar, _ = read_sidecar(sub.sidecar_path) if sub.sidecar_path else (None, None, [])
            yield group, sub.id, text, frozenset()
            template = index.lines(source_key(sidecar))
            if template:
                yield f"{group}-template", sub.id, text, template


def process_records(folder: Path):
    from corpus_pkg.pipeline import process_all, table_rows

    for result in process_all(folder):
        rows = table_rows(result) if result.ok else {"issues": [i.as_dict() for i in result.issues]}
        yield result.submission.id, json.dumps(rows, ensure_ascii=False, sort_keys=True, default=str).encode("utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--synthetic", type=Path, help="a raw/ folder from benchmarks/generate.py")
    parser.add_argument("--process", action="store_true", help="digest pipeline.process records of the seeds and the synthetic corpus")
    parser.add_argument("--per-document", type=Path, help="write one digest per text to this file")
    args = parser.parse_args(argv)
    catalogue = default_catalogue()
    groups: dict[str, tuple[int, "hashlib._Hash"]] = {}
    total = hashlib.sha256()
    per_doc = []

    def add(group: str, name: str, blob: bytes) -> None:
        count, h = groups.get(group, (0, hashlib.sha256()))
        h.update(blob)
        groups[group] = (count + 1, h)
        total.update(blob)
        if args.per_document:
            per_doc.append(f"{group}\t{name}\t{hashlib.sha256(blob).hexdigest()[:16]}")

    for group, name, text, template in texts(args.synthetic):
        add(group, name, describe(clean_text(text, catalogue, template)))
    if args.process:
        for group, folder in (("seeds-process", ROOT / "raw"), ("synthetic-process", args.synthetic)):
            if folder is not None:
                for name, blob in process_records(folder):
                    add(group, name, blob)
    for group, (count, h) in groups.items():
        print(f"{group:24} {count:6} texts  {h.hexdigest()}")
    print(f"{'all':24} {sum(c for c, _ in groups.values()):6} texts  {total.hexdigest()}")
    if args.per_document:
        args.per_document.write_text("\n".join(per_doc) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
