"""PDF: page text (pypdfium2), metadata, annotations, form fields, attachments, and the hidden
layers: text under dark boxes / redaction annotations (failed redaction), invisible and white
text.

Everything goes through PDFium (fast); pdfplumber is not needed: PDFium's bounded-text call
gives the characters lying under a box, and its page-object API gives fill colours and text
render modes. Each page costs one text extraction plus one pass over its page objects.
"""

from __future__ import annotations

import ctypes
from collections.abc import Iterator
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pc

from scanner.extract._common import Ctx, ExtractionError, Source
from scanner.model import Segment

_META_FIELDS = ("Title", "Author", "Subject", "Keywords", "Creator", "Producer")
_DARK = 90  # max luminance (0-255) of a fill that hides text
_MIN_BOX = 4.0  # points: smaller boxes are rules/lines, not covers
_MAX_COVER_CHECKS = 400  # filled shapes per page tested against the text drawn before them
_MAX_GROUNDS = 2000


def _open(src: Source) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(src if isinstance(src, Path | str) else bytes(src))
    except pdfium.PdfiumError as exc:
        code = getattr(exc, "err_code", None)
        if code in (pc.FPDF_ERR_PASSWORD, pc.FPDF_ERR_SECURITY):
            raise ExtractionError("encrypted", "PDF is password-protected") from exc
        raise ExtractionError("corrupt", f"PDF cannot be opened: {exc}") from exc


def count_pages(path: Path) -> int:
    doc = _open(path)
    try:
        return len(doc)
    finally:
        doc.close()


def _wstr(fn, *args) -> str:
    """Call a PDFium 'get string' API that fills a UTF-16LE buffer (size in bytes)."""
    n = fn(*args, None, 0)
    if n <= 2:
        return ""
    buf = ctypes.create_string_buffer(n)
    fn(*args, ctypes.cast(buf, ctypes.POINTER(ctypes.c_ushort)), n)
    return buf.raw[: n - 2].decode("utf-16-le", "ignore")


def _lum(r: int, g: int, b: int) -> float:
    return 0.299 * r + 0.587 * g + 0.114 * b


def _bounds(obj) -> tuple[float, float, float, float] | None:
    lft, bot, rgt, top = ctypes.c_float(), ctypes.c_float(), ctypes.c_float(), ctypes.c_float()
    if not pc.FPDFPageObj_GetBounds(obj, lft, bot, rgt, top):
        return None
    return lft.value, bot.value, rgt.value, top.value


def _fill(obj) -> tuple[int, int, int, int] | None:
    r, g, b, a = ctypes.c_uint(), ctypes.c_uint(), ctypes.c_uint(), ctypes.c_uint()
    if not pc.FPDFPageObj_GetFillColor(obj, r, g, b, a):
        return None
    return r.value, g.value, b.value, a.value


def _font_size(obj) -> float:
    """Effective font size of a text object (its size times the vertical scale)."""
    size = ctypes.c_float()
    if not pc.FPDFTextObj_GetFontSize(obj, size):
        return 12.0
    m = pc.FS_MATRIX()
    if pc.FPDFPageObj_GetMatrix(obj, m):
        scale = (m.c * m.c + m.d * m.d) ** 0.5
        return size.value * scale if scale > 0 else size.value
    return size.value


def _overlap(a, b) -> float:
    """Area of the intersection of two (l, b, r, t) boxes."""
    w = min(a[2], b[2]) - max(a[0], b[0])
    h = min(a[3], b[3]) - max(a[1], b[1])
    return w * h if w > 0 and h > 0 else 0.0


def _scan_objects(page, textpage, page_area: float, box: tuple[float, float, float, float]):
    """One pass over the top-level page objects.

    Returns (cover boxes drawn over earlier text, hidden texts, has_big_image).
    """
    covers: list[tuple[tuple[float, float, float, float], str]] = []
    candidates: list[tuple[int, tuple[float, float, float, float], str]] = []
    hidden: list[str] = []
    text_boxes: list[tuple[float, float, float, float]] = []
    grounds: list[tuple[float, float, float, float]] = []  # coloured fills and images so far
    checks = 0
    big_image = False
    raw_page = page.raw
    n = pc.FPDFPage_CountObjects(raw_page)
    fillmode, stroke = ctypes.c_int(), ctypes.c_int()
    for i in range(n):
        obj = pc.FPDFPage_GetObject(raw_page, i)
        if not obj:
            continue
        kind = pc.FPDFPageObj_GetType(obj)
        if kind == pc.FPDF_PAGEOBJ_TEXT:
            bb = _bounds(obj)
            if bb is not None:
                text_boxes.append(bb)
            mode = pc.FPDFTextObj_GetTextRenderMode(obj)
            invisible = mode == pc.FPDF_TEXTRENDERMODE_INVISIBLE
            white = False
            if not invisible and mode in (0, 2):  # fill / fill+stroke
                col = _fill(obj)
                white = col is not None and min(col[:3]) >= 250 and col[3] > 0
                if col is not None and col[3] == 0:
                    invisible = True
                if white and bb is not None and any(_overlap(bb, g) > 0 for g in grounds):
                    white = False  # white on a coloured fill or a picture drawn before: visible
            why = "invisible" if invisible else "white" if white else None
            if why is None and bb is not None:
                if bb[2] < box[0] or bb[0] > box[2] or bb[3] < box[1] or bb[1] > box[3]:
                    why = "off_page"  # positioned outside the page: never displayed
                elif bb[3] - bb[1] < 1.5 and _font_size(obj) < 1.0:
                    why = "tiny"  # below 1 pt: unreadable
            if why:
                txt = _wstr(pc.FPDFTextObj_GetText, obj, textpage.raw).strip()
                if txt:
                    hidden.append((why, txt, bb))
        elif kind == pc.FPDF_PAGEOBJ_PATH:
            if not pc.FPDFPath_GetDrawMode(obj, fillmode, stroke) or fillmode.value == 0:
                continue
            col = _fill(obj)
            if col is None or col[3] < 200:
                continue
            if _lum(*col[:3]) < 200 and len(grounds) < _MAX_GROUNDS:
                gb = _bounds(obj)
                if gb is not None:
                    grounds.append(gb)
            dark = _lum(*col[:3]) <= _DARK
            if not dark and col[3] < 250:
                continue
            bb = _bounds(obj)
            if bb is None:
                continue
            w, h = bb[2] - bb[0], bb[3] - bb[1]
            if w < _MIN_BOX or h < _MIN_BOX or w * h > page_area * 0.5:
                continue
            checks += 1
            if checks > _MAX_COVER_CHECKS:
                continue  # a vector drawing (map, chart) of many fills: not a redaction
            # A cover hides text drawn *before* it (lower in the z-order): a black box or a
            # white-out over text. Backgrounds are drawn before their text, so they don't count.
            if any(
                _overlap(bb, tb) > 0.3 * min(w * h, (tb[2] - tb[0]) * (tb[3] - tb[1]))
                for tb in text_boxes
                if (tb[2] - tb[0]) * (tb[3] - tb[1]) > 0
            ):
                candidates.append((len(text_boxes), bb, "dark" if dark else "light"))
        elif kind == pc.FPDF_PAGEOBJ_IMAGE:
            bb = _bounds(obj)
            if bb is not None and len(grounds) < _MAX_GROUNDS:
                grounds.append(bb)
            # A page whose text is (nearly) empty and that carries a picture of a tenth of the
            # page or more is read by OCR: a scanned letter, a photographed KTP pasted in.
            if bb is not None and (bb[2] - bb[0]) * (bb[3] - bb[1]) > page_area * 0.1:
                big_image = True
    for n_before, bb, shade in candidates:
        # A light box with text drawn on top of it is a filled cell/label, not a white-out.
        if shade == "light" and any(_overlap(bb, tb) > 0 for tb in text_boxes[n_before:]):
            continue
        covers.append((bb, shade))
    # White text on top of a dark box is visible: drop it from the hidden list.
    kept = []
    for why, txt, bb in hidden:
        if why == "white" and bb is not None and any(_overlap(bb, c) > 0 for c, _ in covers):
            continue
        if why == "invisible" and big_image:
            continue  # OCR text layer of a scanned page: it *is* the visible content
        kept.append((why, txt))
    return covers, kept, big_image


def _annotations(pdf, page, pno: int, textpage) -> Iterator[Segment]:
    raw_page = page.raw
    form = pdf.formenv.raw if pdf.formenv else None
    count = pc.FPDFPage_GetAnnotCount(raw_page)
    for i in range(count):
        annot = pc.FPDFPage_GetAnnot(raw_page, i)
        if not annot:
            continue
        try:
            subtype = pc.FPDFAnnot_GetSubtype(annot)
            if subtype == pc.FPDF_ANNOT_POPUP:
                continue
            texts = []
            for key in (b"Contents", b"T", b"Subj", b"OverlayText"):
                if pc.FPDFAnnot_HasKey(annot, key):
                    s = _wstr(pc.FPDFAnnot_GetStringValue, annot, key).strip()
                    if s and (key != b"T" or subtype != pc.FPDF_ANNOT_WIDGET):
                        texts.append(s)
            if subtype == pc.FPDF_ANNOT_WIDGET:
                name = value = ""
                if form is not None:
                    name = _wstr(pc.FPDFAnnot_GetFormFieldName, form, annot).strip()
                    value = _wstr(pc.FPDFAnnot_GetFormFieldValue, form, annot).strip()
                elif pc.FPDFAnnot_HasKey(annot, b"V"):
                    value = _wstr(pc.FPDFAnnot_GetStringValue, annot, b"V").strip()
                if value:
                    loc = {"page": pno, "part": "form_field"}
                    if name:
                        loc["field"] = name
                    label = f"{name}: " if name else ""
                    yield Segment(f"{label}{value}", loc, "annotation")
                texts = [t for t in texts if t != value]
            if texts:
                yield Segment(
                    "\n".join(dict.fromkeys(texts)),
                    {"page": pno, "part": "annotation"},
                    "annotation",
                )
            # Redaction-like annotations: text lying under them was never removed.
            is_cover = subtype == pc.FPDF_ANNOT_REDACT
            if subtype == pc.FPDF_ANNOT_SQUARE:
                r, g, b, a = ctypes.c_uint(), ctypes.c_uint(), ctypes.c_uint(), ctypes.c_uint()
                if pc.FPDFAnnot_GetColor(annot, pc.FPDFANNOT_COLORTYPE_InteriorColor, r, g, b, a):
                    is_cover = _lum(r.value, g.value, b.value) <= _DARK
            if is_cover:
                rect = pc.FS_RECTF()
                if pc.FPDFAnnot_GetRect(annot, rect):
                    lo, hi = sorted((rect.bottom, rect.top))
                    under = textpage.get_text_bounded(rect.left, lo, rect.right, hi).strip()
                    if under:
                        yield Segment(
                            under,
                            {"page": pno, "part": "under_box", "box": "annotation"},
                            "redacted",
                        )
        finally:
            pc.FPDFPage_CloseAnnot(annot)


def _attachments(pdf, ctx: Ctx) -> Iterator[Segment]:
    n = pc.FPDFDoc_GetAttachmentCount(pdf.raw)
    if n <= 0:
        return
    from scanner.extract.archive import extract_member

    for i in range(n):
        att = pc.FPDFDoc_GetAttachment(pdf.raw, i)
        if not att:
            continue
        name = _wstr(pc.FPDFAttachment_GetName, att) or f"attachment{i + 1}"
        size = ctypes.c_ulong()
        if not pc.FPDFAttachment_GetFile(att, None, 0, size) or size.value == 0:
            continue
        if ctx.stats.uncompressed + size.value > ctx.limits.max_total_uncompressed:
            raise ExtractionError("limit", "embedded files exceed the size limit")
        ctx.stats.uncompressed += size.value
        buf = ctypes.create_string_buffer(size.value)
        pc.FPDFAttachment_GetFile(att, buf, size.value, size)
        yield from extract_member(buf.raw[: size.value], name, ctx, layer="attachment")


_MAX_REVISION_BYTES = 64 * 2**20
_MAX_REVISIONS = 4


def _page_lines(doc, limit: int) -> list[set[str]]:
    out = []
    for i in range(min(len(doc), limit)):
        page = doc[i]
        try:
            tp = page.get_textpage()
            try:
                text = tp.get_text_range()
            finally:
                tp.close()
        finally:
            page.close()
        out.append({" ".join(ln.split()) for ln in text.splitlines() if ln.strip()})
    return out


def _raw(src: Source) -> bytes | None:
    if isinstance(src, bytes | bytearray):
        return bytes(src) if len(src) <= _MAX_REVISION_BYTES else None
    if Path(src).stat().st_size > _MAX_REVISION_BYTES:
        return None
    return Path(src).read_bytes()


_XMP_SKIP = {
    "DocumentID",
    "InstanceID",
    "OriginalDocumentID",
    "CreateDate",
    "ModifyDate",
    "MetadataDate",
    "format",
    "Trapped",
    "PDFVersion",
    "part",
    "conformance",
    "when",
    "action",
    "instanceID",
    "changed",
    "softwareAgent",
    "stEvt",
}


def _xmp(data: bytes) -> Iterator[Segment]:
    """XMP metadata packets (kept uncompressed by most writers): authors, descriptions and
    keywords often survive there after the document info was cleaned."""
    from scanner.extract._xml import local, parse

    start = data.find(b"<rdf:RDF")
    seen: set[tuple[str, str]] = set()
    while start != -1:
        end = data.find(b"</rdf:RDF>", start)
        if end == -1:
            break
        end += len(b"</rdf:RDF>")
        try:
            root = parse(data[start:end], "XMP")
        except ExtractionError:
            # A namespace declared on an enclosing <x:xmpmeta>: parse the whole packet.
            outer = data.rfind(b"<x:xmpmeta", max(0, start - 4096), start)
            close = data.find(b"</x:xmpmeta>", end)
            root = None
            if outer != -1 and close != -1:
                try:
                    root = parse(data[outer : close + len(b"</x:xmpmeta>")], "XMP")
                except ExtractionError:
                    root = None
        if root is not None:
            for el in root.iter():
                name = local(el.tag) if isinstance(el.tag, str) else ""
                if name == "li":
                    continue
                if name == "Description":  # properties written as attributes
                    for key, value in el.attrib.items():
                        field = local(key)
                        value = value.strip()
                        if value and field not in _XMP_SKIP and field != "about":
                            if (field, value) not in seen:
                                seen.add((field, value))
                                loc = {"part": "xmp", "field": field}
                                yield Segment(value, loc, "metadata")
                texts = [el.text] if el.text and el.text.strip() else []
                for li in el.iter():
                    if li is not el and isinstance(li.tag, str) and local(li.tag) == "li":
                        if li.text and li.text.strip():
                            texts.append(li.text)
                for text in texts:
                    text = text.strip()
                    if not text or name in _XMP_SKIP or (name, text) in seen:
                        continue
                    if name in ("Bag", "Seq", "Alt", "Description", "RDF", "xmpmeta"):
                        continue
                    seen.add((name, text))
                    yield Segment(text, {"part": "xmp", "field": name}, "metadata")
        start = data.find(b"<rdf:RDF", end)


def _previous_revisions(data: bytes, pdf, ctx: Ctx) -> Iterator[Segment]:
    """Incremental updates keep every earlier version of the file: text that was removed or
    "redacted" by editing is still inside. Each earlier revision (ending at an earlier %%EOF)
    is opened and the lines it has but the final version lacks are yielded (layer hidden,
    ``{"part": "previous_revision", "revision": k, "page": n}``)."""
    if data.count(b"%%EOF") < 2:
        return
    ends = []
    pos = data.find(b"%%EOF")
    while pos != -1:
        ends.append(pos + 5)
        pos = data.find(b"%%EOF", pos + 5)
    ends = [e for e in ends if len(data) - e > 16][-_MAX_REVISIONS:]
    if not ends:
        return
    final = None
    for k, end in enumerate(ends, 1):
        try:
            old = pdfium.PdfDocument(data[:end])
        except pdfium.PdfiumError:
            continue  # e.g. the first part of a linearized file is no complete revision
        try:
            if final is None:
                final = _page_lines(pdf, ctx.limits.max_pages)
            old_pages = _page_lines(old, ctx.limits.max_pages)
        finally:
            old.close()
        for pno, lines in enumerate(old_pages, 1):
            now = final[pno - 1] if pno - 1 < len(final) else set()
            gone = [ln for ln in lines if ln not in now]
            if gone:
                loc = {"part": "previous_revision", "revision": k, "page": pno}
                yield Segment("\n".join(gone), loc, "hidden")


def extract(src: Source, ctx: Ctx) -> Iterator[Segment]:
    pdf = _open(src)
    try:
        try:
            pdf.init_forms()
        except Exception:  # noqa: BLE001 - forms are optional
            pass
        npages = len(pdf)
        if npages > ctx.limits.max_pages:
            raise ExtractionError("limit", f"{npages} pages > {ctx.limits.max_pages}")
        meta = pdf.get_metadata_dict(skip_empty=True)
        for key, value in meta.items():
            if key in ("CreationDate", "ModDate", "Trapped"):
                continue
            value = value.strip()
            if value:
                yield Segment(value, {"part": "metadata", "field": key}, "metadata")
        for i in range(npages):
            pno = i + 1
            try:
                page = pdf[i]
            except pdfium.PdfiumError as exc:
                raise ExtractionError("corrupt", f"PDF page {pno} cannot be loaded: {exc}") from exc
            try:
                textpage = page.get_textpage()
                try:
                    ctx.stats.pages += 1
                    text = textpage.get_text_bounded().replace("\r\n", "\n").replace("\r", "\n")
                    if text.strip():
                        yield Segment(text, {"page": pno}, "body")
                    w, h = page.get_size()
                    covers, hidden, big_image = _scan_objects(
                        page, textpage, w * h, page.get_bbox()
                    )
                    if big_image and len(text.strip()) < 20:
                        ocr_text = _ocr_page(page, pno, ctx)
                        if ocr_text:
                            yield Segment(ocr_text, {"page": pno, "part": "ocr"}, "ocr")
                    for box, shade in covers:
                        under = textpage.get_text_bounded(*box).strip()
                        if under:
                            yield Segment(
                                under,
                                {
                                    "page": pno,
                                    "part": "under_box",
                                    "fill": shade,
                                    "bbox": [round(v, 1) for v in box],
                                },
                                "redacted",
                            )
                    if hidden:
                        by_kind: dict[str, list[str]] = {}
                        for why, txt in hidden:
                            by_kind.setdefault(why, []).append(txt)
                        for why, txts in by_kind.items():
                            yield Segment(
                                "\n".join(txts),
                                {"page": pno, "part": "hidden", "hidden": f"{why}_text"},
                                "hidden",
                            )
                    yield from _annotations(pdf, page, pno, textpage)
                finally:
                    textpage.close()
            finally:
                page.close()
        toc = []
        try:
            for item in pdf.get_toc(max_depth=8):
                title = (item.get_title() if hasattr(item, "get_title") else item.title) or ""
                if title.strip():
                    toc.append(title.strip())
        except Exception:  # noqa: BLE001 - outlines are optional and sometimes cyclic
            pass
        if toc:
            yield Segment("\n".join(toc), {"part": "bookmarks"}, "metadata")
        yield from _attachments(pdf, ctx)
        data = _raw(src)
        if data is not None:
            yield from _xmp(data)
            yield from _previous_revisions(data, pdf, ctx)
    finally:
        pdf.close()


def _ocr_page(page, pno: int, ctx: Ctx) -> str:  # noqa: ANN001 - a pypdfium2 page
    """OCR an image-only page within the file's OCR budget; '' (and counted) if it cannot."""
    from scanner.extract import ocr

    if not ocr.available() or ctx.stats.ocr_pages >= ctx.limits.max_ocr_pages:
        ctx.stats.image_only_pages += 1
        ctx.note(f"page {pno}: image without a text layer, not read (OCR unavailable or budget)")
        return ""
    image = page.render(scale=ocr.RENDER_DPI / 72).to_pil()
    try:
        text = ocr.ocr_pil(image, ctx.limits.ocr_timeout_s)
    except Exception as exc:  # noqa: BLE001 - a failed OCR page is unscannable, not fatal
        ctx.stats.image_only_pages += 1
        ctx.note(f"page {pno}: OCR failed ({exc.__class__.__name__})")
        return ""
    ctx.stats.ocr_pages += 1
    return text.strip()
