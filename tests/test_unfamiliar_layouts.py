"""Layouts of sites the rules were not written for: article text that must survive, page furniture that must go."""
from __future__ import annotations

import pytest

from corpus_pkg.clean import clean_text

BODY = ("Farms in South Hwanghae finished transplanting rice a week earlier than last year, the report said.\n"
        "Students and office workers helped the farmers in the fields for two weeks.\n")


def test_a_table_of_figures_in_columns_is_kept_row_by_row():
    table = ("Year    RDA    FAO\n2015    4,512  4,420\n2016    4,823  4,890\n2017    4,701  n/a\n2018    4,558  n/a\n")
    prices = "Table 4. Rice price, won per kilogram\n2020     4,200\n2022     5,900\n2024     6,800\n"
    out = clean_text("Grain production estimates\n\n" + BODY + "\n" + table + "\n" + BODY + "\n" + prices + "\n" + BODY).text
    assert all(row in out for row in (table + prices).splitlines())
    assert "Page 3 of 7" not in clean_text("Title\n" + BODY + "Page 3 of 7\n" + BODY).text  # page numbers still go


TITLES = [
    # a question under the menu is the title, the site's name above the menu goes
    ("History Stack Exchange\nQuestions Tags Users Companies Unanswered\nWhen did the songbun classification first appear?\n",
     "When did the songbun classification first appear?", ["Stack Exchange"]),
    # "Kind: name" above record fields is the title
    ("Centre for Korean Studies\nAbout Research Events People Study Contact\n"
     "Lecture: Women in the Workers' Party, 1945–1970\nDate: Thursday 6 November 2025\nVenue: Room 4421\n",
     "Lecture: Women in the Workers' Party, 1945–1970", ["Room 4421", "Centre for Korean Studies"]),
    # a one-word entry title under a glossary's name and menu is kept
    ("NK Terms — a glossary of political vocabulary\nA–Z  Categories  Sources  About\n"
     "juche (주체)\nPart of speech: noun · Romanisation: chuch'e\n", "juche (주체)", ["glossary of political vocabulary"]),
    # a title starting with a name, under a breadcrumb, is kept
    ("News Obituaries Notices Archive\nObituaries › 2025\nJang Myong-su, historian of the Korean War, dies at 88\n",
     "Jang Myong-su, historian of the Korean War, dies at 88", ["Obituaries › 2025"]),
    # a mission's long name above its menu is the site's, not the title, with a release's number and date between
    ("Embassy of the Democratic People's Republic of Korea\nHome  News  Consular  Culture  Contact\n"
     "Press Release No. 14/2026\nBerlin, 5 October 2026\nKorean Culture Week to be held on the anniversary of the Party\n",
     "Korean Culture Week to be held on the anniversary of the Party", ["Embassy of the Democratic", "Press Release No."]),
]


@pytest.mark.parametrize("head, title, gone", TITLES)
def test_titles_on_unfamiliar_layouts(head: str, title: str, gone: list[str]) -> None:
    cleaned = clean_text(head + BODY)
    assert cleaned.title == title
    assert not [g for g in gone if g in cleaned.text]


def test_a_byline_under_a_one_sentence_standfirst_goes():
    page = ("Who owns a North Korean song?\nAs clips spread online, an old question is asked in court.\n\n"
            "Grace Han · 19 May 2025\n\n" + BODY)
    out = clean_text(page).text
    assert "Grace Han" not in out and "old question is asked in court" in out
    named = "Markets and rice: a winter update\nThe rate has stopped rising, for now.\nPark Hye-jin\n\n" + BODY
    assert "Park Hye-jin" in clean_text(named).text  # a bare name with text under it is not taken for a byline


def test_a_short_question_headline_under_a_related_head_goes_but_the_articles_questions_stay():
    page = ("Kaesong factories left idle\n\n" + BODY + "Why did the rise stop?\n" + BODY +
            "Related stories\n[Analysis] Can Kaesong ever reopen?\nMost viewed articles\n")
    out = clean_text(page).text
    assert "Can Kaesong ever reopen?" not in out
    assert "Why did the rise stop?" in out
