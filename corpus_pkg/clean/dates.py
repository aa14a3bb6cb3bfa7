"""Strict date reading for dates found in debris and datelines: only unambiguous forms, never a guessed year."""
from __future__ import annotations

import re

MONTHS = {m: i for i, m in enumerate(
    "january february march april may june july august september october november december".split(), 1)}
MONTHS.update({m[:3]: i for m, i in list(MONTHS.items())})
MONTHS["sept"] = 9
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?,?\s+)?"
FORMS = [
    re.compile(r"(?P<year>\d{4})-(?P<m>\d{1,2})-(?P<day>\d{1,2})"),
    re.compile(r"(?P<day>\d{1,2})[/.](?P<m>\d{1,2})[/.](?P<year>\d{4})"),  # day first, as KCNA mirrors write it
    re.compile(_WEEKDAY + r"(?P<day>\d{1,2})(?!\d)(?:st|nd|rd|th)?\s+" + _MONTH + r",?\s+(?P<year>\d{4})", re.I),
    re.compile(_WEEKDAY + _MONTH + r"\s+(?P<day>\d{1,2})(?!\d)(?:st|nd|rd|th)?,?\s+(?P<year>\d{4})", re.I),
    re.compile(_WEEKDAY + _MONTH + r"\s+(?P<day>\d{1,2})(?!\d)(?:st|nd|rd|th)?", re.I),  # no year: month-day only
    re.compile(_MONTH + r"\s+(?P<year>\d{4})", re.I),
]


def parse_date(text: str) -> tuple[str, str] | None:
    """The first date in ``text`` as (ISO 8601 string, precision); a date without a year is '--MM-DD'."""
    for form in FORMS:
        m = form.search(text)
        if not m:
            continue
        g = m.groupdict()
        month = int(g["m"]) if g.get("m") else MONTHS[g["month"].lower().rstrip(".")]
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
