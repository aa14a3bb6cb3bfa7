"""Article lines a general signal took for furniture: numbered sections, headings between paragraphs, rows of
figures, a headline written as "Key: value", a transcript's speaker tag, a greeting under the date line."""
from __future__ import annotations

from test_neighbours import BODY, removed_lines

PARA = ("The delegation toured the new greenhouse farm and met the managers of the vegetable cooperatives of the county.\n")


def test_numbered_verses_are_headings_not_running_heads():
    text = ("Song of the Spring\nA short lyric song, still sung by school choirs in the North, in a plain translation.\n"
            "Verse 1\nThe snow is gone from the hill,\nthe stream runs under the bridge.\n"
            "Verse 2\nThe tractor sings in the field,\nthe cuckoo answers from the hill.\n")
    gone = removed_lines(text)
    assert not {"Verse 1", "Verse 2"} & gone


def test_a_running_head_with_a_page_number_still_goes():
    text = ("Annual report\n" + BODY + "Harvest Review 2025 · 4\n" + PARA + "Harvest Review 2025 · 5\n" + PARA)
    assert "Harvest Review 2025 · 4" in removed_lines(text)


def test_a_heading_of_interface_words_between_paragraphs_is_kept():
    text = ("North Korea beat Japan on penalties\n" + BODY +
            "Neither side could find a winner in extra time, and the goalkeeper saved two penalties in the shoot-out.\n"
            "Teams\nNorth Korea: Kim Un-hwa; Ri Hyang-sim, Kim Kyong-yong, Ri Kum-hyang, Wi Jong-sim; Jon Ryong-jong, Ri Hak.\n"
            "Japan: Yamashita; Shimizu, Kumagai, Minami, Kitagawa; Nagano, Hasegawa, Hamano; Shiokoshi, Ueki.\n")
    assert "Teams" not in removed_lines(text)


def test_a_button_between_paragraphs_after_a_short_line_still_goes():
    text = ("Rice Transplanting Finished Early\n" + BODY + "Share\nPrint\n" + PARA + PARA)
    gone = removed_lines(text)
    assert {"Share", "Print"} <= gone


def test_rows_of_figures_set_with_single_spaces_are_not_page_numbers():
    text = ("Food rations\n" + BODY + "Period Regular Irregular None Total\n"
            "2016-2019 142 (24.1) 201 (34.1) 246 (41.8) 589 (100)\n2020-2025 38 (11.4) 97 (29.2) 197 (59.3) 332 (100)\n"
            + PARA + "- 187 -\n")
    gone = removed_lines(text)
    assert not {"2016-2019 142 (24.1) 201 (34.1) 246 (41.8) 589 (100)", "2020-2025 38 (11.4) 97 (29.2) 197 (59.3) 332 (100)"} & gone
    assert "- 187 -" in gone


def test_a_headline_written_as_key_and_value_is_kept():
    text = ("Olympic Statistics\nAthletes · Countries · Editions · Sports\nCountries › Democratic People's Republic of Korea (PRK)\n"
            "PRK at the Summer Olympics: medals by Games\n"
            "The country first took part in the Summer Games in 1972 and boycotted those of 1984 and 1988.\n")
    assert "PRK at the Summer Olympics: medals by Games" not in removed_lines(text)


def test_a_greeting_under_the_date_line_is_kept():
    text = ("No. 31 — A short story about a tractor driver\nPosted on February 22, 2026\nDear readers,\n"
            "This month's story is The First Furrow by Kim Hye-son, published in a literary monthly in 2019.\n" + PARA)
    gone = removed_lines(text)
    assert "Dear readers," not in gone
    assert "Posted on February 22, 2026" in gone


def test_a_letters_sign_off_above_the_newsletter_footer_is_kept():
    text = ("No. 31 — A short story about a tractor driver\n" + BODY +
            "Like most fiction published in the North, the story ends with the heroine overfulfilling her plan.\n"
            "Until next month,\nNadia\n"
            "Enjoyed this? You can subscribe by email, or follow the RSS feed.\n"
            "You are receiving this because you subscribed to Translated from the North. Unsubscribe.\n"
            "Made with Buttondown\n")
    gone = removed_lines(text)
    assert not {"Until next month,", "Nadia"} & gone
    assert {"Enjoyed this? You can subscribe by email, or follow the RSS feed.", "Made with Buttondown"} <= gone


def test_a_sign_off_under_a_sponsors_block_stays_the_footers():
    text = ("The Peninsula Weekly\n" + BODY + "— SPONSORED —\nLearn Korean in 12 weeks. Use code WEEKLY for 10% off.\n"
            "Until next week,\nThe Peninsula Weekly team\nPowered by Substack\n")
    assert "Until next week," in removed_lines(text)


def test_a_pdfs_running_head_repeating_its_first_line_beside_a_page_number_goes():
    text = ("Journal of East Asian Labour History, Vol. 19, No. 2 (2025), pp. 211–238\n"
            "Women's Work Teams in the Sinpo Fishery, 1958–1972\n" + BODY + PARA +
            "JOURNAL OF EAST ASIAN LABOUR HISTORY\n212\n" + PARA + PARA)
    assert "JOURNAL OF EAST ASIAN LABOUR HISTORY" in removed_lines(text)


def test_a_heading_repeating_a_part_of_the_first_line_away_from_page_numbers_stays():
    text = ("Harvest notes, Vol. 2\nRice in South Hwanghae\n" + BODY + "Harvest notes\n" + PARA + PARA)
    assert "Harvest notes" not in removed_lines(text)


TEASERS_TAIL = "1 2 3 … 15 Next ›\n© 2025 Northpoint News · About · Ethics · Advertise · Contact\n"


def test_dated_teasers_under_a_tag_pages_article_go():
    text = ("Kaesong's old town to get new hotel\n" + BODY + PARA +
            "Sep 30, 2025\nFormer Kaesong factory owners demand compensation\n"
            "Owners of companies that ran factories in the zone have renewed calls for compensation.\n"
            "Aug 12, 2025\nGinseng harvest begins in Kaesong, state media says\n"
            "The harvest of six-year-old roots began on Monday, KCNA reported, adding that...\n"
            "Jul 3, 2025\nUNESCO mission barred from Kaesong heritage sites\n" + TEASERS_TAIL)
    gone = removed_lines(text)
    assert {"Former Kaesong factory owners demand compensation", "UNESCO mission barred from Kaesong heritage sites"} <= gone
    assert PARA.strip() not in gone


def test_a_diarys_dated_entries_printed_in_full_stay():
    text = ("Letters from Pyongyang\n" + BODY +
            "12 May 2024\nArrival at Sunan airport\nWe landed in the afternoon and were driven to the hotel by the river.\n"
            "13 May 2024\nThe metro and the museum\nIn the morning we rode the metro from Puhung to Yonggwang station.\n"
            + TEASERS_TAIL)
    gone = removed_lines(text)
    assert not {"Arrival at Sunan airport", "The metro and the museum",
                "We landed in the afternoon and were driven to the hotel by the river."} & gone
