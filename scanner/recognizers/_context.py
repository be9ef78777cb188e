"""Context search done by the recognizers themselves.

Presidio's lemma enhancer needs lemmas (a blank pipeline has none) and matches substrings, so each
recognizer looks for its own labels, in three tiers:

* the *label zone*: the text a reader takes as the value's label. It runs back from the value to
  the previous cell separator (`` ; ``, ``|``, tab), line break or earlier long number, at most
  ``window`` characters; when it is empty (value on its own line) the previous line is used. Table
  rows arrive as ``Header: value ; Header: value``, so the zone holds the column header.
* the *table header*: for PDF tables flattened into lines (a header line, then rows of bare
  values), the non-data lines just above the current block of rows.
* a *wide* window of preceding text, for weak "this document talks about passports" evidence.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

_ZONE_CUT = re.compile(r"[;|\t\n]|\d[\d.\- ]{6,}\d")
_PUNCT_ONLY = re.compile(r"^[\s:=\-.,()#]*$")


def label_zone(text: str, start: int, window: int = 60) -> str:
    """The label text just before ``start`` (see module docstring)."""
    lo = max(0, start - window)
    chunk = text[lo:start]
    cut = None
    for m in _ZONE_CUT.finditer(chunk):
        cut = m
    zone = chunk[cut.end() :] if cut else chunk
    line_end = lo + cut.start() if cut is not None and cut.group() == "\n" else -1
    steps = 0
    while line_end >= 0 and _PUNCT_ONLY.match(zone) and steps < 3:
        # "NIK :\n3171..." or "NIK\n:\n3171..." -> the previous line(s) hold the label
        line_start = text.rfind("\n", max(0, line_end - window), line_end) + 1
        zone = text[max(line_start, line_end - window) : line_end] + " " + zone
        line_end = line_start - 1 if line_start > 0 and text[line_start - 1] == "\n" else -1
        steps += 1
    return zone


def nearest(zone: str, keywords: Mapping[str, re.Pattern[str]]) -> tuple[str, str] | None:
    """The keyword group whose match ends closest to the value: ``(group, matched word)``."""
    best: tuple[int, int, str, str] | None = None
    for group, rx in keywords.items():
        for m in rx.finditer(zone):
            # closest end wins; on a tie the longer phrase ("virtual account" over "account")
            if best is None or (m.end(), -m.start()) > (best[0], best[1]):
                best = (m.end(), -m.start(), group, m.group())
    return (best[2], best[3]) if best else None


def line_of(text: str, pos: int) -> tuple[int, int]:
    """Start and end offsets of the line holding ``pos``."""
    start = text.rfind("\n", max(0, pos - 5000), pos) + 1 or max(0, pos - 5000)
    end = text.find("\n", pos, pos + 5000)
    return start, min(len(text), pos + 5000) if end < 0 else end


# plain dict: single operations are atomic under the GIL, so threads may share it
_HEADER_CACHE: dict[tuple[str, int, str], str] = {}
_HEADER_CACHE_SIZE = 2048


def table_header(
    text: str, pos: int, data_row: re.Pattern[str], max_lines: int = 6, max_rows: int = 400
) -> str:
    """Header text of a flattened table: the non-data lines above the block of rows at ``pos``.

    Walks back over lines matching ``data_row`` (earlier rows), then collects up to
    ``max_lines`` lines until a blank line or a sentence (long line ending in '.').
    Returns '' when nothing header-like is found. Results are cached per row, so a long
    table costs one walk, not one per row.
    """
    line_start, _ = line_of(text, pos)
    end = line_start - 1
    rows = 0
    visited = [line_start]
    collected: list[str] = []
    header = None
    while end > 0 and rows < max_rows and len(collected) < max_lines:
        start = text.rfind("\n", 0, end) + 1
        if not collected:
            cached = _HEADER_CACHE.get((text, start, data_row.pattern))
            if cached is not None:
                header = cached
                break
        line = text[start:end]
        if data_row.search(line):
            if collected:
                break
            rows += 1
            visited.append(start)
        else:
            stripped = line.strip()
            if not stripped or (len(stripped) > 50 and stripped[-1] in ".:"):
                break
            collected.append(stripped)
        end = start - 1
    if header is None:
        header = " ".join(reversed(collected))
    if len(_HEADER_CACHE) > _HEADER_CACHE_SIZE:
        _HEADER_CACHE.clear()
    for start in visited:
        _HEADER_CACHE[(text, start, data_row.pattern)] = header
    return header


def line_window(text: str, start: int, end: int, radius: int = 200) -> str:
    """The line holding ``start``..``end``, cut to ``radius`` characters on each side."""
    line_start, line_end = line_of(text, start)
    return text[max(line_start, start - radius) : min(max(line_end, end), end + radius)]


def in_first_lines(text: str, pos: int, lines: int = 6) -> bool:
    """True when fewer than ``lines`` line breaks precede ``pos`` (a letterhead's place)."""
    return pos < 3000 and text.count("\n", 0, pos) < lines


def preceding(text: str, pos: int, chars: int) -> str:
    """The ``chars`` characters before ``pos``."""
    return text[max(0, pos - chars) : pos]


def words(*terms: str) -> re.Pattern[str]:
    """Case-insensitive whole-word alternation (terms are regex fragments)."""
    return re.compile(r"(?<![A-Za-z0-9])(?:" + "|".join(terms) + r")(?![A-Za-z0-9])", re.I)
