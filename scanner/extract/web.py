"""HTML: visible text (one segment per block element; tables one segment per row), hidden
elements (hidden attribute, display:none, visibility:hidden, off-screen, zero size, <template>,
hidden inputs; inline styles and simple <style> rules), comments, <title>, <meta>, alt/title
attributes. <script>/<style> text is dropped.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from bs4 import BeautifulSoup, Comment, Declaration, Doctype, NavigableString, Tag
from bs4.element import CData, ProcessingInstruction

from scanner.extract._common import (
    Ctx,
    Source,
    clean_header,
    col_letter,
    header_index,
    read_bytes,
    row_segment,
)
from scanner.model import Segment

_DROP = {"script", "style", "noembed", "object", "iframe", "head"}
_BLOCK = {
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "caption",
    "center",
    "dd",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "html",
    "legend",
    "li",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
    "option",
    "select",
    "textarea",
    "label",
}
_HIDE_DECL = re.compile(
    r"display\s*:\s*none|visibility\s*:\s*(?:hidden|collapse)|font-size\s*:\s*0(?:px|pt|em)?\s*(?:;|$|!)"
    r"|opacity\s*:\s*0(?:\.0+)?\s*(?:;|$|!)|(?:left|top|text-indent)\s*:\s*-\d{3,}"
    r"|(?:max-)?height\s*:\s*0(?:px)?\s*;[^}]*overflow\s*:\s*hidden|clip\s*:\s*rect\(\s*0",
    re.I,
)
# Utility classes of common CSS frameworks that hide an element (their CSS is external).
_HIDDEN_CLASSES = {"d-none", "hidden", "hide", "invisible", "is-hidden", "u-hidden", "display-none"}
_RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")
_SIMPLE_SEL = re.compile(r"^([a-zA-Z][\w-]*)?((?:[#.][\w-]+)+)?(\[hidden\])?$")
_WS = re.compile(r"[ \t\r\f\v\u00a0\u200b]+")


def _css_rules(soup: BeautifulSoup) -> list[tuple[str, set[str], set[str]]]:
    rules = []
    for style in soup.find_all("style"):
        css = re.sub(r"/\*.*?\*/", "", style.get_text(), flags=re.S)
        css = re.sub(r"@media[^{]*\{", "", css)  # flatten simple media blocks
        for selectors, decls in _RULE.findall(css):
            if not _HIDE_DECL.search(decls):
                continue
            for sel in selectors.split(","):
                sel = sel.strip().split()[-1] if sel.strip() else ""
                m = _SIMPLE_SEL.match(sel)
                if not sel or not m or not (m.group(1) or m.group(2)):
                    continue
                tag = (m.group(1) or "").lower()
                ids = set(re.findall(r"#([\w-]+)", m.group(2) or ""))
                classes = set(re.findall(r"\.([\w-]+)", m.group(2) or ""))
                rules.append((tag, ids, classes))
    return rules


def _describe(el: Tag) -> str:
    s = el.name or "?"
    if el.get("id"):
        s += f"#{el.get('id')}"
    cls = el.get("class") or []
    if isinstance(cls, str):
        cls = cls.split()
    for c in cls[:4]:
        s += f".{c}"
    return s


class _Html:
    def __init__(self, soup: BeautifulSoup):
        self.rules = _css_rules(soup)
        self.blocks: list[str] = []
        self.buf: list[str] = []
        self.out: list[Segment] = []
        self.block_no = 0
        self.table_no = 0
        self.comment_no = 0

    def hidden_reason(self, el: Tag) -> str | None:
        if el.has_attr("hidden"):
            return "hidden_attribute"
        name = el.name
        if name == "template":
            return "template"
        if name == "input" and (el.get("type") or "").lower() == "hidden":
            return "hidden_input"
        style = el.get("style")
        if style and _HIDE_DECL.search(style):
            return "style"
        cls = el.get("class") or []
        cls = set(cls.split() if isinstance(cls, str) else cls)
        if cls & _HIDDEN_CLASSES:
            return "class"
        if self.rules:
            eid = el.get("id")
            for tag, ids, classes in self.rules:
                if tag and tag != name:
                    continue
                if ids and (not eid or eid not in ids):
                    continue
                if classes and not classes <= cls:
                    continue
                return "css"
        return None

    def flush(self) -> None:
        text = "".join(self.buf)
        self.buf = []
        lines = [_WS.sub(" ", ln).strip() for ln in text.split("\n")]
        text = "\n".join(ln for ln in lines if ln)
        if text:
            self.block_no += 1
            self.out.append(Segment(text, {"part": "body", "block": self.block_no}, "body"))

    def attrs(self, el: Tag) -> None:
        for attr in ("alt", "title", "aria-label", "placeholder"):
            v = el.get(attr)
            if isinstance(v, str) and v.strip():
                self.out.append(
                    Segment(
                        v.strip(),
                        {"part": "attribute", "attribute": attr, "element": _describe(el)},
                        "metadata",
                    )
                )
        href = el.get("href") if el.name in ("a", "area", "link") else None
        if isinstance(href, str) and href.lower().startswith(("mailto:", "tel:", "sms:", "wa.me")):
            target = href.split(":", 1)[-1].split("?")[0].strip()
            if target:
                loc = {"part": "attribute", "attribute": "href", "element": _describe(el)}
                self.out.append(Segment(target, loc, "metadata"))
        if el.name in ("input", "textarea", "option") and el.get("value"):
            v = str(el.get("value")).strip()
            if v and (el.get("type") or "").lower() != "hidden":
                self.out.append(
                    Segment(v, {"part": "form_value", "element": _describe(el)}, "body")
                )

    def comment(self, text: str) -> None:
        text = text.strip()
        if text:
            self.comment_no += 1
            self.out.append(
                Segment(text, {"part": "comment", "comment": self.comment_no}, "comment")
            )

    def hidden(self, el: Tag, why: str) -> None:
        if el.name == "input":
            text = str(el.get("value") or "").strip()
            if el.get("name") and text:
                text = f"{el.get('name')}: {text}"
        else:
            sub = _Html.__new__(_Html)
            sub.__dict__.update(self.__dict__)
            sub.buf, sub.out = [], []
            sub.rules = []  # already hidden: collect everything inside, incl. nested hidden
            sub.walk(el)
            sub.flush()
            text = "\n".join(s.text for s in sub.out if s.layer == "body" or s.layer == "table")
            self.out.extend(s for s in sub.out if s.layer not in ("body", "table"))
            self.comment_no = sub.comment_no
        if text.strip():
            self.out.append(
                Segment(
                    text.strip(),
                    {"part": "hidden", "element": _describe(el), "hidden": why},
                    "hidden",
                )
            )

    def walk(self, el: Tag) -> None:
        for child in el.children:
            if isinstance(child, Comment):
                self.comment(str(child))
            elif isinstance(child, Declaration | Doctype | ProcessingInstruction):
                continue
            elif isinstance(child, NavigableString | CData):
                self.buf.append(str(child))
            elif isinstance(child, Tag):
                name = child.name
                if name in _DROP:
                    if name == "head":
                        self.head(child)
                    elif name == "script":
                        self.data_script(child)
                    continue
                why = self.hidden_reason(child)
                if why:
                    self.hidden(child, why)
                    continue
                self.attrs(child)
                if name == "br":
                    self.buf.append("\n")
                elif name == "table":
                    self.flush()
                    self.table(child)
                elif name in _BLOCK:
                    self.flush()
                    self.walk(child)
                    self.flush()
                else:
                    if name in ("td", "th"):
                        self.buf.append(" ")
                    self.walk(child)

    def data_script(self, el: Tag) -> None:
        """JSON-LD / JSON data islands are data, not code: keep them as metadata."""
        typ = (el.get("type") or "").lower()
        if "json" in typ:
            text = el.get_text().strip()
            if text:
                loc = {"part": "data_script", "element": _describe(el)}
                self.out.append(Segment(text, loc, "metadata"))

    def head(self, head: Tag) -> None:
        for script in head.find_all("script"):
            self.data_script(script)
        for child in head.descendants:
            if isinstance(child, Comment):
                self.comment(str(child))
        title = head.find("title")
        if title and title.get_text(strip=True):
            self.out.append(Segment(title.get_text(" ", strip=True), {"part": "title"}, "metadata"))
        for meta in head.find_all("meta"):
            self.meta(meta)

    def meta(self, meta: Tag) -> None:
        content = meta.get("content")
        field = (
            meta.get("name")
            or meta.get("property")
            or meta.get("http-equiv")
            or meta.get("itemprop")
        )
        if isinstance(content, str) and content.strip() and field:
            self.out.append(
                Segment(content.strip(), {"part": "meta", "field": str(field)}, "metadata")
            )

    def cell_text(self, cell: Tag) -> str:
        sub = _Html.__new__(_Html)
        sub.__dict__.update(self.__dict__)
        sub.buf, sub.out = [], []
        sub.walk(cell)
        sub.flush()
        self.out.extend(s for s in sub.out if s.layer not in ("body", "table"))
        self.comment_no = sub.comment_no
        self.table_no = sub.table_no
        return " ".join(s.text.replace("\n", " ") for s in sub.out if s.layer in ("body", "table"))

    def table(self, table: Tag) -> None:
        self.table_no += 1
        tno = self.table_no
        rows: list[list[tuple[int, str]]] = []
        for tr in _rows_of(table):
            why = self.hidden_reason(tr)
            if why:
                self.hidden(tr, why)
                rows.append([])
                continue
            cells, col = [], 1
            for cell in tr.find_all(["td", "th"], recursive=False):
                why = self.hidden_reason(cell)
                if why:
                    self.hidden(cell, why)
                    text = ""
                else:
                    self.attrs(cell)
                    text = self.cell_text(cell)
                cells.append((col, text.strip()))
                span = str(cell.get("colspan") or "1")
                col += int(span) if span.isdigit() and 0 < int(span) < 1000 else 1
            rows.append(cells)
        caption = table.find("caption")
        if caption and caption.get_text(strip=True):
            self.out.append(
                Segment(
                    caption.get_text(" ", strip=True),
                    {"part": "table", "table": tno, "caption": True},
                    "table",
                )
            )
        width = max((len(r) for r in rows), default=0)
        first = header_index([[t for _, t in r] for r in rows], width)
        headers: dict[int, str] = {}
        if first is not None:
            headers = {c: clean_header(t) for c, t in rows[first] if t}
        for rno, cells in enumerate(rows, 1):
            loc = {"part": "table", "table": tno, "row": rno}
            if first is not None and rno - 1 <= first:
                seg = row_segment(
                    [("", t, {"cell": c, "column": t}) for c, t in cells],
                    {**loc, "header": True} if rno - 1 == first else loc,
                    "table",
                )
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
                    "table",
                )
            if seg:
                self.out.append(seg)


def _rows_of(table: Tag) -> Iterator[Tag]:
    for child in table.children:
        if not isinstance(child, Tag):
            continue
        if child.name == "tr":
            yield child
        elif child.name in ("thead", "tbody", "tfoot"):
            yield from (tr for tr in child.children if isinstance(tr, Tag) and tr.name == "tr")


def extract(src: Source, ctx: Ctx) -> Iterator[Segment]:
    ctx.stats.pages += 1
    data = read_bytes(src)
    soup = BeautifulSoup(data, "lxml")
    doc = _Html(soup)
    root = soup.find("html") or soup
    # <head> may be missing or the parser may have moved metadata into <body>.
    head = soup.find("head")
    if head is not None:
        doc.head(head)
        head.extract()
    for meta in soup.find_all("meta"):
        doc.meta(meta)
    doc.walk(root)
    doc.flush()
    yield from doc.out
