"""Article lines that look like furniture to a general signal, kept by their layout."""
from __future__ import annotations

from corpus_pkg.clean import clean_text

from test_neighbours import BODY, removed_lines


def test_rows_of_a_pipe_table_are_not_page_numbers():
    text = ("Grain Harvest by Province\n" + BODY + "Year | Wheat | Maize\n2019 | 4.1 | 5.2\n2020 | 3.9 | 5.6\n"
            "2021 | 4.4 | 5.8\nThe ministry expects a similar harvest next year, if the rains come on time.\n")
    gone = removed_lines(text)
    assert not {"2019 | 4.1 | 5.2", "2020 | 3.9 | 5.6", "2021 | 4.4 | 5.8"} & gone


def test_a_short_section_heading_after_a_link_list_is_kept():
    text = ("Rice Transplanting Finished Early\n" + BODY + "Related stories\nSteel output rises at Kim Chaek complex\n"
            "Harvest\nIn the autumn the cooperative farms of the province expect the largest rice harvest in ten years, officials said.\n")
    gone = removed_lines(text)
    assert "Steel output rises at Kim Chaek complex" in gone
    assert "Harvest" not in gone


def test_a_title_repeating_the_last_crumb_is_kept():
    text = ("Travel Notes\nHome › Asia › Sinuiju\nSinuiju\nA border city on the Amnok river\n"
            "Sinuiju faces the Chinese city of Dandong across the river, linked by the Friendship Bridge.\n"
            "Most visitors arrive by train from Dandong and stay one night.\n")
    assert clean_text(text).title == "Sinuiju"


def test_a_letter_keeps_its_salutation_and_signature():
    text = ("Spring appeal: seed for the school gardens\nDear friends,\n"
            "This spring our partners planted vegetable gardens at four primary schools in the county, and the first lettuce is ready.\n"
            "We need seed and tools for two more schools before the summer holidays begin in July.\n"
            "With warm wishes,\nThe board\nDonate now\n")
    gone = removed_lines(text)
    assert "Dear friends," not in gone and "The board" not in gone
    assert "Donate now" in gone


def test_teasers_alternating_with_related_headlines_are_removed_but_a_closing_line_is_kept():
    block = ("You may also like\nSteel output rises at the Kim Chaek complex\n"
             "The works met its plan for the year in November, a month early.\n"
             "New trolleybus line opens in Chongjin\nThe line links the station with the port district.\n")
    text = "Rice Transplanting Finished Early\n" + BODY + block + "© 2024 Example Daily\n"
    gone = removed_lines(text)
    assert set(block.splitlines()) <= gone
    closing = "Related posts:\nSteel output rises at Kim Chaek complex\nIt supplies two counties.\n© 2024 Example Daily\n"
    assert "It supplies two counties." not in removed_lines("Rice Transplanting Finished Early\n" + BODY + closing)


def test_a_byline_and_date_under_the_standfirst_are_removed():
    text = ("Nordkorea wählt neue Volksversammlung\nErstmals standen in einigen Wahlkreisen Gegenstimmen im Ergebnis.\n"
            "Von Katrin Albers, Seoul\nveröffentlicht am 03.03.2025\n"
            "Bei den Wahlen zu den örtlichen Volksversammlungen haben nach Angaben der Staatsmedien fast alle Wähler abgestimmt.\n"
            "Neu ist, dass die Nachrichtenagentur auch Gegenstimmen meldete.\n")
    gone = removed_lines(text)
    assert {"Von Katrin Albers, Seoul", "veröffentlicht am 03.03.2025"} <= gone
    assert "Erstmals standen in einigen Wahlkreisen Gegenstimmen im Ergebnis." not in gone


def test_chinese_paragraphs_end_in_their_own_full_stop():
    paragraphs = ["据朝中社15日报道，平壤市住宅建设计划的最后一批住宅已于近日全部竣工。",
                  "该计划于2021年启动，分五年在平壤的多个地区建设住宅。",
                  "分析人士指出，住宅建设是近年来经济政策的重点之一。"]
    text = "平壤住宅建设计划全部竣工\n" + "\n".join(paragraphs) + "\n"
    gone = removed_lines(text)
    assert not set(paragraphs) & gone
