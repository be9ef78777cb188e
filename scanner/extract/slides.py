"""PPTX: slide text (hidden slides -> layer "hidden"), tables as rows, speaker notes, comments
(legacy and modern), alt text, properties. Read directly from the package (zip + defusedxml)."""

from __future__ import annotations

from collections.abc import Iterator

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

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"


def _paras(root) -> list[str]:
    out = []
    for p in root.iter(f"{A}p"):
        t = "".join(
            (el.text or "") if el.tag == f"{A}t" else "\n"
            for el in p.iter()
            if el.tag in (f"{A}t", f"{A}br")
        )
        if t.strip():
            out.append(t)
    return out


def _tables(root, base: dict, layer: str) -> Iterator[Segment]:
    for tno, tbl in enumerate(root.iter(f"{A}tbl"), 1):
        rows = []
        for tr in tbl.iter(f"{A}tr"):
            rows.append(
                [(c, "\n".join(_paras(tc)).strip()) for c, tc in enumerate(tr.findall(f"{A}tc"), 1)]
            )
        width = max((len(r) for r in rows), default=0)
        headers = {}
        first = header_index([[t for _, t in r] for r in rows], width)
        if first is not None:
            headers = {c: clean_header(t) for c, t in rows[first] if t}
        for rno, cells in enumerate(rows, 1):
            loc = {**base, "table": tno, "row": rno}
            if first is not None and rno - 1 <= first:
                seg = row_segment([("", t, {"cell": c}) for c, t in cells], loc, layer)
            else:
                seg = row_segment(
                    [
                        (
                            headers.get(c) or col_letter(c),
                            t,
                            {"cell": c, "column": headers.get(c) or col_letter(c)},
                        )
                        for c, t in cells
                    ],
                    loc,
                    layer,
                )
            if seg:
                yield seg


def extract(src: Source, ctx: Ctx) -> Iterator[Segment]:
    fh = open_source(src)
    try:
        zf = open_zip(fh)
        with zf:
            pres = read_part(zf, "ppt/presentation.xml", ctx)
            if pres is None:
                raise ExtractionError("corrupt", "PPTX without ppt/presentation.xml")
            prel = rels(zf, "ppt/presentation.xml", ctx)
            order = [prel.get(s.get(f"{R_NS}id", "")) for s in parse(pres).iter(f"{P}sldId")]
            slides = [s for s in order if s] or sorted(
                (
                    n
                    for n in zf.namelist()
                    if n.startswith("ppt/slides/slide") and n.endswith(".xml")
                ),
                key=lambda n: int("".join(ch for ch in n if ch.isdigit()) or 0),
            )
            authors = {}
            adata = read_part(zf, "ppt/commentAuthors.xml", ctx)
            if adata:
                for a in parse(adata).iter(f"{P}cmAuthor"):
                    authors[a.get("id")] = a.get("name", "")
            for sno, path in enumerate(slides, 1):
                if sno > ctx.limits.max_pages:
                    raise ExtractionError("limit", f"more than {ctx.limits.max_pages} slides")
                data = read_part(zf, path, ctx)
                if not data:
                    continue
                ctx.stats.pages += 1
                root = parse(data, path)
                hidden = root.get("show") in ("0", "false")
                layer = "hidden" if hidden else "body"
                base = {"slide": sno, **({"hidden": "slide"} if hidden else {})}
                paras = []
                for sp in root.iter():
                    if local(sp.tag) == "txBody" and not any(True for _ in sp.iter(f"{A}tbl")):
                        paras.extend(_paras(sp))
                    elif local(sp.tag) == "cNvPr":
                        for attr in ("descr", "title"):
                            if sp.get(attr, "").strip():
                                yield Segment(
                                    sp.get(attr).strip(), {**base, "part": "alt_text"}, "metadata"
                                )
                if paras:
                    yield Segment("\n".join(paras), base, layer)
                yield from _tables(root, {**base, "part": "table"}, "hidden" if hidden else "table")
                srel = rels(zf, path, ctx)
                for target in srel.values():
                    name = target.rpartition("/")[2]
                    if name.startswith("notesSlide"):
                        nd = read_part(zf, target, ctx)
                        if nd:
                            text = "\n".join(_paras(parse(nd, target)))
                            if text.strip():
                                yield Segment(text, {"slide": sno, "part": "notes"}, "comment")
                    elif "comment" in name.lower() and name.endswith(".xml"):
                        cd = read_part(zf, target, ctx)
                        if not cd:
                            continue
                        for n, cm in enumerate(
                            (c for c in parse(cd, target).iter() if local(c.tag) == "cm"), 1
                        ):
                            text = "\n".join(
                                t.text
                                for t in cm.iter()
                                if local(t.tag) in ("text", "t") and t.text
                            )
                            if text.strip():
                                loc = {"slide": sno, "part": "comment", "comment": n}
                                author = authors.get(cm.get("authorId"))
                                if author:
                                    loc["author"] = author
                                yield Segment(text.strip(), loc, "comment")
            yield from ooxml_graphics(zf, ctx)
            yield from extract_embedded(zf, ctx)
            for field, value, part in ooxml_properties(zf, ctx):
                yield Segment(value, {"part": part, "field": field}, "metadata")
    finally:
        fh.close()
