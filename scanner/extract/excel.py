"""XLSX: one segment per sheet row ("header: value ; ..."), hidden/veryHidden sheets, hidden
rows and columns, cells hidden by format (";;;" or white font) (layer "hidden"), cell comments
and threaded comments, defined names, print headers/footers, text in drawings, pivot caches,
external-link caches, embedded objects and workbook properties.

The package is streamed directly (zip + defusedxml iterparse) instead of going through
openpyxl: openpyxl builds a Python object per cell and reads ~10k cells/s here, while the
streaming reader keeps one row in memory and is an order of magnitude faster. Cached values of
formulas are read (what the user sees); dates are converted from serial numbers using the
cell's number format.
"""

from __future__ import annotations

import datetime as _dt
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path

from lxml import etree

from scanner.extract._common import (
    ZIP_ERRORS,
    Ctx,
    ExtractionError,
    Source,
    cell_str,
    clean_header,
    col_letter,
    looks_like_header,
    open_source,
    row_segment,
)
from scanner.extract._xml import (
    R_NS,
    local,
    ooxml_graphics,
    ooxml_properties,
    open_zip,
    parse,
    read_part,
    rels,
)
from scanner.extract.archive import extract_embedded
from scanner.model import Segment

HEADER_SCAN_ROWS = 30
S = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_BUILTIN_DATE_FMTS = set(range(14, 23)) | {45, 46, 47, 27, 30, 36, 50, 57}
_DATE_CODE = re.compile(r"[dmyhs]", re.I)
_DIGITS = "0123456789"


def _col_index(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


def _zero(size: str | None) -> bool:
    """A row height / column width that makes the cells invisible."""
    try:
        return size is not None and float(size) < 0.5
    except ValueError:
        return False


def _is_date_format(code: str) -> bool:
    code = re.sub(r'"[^"]*"|\[[^\]]*\]|\\.|_.|\*.', "", code)
    return bool(_DATE_CODE.search(code)) and "General" not in code


class _Styles:
    """Per cellXfs index: is it a date format, does it hide the value (';;;', white font)."""

    def __init__(self, data: bytes | None):
        self.date: set[int] = set()
        self.hides: dict[int, str] = {}
        if not data:
            return
        root = parse(data, "styles.xml")
        fmts = {}
        numfmts = root.find(f"{S}numFmts")
        if numfmts is not None:
            for nf in numfmts:
                fmts[int(nf.get("numFmtId", "0"))] = nf.get("formatCode", "")
        white_fonts = set()
        fonts = root.find(f"{S}fonts")
        if fonts is not None:
            for i, font in enumerate(fonts):
                color = font.find(f"{S}color")
                if color is not None and (color.get("rgb") or "").upper() in (
                    "FFFFFFFF",
                    "00FFFFFF",
                ):
                    white_fonts.add(i)
        filled = set()
        fills = root.find(f"{S}fills")
        if fills is not None:
            for i, fill in enumerate(fills):
                pf = fill.find(f"{S}patternFill")
                if pf is None:
                    continue
                fg = pf.find(f"{S}fgColor")
                solid = pf.get("patternType") not in (None, "none")
                if (
                    solid
                    and fg is not None
                    and (fg.get("rgb") or "").upper()
                    not in (
                        "FFFFFFFF",
                        "",
                    )
                ):
                    filled.add(i)
        xfs = root.find(f"{S}cellXfs")
        if xfs is None:
            return
        for i, xf in enumerate(xfs):
            fid = int(xf.get("numFmtId", "0") or 0)
            code = fmts.get(fid, "")
            if fid in _BUILTIN_DATE_FMTS or (code and _is_date_format(code)):
                self.date.add(i)
            if code.replace(" ", "").startswith(";;;") or code.strip() == ";;":
                self.hides[i] = "format"
            elif (
                int(xf.get("fontId", "0") or 0) in white_fonts
                and int(xf.get("fillId", "0") or 0) not in filled
            ):
                self.hides[i] = "white_text"


def _shared_strings(data: bytes | None) -> list[str]:
    if not data:
        return []
    out: list[str] = []
    root = parse(data, "sharedStrings.xml")
    for si in root:
        parts = []
        for child in si:
            tag = child.tag
            if tag == f"{S}t":
                parts.append(child.text or "")
            elif tag == f"{S}r":
                for t in child.iter(f"{S}t"):
                    parts.append(t.text or "")
        out.append("".join(parts))
    return out


def _serial_to_date(value: float, date1904: bool) -> str:
    base = _dt.datetime(1904, 1, 1) if date1904 else _dt.datetime(1899, 12, 30)
    try:
        when = base + _dt.timedelta(days=value)
    except OverflowError:
        return cell_str(value)
    return cell_str(when)


def _hf_text(code: str) -> str:
    """Excel print header/footer code ("&L&Bleft&Cmiddle&R&P") -> plain text."""
    code = re.sub(r"&\"[^\"]*\"", "", code)
    code = re.sub(r"&\d+", "", code)
    code = re.sub(r"&[LCR]", "\n", code)
    code = re.sub(r"&[A-Za-z]", "", code).replace("&&", "&")
    return "\n".join(line.strip() for line in code.splitlines() if line.strip())


class _Book:
    def __init__(self, zf: zipfile.ZipFile, ctx: Ctx):
        self.zf = zf
        self.ctx = ctx
        self.budget = ctx.limits.max_cells
        wb_path = "xl/workbook.xml"
        data = read_part(zf, wb_path, ctx)
        if data is None:
            raise ExtractionError("corrupt", "XLSX without xl/workbook.xml")
        root = parse(data, wb_path)
        pr = root.find(f"{S}workbookPr")
        self.date1904 = pr is not None and pr.get("date1904", "0") in ("1", "true")
        rel = rels(zf, wb_path, ctx)
        self.sheets = []
        for sh in root.iter(f"{S}sheet"):
            target = rel.get(sh.get(f"{R_NS}id", ""))
            if target:
                self.sheets.append((sh.get("name", "?"), sh.get("state", "visible"), target))
        self.names = []
        for dn in root.iter(f"{S}definedName"):
            self.names.append((dn.get("name", ""), (dn.text or "").strip()))
        sst = next((t for t in rel.values() if t.endswith("sharedStrings.xml")), None)
        self.strings = _shared_strings(read_part(zf, sst, ctx) if sst else None)
        sty = next((t for t in rel.values() if t.endswith("styles.xml")), None)
        self.styles = _Styles(read_part(zf, sty, ctx) if sty else None)

    # -- one sheet ---------------------------------------------------------------------------
    def _open_part(self, path: str):
        try:
            info = self.zf.getinfo(path)
        except KeyError:
            return None
        lim = self.ctx.limits
        if info.file_size > lim.max_total_uncompressed:
            raise ExtractionError("limit", f"{path}: part too large")
        if info.file_size > 2**20 and info.file_size > lim.max_ratio * max(info.compress_size, 1):
            raise ExtractionError("limit", f"{path}: compression ratio too high")
        self.ctx.stats.uncompressed += info.file_size
        try:
            return self.zf.open(info)
        except ZIP_ERRORS as exc:
            raise ExtractionError("corrupt", f"{path}: {exc}") from exc

    def rows(self, path: str, meta: dict) -> Iterator[tuple[int, list[tuple[int, str, int]]]]:
        """(row number, [(column, text, style)]) for non-empty rows; fills meta with hidden
        rows/columns and header/footer text as they are met."""
        fh = self._open_part(path)
        if fh is None:
            return
        strings, styles, d1904 = self.strings, self.styles, self.date1904
        c_tag, v_tag, t_tag, row_tag = f"{S}c", f"{S}v", f"{S}t", f"{S}row"
        col_cache: dict[str, int] = {}
        hidden_cols: set[int] = meta["hidden_cols"]
        hidden_rows: set[int] = meta["hidden_rows"]
        last_row = 0
        try:
            head = fh.read(2048)
            fh.close()
            if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
                raise ExtractionError("corrupt", f"{path}: DTD not allowed in a worksheet")
            fh = self.zf.open(path)
        except ZIP_ERRORS as exc:
            raise ExtractionError("corrupt", f"{path}: {exc}") from exc
        hf_tags = tuple(
            f"{S}{n}"
            for n in (
                "oddHeader",
                "oddFooter",
                "evenHeader",
                "evenFooter",
                "firstHeader",
                "firstFooter",
            )
        )
        # lxml (C) with entity resolution, DTD loading and network access off; DTDs were
        # refused above. defusedxml's pure-Python iterparse is ~10x slower on big sheets.
        events = etree.iterparse(
            fh,
            events=("end",),
            tag=(row_tag, f"{S}col") + hf_tags,
            resolve_entities=False,
            load_dtd=False,
            no_network=True,
            huge_tree=False,
            remove_comments=True,
        )
        try:
            for _event, el in events:
                tag = el.tag
                if tag == row_tag:
                    r = el.get("r")
                    rno = int(r) if r and r.isdigit() else last_row + 1
                    last_row = rno
                    if el.get("hidden") in ("1", "true") or _zero(el.get("ht")):
                        hidden_rows.add(rno)
                    cells = []
                    col = 0
                    for c in el.iterchildren(c_tag):
                        attrs = c.attrib
                        ref = attrs.get("r")
                        if ref:
                            letters = ref.rstrip(_DIGITS)
                            col = col_cache.get(letters) or col_cache.setdefault(
                                letters, _col_index(letters.upper())
                            )
                        else:
                            col += 1
                        t = attrs.get("t", "n")
                        s_attr = attrs.get("s")
                        style = int(s_attr) if s_attr else 0
                        if t == "inlineStr":
                            text = "".join(c.itertext(t_tag))
                        else:
                            raw = None
                            for sub in c:
                                if sub.tag == v_tag:
                                    raw = sub.text
                                    break
                            if raw is None:
                                continue
                            if t == "s":
                                try:
                                    text = strings[int(raw)]
                                except (ValueError, IndexError):
                                    text = ""
                            elif t == "n":
                                try:
                                    num = float(raw)
                                except ValueError:
                                    text = raw
                                else:
                                    text = (
                                        _serial_to_date(num, d1904)
                                        if style in styles.date
                                        else cell_str(num)
                                    )
                            elif t == "b":
                                text = "TRUE" if raw in ("1", "true") else "FALSE"
                            elif t == "e":  # #N/A, #REF!: no content
                                continue
                            else:  # str, d
                                text = raw
                        text = text.strip()
                        if text:
                            cells.append((col, text, style))
                    self.budget -= len(cells)
                    if self.budget < 0:
                        raise ExtractionError(
                            "limit", f"more than {self.ctx.limits.max_cells} cells"
                        )
                    el.clear()
                    parent = el.getparent()
                    while el.getprevious() is not None and parent is not None:
                        del parent[0]
                    if cells:
                        yield rno, cells
                elif tag == f"{S}col":
                    if el.get("hidden") in ("1", "true") or _zero(el.get("width")):
                        lo = int(el.get("min", "1") or 1)
                        hi = min(int(el.get("max", str(lo)) or lo), 16384)
                        hidden_cols.update(range(lo, hi + 1))
                elif el.text and el.text.strip():
                    meta["hf"].append((local(tag), _hf_text(el.text)))
        except (etree.XMLSyntaxError, *ZIP_ERRORS) as exc:
            raise ExtractionError("corrupt", f"{path}: {exc}") from exc
        finally:
            fh.close()

    def comments(self, sheet_path: str) -> list[tuple[str, str, str]]:
        """(cell, author, text) of the legacy comments (notes) of a sheet."""
        out = []
        for target in rels(self.zf, sheet_path, self.ctx).values():
            if not re.search(r"comments?\d*\.xml$", target) or "threaded" in target.lower():
                continue
            data = read_part(self.zf, target, self.ctx)
            if not data:
                continue
            root = parse(data, target)
            authors = [a.text or "" for a in root.iter(f"{S}author")]
            for com in root.iter(f"{S}comment"):
                text = "".join(t.text or "" for t in com.iter(f"{S}t")).strip()
                aid = com.get("authorId", "")
                author = authors[int(aid)] if aid.isdigit() and int(aid) < len(authors) else ""
                if text:
                    out.append((com.get("ref", ""), author, text))
        return out

    def sheet(self, name: str, state: str, path: str) -> Iterator[Segment]:
        sheet_hidden = state != "visible"
        meta: dict = {"hidden_rows": set(), "hidden_cols": set(), "hf": []}
        base: dict = {"sheet": name}
        if sheet_hidden:
            base["hidden"] = "sheet"
            if state != "hidden":
                base["state"] = state
        hidden_rows: set[int] = meta["hidden_rows"]
        hidden_cols: set[int] = meta["hidden_cols"]
        hides = self.styles.hides
        headers: dict[int, str] | None = None
        header_row = 0

        def emit(rno: int, cells: list[tuple[int, str, int]]) -> Iterator[Segment]:
            row_hidden = sheet_hidden or rno in hidden_rows
            visible, hidden = [], []
            hidden_kind = "column"
            for c, text, style in cells:
                letter = col_letter(c)
                h = "" if headers is None or rno <= header_row else (headers.get(c) or letter)
                ploc = {"cell": f"{letter}{rno}", "column": h or letter}
                if row_hidden:
                    visible.append((h, text, ploc))
                    continue
                fmt = hides.get(style)
                if fmt:
                    ploc["hidden"] = fmt
                    if c not in hidden_cols and not hidden:
                        hidden_kind = "format"
                    hidden.append((h, text, ploc))
                elif c in hidden_cols:
                    hidden_kind = "column"
                    hidden.append((h, text, ploc))
                else:
                    visible.append((h, text, ploc))
            loc = {**base, "row": rno}
            if headers is not None and header_row and rno == header_row:
                loc["header"] = True
            if row_hidden:
                if not sheet_hidden:
                    loc["hidden"] = "row"
                seg = row_segment(visible, loc, "hidden")
            else:
                seg = row_segment(visible, loc, "table")
            if seg:
                yield seg
            if hidden:
                seg = row_segment(hidden, {**base, "row": rno, "hidden": hidden_kind}, "hidden")
                if seg:
                    yield seg

        buffered: list[tuple[int, list]] = []
        for rno, cells in self.rows(path, meta):
            if headers is None:
                buffered.append((rno, cells))
                if len(buffered) < HEADER_SCAN_ROWS:
                    continue
                headers, header_row = _find_header(buffered)
                for brno, bcells in buffered:
                    yield from emit(brno, bcells)
                buffered = []
                continue
            yield from emit(rno, cells)
        if headers is None:
            headers, header_row = _find_header(buffered)
            for brno, bcells in buffered:
                yield from emit(brno, bcells)

        for ref, author, text in self.comments(path):
            loc = {"sheet": name, "cell": ref, "part": "comment"}
            if author:
                loc["author"] = author
            if sheet_hidden:
                loc["hidden"] = "sheet"
            yield Segment(text, loc, "comment")
        for which, text in meta["hf"]:
            if text:
                layer = "header" if "Header" in which else "footer"
                yield Segment(text, {"sheet": name, "part": layer, "which": which}, layer)


def _find_header(rows: list[tuple[int, list]]) -> tuple[dict[int, str], int]:
    if not rows:
        return {}, 0
    width = max(len(cells) for _, cells in rows)
    for rno, cells in rows:
        values = [t for _, t, _ in cells]
        if looks_like_header(values, width):
            return {c: clean_header(t) for c, t, _ in cells if t}, rno
    return {}, 0


def _pivot_cache(zf, name: str, ctx: Ctx) -> Iterator[Segment]:
    """A pivot table keeps a copy of its source data (the distinct values of every field), even
    after the source sheet was deleted: one segment per field, "field: v1 ; field: v2 ..."."""
    data = read_part(zf, name, ctx)
    if not data:
        return
    for field in parse(data, name).iter(f"{S}cacheField"):
        fname = field.get("name", "")
        triples = []
        for item in field.iter():
            if local(item.tag) in ("s", "n", "d") and item.get("v"):
                triples.append((fname, item.get("v"), {"field": fname}))
        seg = row_segment(triples, {"part": "pivot_cache", "field": fname}, "hidden")
        if seg:
            yield seg


def _extras(zf: zipfile.ZipFile, ctx: Ctx) -> Iterator[Segment]:
    """Drawing text boxes/shapes, threaded comments, pivot caches, external-link caches."""
    for name in zf.namelist():
        if not name.endswith(".xml") or "/_rels/" in name:
            continue
        if name.startswith("xl/drawings/") and "/charts/" not in name:
            data = read_part(zf, name, ctx)
            if not data:
                continue
            texts = []
            for el in parse(data, name).iter():
                if local(el.tag) == "t" and el.text:
                    texts.append(el.text)
                elif local(el.tag) == "cNvPr" and el.get("descr"):
                    texts.append(el.get("descr"))
            if "".join(texts).strip():
                loc = {"part": "drawing", "drawing": Path(name).name}
                yield Segment("\n".join(texts), loc, "body")
        elif name.startswith("xl/threadedComments/"):
            data = read_part(zf, name, ctx)
            if not data:
                continue
            for tc in parse(data, name).iter():
                if local(tc.tag) != "threadedComment":
                    continue
                text = "".join(t.text or "" for t in tc.iter() if local(t.tag) == "text")
                if text.strip():
                    loc = {"part": "comment", "cell": tc.get("ref", ""), "threaded": True}
                    yield Segment(text.strip(), loc, "comment")
        elif name.startswith("xl/pivotCache/pivotCacheDefinition"):
            yield from _pivot_cache(zf, name, ctx)
        elif name.startswith("xl/externalLinks/"):
            data = read_part(zf, name, ctx)
            if not data:
                continue
            vals = [
                el.text
                for el in parse(data, name).iter()
                if local(el.tag) == "v" and el.text and el.text.strip()
            ]
            if vals:
                loc = {"part": "external_link_cache", "link": Path(name).name}
                yield Segment("\n".join(vals), loc, "hidden")


def extract(src: Source, ctx: Ctx) -> Iterator[Segment]:
    fh = open_source(src)
    try:
        zf = open_zip(fh)
        with zf:
            book = _Book(zf, ctx)
            ctx.stats.pages += 1
            for name, state, path in book.sheets:
                yield from book.sheet(name, state, path)
            for dname, value in book.names:
                if dname.startswith("_xlnm.") or not value:
                    continue
                yield Segment(
                    f"{dname}: {value}", {"part": "defined_name", "name": dname}, "metadata"
                )
            yield from ooxml_graphics(zf, ctx)
            yield from _extras(zf, ctx)
            for field, value, part in ooxml_properties(zf, ctx):
                yield Segment(value, {"part": part, "field": field}, "metadata")
            yield from extract_embedded(zf, ctx)
    finally:
        fh.close()
