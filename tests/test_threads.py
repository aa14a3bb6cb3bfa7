"""Replies of threads and comment sections, framed by their headers; the opening post and live entries kept."""
from __future__ import annotations

from test_neighbours import removed_lines

OPENING = ("Rice prices after the harvest\ngrain_watcher 9 hours ago\n"
           "I have collected the price reports of the three usual outlets over October and put them in one table.\n"
           "Rice fell by a tenth in a month, less than in a typical good year, and maize hardly moved at all.\n")


def test_a_reply_between_its_header_and_its_tools_is_removed_and_the_opening_post_kept():
    text = OPENING + "hyesan_trader 8 hours ago | parent | next [–]\nThe Hyesan numbers say the same.\nreply\n"
    gone = removed_lines(text)
    assert {"hyesan_trader 8 hours ago | parent | next [–]", "The Hyesan numbers say the same."} <= gone
    assert not any(line in gone for line in OPENING.splitlines()[2:])


def test_imageboard_replies_under_post_numbers_are_removed():
    text = ("Shortwave listening, still worth it?\nAnonymous 11/03/24(Sun)22:14:51 No.8812043\n"
            "Bought a cheap receiver last month and have been listening to the evening broadcasts from Pyongyang.\n"
            "The frequencies I use are 9875 and 11735 kHz, and the reception is good after dark.\n"
            "Anonymous 11/03/24(Sun)22:20:07 No.8812061\nonly for the interval signal tbh\n"
            "Anonymous 11/03/24(Sun)22:31:40 No.8812102\nThey jammed the southern stations again last year.\n"
            "[Return] [Go to top] [Catalog]\n")
    gone = removed_lines(text)
    assert {"only for the interval signal tbh", "They jammed the southern stations again last year."} <= gone
    assert "The frequencies I use are 9875 and 11735 kHz, and the reception is good after dark." not in gone


def test_entries_of_a_live_page_under_their_times_are_kept():
    entries = ("Updated 2 hours ago\nThe delegation arrived at the border crossing and was met by officials from both sides.\n"
               "Updated 3 hours ago\nThe talks are expected to last two days, according to the ministry's spokesman.\n")
    text = ("Talks at the border: live\nThe first round of talks in five years opens today at the border village.\n"
            "Reporters from both sides were allowed into the hall for the opening speeches.\n" + entries + "Share\n")
    gone = removed_lines(text)
    assert "The delegation arrived at the border crossing and was met by officials from both sides." not in gone
    assert "The talks are expected to last two days, according to the ministry's spokesman." not in gone
