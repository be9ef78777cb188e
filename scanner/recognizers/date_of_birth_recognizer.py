"""DATE_OF_BIRTH: dates written as a person's birth date."""

from __future__ import annotations

import datetime as _dt
import re

from presidio_analyzer import Pattern

from ._base import Hit, SaringRecognizer
from ._context import label_zone, line_of, nearest, table_header, words
from ._dates import MONTH_NAME_REGEX, parse_date

_LABEL = {
    "dob": words(
        r"lahir", r"TTL", r"tgl\.?\s*lahir", r"tanggal\s+lahir", r"tempat\s*[,/]?\s*tgl\.?\s*lahir",
        r"kelahiran", r"date\s+of\s+birth", r"DOB", r"birth\s*date", r"born", r"lahir\s+pada",
        r"tempat\s*/\s*tanggal\s+lahir", r"tmp\.?\s*/\s*tgl\.?\s*lahir",
    ),
    "other": words(
        r"berlaku", r"masa\s+berlaku", r"exp\.?", r"expired?", r"jatuh\s+tempo", r"tempo",
        r"tgl\.?", r"tanggal", r"surat", r"terbit", r"diterbitkan", r"ditetapkan", r"dibuat",
        r"masuk", r"TMT", r"periode", r"rapat", r"kegiatan", r"pelaksanaan", r"meninggal",
        r"wafat", r"pemeriksaan", r"update", r"diperbarui", r"dibaca", r"batas", r"deadline",
        r"dikeluarkan", r"registrasi", r"pendaftaran",
    ),
}
_GENERIC_DATE_WORD = re.compile(r"(?i)tgl\.?|tanggal")
_AGE_AFTER = re.compile(r"\s*\(?\s*(?:umur\s*)?\d{1,3}\s*(?:th|thn|tahun)\b", re.I)
_CITY_BEFORE = re.compile(r"[A-Z][A-Za-z'.\-]+(?:\s[A-Z][A-Za-z'.\-]+){0,2},\s*$")
_ROW = re.compile(
    r"\d{1,2}[-/.]\d{1,2}[-/.]\d{4}|\d{4}-\d{2}-\d{2}|\d{1,2}\s+[A-Za-z]{3,9}\s+\d{4}"
)


class DateOfBirthRecognizer(SaringRecognizer):
    """A date is a birth date when its label says so (``Tanggal Lahir``, ``TTL``, ``Tempat/Tgl
    Lahir``, ``lahir pada``), when an age follows it (``(66 th)``), or when it is written as
    ``City, date`` in a table whose header has a birth-date column. A lone ``City, date`` line
    is a letter date and is skipped.
    """

    ENTITY = "DATE_OF_BIRTH"
    TRIGGER = re.compile(r"\d\d\d\d")
    PATTERNS = [
        Pattern(
            "Date",
            r"(?<![\w/.\-])(?:\d{1,2}[-/.]\d{1,2}[-/.](?:19|20)\d{2}|(?:19|20)\d{2}-\d{2}-\d{2}"
            r"|\d{1,2}(?:\s+|-)(?i:" + MONTH_NAME_REGEX + r")\.?(?:\s+|-)(?:19|20)\d{2})"
            r"(?![\w]|[-/.]\d)",
            0.1,
        )
    ]
    CONTEXT = ["lahir", "ttl"]

    def assess(self, text: str, match: re.Match[str], pattern: Pattern) -> Hit | None:  # noqa: D102
        date = parse_date(match.group())
        if date is None or not (1900 <= date.year <= _dt.date.today().year):
            return None
        zone = label_zone(text, match.start())
        found = nearest(zone, _LABEL)
        if found and found[0] == "other":
            # "lahir di Bandung pada tanggal 3 Maret 1985": a generic "tanggal" after "lahir"
            dob = _LABEL["dob"].search(zone)
            if not (dob and _GENERIC_DATE_WORD.fullmatch(found[1])):
                return None
            found = ("dob", dob.group())
        if found:
            return Hit(0.9, f"date after birth-date label '{found[1]}'", context_word=found[1],
                       validation=True)
        if _AGE_AFTER.match(text, match.end()):
            return Hit(0.8, "date followed by an age", context_word="th", validation=True)
        line_start, line_end = line_of(text, match.start())
        before = text[line_start : match.start()]
        city = _CITY_BEFORE.search(before)
        if city and city.start() == 0 and not text[match.end() : line_end].strip():
            return None  # "Bandung, 12 Mei 2024" alone on its line: the letter's date
        header = table_header(text, match.start(), _ROW)
        if not header or not _LABEL["dob"].search(header):
            return None
        # flattened table: the n-th date on the row belongs to the n-th date column
        columns = _date_columns(header)
        index = len(_ROW.findall(before))
        if index < len(columns):
            kind, word = columns[index]
            if kind != "dob":
                return None
            return Hit(0.75, f"date in the table column '{word}'", context_word=word,
                       validation=True)
        if city:
            return Hit(0.7, "'City, date' in a table with a birth-date column",
                       context_word="TTL", validation=True)
        return None


def _date_columns(header: str) -> list[tuple[str, str]]:
    spans = sorted(
        (m.start(), -m.end(), kind, m.group())
        for kind, rx in _LABEL.items()
        for m in rx.finditer(header)
    )
    columns: list[tuple[str, str]] = []
    last_end = -1
    for start, neg_end, kind, word in spans:
        if start < last_end:
            continue
        columns.append((kind, word))
        last_end = -neg_end
    return columns
