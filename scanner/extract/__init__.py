"""Extraction: text with locations, from every format and every hidden layer.

Public API::

    extract(path, mime, limits=Limits(), stats=None) -> Iterator[Segment]
    family_for(path, mime) -> str | None
    page_count(path, mime) -> int                 # PDF pages, 0 for other formats
    SUPPORTED_MIME: dict[str, str]                # mime -> family
    Limits, ExtractStats, ExtractionError(code, message)

``extract`` is lazy: segments are produced while the file is read. Pass an ``ExtractStats`` to
learn, once the iterator is exhausted, the family, pages (PDF pages, PPTX slides, 1 per other
document or archive member), segments, archive members opened, bytes inflated, PDF pages that
are images without text (``image_only_pages``: OCR needed, no OCR engine here) and ``notes``
(non-fatal: skipped unknown archive members, unreadable embedded OLE objects).
``ExtractionError.code`` is "encrypted", "corrupt", "unsupported" or "limit". Any other
exception is a bug or an unexpected file and propagates (the caller fails closed).

Table rows (CSV, XLSX, ODS, DOCX/ODT/PPTX/HTML tables, JSON/XML records) are one segment
``"<header1>: <value1> ; <header2>: <value2>"`` (empty values skipped) with one ``Part`` per
value covering only the value. Header row = first row that looks like one (>= 2 cells, mostly
short labels; title lines above it are emitted as bare values); else column letters. Form
tables ("Nama | : | Siti") become "Nama: Siti". A header row itself is emitted with bare values
and ``"header": True`` in its location.

Location vocabulary (JSON-serialisable; archive members add ``"member": "a.zip!b.csv"``):

- PDF: ``{"page": n}`` body; ``{"part": "metadata", "field": "Author"}``; ``{"page": n,
  "part": "annotation"}``; ``{"page": n, "part": "form_field", "field": name}`` (layer
  annotation); ``{"page": n, "part": "under_box", "bbox": [...]}`` (layer redacted: text under a
  dark filled box or a Redact/dark Square annotation, ``"box": "annotation"``);
  ``{"page": n, "part": "hidden", "hidden": "invisible_text"|"white_text"|"off_page_text"|
  "tiny_text"}``; ``{"part": "bookmarks"}``; ``{"part": "xmp", "field": f}`` (metadata);
  ``{"part": "previous_revision", "revision": k, "page": n}`` (hidden: lines of an earlier
  incremental-update revision that the final version no longer shows); embedded files as
  members (layer attachment). A light (white-out) box drawn over text counts as a cover too
  (``"fill": "dark"|"light"``). Covered/hidden text also stays in the page's body text.
- DOCX: ``{"part": "body", "paragraph": n}``; ``{"part": "table", "table": t, "row": r}`` with
  parts ``{"cell": c, "column": header}``; ``{"part": "header"|"footer", "section": s}``;
  ``{"part": "comment", "author": a, "comment": n}``; ``{"part": "tracked_change", "kind":
  "deletion"|"insertion", "author": a}``; ``{"part": "footnote"|"endnote", ...}``;
  ``{"part": "textbox", "textbox": n}``; hidden runs ``{..., "hidden": "vanish"|"white_text"|
  "tiny_text"}`` layer hidden; ``{"part": "alt_text"}``; ``{"part": "document_variable",
  "field": f}``; SmartArt/chart text ``{"part": "diagram"|"chart"}`` (also XLSX/PPTX); ``{"part":
  "core_properties"|"custom_properties"|"app_properties", "field": f}`` layer metadata;
  embedded workbooks/documents as members (layer attachment).
- XLSX: ``{"sheet": s, "row": r}`` with parts ``{"cell": "C5", "column": header}``; hidden
  sheet/row/column/format → layer hidden and ``"hidden": "sheet"|"row"|"column"|"format"``
  (veryHidden adds ``"state": "veryHidden"``); ``{"sheet": s, "cell": "B9", "part":
  "comment", "author": a}``; ``{"part": "defined_name", "name": n}``; ``{"part":
  "pivot_cache", "field": f}`` and ``{"part": "external_link_cache"}`` (hidden);
  ``{"part": "drawing"}``; print headers/footers; properties as DOCX.
- HTML: ``{"part": "body", "block": n}``; tables as rows ``{"part": "table", ...}``;
  ``{"part": "hidden", "element": "div#id.class", "hidden": reason}``; ``{"part": "comment",
  "comment": n}``; ``{"part": "title"}``, ``{"part": "meta", "field": name}``, ``{"part":
  "attribute", "attribute": "alt"|"title"|"href", "element": ...}``, ``{"part":
  "data_script"}`` (JSON-LD) layer metadata.
- TXT: one segment per block of lines (split at blank lines, <= 60 lines), location
  ``{"line": first}`` and a part ``{"line": n}`` per line. CSV: ``{"row": n}`` (header = row
  1), parts ``{"column": header, "cell": "C5"}``.
- PPTX/ODP: ``{"slide": n}``, notes ``{"slide": n, "part": "notes"}`` (layer comment),
  comments, hidden slides (layer hidden). ODT/ODS as DOCX/XLSX. RTF: lines, ``{"part":
  "metadata", "field": f}``, hidden (\\v) text, annotations. E-mail: ``{"part":
  "email_header", "field": "From"}``, body lines, attachments as members. JSON/XML:
  ``{"path": "a.b[0]"}``. Images: EXIF / PNG text metadata only.

Each family lives in its own module (pdf, word, excel, web, text, archive, slides, odf, rtf,
mail, structured, image, ole) and exposes ``extract(src, ctx) -> Iterator[Segment]`` where
``src`` is a ``Path`` or ``bytes`` (archive members never touch the disk).
"""

from __future__ import annotations

import importlib
import zipfile
from collections.abc import Iterator
from pathlib import Path

from scanner.extract._common import (
    Ctx,
    ExtractionError,
    ExtractStats,
    Limits,
    Source,
    read_head,
)
from scanner.model import Segment

__all__ = [
    "SUPPORTED_MIME",
    "ExtractStats",
    "ExtractionError",
    "Limits",
    "extract",
    "family_for",
    "page_count",
]

_DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"

SUPPORTED_MIME: dict[str, str] = {
    "application/pdf": "pdf",
    "application/x-pdf": "pdf",
    _DOCX: "docx",
    "application/vnd.ms-word.document.macroenabled.12": "docx",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template": "docx",
    _XLSX: "xlsx",
    "application/vnd.ms-excel.sheet.macroenabled.12": "xlsx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.template": "xlsx",
    _PPTX: "pptx",
    "application/vnd.ms-powerpoint.presentation.macroenabled.12": "pptx",
    "application/vnd.oasis.opendocument.text": "odt",
    "application/vnd.oasis.opendocument.spreadsheet": "ods",
    "application/vnd.oasis.opendocument.presentation": "odp",
    "text/html": "html",
    "application/xhtml+xml": "html",
    "text/plain": "text",
    "text/markdown": "text",
    "text/x-log": "text",
    "text/csv": "csv",
    "application/csv": "csv",
    "text/tab-separated-values": "csv",
    "application/zip": "zip",
    "application/x-zip-compressed": "zip",
    "application/x-tar": "tar",
    "application/gzip": "tar",
    "application/x-gzip": "tar",
    "application/x-bzip2": "tar",
    "application/x-xz": "tar",
    "application/json": "json",
    "text/json": "json",
    "application/xml": "xml",
    "text/xml": "xml",
    "application/rtf": "rtf",
    "text/rtf": "rtf",
    "message/rfc822": "eml",
    "image/jpeg": "image",
    "image/png": "image",
    "image/tiff": "image",
    "image/gif": "image",
    "image/webp": "image",
    "image/bmp": "image",
    # OLE2 compound files: password-protected OOXML ("encrypted") or legacy binary Office
    # ("unsupported"); the "ole" extractor raises the right ExtractionError.
    "application/encrypted": "ole",
    "application/cdfv2": "ole",
    "application/cdfv2-encrypted": "ole",
    "application/x-ole-storage": "ole",
    "application/msword": "ole",
    "application/vnd.ms-excel": "ole",
    "application/vnd.ms-powerpoint": "ole",
    "application/vnd.ms-office": "ole",
}

_ZIPPISH = {"application/zip", "application/x-zip-compressed", "application/octet-stream"}
_OOXML_MAIN = (
    ("word/document.xml", "docx"),
    ("xl/workbook.xml", "xlsx"),
    ("ppt/presentation.xml", "pptx"),
)
_ODF = {
    "application/vnd.oasis.opendocument.text": "odt",
    "application/vnd.oasis.opendocument.spreadsheet": "ods",
    "application/vnd.oasis.opendocument.presentation": "odp",
}
_TEXT_EXT = {
    ".csv": "csv",
    ".tsv": "csv",
    ".json": "json",
    ".xml": "xml",
    ".html": "html",
    ".htm": "html",
    ".rtf": "rtf",
    ".eml": "eml",
}


def _zip_family(src: Source) -> str | None:
    """Look inside a zip container to tell DOCX/XLSX/PPTX/ODF/plain ZIP apart."""
    try:
        with zipfile.ZipFile(_as_file(src)) as zf:
            names = set(zf.namelist())
            if "[Content_Types].xml" in names:
                for main, fam in _OOXML_MAIN:
                    if main in names:
                        return fam
                # OOXML with a non-default main part name: look at the content types.
                ct = zf.read("[Content_Types].xml")[:200_000]
                for marker, fam in (
                    (b"wordprocessingml.document.main", "docx"),
                    (b"spreadsheetml.sheet.main", "xlsx"),
                    (b"presentationml.presentation.main", "pptx"),
                ):
                    if marker in ct:
                        return fam
            if "mimetype" in names:
                mt = zf.read("mimetype")[:100].decode("ascii", "replace").strip()
                if mt in _ODF:
                    return _ODF[mt]
            return "zip"
    except Exception:  # noqa: BLE001 - a damaged archive: let the zip extractor report it
        return "zip"


def _as_file(src: Source):
    import io

    return io.BytesIO(src) if isinstance(src, bytes | bytearray) else src


def _sniff_bytes(head: bytes) -> str | None:
    """Family from magic bytes, for an unknown or generic mime."""
    h = head.lstrip()[:64]
    if head.startswith(b"%PDF") or b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return "zip?"
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "ole"
    if head.startswith(b"{\\rtf"):
        return "rtf"
    low = h.lower()
    if low.startswith(b"<!doctype html") or low.startswith(b"<html"):
        return "html"
    if low.startswith(b"<?xml"):
        return "xml"
    return None


def _looks_text(head: bytes) -> bool:
    if not head:
        return True
    if head.startswith((b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf")):
        return True
    return b"\x00" not in head and sum(b < 9 or 13 < b < 32 for b in head) * 20 < len(head)


def family_for(path: Path, mime: str, *, _src: Source | None = None) -> str | None:
    """Map a sniffed mime (python-magic) plus a peek at the content to a format family.

    Returns one of "pdf", "docx", "xlsx", "pptx", "odt", "ods", "odp", "html", "text", "csv",
    "zip", "tar", "json", "xml", "rtf", "eml", "image", "ole"; ``None`` when unsupported. The
    extension is only used to choose between text-like families (text vs csv/json/xml/html/rtf)
    when the content is text.
    """
    src: Source = _src if _src is not None else Path(path)
    mime = (mime or "").split(";")[0].strip().lower()
    ext = Path(path).suffix.lower() if path else ""
    head = read_head(src, 2048)
    if (
        mime in _ZIPPISH
        or mime in (_DOCX, _XLSX, _PPTX)
        or mime in _ODF
        or (mime in SUPPORTED_MIME and SUPPORTED_MIME[mime] in ("docx", "xlsx", "pptx"))
    ):
        if head.startswith(b"PK"):
            return _zip_family(src)
        sniffed = _sniff_bytes(head)
        if sniffed not in (None, "zip?"):
            return sniffed
        if head and _looks_text(head):
            return _TEXT_EXT.get(ext, "text")
        return None
    if mime.startswith("text/") or mime in (
        "application/csv",
        "application/json",
        "application/xml",
        "inode/x-empty",
        "application/x-empty",
    ):
        if mime in ("text/html", "application/xhtml+xml"):
            return "html"
        if mime in ("text/rtf",):
            return "rtf"
        if ext in _TEXT_EXT:
            return _TEXT_EXT[ext]
        if mime in SUPPORTED_MIME:
            return SUPPORTED_MIME[mime]
        return "text"
    if mime in SUPPORTED_MIME and SUPPORTED_MIME[mime] != "ole":
        return SUPPORTED_MIME[mime]
    sniffed = _sniff_bytes(head)
    if sniffed is None and mime in SUPPORTED_MIME and _looks_text(head):
        return _TEXT_EXT.get(ext, "text")
    if sniffed == "zip?":
        return _zip_family(src)
    return sniffed


_EXTRACTORS: dict[str, tuple[str, str]] = {
    "pdf": ("pdf", "extract"),
    "docx": ("word", "extract"),
    "xlsx": ("excel", "extract"),
    "pptx": ("slides", "extract"),
    "odt": ("odf", "extract"),
    "ods": ("odf", "extract"),
    "odp": ("odf", "extract"),
    "html": ("web", "extract"),
    "text": ("text", "extract_text"),
    "csv": ("text", "extract_csv"),
    "zip": ("archive", "extract"),
    "tar": ("archive", "extract_tar"),
    "json": ("structured", "extract_json"),
    "xml": ("structured", "extract_xml"),
    "rtf": ("rtf", "extract"),
    "eml": ("mail", "extract"),
    "image": ("image", "extract"),
    "ole": ("ole", "extract"),
}


def _extractor(family: str):
    """The family's extract function; its module is imported on first use only (a worker that
    reads a PDF never imports BeautifulSoup or openpyxl)."""
    entry = _EXTRACTORS.get(family)
    if entry is None:
        return None
    module = importlib.import_module(f"scanner.extract.{entry[0]}")
    return getattr(module, entry[1])


def extract_source(src: Source, name: str, family: str, ctx: Ctx) -> Iterator[Segment]:
    """Extract an in-memory or on-disk source of a known family (used for archive members)."""
    fn = _extractor(family)
    if fn is None:
        raise ExtractionError("unsupported", f"unsupported format: {family}")
    child = ctx.child(name, family)
    yield from fn(src, child)


def extract(
    path: Path,
    mime: str,
    limits: Limits = Limits(),  # noqa: B008 - frozen dataclass, safe default
    stats: ExtractStats | None = None,
) -> Iterator[Segment]:
    """Yield the text segments of ``path`` (lazily), every layer, with locations."""
    path = Path(path)
    family = family_for(path, mime)
    if family is None:
        raise ExtractionError("unsupported", f"unsupported file type: {mime or 'unknown'}")
    fn = _extractor(family)
    if fn is None:  # pragma: no cover - every family has an extractor
        raise ExtractionError("unsupported", f"unsupported format: {family}")
    ctx = Ctx(limits=limits, stats=stats if stats is not None else ExtractStats(), name=path.name)
    ctx.stats.family = family
    for seg in fn(path, ctx):
        ctx.stats.segments += 1
        yield seg


def page_count(path: Path, mime: str) -> int:
    """Number of pages of a PDF (0 when unknown or not a PDF), without extracting text."""
    if family_for(path, mime) != "pdf":
        return 0
    from scanner.extract import pdf

    return pdf.count_pages(Path(path))
