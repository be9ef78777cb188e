"""Plain text and CSV, in any common encoding."""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import sys
from collections.abc import Iterator

from scanner.extract._common import (
    Ctx,
    ExtractionError,
    Source,
    clean_header,
    col_letter,
    looks_like_header,
    read_bytes,
    row_segment,
)
from scanner.model import Part, Segment

BLOCK_LINES = 60  # a text segment holds at most this many lines (split at blank lines first)

csv.field_size_limit(min(sys.maxsize, 2**31 - 1))


_MULTIBYTE = {
    "utf_8",
    "utf_16",
    "utf_16_le",
    "utf_16_be",
    "utf_32",
    "big5",
    "big5hkscs",
    "gb2312",
    "gbk",
    "gb18030",
    "hz",
    "shift_jis",
    "cp932",
    "euc_jp",
    "euc_kr",
    "cp949",
    "iso2022_jp",
    "johab",
    "cp950",
    "euc_jis_2004",
    "shift_jis_2004",
    "utf_7",
}


def _cp1252_ok(data: bytes) -> bool:
    try:
        data.decode("cp1252")
    except UnicodeDecodeError:
        return False
    return True


def decode(data: bytes) -> str:
    """Decode bytes: BOMs first, then strict UTF-8, then charset-normalizer, then cp1252."""
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", "replace")
    if data.startswith(codecs.BOM_UTF32_LE) or data.startswith(codecs.BOM_UTF32_BE):
        return data.decode("utf-32", "replace")
    if data.startswith(codecs.BOM_UTF16_LE) or data.startswith(codecs.BOM_UTF16_BE):
        return data.decode("utf-16", "replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    # UTF-16 without BOM: many NULs at odd/even positions.
    sample = data[:4096]
    if sample and sample.count(b"\x00") > len(sample) // 4:
        le = sample[1::2].count(b"\x00") > sample[0::2].count(b"\x00")
        return data.decode("utf-16-le" if le else "utf-16-be", "replace")
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data[: 2**20]).best()
        if best is not None and best.encoding:
            enc = best.encoding
            if enc not in _MULTIBYTE and _cp1252_ok(data):
                # Short Latin-script text is ambiguous between single-byte code pages; the
                # Windows Western code page is by far the likeliest for Indonesian offices.
                enc = "cp1252"
            return data.decode(enc, "replace")
    except Exception:  # noqa: BLE001 - detection is best effort
        pass
    return data.decode("cp1252", "replace")


def _text_of(src: Source) -> str:
    text = decode(read_bytes(src))
    return text.replace("\x00", "")


def text_blocks(text: str, base: dict | None = None, layer: str = "body") -> Iterator[Segment]:
    """One segment per block of lines (split at blank lines, at most BLOCK_LINES) with a Part
    per line: the segment location is ``{"line": first}``, each part ``{"line": n}``."""
    base = base or {}
    lines = text.splitlines()
    block: list[tuple[int, str]] = []

    def flush() -> Segment | None:
        if not block:
            return None
        parts = []
        pos = 0
        for n, line in block:
            parts.append(Part(pos, pos + len(line), {"line": n}))
            pos += len(line) + 1
        seg = Segment(
            "\n".join(line for _, line in block),
            {**base, "line": block[0][0]},
            layer,
            tuple(parts),
        )
        block.clear()
        return seg

    for i, line in enumerate(lines, 1):
        if not line.strip():
            seg = flush()
            if seg:
                yield seg
            continue
        block.append((i, line.rstrip()))
        if len(block) >= BLOCK_LINES:
            seg = flush()
            if seg:
                yield seg
    seg = flush()
    if seg:
        yield seg


def extract_text(src: Source, ctx: Ctx) -> Iterator[Segment]:
    ctx.stats.pages += 1
    yield from text_blocks(_text_of(src))


def sniff_delimiter(text: str) -> str:
    """Pick the delimiter among , ; TAB | that splits the first lines most consistently."""
    lines = [ln for ln in text.splitlines()[:30] if ln.strip()]
    if not lines:
        return ","
    best, best_score = ",", -1.0
    for d in (",", ";", "\t", "|"):
        counts = [ln.count(d) for ln in lines]
        if counts[0] == 0:
            continue
        same = sum(1 for c in counts if c == counts[0])
        score = same / len(counts) * 10 + min(counts[0], 50) / 50
        if score > best_score:
            best, best_score = d, score
    return best


def csv_rows(
    rows: Iterator[list[str]], ctx: Ctx, base: dict | None = None, layer: str = "table"
) -> Iterator[Segment]:
    """Rows (first = header) -> one "header: value ; ..." segment per data row."""
    base = base or {}
    headers: list[str] | None = None
    cells_seen = 0
    rows = iter(rows)
    # Title lines above the header ("DAFTAR PENERIMA;;;;"): the header is the first of the
    # first rows that looks like one (else simply the first non-empty row).
    head: list[list[str]] = []
    for row in rows:
        head.append(row)
        if len(head) >= 10:
            break
    width = max((sum(1 for v in r if v.strip()) for r in head), default=0)
    header_at = next(
        (i for i, r in enumerate(head) if looks_like_header([v.strip() for v in r], width)),
        None,
    )
    first = next((i for i, r in enumerate(head) if any(v.strip() for v in r)), 0)
    if header_at is None or any(sum(1 for v in r if v.strip()) > 1 for r in head[:header_at]):
        header_at = first  # only title lines (one value each) may stand above the header
    for rownum, row in enumerate(itertools.chain(head, rows), 1):
        cells_seen += len(row)
        if cells_seen > ctx.limits.max_cells:
            raise ExtractionError("limit", f"more than {ctx.limits.max_cells} cells")
        values = [v.strip() for v in row]
        if headers is None and rownum - 1 < header_at:
            seg = row_segment(
                [("", v, {"cell": f"{col_letter(j)}{rownum}"}) for j, v in enumerate(values, 1)],
                {**base, "row": rownum},
                layer,
            )
            if seg:
                yield seg
            continue
        if headers is None:
            if not any(values):
                continue
            headers = [clean_header(v) or col_letter(j) for j, v in enumerate(values, 1)]
            header_row = rownum
            # The header row itself is text too (it may carry a marking or a title).
            seg = row_segment(
                [
                    ("", v, {"cell": f"{col_letter(j)}{header_row}"})
                    for j, v in enumerate(values, 1)
                ],
                {**base, "row": rownum, "header": True},
                layer,
            )
            if seg:
                yield seg
            continue
        cells = []
        for j, v in enumerate(values, 1):
            h = headers[j - 1] if j <= len(headers) else col_letter(j)
            cells.append((h, v, {"column": h, "cell": f"{col_letter(j)}{rownum}"}))
        seg = row_segment(cells, {**base, "row": rownum}, layer)
        if seg:
            yield seg


def extract_csv(src: Source, ctx: Ctx) -> Iterator[Segment]:
    ctx.stats.pages += 1
    text = _text_of(src)
    delim = sniff_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delim)
    try:
        yield from csv_rows(reader, ctx)
    except csv.Error as exc:
        raise ExtractionError("corrupt", f"CSV: {exc}") from exc
