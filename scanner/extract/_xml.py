"""Safe XML parsing for the formats we read ourselves (defusedxml), plus OOXML helpers."""

from __future__ import annotations

import zipfile
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from scanner.extract._common import ZIP_ERRORS, Ctx, ExtractionError

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
PR_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
XML_PART_LIMIT = 200 * 2**20


def parse(data: bytes, what: str = "XML") -> Element:
    try:
        return fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except (ParseError, DefusedXmlException, ValueError) as exc:
        raise ExtractionError("corrupt", f"{what}: {exc}") from exc


def read_part(zf: zipfile.ZipFile, name: str, ctx: Ctx) -> bytes | None:
    """Read one package part with size/ratio checks; None when absent."""
    try:
        info = zf.getinfo(name)
    except KeyError:
        return None
    lim = ctx.limits
    if info.file_size > min(XML_PART_LIMIT, lim.max_total_uncompressed):
        raise ExtractionError("limit", f"{name}: part too large ({info.file_size} bytes)")
    if info.file_size > 2**20 and info.file_size > lim.max_ratio * max(info.compress_size, 1):
        raise ExtractionError("limit", f"{name}: compression ratio too high")
    if info.flag_bits & 0x1:
        raise ExtractionError("encrypted", f"{name} is encrypted")
    try:
        data = zf.read(info)
    except ZIP_ERRORS as exc:
        raise ExtractionError("corrupt", f"{name}: {exc}") from exc
    ctx.stats.uncompressed += len(data)
    return data


def open_zip(fh) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(fh)
    except ZIP_ERRORS as exc:
        raise ExtractionError("corrupt", f"not a valid OOXML/ZIP package: {exc}") from exc


def rels(zf: zipfile.ZipFile, part: str, ctx: Ctx) -> dict[str, str]:
    """Relationship id -> target path (resolved against the part's folder)."""
    folder, _, fname = part.rpartition("/")
    data = read_part(zf, f"{folder}/_rels/{fname}.rels" if folder else f"_rels/{fname}.rels", ctx)
    if not data:
        return {}
    out = {}
    for rel in parse(data, "rels").iter(f"{PR_NS}Relationship"):
        target = rel.get("Target", "")
        if rel.get("TargetMode") == "External":
            continue
        if target.startswith("/"):
            path = target[1:]
        else:
            parts = (folder.split("/") if folder else []) + target.split("/")
            stack: list[str] = []
            for p in parts:
                if p == "..":
                    if stack:
                        stack.pop()
                elif p and p != ".":
                    stack.append(p)
            path = "/".join(stack)
        out[rel.get("Id", "")] = path
    return out


def local(tag: str) -> str:
    return tag.rpartition("}")[2]


CORE_FIELDS = {
    "title": "title",
    "subject": "subject",
    "creator": "author",
    "keywords": "keywords",
    "description": "comments",
    "lastModifiedBy": "last_modified_by",
    "category": "category",
    "contentStatus": "content_status",
    "identifier": "identifier",
    "language": "language",
    "version": "version",
}


def ooxml_properties(zf: zipfile.ZipFile, ctx: Ctx):
    """(field, value, part) from docProps/core.xml, custom.xml and app.xml (Company, Manager)."""
    data = read_part(zf, "docProps/core.xml", ctx)
    if data:
        for el in parse(data, "core.xml"):
            name = CORE_FIELDS.get(local(el.tag))
            value = "".join(el.itertext()).strip()
            if name and value:
                yield name, value, "core_properties"
    data = read_part(zf, "docProps/custom.xml", ctx)
    if data:
        for prop in parse(data, "custom.xml"):
            value = "".join(prop.itertext()).strip()
            if value:
                yield prop.get("name", "?"), value, "custom_properties"
    data = read_part(zf, "docProps/app.xml", ctx)
    if data:
        for el in parse(data, "app.xml"):
            if local(el.tag) in ("Company", "Manager", "HyperlinkBase"):
                value = "".join(el.itertext()).strip()
                if value:
                    yield local(el.tag), value, "app_properties"


def ooxml_graphics(zf: zipfile.ZipFile, ctx: Ctx):
    """Text that lives outside the main part: SmartArt data (``*/diagrams/data*.xml``) and chart
    caches (``*/charts/chart*.xml``: titles, category labels and cached series values)."""
    from scanner.model import Segment

    for name in zf.namelist():
        folder, _, base = name.rpartition("/")
        if not base.endswith(".xml"):
            continue
        if folder.endswith("/diagrams") and base.startswith("data"):
            kind = "diagram"
        elif folder.endswith("/charts") and base.startswith("chart"):
            kind = "chart"
        else:
            continue
        data = read_part(zf, name, ctx)
        if not data:
            continue
        texts = []
        for el in parse(data, name).iter():
            if local(el.tag) in ("t", "v") and el.text and el.text.strip():
                texts.append(el.text.strip())
        if texts:
            yield Segment("\n".join(dict.fromkeys(texts)), {"part": kind, kind: base}, "body")
