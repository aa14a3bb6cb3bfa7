"""Strict date reading for dates found in debris and datelines: only unambiguous forms, never a guessed year."""
from __future__ import annotations

import re

MONTHS = {m: i for i, m in enumerate(
    "january february march april may june july august september october november december".split(), 1)}
MONTHS.update({m[:3]: i for m, i in list(MONTHS.items())})
MONTHS["sept"] = 9
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?,?\s+)?"
# Month names of sites in other languages, as dates write them (genitive in Russian).
INTL_MONTHS = {name: i for i, names in enumerate([
    "januar janvier enero gennaio janeiro januari января",
    "februar février febrero febbraio fevereiro februari февраля",
    "märz mars marzo março maart marca марта",
    "april avril abril aprile april апреля",
    "mai mayo maggio maio mei мая",
    "juni juin junio giugno junho июня",
    "juli juillet julio luglio julho июля",
    "august août agosto augustus августа",
    "september septembre septiembre settembre setembro сентября",
    "oktober octobre octubre ottobre outubro октября",
    "november novembre noviembre novembro ноября",
    "dezember décembre diciembre dicembre dezembro december декабря",
], 1) for name in names.split()}
_INTL_MONTH = r"(?P<imonth>" + "|".join(sorted(INTL_MONTHS, key=len, reverse=True)) + r")"
FORMS = [
    re.compile(r"(?P<year>\d{4})-(?P<m>\d{1,2})-(?P<day>\d{1,2})"),
    re.compile(r"(?P<day>\d{1,2})[/.] ?(?P<m>\d{1,2})[/.] ?(?P<year>\d{4})"),  # day first, as KCNA mirrors write it
    re.compile(r"(?<!\d)(?P<year>\d{4})\)?(?: ?[./] ?| ?年 ?| ?년 ?)(?P<m>\d{1,2})(?: ?[./] ?| ?月 ?| ?월 ?)(?P<day>\d{1,2})(?!\d)"),  # year first: "2024.9.9.", "2024年5月20日", "(2026)년 4월 20일"
    re.compile(r"\((?P<year>\d{4})\) ?\.? ?(?P<m>\d{1,2}) ?\. ?(?P<day>\d{1,2})(?!\d)"),  # "Juche 113 (2024) 5. 21."
    re.compile(r"\((?P<year>\d{4})\),? " + _WEEKDAY + _MONTH + r" (?P<day>\d{1,2})(?!\d)", re.I),  # "Juche 115 (2026) Friday, May 22"
    re.compile(r"(?<!\d)(?P<m>\d{1,2})/(?P<day>\d{1,2})/(?P<year>\d{4})"),  # month first, as US sites write it ("04/17/2026")
    re.compile(r"(?P<day>\d{1,2})-" + _MONTH + r"-(?P<year>\d{4})", re.I),  # "05-Jun-2024"
    re.compile(r"(?P<day>\d{1,2})(?:er|\.)? (?:de )?" + _INTL_MONTH + r"\.? (?:de )?(?P<year>\d{4})", re.I),  # "17 septembre 2024"
    re.compile(_WEEKDAY + r"(?P<day>\d{1,2})(?!\d)(?:st|nd|rd|th)?\s+" + _MONTH + r",?\s+(?P<year>\d{4})", re.I),
    re.compile(_WEEKDAY + _MONTH + r"\s+(?P<day>\d{1,2})(?!\d)(?:st|nd|rd|th)?,?\s+(?P<year>\d{4})", re.I),
    re.compile(_WEEKDAY + _MONTH + r"\s+(?P<day>\d{1,2})(?!\d)(?:st|nd|rd|th)?", re.I),  # no year: month-day only
    re.compile(_MONTH + r"\s+(?P<year>\d{4})", re.I),
]


# Every form holds a digit, and those with _MONTH a month's first three letters: a text without them skips the
# forms (most lines a head's date is looked for in), the regex engine asked about them once (IGNORECASE alike).
DIGIT = re.compile(r"\d")
MONTH_START = re.compile("(?i)" + "|".join(sorted({m[:3] for m in MONTHS})))
NAMED = frozenset(i for i, form in enumerate(FORMS) if "(?P<month>" in form.pattern)


def parse_date(text: str) -> tuple[str, str] | None:
    """The first date in ``text`` as (ISO 8601 string, precision); a date without a year is '--MM-DD'."""
    if DIGIT.search(text) is None:
        return None
    skip = NAMED if MONTH_START.search(text) is None else frozenset()
    for i, form in enumerate(FORMS):
        if i in skip:
            continue
        m = form.search(text)
        if not m:
            continue
        g = m.groupdict()
        if g.get("m"):
            month = int(g["m"])
        elif g.get("imonth"):
            month = INTL_MONTHS[g["imonth"].lower()]
        else:
            month = MONTHS[g["month"].lower().rstrip(".")]
        day = int(g["day"]) if g.get("day") else None
        year = int(g["year"]) if g.get("year") else None
        if not 1 <= month <= 12 or (day is not None and not 1 <= day <= 31):
            continue
        if year is None:
            return f"--{month:02d}-{day:02d}", "month-day"
        if day is None:
            return f"{year:04d}-{month:02d}", "month"
        return f"{year:04d}-{month:02d}-{day:02d}", "day"
    return None
