"""DOCX: body paragraphs, tables (one segment per row), headers/footers, footnotes/endnotes,
comments, tracked changes, text boxes, hidden (vanish / white) runs, alt text, properties.

The package is read directly (zip + defusedxml): python-docx models neither comments' authors
with their text, tracked changes, footnotes nor text boxes, and the direct walk is faster.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from xml.etree.ElementTree import Element

from scanner.extract._common import (
    Ctx,
    ExtractionError,
    Source,
    clean_header,
    col_letter,
    header_index,
    open_source,
    row_segment,
)
from scanner.extract._xml import (
    MC_FALLBACK,
    R_NS,
    W,
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

WP_DOCPR = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"
_SKIP = {
    f"{W}rPr",
    f"{W}pPr",
    f"{W}instrText",
    f"{W}delInstrText",
    f"{W}sectPr",
    f"{W}tblPr",
    f"{W}trPr",
    f"{W}tcPr",
    MC_FALLBACK,
}


def _on(el: Element | None) -> bool:
    return el is not None and el.get(f"{W}val", "true").lower() not in ("0", "false", "off")


def _run_hidden(run: Element) -> str | None:
    rpr = run.find(f"{W}rPr")
    if rpr is None:
        return None
    if _on(rpr.find(f"{W}vanish")) or _on(rpr.find(f"{W}specVanish")):
        return "vanish"
    sz = rpr.find(f"{W}sz")
    if sz is not None and (sz.get(f"{W}val") or "").isdigit() and int(sz.get(f"{W}val")) < 4:
        return "tiny_text"  # below 2 pt
    color = rpr.find(f"{W}color")
    if color is not None and color.get(f"{W}val", "").upper() in ("FFFFFF", "FFFFFE"):
        hl = rpr.find(f"{W}highlight")
        shd = rpr.find(f"{W}shd")
        if hl is None and (shd is None or shd.get(f"{W}fill", "auto") in ("auto", "FFFFFF")):
            return "white_text"
    return None


@dataclass
class _Para:
    """Text of one paragraph and what was found inside it on the way."""

    text: list[str] = field(default_factory=list)
    hidden: list[tuple[str, str]] = field(default_factory=list)
    changes: list[tuple[str, str, str]] = field(default_factory=list)  # kind, author, text
    textboxes: list[Element] = field(default_factory=list)
    alt: list[str] = field(default_factory=list)


def _walk(el: Element, out: _Para, sink: list[str], change: tuple[str, str] | None) -> None:
    """Collect the visible text of ``el`` into ``sink``; side findings into ``out``."""
    for child in el:
        tag = child.tag
        if tag in _SKIP:
            continue
        if tag == f"{W}t":
            if child.text:
                sink.append(child.text)
                if change:
                    out.changes.append((change[0], change[1], child.text))
        elif tag == f"{W}delText":
            if child.text:
                out.changes.append(("deletion", change[1] if change else "", child.text))
        elif tag == f"{W}tab":
            sink.append("\t")
        elif tag in (f"{W}br", f"{W}cr"):
            sink.append("\n")
        elif tag == f"{W}noBreakHyphen":
            sink.append("-")
        elif tag == f"{W}txbxContent":
            out.textboxes.append(child)
        elif tag == WP_DOCPR:
            for attr in ("descr", "title"):
                if child.get(attr, "").strip():
                    out.alt.append(child.get(attr).strip())
        elif tag == f"{W}r":
            why = _run_hidden(child)
            if why:
                hid: list[str] = []
                _walk(child, out, hid, change)
                if "".join(hid).strip():
                    out.hidden.append((why, "".join(hid)))
            else:
                _walk(child, out, sink, change)
        elif tag in (f"{W}ins", f"{W}moveTo"):
            _walk(child, out, sink, ("insertion", child.get(f"{W}author", "")))
        elif tag in (f"{W}del", f"{W}moveFrom"):
            _walk(child, out, [], ("deletion", child.get(f"{W}author", "")))
        else:
            _walk(child, out, sink, change)


def _para(p: Element) -> _Para:
    out = _Para()
    _walk(p, out, out.text, None)
    return out


def _side(pr: _Para, base: dict) -> Iterator[Segment]:
    """Hidden runs, tracked changes and alt text found inside a paragraph."""
    for why, txt in pr.hidden:
        yield Segment(txt, {**base, "hidden": why}, "hidden")
    merged: dict[tuple[str, str], list[str]] = {}
    for kind, author, txt in pr.changes:
        merged.setdefault((kind, author), []).append(txt)
    for (kind, author), txts in merged.items():
        text = "".join(txts)
        if text.strip():
            loc = {**base, "part": "tracked_change", "kind": kind}
            if author:
                loc["author"] = author
            yield Segment(text, loc, "tracked_change")
    for alt in pr.alt:
        yield Segment(alt, {**base, "part": "alt_text"}, "metadata")


class _Doc:
    def __init__(self, ctx: Ctx):
        self.ctx = ctx
        self.textbox = 0
        self.table = 0
        self.paragraph = 0

    # -- blocks -------------------------------------------------------------------------
    def blocks(self, container: Element, base: dict, layer: str) -> Iterator[Segment]:
        """Paragraphs and tables of a body-like container, in order."""
        for child in container:
            tag = child.tag
            if tag == f"{W}p":
                self.paragraph += 1
                pr = _para(child)
                loc = {**base, "paragraph": self.paragraph} if base.get("part") == "body" else base
                text = "".join(pr.text)
                if text.strip():
                    yield Segment(text, loc, layer)
                yield from _side(pr, loc)
                yield from self.textboxes(pr)
            elif tag == f"{W}tbl":
                yield from self.table_rows(child, base, layer)
            elif tag in (f"{W}sdt", f"{W}customXml", f"{W}sdtContent", f"{W}smartTag"):
                inner = child.find(f"{W}sdtContent") if tag == f"{W}sdt" else child
                if inner is not None:
                    yield from self.blocks(inner, base, layer)

    def textboxes(self, pr: _Para) -> Iterator[Segment]:
        for box in pr.textboxes:
            self.textbox += 1
            texts = []
            for p in box.iter(f"{W}p"):
                sub = _para(p)
                texts.append("".join(sub.text))
                yield from _side(sub, {"part": "textbox", "textbox": self.textbox})
            text = "\n".join(t for t in texts if t.strip())
            if text.strip():
                yield Segment(text, {"part": "textbox", "textbox": self.textbox}, "body")

    def _cells(self, tr: Element) -> list[tuple[int, str, list[_Para]]]:
        """(grid column, text, paragraphs) for each cell of a row."""
        cells = []
        col = 1
        for tc in tr:
            if tc.tag == f"{W}sdt":
                inner = tc.find(f"{W}sdtContent")
                tcs = list(inner.iter(f"{W}tc")) if inner is not None else []
            elif tc.tag == f"{W}tc":
                tcs = [tc]
            else:
                continue
            for cell in tcs:
                span = 1
                tcpr = cell.find(f"{W}tcPr")
                if tcpr is not None:
                    gs = tcpr.find(f"{W}gridSpan")
                    if gs is not None and gs.get(f"{W}val", "1").isdigit():
                        span = max(1, int(gs.get(f"{W}val")))
                paras = [_para(p) for p in cell.iter(f"{W}p")]
                text = "\n".join("".join(p.text) for p in paras).strip()
                cells.append((col, text, paras))
                col += span
        return cells

    def table_rows(self, tbl: Element, base: dict, layer: str) -> Iterator[Segment]:
        self.table += 1
        tno = self.table
        in_body = base.get("part") == "body"
        rows = [self._cells(tr) for tr in tbl.findall(f"{W}tr")]
        width = max((len(r) for r in rows), default=0)
        kv = _is_key_value(rows)
        headers: dict[int, str] = {}
        first = None if kv else header_index([[t for _, t, _ in r] for r in rows], width)
        if first is not None:
            headers = {c: clean_header(t) for c, t, _ in rows[first] if t}
        for rno, cells in enumerate(rows, 1):
            loc = (
                {"part": "table", "table": tno, "row": rno}
                if in_body
                else {**base, "table": tno, "row": rno}
            )
            row_layer = "table" if in_body else layer
            if kv:
                seg = _kv_segment(cells, loc, row_layer)
            elif first is not None and rno - 1 <= first:
                seg = row_segment(
                    [("", t, {"cell": c, "column": t}) for c, t, _ in cells],
                    {**loc, "header": True} if rno - 1 == first else loc,
                    row_layer,
                )
            else:
                triples = []
                for c, t, _ in cells:
                    h = headers.get(c, "") or col_letter(c)
                    triples.append((h, t, {"cell": c, "column": h}))
                seg = row_segment(triples, loc, row_layer)
            if seg:
                yield seg
            for c, _, paras in cells:
                for pr in paras:
                    yield from _side(pr, {**loc, "cell": c})
                    yield from self.textboxes(pr)


_SEPS = (":", "=")


def _kv_pairs(texts: list[tuple[int, str]]) -> tuple[list, int]:
    """Split a row into (label, value, cell) pairs: "Nama | : | Siti", "Nama: | Siti",
    "Nama | : Siti", repeated across the row; other cells stay bare. Returns (pairs, n_kv)."""
    out = []
    kv = 0
    i = 0
    while i < len(texts):
        c, t = texts[i]
        nxt = texts[i + 1][1] if i + 1 < len(texts) else None
        if nxt is not None and nxt.strip() in _SEPS and i + 2 <= len(texts):
            label = t.rstrip(":= ").strip()
            if i + 2 < len(texts):
                vc, vt = texts[i + 2]
                out.append((label, vt.lstrip(":= \t").strip(), vc))
            kv += 1
            i += 3
            continue
        if nxt is not None and t and t.rstrip().endswith(_SEPS) and len(t) <= 60:
            out.append((t.rstrip().rstrip(":=").strip(), nxt.strip(), texts[i + 1][0]))
            kv += 1
            i += 2
            continue
        if nxt is not None and t and nxt.startswith(_SEPS) and len(t) <= 60:
            out.append((t.strip(), nxt.lstrip(":= \t").strip(), texts[i + 1][0]))
            kv += 1
            i += 2
            continue
        out.append(("", t, c))
        i += 1
    return out, kv


def _is_key_value(rows: list[list[tuple[int, str, list]]]) -> bool:
    """Form-like tables: "Nama | : | Siti" or "Nama: | Siti" rows (possibly twice a row)."""
    widths = {len(r) for r in rows if r}
    if not rows or not widths or max(widths) > 9 or max(widths) < 2:
        return False
    hits = sum(1 for r in rows if _kv_pairs([(c, t) for c, t, _ in r])[1])
    return hits * 2 >= len(rows)


def _kv_segment(cells, loc: dict, layer: str) -> Segment | None:
    pairs, _ = _kv_pairs([(c, t) for c, t, _ in cells])
    triples = [
        (label, value, {"cell": c, "column": label or col_letter(c)}) for label, value, c in pairs
    ]
    return row_segment(triples, loc, layer)


def _section_parts(doc_root: Element, rel: dict[str, str]) -> dict[str, tuple[str, int, str]]:
    """header/footer part path -> (kind, section number, type) from the sectPr references."""
    out: dict[str, tuple[str, int, str]] = {}
    sects = list(doc_root.iter(f"{W}sectPr"))
    for sno, sect in enumerate(sects, 1):
        for ref in sect:
            kind = local(ref.tag)
            if kind in ("headerReference", "footerReference"):
                target = rel.get(ref.get(f"{R_NS}id", ""))
                if target and target not in out:
                    out[target] = (kind[:6], sno, ref.get(f"{W}type", "default"))
    return out


def extract(src: Source, ctx: Ctx) -> Iterator[Segment]:
    fh = open_source(src)
    try:
        zf = open_zip(fh)
        with zf:
            names = zf.namelist()
            main = "word/document.xml"
            if main not in names:
                cand = [n for n in names if n.endswith("document.xml") and n.startswith("word/")]
                if not cand:
                    raise ExtractionError("corrupt", "DOCX without word/document.xml")
                main = cand[0]
            ctx.stats.pages += 1
            root = parse(read_part(zf, main, ctx) or b"", main)
            body = root.find(f"{W}body")
            if body is None:
                raise ExtractionError("corrupt", "DOCX without a body")
            doc = _Doc(ctx)
            yield from doc.blocks(body, {"part": "body"}, "body")

            rel = rels(zf, main, ctx)
            sections = _section_parts(root, rel)
            seen = set()
            for path, (kind, sno, typ) in sections.items():
                seen.add(path)
                yield from _hf(zf, path, kind, sno, typ, doc, ctx)
            for path in names:  # headers/footers not referenced by any section
                base = path.rpartition("/")[2]
                if path in seen or not path.startswith("word/"):
                    continue
                if base.startswith("header") and base.endswith(".xml"):
                    yield from _hf(zf, path, "header", 0, "unreferenced", doc, ctx)
                elif base.startswith("footer") and base.endswith(".xml"):
                    yield from _hf(zf, path, "footer", 0, "unreferenced", doc, ctx)

            yield from _notes(zf, "word/footnotes.xml", "footnote", ctx)
            yield from _notes(zf, "word/endnotes.xml", "endnote", ctx)
            yield from _comments(zf, ctx)
            yield from ooxml_graphics(zf, ctx)
            yield from _doc_vars(zf, ctx)
            yield from extract_embedded(zf, ctx)
            for name, value, part in ooxml_properties(zf, ctx):
                yield Segment(value, {"part": part, "field": name}, "metadata")
    finally:
        fh.close()


def _hf(zf, path, kind, sno, typ, doc: _Doc, ctx: Ctx) -> Iterator[Segment]:
    data = read_part(zf, path, ctx)
    if not data:
        return
    root = parse(data, path)
    base = {"part": kind, "section": sno}
    if typ != "default":
        base["type"] = typ
    texts = []
    side: list[Segment] = []
    for p in root.iter(f"{W}p"):
        pr = _para(p)
        texts.append("".join(pr.text))
        side.extend(_side(pr, base))
        side.extend(doc.textboxes(pr))
    text = "\n".join(t for t in texts if t.strip())
    if text.strip():
        yield Segment(text, base, kind)
    yield from side


def _notes(zf, path: str, kind: str, ctx: Ctx) -> Iterator[Segment]:
    data = read_part(zf, path, ctx)
    if not data:
        return
    for note in parse(data, path):
        if note.get(f"{W}type") in ("separator", "continuationSeparator", "continuationNotice"):
            continue
        nid = note.get(f"{W}id", "")
        base = {"part": kind, kind: int(nid) if nid.lstrip("-").isdigit() else nid}
        texts = []
        for p in note.iter(f"{W}p"):
            pr = _para(p)
            texts.append("".join(pr.text))
            yield from _side(pr, base)
        text = "\n".join(t for t in texts if t.strip())
        if text.strip():
            yield Segment(text, base, "footnote")


def _comments(zf, ctx: Ctx) -> Iterator[Segment]:
    data = read_part(zf, "word/comments.xml", ctx)
    if not data:
        return
    for n, com in enumerate(parse(data, "comments.xml").findall(f"{W}comment"), 1):
        texts = ["".join(_para(p).text) for p in com.iter(f"{W}p")]
        text = "\n".join(t for t in texts if t.strip())
        if not text.strip():
            continue
        loc = {"part": "comment", "author": com.get(f"{W}author", ""), "comment": n}
        if com.get(f"{W}date"):
            loc["date"] = com.get(f"{W}date")
        yield Segment(text, loc, "comment")


def _doc_vars(zf, ctx: Ctx) -> Iterator[Segment]:
    """Document variables (word/settings.xml w:docVars): invisible name/value pairs that
    templates and mail merges fill in."""
    data = read_part(zf, "word/settings.xml", ctx)
    if not data:
        return
    for var in parse(data, "settings.xml").iter(f"{W}docVar"):
        value = (var.get(f"{W}val") or "").strip()
        if value:
            name = var.get(f"{W}name", "")
            yield Segment(value, {"part": "document_variable", "field": name}, "metadata")
