"""The cleaning benchmark's pages are well-labelled, and its scorer runs and yields ratios."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[1] / "benchmarks" / "cleaning"
sys.path.insert(0, str(BENCH))

import score  # noqa: E402
from pages import SETS, Page, check_page, load_set  # noqa: E402
from systems import c4_system, ours  # noqa: E402

DEVSET = load_set("devset")
DEVSET2 = load_set("devset2")
DEVSET3 = load_set("devset3")
HELDOUT = load_set("heldout")
HELDOUT2 = load_set("heldout2")
HELDOUT3 = load_set("heldout3")
REQUIRED_KINDS = {
    "comment-form", "navigation", "breadcrumb", "menu", "share-widget", "social-follow", "related", "read-more",
    "must-read", "feed-promo", "advertisement", "category-tag", "copyright", "powered-by", "photo-credit",
    "image-slug", "repeated-headline", "date-header", "source-line", "byline", "wiki-banner", "wiki-redirect",
    "infobox-row", "template-fragment", "table-pipe", "comments-closed",
}


def test_sets_are_large_enough():
    assert len(DEVSET) >= 50
    assert len(DEVSET2) >= 60
    assert len(DEVSET3) >= 20
    assert len(HELDOUT) >= 15 and len(HELDOUT2) >= 20 and len(HELDOUT3) >= 30
    names = [p.name for p in DEVSET + DEVSET2 + DEVSET3 + HELDOUT + HELDOUT2 + HELDOUT3]
    assert len(names) == len(set(names))


@pytest.mark.parametrize("page", DEVSET + DEVSET2 + DEVSET3 + HELDOUT + HELDOUT2 + HELDOUT3, ids=lambda p: p.path.parent.name + "/" + p.name)
def test_one_wellformed_label_per_line(page: Page):
    assert check_page(page) == []
    assert any(e["label"] in {"title", "content"} for e in page.labels)


def test_devset_covers_every_debris_kind_several_times():
    counts: dict[str, int] = {}
    for page in DEVSET:
        for entry in page.labels:
            if entry["label"] in {"debris", "metadata"}:
                counts[entry["kind"]] = counts.get(entry["kind"], 0) + 1
    assert {k for k in REQUIRED_KINDS if counts.get(k, 0) < 2} == set()
    tags = {e.get("kind") for p in DEVSET for e in p.labels if e["label"] == "content"}
    assert {"hard-negative", "dateline", "page-break", "one-sentence", "list-item"} <= tags
    assert sum(bool(e.get("inline_debris")) for p in DEVSET for e in p.labels) >= 5


def test_devset2_labels_hard_cases_and_debris_of_many_kinds():
    kinds = {e["kind"] for p in DEVSET2 for e in p.labels if e["label"] in {"debris", "metadata"}}
    tags = {e.get("kind") for p in DEVSET2 for e in p.labels if e["label"] == "content"}
    assert len(kinds) >= 40
    assert {"hard-negative", "dateline", "page-break", "list-item", "heading", "poem"} <= tags


def test_check_page_reports_a_missing_label(tmp_path):
    page = DEVSET[0]
    broken = Page(page.name, page.path, page.text, page.labels[:-1])
    assert check_page(broken)
    relabelled = Page(page.name, page.path, page.text, [dict(e, label="blank") for e in page.labels])
    assert check_page(relabelled)


def test_scores_count_lines_as_labelled():
    text = "A Title\nShare this:\nThe delegates met in Pyongyang on Monday to discuss the plan.\n"
    labels = [
        {"n": 1, "label": "title", "kind": None},
        {"n": 2, "label": "debris", "kind": "share-widget"},
        {"n": 3, "label": "content", "kind": None},
        {"n": 4, "label": "blank", "kind": None},
    ]
    s = score.score(c4_system(), [Page("toy", Path("toy.txt"), text, labels)])
    # The C4 filter drops the title (no terminal punctuation) and the widget, keeps the sentence.
    assert (s.keep_total, s.keep_kept, s.drop_total, s.drop_removed, s.removed_total) == (2, 1, 1, 1, 2)
    assert (s.content_recall, s.debris_recall, s.debris_precision, s.perfect) == (0.5, 1.0, 0.5, 0)


def test_scorer_runs_our_cleaner_on_three_documents():
    pages = DEVSET[:3]
    s = score.score(ours(), pages)
    assert s.docs == 3 and s.errors == 0
    for value in (s.content_recall, s.debris_recall, s.debris_precision, s.perfect_share):
        assert value is not None and 0.0 <= value <= 1.0
    assert s.inline_recall is None or 0.0 <= s.inline_recall <= 1.0
    rate = score.speed(ours(), score.speed_docs(pages), min_seconds=0.05)
    assert rate > 0
    assert all(3500 <= len(d) <= 4096 for d in score.speed_docs(pages))


def test_score_cli_prints_a_table(capsys):
    assert score.main(["--systems", "ours,c4", "--sets", "devset", "--limit", "3", "--no-speed", "--no-doc"]) == 0
    out = capsys.readouterr().out
    assert "| corpus_pkg |" in out and "| C4 line filter (>= 3 words) |" in out


def test_pages_match_their_annotated_sources():
    import build_pages

    files = build_pages.render(BENCH)
    on_disk = {p for s in SETS for p in (BENCH / s).iterdir() if p.is_file() and p.suffix in {".txt", ".json"}}
    assert set(files) == on_disk
    stale = [p.name for p, data in files.items() if p.read_bytes() != data]
    assert stale == [], "run benchmarks/cleaning/build_pages.py"
