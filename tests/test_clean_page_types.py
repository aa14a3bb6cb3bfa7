"""Page types the cleaner was not first written for: listings, catalogue entries, Q&A pages, channels, printed
pages, newsletters. Each debris signal is checked together with the content it must leave alone."""
from __future__ import annotations

from corpus_pkg.clean import clean_text
from test_neighbours import removed_lines

ARTICLE = ("The third Anak tomb, with its mural of a procession of some 250 figures, was reopened to visitors this spring.\n"
           "Conservators stabilised the plaster and cleaned the soot left by the lamps of earlier visitors.\n")


def test_teasers_of_other_posts_under_the_article_are_removed():
    teasers = ("The Kaesong Gate After the Repairs\nMay 20, 2025\n"
               "The gate was reroofed using tiles fired in the traditional way... Read more »\n"
               "A Museum of the Tideland Reclamation\nMay 3, 2025\n"
               "Opened in Onchon County, the museum tells the story of the [&hellip;]\n")
    text = "The Restoration of the Koguryo Tombs\n" + ARTICLE + teasers
    gone = removed_lines(text)
    assert set(teasers.splitlines()) <= gone
    assert not gone & set(ARTICLE.splitlines())


def test_a_live_blog_with_dated_entries_in_full_is_kept():
    entries = ("Road reopened\n14:20\nThe road to the village was reopened to traffic in the afternoon.\n"
               "Power restored\n16:05\nElectricity was restored to most of the houses by the evening.\n")
    text = "Rescue Teams Reach the Village\n" + ARTICLE + entries
    gone = removed_lines(text)
    assert "The road to the village was reopened to traffic in the afternoon." not in gone
    assert "Electricity was restored to most of the houses by the evening." not in gone


def test_a_catalogue_entry_titled_by_its_first_row_loses_its_fields_not_its_title():
    text = ("Collections Exhibitions Visit Research Shop\n"
            'Poster: "Let Us Produce More Grain for the Country!"\n'
            "Object number: 2019.44.7\nDate: 1961\nMedium: Colour lithograph on paper\n"
            "A woman in a headscarf carries a sheaf of rice across a field, with a tractor behind her.\n")
    cleaned = clean_text(text)
    assert cleaned.title == 'Poster: "Let Us Produce More Grain for the Country!"'
    assert {"Object number: 2019.44.7", "Date: 1961", "Medium: Colour lithograph on paper"} <= removed_lines(text)


def test_answers_under_a_question_are_removed():
    text = ("Why does the North write 로동 instead of 노동?\n"
            "In texts from the DPRK the word for labour is spelt 로동, while in the South it is 노동, and I wonder why.\n"
            "orthography north-korean hangul\nShare Improve this question Follow\nasked Mar 3, 2023 at 8:20 by kkot_bi\n"
            "2 Answers\nSorted by: Highest score (default)\n21\n"
            "The North follows the 1966 orthography rules, which keep the initial sound as it was written.\n"
            "answered Mar 3, 2023 at 9:02 by hanmun_reader\nAdd a comment\n")
    gone = removed_lines(text)
    assert "The North follows the 1966 orthography rules, which keep the initial sound as it was written." in gone
    assert {"orthography north-korean hangul", "asked Mar 3, 2023 at 8:20 by kkot_bi", "2 Answers"} <= gone
    assert not any(line.startswith("In texts from the DPRK") for line in gone)


def test_a_later_entry_under_its_own_day_is_kept_but_a_reply_under_a_user_is_not():
    day = ("DPRK News Feed\n4.2K subscribers\nMarch 8\n"
           "Women's Day was marked in the DPRK with performances, sports games and the presentation of gifts.\n"
           "1.3K views 14:05\nMarch 9\nThe national handball team left Pyongyang for an Asian championship.\n"
           "1.1K views 09:40\nView in Telegram\n")
    gone = removed_lines(day)
    assert "The national handball team left Pyongyang for an Asian championship." not in gone
    assert "DPRK News Feed" in gone  # the channel's name above its subscriber count
    reply = ("Reforestation figures announced\n"
             "KCNA reported today that more than 190 million saplings were planted in the spring campaign.\n"
             "quiet_observer\nMarch 9\nInteresting. Any mention of the satellite data?\n© 2024 Forum\n")
    assert "Interesting. Any mention of the satellite data?" in removed_lines(reply)


def test_a_running_head_inside_a_page_break_is_removed_a_heading_is_not():
    text = ("Regional Light Industry under the 20x10 Policy\n"
            "This paper reviews the first two years of the regional development policy announced in 2024.\n"
            "We counted reports of completion ceremonies in the press between February 2024 and\n"
            "12\nKorea Economic Review · Vol. 11, No. 2 (2025)\nJANG — REGIONAL LIGHT INDUSTRY\n"
            "December 2025, and coded each factory by province and type of product.\n"
            "13\nKorea Economic Review · Vol. 11, No. 2 (2025)\nFINDINGS — FIRST YEAR\n"
            "Most factories produce foodstuffs and daily necessities, the survey found.\n")
    gone = removed_lines(text)
    assert "JANG — REGIONAL LIGHT INDUSTRY" in gone
    assert "FINDINGS — FIRST YEAR" not in gone  # the text above it ends its sentence: a heading of the paper


def test_newsletter_furniture_around_the_letter():
    text = ("THE PENINSULA WEEKLY\nIssue #118 · Friday, 21 March 2025\nHi there,\n"
            "This Week: A New Metro Station and Wheat Prices\n"
            "A new station on the Hyoksin line opened in Pyongyang on Monday, the first addition in years.\n"
            "— SPONSORED —\nLearn Korean in 12 weeks. Use code WEEKLY for 10% off.\n"
            "Until next week,\nThe Peninsula Weekly team\nForward to a friend | Share on Twitter\n")
    gone = removed_lines(text)
    assert {"Issue #118 · Friday, 21 March 2025", "Hi there,", "Learn Korean in 12 weeks. Use code WEEKLY for 10% off.",
            "Until next week,", "The Peninsula Weekly team"} <= gone
    assert not any(line.startswith("A new station") for line in gone)
