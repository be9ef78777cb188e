"""RTF: body text, annotations (comments), document info (metadata), hidden text (\\v)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from scanner.extract._common import Ctx, ExtractionError, Source, read_bytes
from scanner.extract.text import text_blocks
from scanner.model import Segment

_TOKEN = re.compile(
    rb"\\([a-zA-Z]+)(-?\d+)? ?|\\'([0-9a-fA-F]{2})|\\([^a-zA-Z])|([{}])|([^\\{}\r\n]+)|[\r\n]+"
)
_SKIP_DEST = {
    b"fonttbl",
    b"colortbl",
    b"stylesheet",
    b"pict",
    b"object",
    b"themedata",
    b"colorschememapping",
    b"latentstyles",
    b"datastore",
    b"xmlnstbl",
    b"listtable",
    b"listoverridetable",
    b"rsidtbl",
    b"generator",
    b"filetbl",
    b"revtbl",
    b"pgdsctbl",
    b"fldinst",
    b"bkmkstart",
    b"bkmkend",
    b"atnid",
    b"atnauthor",
    b"atndate",
    b"atnref",
    b"mmathPr",
    b"wgrffmtfilter",
    b"shpinst",
    b"nonshppict",
    b"header",
    b"footer",
    b"headerl",
    b"headerr",
    b"headerf",
    b"footerl",
    b"footerr",
    b"footerf",
    b"footnote",
    b"annotation",
    b"info",
    b"userprops",
}
_INFO = {
    b"title",
    b"subject",
    b"author",
    b"operator",
    b"keywords",
    b"comment",
    b"doccomm",
    b"company",
    b"manager",
    b"category",
}
_SPECIAL = {
    b"par": "\n",
    b"line": "\n",
    b"sect": "\n",
    b"page": "\n",
    b"tab": "\t",
    b"cell": "\t",
    b"row": "\n",
    b"emdash": "\u2014",
    b"endash": "\u2013",
    b"bullet": "\u2022",
    b"lquote": "\u2018",
    b"rquote": "\u2019",
    b"ldblquote": "\u201c",
    b"rdblquote": "\u201d",
    b"~": "\u00a0",
}


def _to_text(data: bytes) -> dict[str, list[str]]:
    """Plain text per destination: body, hidden, header, footer, footnote, comment, info.*"""
    out: dict[str, list[str]] = {}
    codepage = "cp1252"
    stack: list[tuple[str, bool, int]] = []
    dest, hidden, uc = "body", False, 1
    skip_chars = 0
    ignorable = False
    for m in _TOKEN.finditer(data):
        word, arg, hexch, sym, brace, text = m.groups()
        if brace == b"{":
            stack.append((dest, hidden, uc))
            ignorable = False
            continue
        if brace == b"}":
            if stack:
                dest, hidden, uc = stack.pop()
            continue
        if dest == "skip":
            continue
        chunk = ""
        if word is not None:
            if word == b"ansicpg" and arg:
                codepage = f"cp{int(arg)}"
            elif word == b"uc" and arg:
                uc = int(arg)
            elif word == b"u" and arg:
                code = int(arg)
                chunk = chr(code + 65536 if code < 0 else code)
                skip_chars = uc
                out.setdefault(_key(dest, hidden), []).append(chunk)
                continue
            elif word == b"v":
                hidden = arg != b"0"
            elif word in _INFO and dest.startswith("info"):
                dest = f"info.{word.decode()}"
            elif word in (b"header", b"headerl", b"headerr", b"headerf"):
                dest = "header"
            elif word in (b"footer", b"footerl", b"footerr", b"footerf"):
                dest = "footer"
            elif word == b"footnote":
                dest = "footnote"
            elif word == b"annotation":
                dest = "comment"
            elif word == b"info":
                dest = "info"
            elif word in _SKIP_DEST or ignorable:
                dest = "skip"
            elif word in _SPECIAL:
                chunk = _SPECIAL[word]
        elif hexch is not None:
            if skip_chars:
                skip_chars -= 1
                continue
            chunk = bytes([int(hexch, 16)]).decode(_safe(codepage), "replace")
        elif sym is not None:
            if sym == b"*":
                ignorable = True
                continue
            if sym in (b"\\", b"{", b"}"):
                chunk = sym.decode()
            elif sym == b"~":
                chunk = "\u00a0"
            elif sym in (b"\n", b"\r"):
                chunk = "\n"
        elif text is not None:
            t = text
            if skip_chars:
                n = min(skip_chars, len(t))
                t = t[n:]
                skip_chars -= n
            chunk = t.decode(_safe(codepage), "replace")
        if word is not None and word not in (b"u",):
            ignorable = False
        if chunk and not dest.startswith("info") or (chunk and dest.startswith("info.")):
            out.setdefault(_key(dest, hidden), []).append(chunk)
    return out


def _key(dest: str, hidden: bool) -> str:
    return "hidden" if hidden and dest == "body" else dest


def _safe(cp: str) -> str:
    import codecs

    try:
        codecs.lookup(cp)
        return cp
    except LookupError:
        return "cp1252"


def extract(src: Source, ctx: Ctx) -> Iterator[Segment]:
    data = read_bytes(src)
    if not data.lstrip().startswith(b"{\\rtf"):
        raise ExtractionError("corrupt", "not an RTF document")
    ctx.stats.pages += 1
    parts = _to_text(data)
    layers = {
        "body": "body",
        "hidden": "hidden",
        "header": "header",
        "footer": "footer",
        "footnote": "footnote",
        "comment": "comment",
    }
    for dest, chunks in parts.items():
        text = "".join(chunks)
        if not text.strip():
            continue
        if dest.startswith("info."):
            yield Segment(text.strip(), {"part": "metadata", "field": dest[5:]}, "metadata")
        elif dest == "body":
            yield from text_blocks(text)
        elif dest in layers:
            yield Segment(text.strip(), {"part": dest}, layers[dest])
