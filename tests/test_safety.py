"""Last looks: article lines a general signal took are given back by their shape or their place."""
from __future__ import annotations

from corpus_pkg.clean import safety
from corpus_pkg.clean.catalogue import default_catalogue
from corpus_pkg.clean.structure import split_lines

from test_neighbours import BODY, removed_lines


def _content(text: str) -> list:
    lines = [ln for ln in split_lines(text, default_catalogue()) if not ln.blank]
    for n, ln in enumerate(lines):
        ln.pos = n
    return lines


def test_prose_in_cased_and_uncased_scripts():
    assert safety.prose("The river rose by two metres in the night and the bridge was closed to traffic.")
    assert safety.prose("水库的蓄水量比去年同期增加了两成，农民们开始准备春耕。")
    assert not safety.prose("Harvest figures for the northern provinces")  # a headline: no stop
    assert not safety.prose("Log in to read more.")  # a button's few words
    assert not safety.prose("【通知】本站所有内容，未经许可不得转载。")  # a notice under its bracketed head
    assert not safety.prose("首页 | 新闻 | 经济 | 社会 | 文化 | 体育。")


def test_a_sentence_a_shape_signal_took_is_given_back():
    lines = _content("Flood waters recede\nThe river fell by a metre overnight, and the farmers went back to the fields.\nShare\n")
    lines[1].rule = "bottom-label"  # as a short-label signal would have it
    lines[2].rule = "interface-line"
    assert safety.keep_prose(lines) == [lines[1]]


def test_a_named_rule_is_not_second_guessed():
    lines = _content("Flood waters recede\nYour email address will not be published and is kept by the site for a year.\n")
    lines[1].rule = "wordpress-comment-form"
    assert safety.keep_prose(lines) == []


def test_rows_of_a_table_set_with_single_spaces_are_kept():
    text = ("Grain Harvest by Year\n" + BODY + "Year  Wheat  Maize\n2019 4.1 5.2\n2020 3.9 5.6\n2021 4.4 5.8\n"
            "The ministry expects a similar harvest next year, if the rains come on time.\n")
    assert not {"2019 4.1 5.2", "2020 3.9 5.6", "2021 4.4 5.8"} & removed_lines(text)


def test_a_lone_page_number_is_still_removed():
    text = ("Grain Harvest by Year\n" + BODY + "- 14 -\nThe ministry expects a similar harvest next year, if the rains come on time.\n")
    assert "- 14 -" in removed_lines(text)


LETTER = ("The Monthly Letter\nSubscribe  Sign in\nWhat the provincial papers said in March\nNotes on fertiliser and rice\n"
          "Mira Song\nMar 3, 2026\nHello readers,\n"
          "Every March I read the provincial papers from end to end, and every year the harvest comes first in them.\n"
          "This year the papers wrote more about fertiliser than about rice, which tells its own story about the spring.\n"
          "More soon.\nMira\nThanks for reading The Monthly Letter! Subscribe for free to receive new posts.\n"
          "12 Likes · 3 Comments\nShare\n")


def test_a_letter_keeps_its_greeting_closing_and_signature_under_a_subtitle():
    gone = removed_lines(LETTER)
    assert not {"Hello readers,", "More soon.", "Mira"} & gone
    assert {"12 Likes · 3 Comments", "Share", "Subscribe  Sign in"} <= gone


def test_a_digest_greeting_above_a_headline_is_still_furniture():
    text = ("View this email in your browser\nTHE WEEKLY BRIEF\nHi there,\nThis Week: A New Bridge and a Harvest Record\n"
            "The bridge over the river opened on Monday after three years of work by the provincial builders.\n"
            "Until next week,\nUnsubscribe | Update your preferences\n")
    assert "Hi there," in removed_lines(text)


def test_an_entry_title_its_first_sentence_opens_with_is_kept():
    text = ("Atlas of Northern Towns\nHome > Provinces > Ryanggang\nHyesan\nBy Lena Ortiz\nFirst published: 2019.\n"
            "Hyesan is a city on the Yalu river and the capital of Ryanggang Province, facing Changbai across the water.\n"
            "Its mines and its border trade made it larger than its remote position would suggest.\n")
    assert "Hyesan" not in removed_lines(text)


def test_a_site_name_over_its_menu_is_not_the_subject():
    lines = _content("Hamgyong Province\nNews | Policies | Tourism | Open Data\nNew bus routes for the coast\n"
                     "Hamgyong Province will open four bus routes along the coast in the spring, the office said.\n")
    lines[0].rule, lines[1].rule = "site-header", "menu"
    assert safety.subject_title(lines) == []
    lines[1].rule = "byline"
    assert safety.subject_title(lines) == [lines[0]]


def test_a_category_word_opening_a_longer_name_is_not_the_subject():
    lines = _content("Desk\nEducation\nNew textbooks for primary schools\n"
                     "The Education Commission has published new textbooks for the primary schools of the country.\n")
    lines[1].rule = "site-header"
    assert safety.subject_title(lines) == []


def test_a_headline_read_as_a_field_is_given_back_when_the_text_echoes_it():
    lines = _content("Rail Review\nHome > Rail\nHarbour line: freight trains return to the eastern port\nSource: agency\n"
                     "Freight trains returned to the eastern port this week after the harbour line was repaired, officials said.\n")
    lines[2].rule, lines[3].rule = "infobox-row", "infobox-row"
    lines[1].rule = "breadcrumb"
    assert safety.headline_over_body(lines) == [lines[2]]


def test_a_field_of_an_infobox_stays_a_field():
    lines = _content("Pyongyang Metro\nTransit type: Rapid transit system\nLines: 2\n"
                     "The Pyongyang Metro is the rapid transit system of the capital, with two lines and sixteen stations.\n")
    lines[1].rule, lines[2].rule = "infobox-row", "infobox-row"
    assert safety.headline_over_body(lines) == []


def test_rows_of_a_table_in_columns_are_kept_when_their_figures_differ():
    text = ("Grain output by year\n" + BODY + "Year    Plan    Reported    Estimate\n2015    4,512  4,420  4,700\n"
            "2016    4,823  4,890  n/a\n2017    4,701  4,720  n/a\n2018    4,558  4,500  4,950\n"
            "The estimates of the agency are lower than the reported figures in every year of the series.\n")
    assert not {"2015    4,512  4,420  4,700", "2018    4,558  4,500  4,950"} & removed_lines(text)


def test_a_headline_naming_its_years_is_a_headline():
    assert safety._headline("Under the Same Sky: Letters from Pyongyang, 1948–1960")
    assert safety._headline("Running the Marathon: what to expect")
    assert not safety._headline("Stand: 10.01.2026, 08:45 Uhr")
    assert not safety._headline("Full name: April 25 Sports Club")


def test_a_numbered_section_carrying_on_the_texts_numbering_is_kept():
    lines = _content("Weekly notes\n1. The bridge\nThe bridge opened on Monday after three years of work by the builders.\n"
                     "2. The speech\nThe speech ran to two hours and dealt with the harvest and the new law on grain.\n"
                     "3. The photo\n")
    lines[3].rule, lines[5].rule = "interface-line", "interface-line"
    assert safety.numbered_sequence(lines) == [lines[3], lines[5]]
    lines[1].rule = "interface-line"  # no number the text kept to carry on from
    assert safety.numbered_sequence(lines) == []


def test_a_digests_title_naming_its_stories_is_kept():
    lines = _content("The Harbour Letter\nIssue #12\nThis week: a new bridge, a grain law, and a long speech\n"
                     "Hi all,\nIt was a busy week on the coast, so this letter is longer than it usually is.\n"
                     "The bridge over the river opened on Monday after three years of work by the builders.\n"
                     "The assembly passed a grain law that bans private trade in rice and maize from the spring.\n")
    lines[2].rule = "infobox-row"
    assert safety.headline_over_body(lines) == [lines[2]]


def test_a_list_of_people_under_its_heading_is_not_a_byline():
    lines = _content("Kangdong Institute\nThe institute was founded in 1952 and trains engineers for the mines of the region.\n"
                     "Notable alumni\nPak Sun-hui, geologist\nKim Tae-ho, mining engineer\nReferences\n")
    lines[2].rule, lines[3].rule, lines[4].rule = "bottom-label", "byline-name", "byline-name"
    assert safety.people_list(lines) == [lines[2], lines[3], lines[4]]
    lines[4].rule = None  # one name alone under the article: a byline
    assert safety.people_list(lines) == []


def test_speakers_labels_of_a_transcript_stay_and_a_lone_label_is_not_given_back():
    from corpus_pkg.clean import clean_text
    page = ("Sanctions after the summit: a webinar\n\n"
            "MODERATOR:\nWelcome, everyone, to today's discussion of what the summit changed for sanctions policy.\n"
            "ANNE PARK, ANALYST:\nVery little, in my view, because the enforcement gaps were never closed.\n"
            "MODERATOR:\nLet us take the shipping question first, since it is where most evasion happens.\n")
    out = clean_text(page).text
    assert "MODERATOR:" in out and "ANNE PARK, ANALYST:" in out
    lines = _content("Title of a page\nShare:\nThe river fell by a metre overnight, and the farmers went back.\n")
    lines[1].rule = "interface-line"
    assert safety.speaker_labels(lines) == []  # one label-shaped line is no transcript


def test_a_header_of_years_over_rows_of_figures_is_a_table_row():
    lines = _content("Estimates\n                         2023     2024     2025\n"
                     "Real GDP growth (%)       3.1      3.7      3.7\nTrade (US$ 100 mn)        27.7     23.8     27.4\n")
    lines[1].rule = "page-number"
    assert [ln.sq for ln in safety.table_rows(lines)] == [lines[1].sq]
