"""Shared pieces of the extractors: errors, limits, context and the table-row format."""

from __future__ import annotations

import datetime as _dt
import io
import re
import zipfile
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from scanner.model import Part, Segment

Source = Path | bytes

# What a damaged ZIP package can raise while being opened or inflated.
ZIP_ERRORS = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    zlib.error,
    EOFError,
    OSError,
    NotImplementedError,
    ValueError,
)


class ExtractionError(Exception):
    """A condition the extractor detected: code is encrypted | corrupt | unsupported | limit."""

    CODES = ("encrypted", "corrupt", "unsupported", "limit")

    def __init__(self, code: str, message: str):
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message


@dataclass(frozen=True)
class Limits:
    max_pages: int = 2000
    max_archive_members: int = 1000
    max_archive_depth: int = 3
    max_total_uncompressed: int = 500 * 2**20
    max_ratio: int = 200
    max_cells: int = 2_000_000
    max_ocr_pages: int = 50  # scanned pages / images read by OCR per file; the rest: unscannable
    ocr_timeout_s: int = 60  # per page
    max_image_pixels: int = 60_000_000  # decompression-bomb guard for images


@dataclass
class ExtractStats:
    """Filled while ``extract`` runs; complete once its iterator is exhausted."""

    family: str = ""
    pages: int = 0  # PDF pages (+ slides, + 1 per other document incl. archive members)
    segments: int = 0
    members: int = 0  # archive / e-mail attachment members opened
    uncompressed: int = 0  # bytes inflated from archives
    image_only_pages: int = 0  # pages/images with no text layer that OCR did NOT read
    ocr_pages: int = 0  # pages/images read by OCR
    skipped: int = 0  # parts that could not be read (unsupported members, embedded objects)
    notes: list[str] = field(default_factory=list)  # non-fatal problems (skipped parts)


@dataclass
class Ctx:
    limits: Limits
    stats: ExtractStats
    name: str = ""
    depth: int = 0  # archive nesting depth
    family: str = ""

    def child(self, name: str, family: str) -> Ctx:
        return Ctx(self.limits, self.stats, name, self.depth, family)

    def note(self, msg: str) -> None:
        if len(self.stats.notes) < 100:
            self.stats.notes.append(msg)


def open_source(src: Source):
    """A binary file object for a path or bytes (caller closes)."""
    if isinstance(src, bytes | bytearray):
        return io.BytesIO(src)
    return open(src, "rb")  # noqa: SIM115


def read_bytes(src: Source) -> bytes:
    if isinstance(src, bytes | bytearray):
        return bytes(src)
    return Path(src).read_bytes()


def read_head(src: Source, n: int) -> bytes:
    if isinstance(src, bytes | bytearray):
        return bytes(src[:n])
    try:
        with open(src, "rb") as fh:
            return fh.read(n)
    except (IsADirectoryError, FileNotFoundError):
        return b""


# --------------------------------------------------------------------------- cell values


def cell_str(value: Any) -> str:
    """A cell value as the text a person sees (integral floats without .0, dates ISO)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e20:
            return str(int(value))
        return repr(value)
    if isinstance(value, _dt.datetime):
        if value.time() == _dt.time(0, 0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, _dt.date | _dt.time):
        return value.isoformat()
    return str(value).strip()


def col_letter(idx: int) -> str:
    """1-based column index -> spreadsheet letters (1 -> A, 27 -> AA)."""
    s = ""
    while idx > 0:
        idx, rem = divmod(idx - 1, 26)
        s = chr(65 + rem) + s
    return s


_NUMERICISH = re.compile(r"^[\s\d.,:/\-+()%Rp]*$")


def is_texty(value: str) -> bool:
    """True for a label-like cell (has letters, not a number/date/id)."""
    return bool(value) and not _NUMERICISH.match(value) and len(value) <= 80


def looks_like_header(values: Sequence[str], width: int) -> bool:
    """A header row: at least 2 cells (and half the width) filled, mostly short labels."""
    filled = [v for v in values if v]
    if len(filled) < 2 or len(filled) * 2 < min(width, len(values) or width):
        return False
    texty = sum(1 for v in filled if is_texty(v))
    return texty * 10 >= len(filled) * 7


def row_segment(
    cells: Sequence[tuple[str, str, dict[str, Any]]],
    location: dict[str, Any],
    layer: str,
) -> Segment | None:
    """Build ``"<header1>: <value1> ; <header2>: <value2>"`` with one Part per value.

    ``cells`` holds (header, value, part_location); empty values are skipped. A cell whose
    header is "" is written as the bare value (rows above a table's header row).
    """
    pieces: list[str] = []
    parts: list[Part] = []
    pos = 0
    for header, value, ploc in cells:
        if not value:
            continue
        if pieces:
            pieces.append(" ; ")
            pos += 3
        if header:
            lead = f"{header}: "
            pieces.append(lead)
            pos += len(lead)
        pieces.append(value)
        parts.append(Part(pos, pos + len(value), ploc))
        pos += len(value)
    if not parts:
        return None
    return Segment("".join(pieces), location, layer, tuple(parts))


def clean_header(value: str) -> str:
    return " ".join(value.split())


def header_index(rows: Sequence[Sequence[str]], width: int, scan: int = 6) -> int | None:
    """Index of a table's header row among its first rows: the first row that looks like a
    header, provided every row above it is a title line (at most one filled cell)."""
    for i, values in enumerate(rows[:scan]):
        if looks_like_header(values, width):
            return i
        if sum(1 for v in values if v) > 1:
            return None
    return None
