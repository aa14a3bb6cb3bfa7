"""Corpus-level evidence: lines that recur across a source's documents are template."""
from __future__ import annotations

from corpus_pkg.clean import clean_text, default_catalogue
from corpus_pkg.clean.template import TemplateIndex, build_index

RULE = default_catalogue().by_id["template-line"]


def corpus(n: int, footer: str) -> list[str]:
    return [f"Report number {i}\nThe delegates met for the {i}th time and adopted a decision.\n{footer}" for i in range(n)]


def test_a_line_shared_by_most_documents_of_a_source_is_removed_as_template():
    example = RULE.match[0]
    footer = example.split("\n")[-1]
    index = build_index(("kfa.example", text) for text in corpus(6, footer))
    template = index.lines("kfa.example")
    cleaned = clean_text(example, template=template)
    assert [r.rule for r in cleaned.removals if footer in r.text] == ["template-line"]
    assert "The conference continued on the 7th." in cleaned.text
    assert not any(r.rule == "template-line" for r in clean_text(RULE.no_match[0], template=template).removals)


def test_too_little_evidence_names_no_template():
    index = build_index(("src", text) for text in corpus(4, "Subscribe to our newsletter"))
    assert index.lines("src") == frozenset()
    index = build_index([("a", t) for t in corpus(3, "Footer")] + [("b", t) for t in corpus(3, "Footer")])
    assert index.lines("a") == frozenset() and index.lines("b") == frozenset()


def test_share_threshold_counts_documents_not_occurrences():
    index = TemplateIndex(min_documents=5, min_share=0.5)
    for i in range(10):
        index.add("src", f"Title {i}\nUnique sentence {i}.\n" + ("Footer line\nFooter line\n" if i < 4 else ""))
    assert index.lines("src") == frozenset()  # in 4 of 10 documents, however often within each


def test_the_template_pass_reads_only_files_changed_since_the_last_build(tmp_path, monkeypatch):
    import json

    from corpus_pkg import pipeline
    from corpus_pkg.read import discover

    raw = tmp_path / "raw"
    raw.mkdir()
    side = {"language": "en", "doc_type": "news-article", "title": None, "license": None,
            "source": {"name": "KFA", "url": None}, "date": {"value": None, "precision": None, "evidence": None}}
    for i, text in enumerate(corpus(6, "Subscribe to our newsletter")):
        (raw / f"d{i}.txt").write_text(text)
        (raw / f"d{i}.meta.json").write_text(json.dumps(side))
    memo_path = tmp_path / "cache" / "template-lines.arrow"
    first = pipeline.template_index(discover(raw), memo=(memo := pipeline.LineKeyMemo(memo_path)))
    memo.save()
    reads = []
    real = pipeline.read_raw
    monkeypatch.setattr(pipeline, "read_raw", lambda path, *a: reads.append(path.name) or real(path, *a))
    again = pipeline.template_index(discover(raw), memo=pipeline.LineKeyMemo(memo_path))
    assert reads == [] and again.lines("kfa") == first.lines("kfa") != frozenset()
    (raw / "d3.txt").write_text((raw / "d3.txt").read_text() + "\nOne more sentence of the report.")
    changed = pipeline.template_index(discover(raw), memo=pipeline.LineKeyMemo(memo_path))
    assert reads == ["d3.txt"] and changed.lines("kfa") == first.lines("kfa")
