"""Metadata read from the head of a page: dates and bylines in lines removed for other reasons."""
from __future__ import annotations

import pytest

from corpus_pkg.clean import clean_text
from corpus_pkg.clean.dates import parse_date

BODY = ("Farms in South Hwanghae finished transplanting rice a week earlier than last year, the report said.\n"
        "Students and office workers helped the farmers in the fields for two weeks.\n")


def facts(page: str, field: str) -> list[str]:
    return [f.normalized or f.value for f in clean_text(page).facts if f.field == field]


@pytest.mark.parametrize("line, iso", [
    ("Posted: 16 Nov 2024 07:48 | Last updated: 16 Nov 2024 09:02", "2024-11-16"),
    ("2024.04.21", "2024-04-21"),
    ("Juche 113 (2024) 5. 21.", "2024-05-21"),
    ("입력 2024.10.21 15:32 | 수정 2024.10.21 18:05", "2024-10-21"),
    ("Publié le 17 septembre 2024 à 06h30", "2024-09-17"),
    ("Updated: Jul 14, 2025 11:47 IST", "2025-07-14"),
])
def test_a_date_line_in_the_head_dates_the_document_whatever_rule_removed_it(line: str, iso: str) -> None:
    page = f"Rice transplanting finished early in South Hwanghae\n{line}\n\n{BODY}"
    cleaned = clean_text(page)
    assert line not in cleaned.text
    assert iso in [f.normalized for f in cleaned.facts if f.field == "date"]


def test_dates_below_the_article_and_a_members_join_date_are_not_the_documents() -> None:
    related = f"Rice transplanting finished early\n\n{BODY}\nRelated posts:\nWheat sowing completed\nMarch 21, 2024 · Agriculture\n"
    assert "2024-03-21" not in facts(related, "date")
    joined = f"Rice transplanting finished early\nJoin Date: 14 March 2013\n\n{BODY}"
    assert "2013-03-14" not in facts(joined, "date")


def test_a_persons_name_under_the_title_is_the_byline_and_an_outlets_or_a_toolbar_is_not() -> None:
    head = "Rice transplanting finished early in South Hwanghae\n{}\n14 May 2025\n\n"
    assert facts(head.format("Leonie Hartmann") + BODY, "byline") == ["Leonie Hartmann"]
    assert facts(head.format("Dr. Helen Achterberg, Senior Fellow") + BODY, "byline") == ["Dr. Helen Achterberg"]
    for line in ("Orient Daily", "Share  Save"):
        assert facts(head.format(line) + BODY, "byline") == []


@pytest.mark.parametrize("text, iso", [
    ("2024年5月20日", "2024-05-20"), ("2026년 2월 15일 일요일", "2026-02-15"), ("주체115(2026)년 4월 20일", "2026-04-20"),
    ("15. 02. 2024", "2024-02-15"), ("Updated 14:22, 05-Jun-2024", "2024-06-05"), ("3 de octubre de 2026", "2026-10-03"),
    ("veröffentlicht am 3. März 2025", "2025-03-03"), ("5 июня 2025, 14:20", "2025-06-05"),
    ("Juche 115 (2026) Friday, May 22", "2026-05-22"), ("04/17/2026 02:13 PM EDT", "2026-04-17"),
])
def test_dates_in_more_forms_and_languages(text: str, iso: str) -> None:
    assert parse_date(text) == (iso, "day")


@pytest.mark.parametrize("text", ["1950 to 1953", "The 3 in 2024", "Version 12024.5.3"])
def test_no_date_is_guessed(text: str) -> None:
    assert parse_date(text) is None or parse_date(text)[1] != "day"
