"""The four seed documents: every article paragraph kept, every piece of debris removed and accounted for."""
from __future__ import annotations

import pytest

from corpus_pkg.clean import clean_text, rebuild
from corpus_pkg.read import decode

from conftest import RAW

SEEDS = sorted(p.name for p in RAW.glob("*.txt"))

DEBRIS = {
    "000_9cee9eecd106a168.txt": [],
    "001_dc7c636906634f1d.txt": ["wpk short course for cell secretaries", "(Photo KCNA)", "Post a Comment", "Previous Post Next Post"],
    "002_14bd1e16ebf52595.txt": [
        "Leave a Reply",
        "Fill in your details below or click an icon to log in: Logo",
        "You are commenting using your account. Log Out / Change )",
        "Twitter picture",
        "You are commenting using your Twitter account. Log Out / Change )",
        "Facebook photo",
        "You are commenting using your Facebook account. Log Out / Change )",
        "Connecting to %s",
        "%d bloggers like this:",
    ],
    "003_f5b41f0f486e9f3b.txt": [
        "- Established: 1946-06-01",
        "- Type: Party university",
        "- President: | vice-president =",
        "- Director: Ri Yong Sik",
        "- Students: 1,200",
        "- City: Kumsusan area, Pyongyang",
        "- Country: North Korea",
        # The closing "See also" section is navigation to other articles, not part of this one.
        "==See also==",
        "- Central Party School of the Chinese Communist Party",
        "- Higher Party School of the CPSU",
        '- "Karl Marx" Party Academy of the Socialist Unity Party of Germany',
    ],
}


def squash(s: str) -> str:
    return " ".join(s.split())


def load(name: str) -> str:
    return decode((RAW / name).read_bytes())[0]


@pytest.mark.parametrize("name", SEEDS)
def test_rebuilds_exactly(name):
    text = load(name)
    cleaned = clean_text(text)
    assert rebuild(cleaned.text, cleaned.removals) == text


@pytest.mark.parametrize("name", SEEDS)
def test_keeps_every_article_line_and_drops_every_debris_line(name):
    text = load(name)
    cleaned = clean_text(text)
    clean_lines = [squash(line) for line in cleaned.text.split("\n")]
    joined = " ".join(clean_lines)
    debris = {squash(d) for d in DEBRIS[name]}
    for line in text.split("\n"):
        s = squash(line)
        if not s:
            continue
        if s in debris:
            assert s not in clean_lines, f"debris kept: {s!r}"
        else:
            inner = s.strip("= ").replace(" ()", "")
            assert inner in joined, f"article text lost: {s!r}"
    for rem in cleaned.removals:
        assert rem.text == text[rem.start : rem.end]


def test_seed_000_title_subtitle_join_and_captions():
    cleaned = clean_text(load("000_9cee9eecd106a168.txt"))
    kinds = [b.kind for b in cleaned.blocks]
    assert cleaned.title == "Success Story of the WPK (2)"
    assert kinds[:2] == ["title", "subtitle"] and kinds[-2:] == ["caption", "caption"]
    assert "socialism through the construction of 50 000 flats" in cleaned.text
    join = [r for r in cleaned.removals if r.rule == "paragraph-join"]
    assert len(join) == 1 and join[0].text == "\n\n" and join[0].replacement == " "


def test_seed_001_photo_credit_becomes_metadata():
    cleaned = clean_text(load("001_dc7c636906634f1d.txt"))
    credit = [r for r in cleaned.removals if r.rule == "photo-credit"]
    assert len(credit) == 1 and "(Photo KCNA)" in credit[0].text
    facts = [(f.field, f.value, f.rule) for f in cleaned.facts]
    assert facts == [("photo_credit", "KCNA", "photo-credit")]
    fact = cleaned.facts[0]
    assert "(Photo KCNA)" in cleaned.text[:0] + load("001_dc7c636906634f1d.txt")[fact.start : fact.end]
    assert cleaned.text.endswith("in every way.")  # the trailing no-break space is removed, recorded
    assert any(r.rule == "edge-whitespace" and r.text == "\u00a0" for r in cleaned.removals)


def test_seed_002_title_nbsp_becomes_space_and_comment_form_is_one_removal():
    cleaned = clean_text(load("002_14bd1e16ebf52595.txt"))
    assert cleaned.title == "Second-day Sitting of Sixth Conference of WPK Cell Secretaries Held"
    form = [r for r in cleaned.removals if r.rule == "wordpress-comment-form"]
    assert len(form) == 1 and form[0].text.strip().startswith("Leave a Reply") and form[0].text.endswith("like this:")
    assert cleaned.text.endswith("The conference continues.")


def test_seed_003_wiki_title_headings_infobox_and_empty_parentheses():
    cleaned = clean_text(load("003_f5b41f0f486e9f3b.txt"))
    assert cleaned.title == "Central Cadres Training School of the Workers' Party of Korea"
    assert [b.text for b in cleaned.blocks if b.kind == "heading"] == ["History", "Staff"]
    infobox = {f.key: f.value for f in cleaned.facts if f.field == "infobox" and f.rule == "infobox-row"}
    assert infobox == {
        "Established": "1946-06-01",
        "Type": "Party university",
        "Director": "Ri Yong Sik",
        "Students": "1,200",
        "City": "Kumsusan area, Pyongyang",
        "Country": "North Korea",
    }
    assert "Higher Party School. A year later" in cleaned.text and "()" not in cleaned.text
    assert cleaned.text.count("Central Cadres Training School of the Workers' Party of Korea\n") == 1
    assert cleaned.text.endswith("the Academy of Sciences and the Kim Il Sung University.")
    see_also = [r for r in cleaned.removals if r.rule == "wiki-trailing-section"]
    assert len(see_also) == 1 and see_also[0].text.strip().startswith("==See also==")
