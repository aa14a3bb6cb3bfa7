"""Neighbourhood signals: debris judged by the lines around it, never a line from the article's body."""
from __future__ import annotations

from corpus_pkg.clean import clean_text


def removed_lines(text: str) -> set[str]:
    """The non-blank lines that cleaning removed whole."""
    cleaned = clean_text(text)
    gone = set()
    pos = 0
    for line in text.split("\n"):
        start, end = pos, pos + len(line)
        pos = end + 1
        if line.strip() and all(any(r.start <= i < r.end for r in cleaned.removals) for i in range(start, end) if not line[i - start].isspace()):
            gone.add(line)
    return gone


BODY = ("Farms in South Hwanghae finished transplanting rice a week earlier than last year, the report said.\n"
        "Students and office workers helped the farmers in the fields for two weeks.\n")


def test_a_site_name_above_its_menu_is_not_the_title():
    text = "Korea Trade Review\nHome   Markets   Industry   Regions\nRice Transplanting Finished Early\n" + BODY
    cleaned = clean_text(text)
    assert cleaned.title == "Rice Transplanting Finished Early"
    assert "Korea Trade Review" in removed_lines(text)


def test_a_title_above_a_share_bar_keeps_its_standfirst():
    text = "Rice Transplanting Finished Early\nShare   Tweet   Email\nFarms start a week earlier than last year\n" + BODY
    cleaned = clean_text(text)
    assert cleaned.title == "Rice Transplanting Finished Early"
    assert removed_lines(text) == {"Share   Tweet   Email"}


def test_a_two_word_title_under_a_date_is_kept():
    text = ("Monday, 3 June 2024\nWeek Ahead\nTrade fair in Pyongyang\nThe spring trade fair opens on Wednesday.\n"
            "Football qualifiers\nThe women's team plays two qualifiers at home.\n")
    assert clean_text(text).title == "Week Ahead"


def test_a_bio_and_tag_chips_inside_the_bottom_debris_are_removed():
    text = ("Rice Transplanting Finished Early\n" + BODY + "Agriculture\nRice\n88 Likes\nWritten by Kim Ye-rin\n410 Followers\n"
            "Historian of Korean farms. Writing about rice and water.\nFollow\n")
    gone = removed_lines(text)
    assert {"Agriculture", "Rice", "Historian of Korean farms. Writing about rice and water."} <= gone
    assert not any(line in gone for line in BODY.splitlines())


def test_a_closing_line_after_advertisements_or_links_is_kept():
    for debris in ("ADVERTISEMENT\nScroll to continue with content\n", "Related posts:\nSteel output rises at Kim Chaek complex\n"):
        text = "Rice Transplanting Finished Early\n" + BODY + debris + "It supplies two counties.\n© 2024 Example Daily\n"
        assert "It supplies two counties." not in removed_lines(text)


def test_a_signature_and_a_later_post_are_removed():
    text = ("Rice Transplanting Finished Early\n" + BODY + "--\nNumbers first, adjectives later.\nReply With Quote\n")
    assert "Numbers first, adjectives later." in removed_lines(text)
    channel = ("Rice Transplanting Finished Early\n" + BODY + "👁 3.4K\n09:41\nPhotos are in the print edition only.\n👁 2.7K\n09:44\n")
    assert "Photos are in the print edition only." in removed_lines(channel)


def test_a_thread_title_with_a_colon_is_the_title_under_the_site_header_only():
    text = ("Korea Transport Wiki\nExplore   Main Page   Discuss\nThread: Should the metro article list closed stations?\n"
            "metro_fan_92\nThe article lists all stations of the two lines, but several were closed for renovation in 2019.\n")
    assert clean_text(text).title == "Thread: Should the metro article list closed stations?"
    assert removed_lines(text) == {"Korea Transport Wiki", "Explore   Main Page   Discuss", "metro_fan_92"}
    titled = ("Metro Stations Closed for Renovation\nTopic: Should the metro article list the closed stations?\n"
              "The article lists all stations of the two lines, but several were closed for renovation in 2019.\n")
    assert clean_text(titled).title == "Metro Stations Closed for Renovation"
    assert removed_lines(titled) == set()


def test_a_blog_name_and_its_tagline_above_the_menu_are_the_header():
    text = ("Korea Culture Notes\nEssays on art and life in Pyongyang\nHome   About   Archive\n"
            "Rice Transplanting Finished Early\n" + BODY)
    assert clean_text(text).title == "Rice Transplanting Finished Early"
    assert removed_lines(text) == {"Korea Culture Notes", "Essays on art and life in Pyongyang", "Home   About   Archive"}


def test_a_long_line_ending_in_a_colon_starts_the_body_and_its_list_is_kept():
    text = ("Results of the national table tennis championship\n4 May 2024\n"
            "The national table tennis championship ended in Pyongyang on Friday. The winners were:\n"
            "Men's singles: Ham Yu Song (Pyongyang)\nMixed doubles: Pyongyang team\nAll three will play at the Asian championship.\n")
    assert removed_lines(text) == {"4 May 2024"}


def test_a_table_of_contents_is_removed_but_not_the_headings_it_names():
    text = ("Sinpo\nSinpo is a port city in South Hamgyong Province, on the coast of the East Sea.\nContents\n1 Geography\n2 Economy\n"
            "== Geography ==\nThe city lies on a bay sheltered by the island of Mayang.\n")
    assert removed_lines(text) == {"Contents", "1 Geography", "2 Economy"}


def test_a_headline_with_a_colon_under_a_short_name_is_not_an_infobox_row():
    text = ("The Pyongyang Brief\nThis week: power supply, trade fair, a new opera\n"
            "Good morning. State media reported that three new hydropower stations began operating this week.\n")
    assert "This week: power supply, trade fair, a new opera" not in removed_lines(text)
    wiki = "= Central Party School =\nDirector: Ri Yong Sik\nThe Central Party School is a school of the party.\n"
    assert "Director: Ri Yong Sik" in removed_lines(wiki)


def test_a_reply_under_its_author_and_time_is_removed_with_them():
    text = ("Rice Transplanting Finished Early\n" + BODY + "dock_counter 3 hours ago\n"
            "The figures match last year's, interesting.\nreply\n")
    gone = removed_lines(text)
    assert {"dock_counter 3 hours ago", "The figures match last year's, interesting."} <= gone
    assert not any(line in gone for line in BODY.splitlines())


def test_lines_that_look_like_widgets_but_belong_to_dprk_texts_are_kept():
    law = "Law on Forests\nThe law was adopted by the Presidium of the Supreme People's Assembly.\nArticle 1\nForests are the wealth of the country.\n"
    assert "Article 1" not in removed_lines(law)
    title = "Sinpo No. 2 Fish Farm Expands Its Ponds\nThe fish farm in Sinpo has dug six new ponds for flatfish this spring.\n"
    assert clean_text(title).title == "Sinpo No. 2 Fish Farm Expands Its Ponds"
    works = "«Arirang» Mass Games Resume in Pyongyang\nThe mass gymnastics and artistic performance resumed on Monday.\n"
    assert clean_text(works).title == "«Arirang» Mass Games Resume in Pyongyang"


def test_a_closing_note_after_a_scene_break_and_a_byline_row_under_the_title_are_kept():
    text = ("Rice Transplanting Finished Early\n" + BODY + "***\nThe author visited the farms in May.\nShare   Tweet\n© 2024 Example\n")
    assert "The author visited the farms in May." not in removed_lines(text)
    row = ("Rice Transplanting Finished Early\nKim Song Il   12 May 2024   3 min read\nFarms start a week earlier than last year\n" + BODY)
    assert clean_text(row).title == "Rice Transplanting Finished Early"


def test_the_line_right_above_a_wikis_page_tools_is_the_title_even_under_a_long_menu():
    text = ("Explore Main Page Discuss All Pages Community Recent Blog Posts\nUnification Street\nSign in to edit\n\n"
            "Unification Street is a street in Pyongyang, built in the early 1990s with tall apartment blocks.\n"
            "It runs from the Reunification Arch towards the Taedong River.\n")
    assert clean_text(text).title == "Unification Street"
    # a page tool that can follow a description ("Last edited by …") does not make the line above it the title
    text2 = ("Browse   New Page   Search...\nMasikryong Ski Resort\nSki resort in Kangwon Province\nLast edited by admin\n"
             "The resort, near Wonsan, opened in January 2014 and has slopes for beginners and experienced skiers.\n")
    assert clean_text(text2).title == "Masikryong Ski Resort"
