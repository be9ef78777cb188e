"""Date helpers: NIK/KK date parts and human-written dates (Indonesian month names)."""

from __future__ import annotations

import datetime as _dt
import re

MONTHS: dict[str, int] = {
    "januari": 1, "jan": 1, "january": 1,
    "februari": 2, "pebruari": 2, "feb": 2, "peb": 2, "february": 2,
    "maret": 3, "mar": 3, "march": 3,
    "april": 4, "apr": 4,
    "mei": 5, "may": 5,
    "juni": 6, "jun": 6, "june": 6,
    "juli": 7, "jul": 7, "july": 7,
    "agustus": 8, "agu": 8, "agt": 8, "agus": 8, "aug": 8, "august": 8,
    "september": 9, "sep": 9, "sept": 9,
    "oktober": 10, "okt": 10, "oct": 10, "october": 10,
    "november": 11, "nov": 11, "nopember": 11, "nop": 11,
    "desember": 12, "des": 12, "dec": 12, "december": 12,
}  # fmt: skip

MONTH_NAME_REGEX = "|".join(sorted(MONTHS, key=len, reverse=True))


def real_date(year: int, month: int, day: int) -> bool:
    """True when year-month-day exists in the calendar."""
    try:
        _dt.date(year, month, day)
    except ValueError:
        return False
    return True


def valid_ddmmyy(part: str, female_offset: bool = True) -> bool:
    """A DDMMYY block (NIK birth date, KK registration date) is a real date in 19yy or 20yy.

    With ``female_offset`` the day may be 41-71 (women's NIK: day + 40).
    """
    if len(part) != 6 or not part.isdigit():
        return False
    day, month, yy = int(part[:2]), int(part[2:4]), int(part[4:])
    if female_offset and 41 <= day <= 71:
        day -= 40
    if not (1 <= day <= 31 and 1 <= month <= 12):
        return False
    return real_date(1900 + yy, month, day) or real_date(2000 + yy, month, day)


_NUMERIC = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_NAMED = re.compile(r"^(\d{1,2})(?:\s+|-)([A-Za-z]+)\.?(?:\s+|-)(\d{4})$")


def parse_date(text: str) -> _dt.date | None:
    """Parse ``12-05-1990``, ``12/05/1990``, ``1990-05-12`` or ``12 Mei 1990`` (day first)."""
    text = text.strip()
    if m := _ISO.match(text):
        y, mo, d = (int(g) for g in m.groups())
    elif m := _NUMERIC.match(text):
        d, mo, y = (int(g) for g in m.groups())
    elif m := _NAMED.match(text):
        mo = MONTHS.get(m.group(2).lower(), 0)
        d, y = int(m.group(1)), int(m.group(3))
    else:
        return None
    if not real_date(y, mo, d):
        return None
    return _dt.date(y, mo, d)
