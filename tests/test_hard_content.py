"""Article text that looks like debris line by line: years, questions, tables, a report's own references."""
from __future__ import annotations

from corpus_pkg.clean import clean_text

BODY = ("Farms in South Hwanghae finished transplanting rice a week earlier than last year, the report said.\n"
        "Students and office workers helped the farmers in the fields for two weeks.\n")


def kept(text: str) -> str:
    return clean_text(text).text


def test_years_heading_a_chronology_are_kept():
    text = "A Chronology of the Steel Works\n\n1956\n" + BODY + "\n1957\n" + BODY.replace("two", "three") + "\n1959–1961\n" + BODY
    out = kept(text)
    assert "1956" in out and "1957" in out and "1959–1961" in out
    assert "Page 3 of 7" not in kept("Title\n" + BODY + "Page 3 of 7\n" + BODY)  # page numbers still go


def test_an_interviewers_short_question_is_kept():
    text = "An Engineer on the New Line\n\n" + BODY + "And now?\nNow we test the second furnace before the winter comes.\n"
    assert "And now?" in kept(text)


def test_a_table_closing_an_article_is_kept():
    table = "Year | Competition | Result\n2017 | Asian Cup qualifier | DPRK 2–0 Lebanon\n2019 | League final | April 25 1–0 Rimyongsu\n"
    out = kept("Stadium Results\n\n" + BODY + "\n" + table)
    assert all(row in out for row in table.splitlines())


def test_references_of_a_report_are_its_own_but_a_wikis_closing_sections_are_not():
    refs = "References\nKim, S. (2024). Regional industry and the county economy. Pyongyang: Social Science Press.\n"
    assert "Regional industry" in kept("Light Industry in the Counties\n\n" + BODY * 3 + "\n" + refs)
    wiki = "Light Industry\nFrom Wikipedia, the free encyclopedia\n\n" + BODY * 3 + "\n== See also ==\n- Economy of North Korea\n"
    assert "Economy of North Korea" not in kept(wiki)


def test_a_dated_item_of_a_chronology_is_not_an_infobox_row():
    text = "A Chronology of the Steel Works\n• December 28: The leader visits the Kangson Steel Works.\n" + BODY
    assert "December 28" in kept(text)
    rows = [r.rule for r in clean_text("= Central Party School =\n- Established: 1946-06-01\n\n" + BODY).removals]
    assert "infobox-row" in rows  # a row of an infobox is still one


def test_a_lone_heading_word_is_a_heading_and_a_section_menu_is_not_a_title():
    text = "Marathon Results\n\n" + BODY + "\nNotes\n- The men's winning time was 51 seconds slower than last year's.\n"
    assert "\nNotes\n" in kept(text)
    menu = "Collections Exhibitions Visit Research Shop\nPoster for the Fourth Party Congress\n\n" + BODY
    cleaned = clean_text(menu)
    assert cleaned.title == "Poster for the Fourth Party Congress"
    assert "Collections Exhibitions" not in cleaned.text
