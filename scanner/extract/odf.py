"""OpenDocument (ODT/ODS/ODP): paragraphs, tables/sheets as rows, annotations (comments),
tracked changes, hidden text/paragraphs/rows/columns, headers/footers, meta.xml."""

from __future__ import annotations

from collections.abc import Iterator

from scanner.extract._common import (
    Ctx,
    ExtractionError,
    Source,
    clean_header,
    col_letter,
    looks_like_header,
    open_source,
    row_segment,
)
from scanner.extract._xml import local, open_zip, parse, read_part
from scanner.model import Segment

T = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
TB = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
OFF = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
DC = "{http://purl.org/dc/elements/1.1/}"
DRAW = "{urn:oasis:names:tc:opendocument:xmlns:drawing:1.0}"
_MAX_REPEAT = 1000


class _Odf:
    def __init__(self, ctx: Ctx):
        self.ctx = ctx
        self.side: list[Segment] = []
        self.para_no = 0
        self.table_no = 0
        self.comment_no = 0
        self.cells = ctx.limits.max_cells

    def text(self, el, base: dict) -> str:
        """Visible text of a paragraph-like element; side layers go to self.side."""
        out: list[str] = []
        if el.text:
            out.append(el.text)
        for child in el:
            tag = child.tag
            if tag == f"{OFF}annotation":
                self.comment_no += 1
                body = "\n".join("".join(p.itertext()) for p in child.iter(f"{T}p"))
                author = child.find(f"{DC}creator")
                loc = {**base, "part": "comment", "comment": self.comment_no}
                if author is not None and author.text:
                    loc["author"] = author.text
                if body.strip():
                    self.side.append(Segment(body.strip(), loc, "comment"))
            elif tag in (f"{T}hidden-text", f"{T}hidden-paragraph"):
                val = child.get(f"{T}string-value") or "".join(child.itertext())
                if val.strip():
                    self.side.append(Segment(val.strip(), {**base, "hidden": "text"}, "hidden"))
            elif tag in (f"{T}note",):
                body = (
                    "".join(child.find(f"{T}note-body").itertext())
                    if child.find(f"{T}note-body") is not None
                    else ""
                )
                if body.strip():
                    self.side.append(
                        Segment(
                            body.strip(),
                            {"part": "footnote", "note": child.get(f"{T}id", "")},
                            "footnote",
                        )
                    )
            elif tag == f"{T}s":
                out.append(" " * int(child.get(f"{T}c", "1") or 1))
            elif tag == f"{T}tab":
                out.append("\t")
            elif tag == f"{T}line-break":
                out.append("\n")
            elif tag == f"{T}tracked-changes":
                pass
            else:
                out.append(self.text(child, base))
            if child.tail:
                out.append(child.tail)
        return "".join(out)

    def blocks(self, el, base: dict, layer: str) -> Iterator[Segment]:
        for child in el:
            tag = child.tag
            if tag in (f"{T}p", f"{T}h"):
                self.para_no += 1
                loc = {**base, "paragraph": self.para_no}
                t = self.text(child, loc)
                if t.strip():
                    yield Segment(t, loc, layer)
            elif tag == f"{TB}table":
                yield from self.table(child, base, layer)
            elif tag == f"{T}tracked-changes":
                for region in child.iter(f"{T}changed-region"):
                    for kind in ("deletion", "insertion"):
                        for ch in region.iter(f"{T}{kind}"):
                            body = "\n".join("".join(p.itertext()) for p in ch.iter(f"{T}p"))
                            author = next((a.text for a in ch.iter(f"{DC}creator")), "")
                            if body.strip():
                                loc = {"part": "tracked_change", "kind": kind}
                                if author:
                                    loc["author"] = author
                                yield Segment(body.strip(), loc, "tracked_change")
            elif tag in (
                f"{T}section",
                f"{T}list",
                f"{T}list-item",
                f"{T}list-header",
                f"{DRAW}page",
                f"{DRAW}frame",
                f"{DRAW}text-box",
                f"{DRAW}custom-shape",
                f"{DRAW}g",
                f"{OFF}text",
                f"{OFF}presentation",
                f"{T}index-body",
                f"{T}table-of-content",
                f"{TB}table-header-rows",
                f"{TB}table-rows",
                f"{TB}table-row-group",
            ):
                sub = base
                if tag == f"{DRAW}page":
                    sub = {**base, "slide": child.get(f"{DRAW}name", "")}
                yield from self.blocks(child, sub, layer)
            yield from self._drain()

    def _drain(self) -> Iterator[Segment]:
        side, self.side = self.side, []
        yield from side

    def table(self, tbl, base: dict, layer: str) -> Iterator[Segment]:
        self.table_no += 1
        name = tbl.get(f"{TB}name", "")
        sheet_mode = base.get("part") == "sheet"
        hidden_cols: set[int] = set()
        col = 1
        for c in tbl.iter(f"{TB}table-column"):
            rep = min(int(c.get(f"{TB}number-columns-repeated", "1") or 1), 16384)
            if c.get(f"{TB}visibility") in ("collapse", "filter"):
                hidden_cols.update(range(col, col + min(rep, _MAX_REPEAT)))
            col += rep
        rows: list[tuple[int, bool, list[tuple[int, str]]]] = []
        rno = 0
        for tr in tbl.iter(f"{TB}table-row"):
            rep = int(tr.get(f"{TB}number-rows-repeated", "1") or 1)
            hidden = tr.get(f"{TB}visibility") in ("collapse", "filter")
            cells, c = [], 1
            for tc in tr:
                if local(tc.tag) not in ("table-cell", "covered-table-cell"):
                    continue
                crep = int(tc.get(f"{TB}number-columns-repeated", "1") or 1)
                txt = "\n".join(self.text(p, base) for p in tc if p.tag in (f"{T}p", f"{T}h"))
                txt = txt.strip()
                if txt:
                    for k in range(min(crep, _MAX_REPEAT)):
                        cells.append((c + k, txt))
                c += crep
            self.cells -= len(cells) * min(rep, _MAX_REPEAT)
            if self.cells < 0:
                raise ExtractionError("limit", f"more than {self.ctx.limits.max_cells} cells")
            for _ in range(min(rep, _MAX_REPEAT) if cells else 1):
                rno += 1
                if cells:
                    rows.append((rno, hidden, cells))
            if not cells:
                rno += rep - 1
        width = max((len(r[2]) for r in rows), default=0)
        headers, hrow = {}, 0
        for rno_, _, cells in rows[:30]:
            if looks_like_header([t for _, t in cells], width):
                headers, hrow = {c: clean_header(t) for c, t in cells}, rno_
                break
        sheet_hidden = base.get("hidden") == "sheet"
        for rno_, hidden, cells in rows:
            if sheet_mode:
                loc = {"sheet": name, "row": rno_}
                if sheet_hidden:
                    loc["hidden"] = "sheet"
            else:
                loc = {"part": "table", "table": self.table_no, "row": rno_}
            vis, hid = [], []
            for c, t in cells:
                h = "" if (hrow and rno_ <= hrow) else (headers.get(c) or col_letter(c))
                ploc = {
                    "cell": f"{col_letter(c)}{rno_}" if sheet_mode else c,
                    "column": h or col_letter(c),
                }
                (hid if c in hidden_cols and not hidden else vis).append((h, t, ploc))
            lay = layer if layer == "hidden" else "table"
            if hidden:
                loc["hidden"] = loc.get("hidden", "row")
                lay = "hidden"
            seg = row_segment(vis, loc, lay)
            if seg:
                yield seg
            if hid:
                seg = row_segment(hid, {**loc, "hidden": "column"}, "hidden")
                if seg:
                    yield seg
            yield from self._drain()


def extract(src: Source, ctx: Ctx) -> Iterator[Segment]:
    fh = open_source(src)
    try:
        zf = open_zip(fh)
        with zf:
            content = read_part(zf, "content.xml", ctx)
            if content is None:
                raise ExtractionError("corrupt", "OpenDocument without content.xml")
            ctx.stats.pages += 1
            root = parse(content, "content.xml")
            doc = _Odf(ctx)
            body = root.find(f"{OFF}body")
            if body is None:
                raise ExtractionError("corrupt", "OpenDocument without a body")
            for kind in body:
                if local(kind.tag) == "spreadsheet":
                    for tbl in kind.findall(f"{TB}table"):
                        yield from doc.table(tbl, {"part": "sheet"}, "table")
                else:
                    yield from doc.blocks(kind, {"part": "body"}, "body")
            styles = read_part(zf, "styles.xml", ctx)
            if styles:
                sroot = parse(styles, "styles.xml")
                for el in sroot.iter():
                    name = local(el.tag)
                    if name in (
                        "header",
                        "footer",
                        "header-left",
                        "footer-left",
                        "header-first",
                        "footer-first",
                    ):
                        text = "\n".join(doc.text(p, {}) for p in el.iter(f"{T}p"))
                        if text.strip():
                            kind = "header" if name.startswith("header") else "footer"
                            yield Segment(text.strip(), {"part": kind}, kind)
            meta = read_part(zf, "meta.xml", ctx)
            if meta:
                for el in parse(meta, "meta.xml").iter():
                    name = local(el.tag)
                    value = (el.text or "").strip()
                    if name == "user-defined":
                        name = el.get("{urn:oasis:names:tc:opendocument:xmlns:meta:1.0}name", name)
                    if (
                        value
                        and name
                        in (
                            "title",
                            "subject",
                            "description",
                            "creator",
                            "initial-creator",
                            "keyword",
                        )
                        or (value and el.tag.endswith("user-defined"))
                    ):
                        yield Segment(value, {"part": "metadata", "field": name}, "metadata")
    finally:
        fh.close()
