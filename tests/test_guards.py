"""Kept text a weak signal must not take: numbered headings in uncased scripts, show notes above a transcript."""
from __future__ import annotations

import pytest

from corpus_pkg.clean import clean_text

from test_neighbours import removed_lines


def test_a_numbered_korean_heading_under_the_title_is_kept():
    text = ("위키백과\n평양 대극장 건축 역사와 공연 기록\n1. 개요\n"
            "평양특별시 중구역에 있는 극장. 1960년에 완공되었으며 조선 전통 양식의 기와지붕이 특징이다.\n"
            "2. 역사\n피바다가극단의 전용 극장으로 쓰이며, 혁명가극이 이곳에서 여러 차례 공연되었다.\n")
    assert "1. 개요" not in removed_lines(text)


@pytest.mark.parametrize("head", ["KBN 뉴스\n북한 역도 간판 림정심, 세계선수권 3관왕 다음 목표는 올림픽\n",
                                  "북한 역도 간판 림정심, 세계선수권 3관왕\n"])
def test_a_bracketed_speaker_label_over_a_paragraph_is_kept(head: str):
    """Under a title, with or without a site's name above it: the label opens the paragraph, as a chip never does."""
    text = (head + "[앵커]\n북한 여자 역도의 간판 림정심 선수가 세계선수권대회에서 인상과 용상, 합계를 모두 제패했습니다.\n"
            "[리포트]\n림정심은 오늘 열린 여자 76kg급 경기에서 합계 278kg을 들어 올려 우승했습니다.\n")
    assert "[앵커]" not in removed_lines(text)


def test_show_notes_above_a_transcript_are_the_episodes_own():
    text = ("Episode 212: The schools of Pyongyang\n"
            "This week we talk to a historian of education about what children in North Korea learn at school.\n"
            "Show notes\n00:00 Intro\n03:12 The 12-year compulsory system\nTranscript (excerpt)\nHOST:\n"
            "So, twelve years of compulsory school. When did that come in, and what did it change for the families?\n"
            "It was announced in 2012 and phased in over the next few years, one grade at a time.\n")
    gone = removed_lines(text)
    assert not {"Show notes", "00:00 Intro", "03:12 The 12-year compulsory system", "HOST:"} & gone


def test_show_notes_closing_the_page_are_still_debris():
    text = ("Episode 87: Writing the history of the war\n"
            "Host Mina Roh talks to a historian about what the published documents can and cannot tell us about the war.\n"
            "MINA ROH: Welcome back. My guest today has spent ten years reading the wartime issues of the party paper.\n"
            "Show notes\n00:00 Introduction\n04:30 The newspaper archive\nShare: Twitter Facebook Copy link\n"
            "© 2025 Peninsula Podcast. Hosted on Transistor.\n")
    gone = removed_lines(text)
    assert {"Show notes", "00:00 Introduction", "04:30 The newspaper archive"} <= gone
    assert clean_text(text).title == "Episode 87: Writing the history of the war"


def test_a_short_title_right_above_the_byline_is_the_title():
    text = ("Encyclopedia of Modern Asia Online\nHome > Korea > Economy\nChollima Movement\nBy Yuko Sato\n"
            "First published: 2014. Last revised: 2025.\n"
            "The Chollima Movement was a mass campaign launched in North Korea in 1956–58 to speed up economic construction.\n"
            "It took its name from the chollima, a winged horse of East Asian legend said to cover a thousand li in a day.\n")
    assert clean_text(text).title == "Chollima Movement"


def test_a_one_word_title_above_a_wikis_page_tools_is_the_title():
    text = ("Korea History Wiki\nEXPLORE  MAIN PAGE  ALL PAGES  COMMUNITY\nChongjin\nEdit  Sign in to edit  History  Talk (0)\n"
            "Chongjin is a port city on the north-east coast of North Korea and the capital of North Hamgyong Province.\n"
            "The city grew from a fishing village after a port and steelworks were built there in the 1930s.\n")
    assert clean_text(text).title == "Chongjin"


def test_a_kicker_row_under_the_sites_name_is_the_title():
    text = ("Nordwest-Rundschau\nStartseite  Politik  Wirtschaft  Panorama  Sport\n"
            "Nordkorea: Parteitag der Arbeiterpartei beginnt in Pjöngjang\nStand: 10.01.2026, 08:45 Uhr\nQuelle: dpx\n"
            "In Nordkorea hat der Parteitag der regierenden Arbeiterpartei begonnen. Kim Jong Un eröffnete die Versammlung.\n"
            "Der Parteitag findet in der Regel alle fünf Jahre statt und legt die Ziele für die kommenden Jahre fest.\n")
    assert clean_text(text).title == "Nordkorea: Parteitag der Arbeiterpartei beginnt in Pjöngjang"


def test_a_site_name_repeated_by_the_copyright_line_is_removed_in_any_script():
    text = ("东北亚经贸网\n首页 | 新闻 | 经贸 | 口岸 | 旅游 | 图片\n第二十一届平壤秋季国际商品展览会开幕\n"
            "第二十一届平壤秋季国际商品展览会22日在平壤三大革命展览馆开幕，来自多国的企业参展。\n"
            "来自中国、俄罗斯、越南等国家的数十家企业参展，展品包括机械设备和日用品。\n"
            "朝鲜对外经济相出席开幕式并致辞。\n版权所有 东北亚经贸网  未经授权禁止转载\n")
    assert "东北亚经贸网" in removed_lines(text)


def test_a_title_repeated_by_a_comment_count_is_kept():
    text = ("Tree-Planting Month Marked Across the Country\nPosted by editor on March 4, 2024\n"
            "The tree-planting month began across the country on March 2, Tree-Planting Day.\n"
            "Officials, workers, students and soldiers planted saplings of pine, larch and fruit trees.\n"
            "3 Responses to \"Tree-Planting Month Marked Across the Country\"\nReader says:\nGood to see it.\n")
    assert "Tree-Planting Month Marked Across the Country" not in removed_lines(text)


def test_a_capitalised_section_label_repeating_the_trail_is_not_the_title():
    text = ("Centre for Pacific Security Studies\nHome / Publications / Commentary\nCOMMENTARY\n"
            "Pyongyang and Moscow, two years after the treaty\n18 June 2026\n"
            "Two years ago this week North Korea and Russia signed a treaty on comprehensive strategic partnership.\n"
            "At the time many observers treated the treaty as a marriage of convenience that would weaken soon.\n")
    assert clean_text(text).title == "Pyongyang and Moscow, two years after the treaty"
    assert "COMMENTARY" in removed_lines(text)


def test_an_encyclopedias_toolbar_above_the_title_does_not_make_the_site_name_the_title():
    text = ("Wikipedia\nArticle  Talk\nRead  Edit  View history\nKaesong Industrial Region\n"
            "From Wikipedia, the free encyclopedia\n"
            "The Kaesong Industrial Region was a special administrative industrial region of North Korea.\n"
            "It was formed in 2002 from part of Kaesong city and operated until 2016.\n")
    assert clean_text(text).title == "Kaesong Industrial Region"


def test_the_headline_under_the_menu_is_the_title_not_the_site_name_above_it():
    text = ("Far Roads & Odd Places\na travel blog by a man who should stay home more\n"
            "Home  About  Destinations  Gear  Contact\nRiding the Pyongyang Metro (and why I only saw two stations)\n"
            "Posted on September 14, 2019 by farroadsdave\n"
            "Everyone who goes to Pyongyang on a tour rides the metro. Everyone also comes back with the same photographs.\n"
            "Our guides took us down the escalator at Puhung station at about ten in the morning.\n")
    cleaned = clean_text(text)
    assert cleaned.title == "Riding the Pyongyang Metro (and why I only saw two stations)"
    assert "Far Roads & Odd Places" in removed_lines(text)
