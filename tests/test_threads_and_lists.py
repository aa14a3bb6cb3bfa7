"""Replies under a post, answers under a question, link lists under "Read more" and "See also": taken as debris
by their structure, never an article's own text that looks alike."""
from __future__ import annotations

from corpus_pkg.clean import clean_text

from test_neighbours import removed_lines

POST = ("I compared the front pages of the Party paper for every day of the year\n"
        "I have been keeping a spreadsheet of the front page of the paper since 2019, with the headline and the photos.\n"
        "A few things changed in 2024 that I have not seen discussed anywhere, and I list them below for you.\n"
        "I am not claiming this tells us anything deep, but it is a cheap way of seeing the paper's priorities.\n")
BODY = ("Farms in South Hwanghae finished transplanting rice a week earlier than last year, the report said.\n"
        "Students and office workers helped the farmers in the fields for two weeks.\n")


def rules_of(text: str) -> dict[str, str]:
    """The rule that removed each line (whole lines only)."""
    cleaned = clean_text(text)
    out, pos = {}, 0
    for line in text.split("\n"):
        hits = {r.rule for r in cleaned.removals if r.start <= pos < r.end and line.strip()}
        if hits:
            out[line] = hits.pop()
        pos += len(line) + 1
    return out


def test_replies_under_a_posts_counters_are_debris():
    text = POST + ("74 comments share save hide report\n[–] kimchi_logistics 96 points 8 months ago\n"
                   "This is great. Did you count the dateline changes too?\n"
                   "Yes, October. It is column G in the sheet.\n")
    gone = removed_lines(text)
    assert "This is great. Did you count the dateline changes too?" in gone
    assert "Yes, October. It is column G in the sheet." in gone


def test_a_comment_count_under_a_standfirst_takes_no_paragraph():
    text = ("Rice Transplanting Finished Early\nThe farms of the province finished transplanting a week ahead of the plan "
            "this year, and the county committees say the weather helped. The ministry sent tractors and fuel to the "
            "cooperatives early, and students from the capital helped in the fields for two weeks in May.\n"
            "Share · 3 replies\n" + BODY + "The harvest is expected in the autumn.\n")
    gone = removed_lines(text)
    assert not any(line in gone for line in BODY.splitlines())


def test_other_answers_under_a_question_are_debris():
    text = ("Why is 10 October a holiday?\nMy teacher said that 10 October is a big holiday but she did not know why it is.\n"
            "10 October is the Party Foundation Day, the anniversary of the founding of the Workers' Party of Korea.\n"
            "Other answers\nnuri_88 · Level 2\nIt is the party day, also shops give special food I think.\n")
    gone = removed_lines(text)
    assert "It is the party day, also shops give special food I think." in gone
    assert "10 October is the Party Foundation Day, the anniversary of the founding of the Workers' Party of Korea." not in gone


def test_read_more_governs_headlines_only_when_no_article_text_follows():
    closed = "Rice Transplanting Finished Early\n" + BODY + "Read more\nThe yuan in the markets: a short history\n© 2025 Example\n"
    assert "The yuan in the markets: a short history" in removed_lines(closed)
    resumed = "Rice Transplanting Finished Early\n" + BODY + "Read more\nThe Second Phase\n" + BODY.replace("Farms", "Orchards")
    assert "The Second Phase" not in removed_lines(resumed)


def test_see_also_outside_a_wiki_and_inside_one():
    page = "Timeline of the Party\n" + BODY + "See also\nTimeline: the Korean War, 1950–1953\nProfile: Kim Jong Un\n© 2026 KoreaFacts\n"
    assert rules_of(page)["Timeline: the Korean War, 1950–1953"] == "see-also-list"
    wiki = "= Timeline of the Party =\n" + BODY + "== See also ==\nTimeline of the Korean War\n== References ==\n"
    assert rules_of(wiki)["Timeline of the Korean War"] == "wiki-trailing-section"


def test_a_reports_further_reading_is_its_own():
    page = ("Timeline of the Party\n" + BODY + "Further reading\nLankov, Andrei — From Stalin to Kim Il Sung (2002)\n"
            "Armstrong, Charles — The North Korean Revolution (2003)\n© 2026 KoreaFacts\n")
    gone = removed_lines(page)
    assert "Lankov, Andrei — From Stalin to Kim Il Sung (2002)" not in gone
    assert "Further reading" not in gone


def test_a_magazines_further_reading_of_other_articles_goes():
    links = "How a fishing village became a smugglers' port\nThe women who run the markets, and why the state lets them\n"
    page = "Timeline of the Party\n" + BODY + "Further reading\n" + links + "© 2026 KoreaFacts\n"
    assert set(links.splitlines()) | {"Further reading"} <= removed_lines(page)
