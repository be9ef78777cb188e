"""JSON and XML: the text values, grouped per record as "key: value ; ..." segments."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from scanner.extract._common import Ctx, ExtractionError, Source, cell_str, read_bytes, row_segment
from scanner.extract._xml import local, parse
from scanner.extract.text import decode, text_blocks
from scanner.model import Segment

_MAX_DEPTH = 200


def _prim(v: Any) -> bool:
    return v is None or isinstance(v, str | int | float | bool)


def _walk_json(obj: Any, path: str, key: str, depth: int) -> Iterator[Segment]:
    if depth > _MAX_DEPTH:
        raise ExtractionError("limit", "JSON nested too deeply")
    if isinstance(obj, dict):
        cells = []
        for k, v in obj.items():
            if _prim(v) and v is not None and not isinstance(v, bool):
                cells.append((str(k), cell_str(v), {"path": f"{path}.{k}" if path else str(k)}))
        seg = row_segment(cells, {"path": path or "$"}, "body")
        if seg:
            yield seg
        for k, v in obj.items():
            if not _prim(v):
                yield from _walk_json(v, f"{path}.{k}" if path else str(k), str(k), depth + 1)
    elif isinstance(obj, list):
        cells = [
            (key, cell_str(v), {"path": f"{path}[{i}]"})
            for i, v in enumerate(obj)
            if _prim(v) and v is not None and not isinstance(v, bool)
        ]
        seg = row_segment(cells, {"path": path or "$"}, "body")
        if seg:
            yield seg
        for i, v in enumerate(obj):
            if not _prim(v):
                yield from _walk_json(v, f"{path}[{i}]", key, depth + 1)
    elif _prim(obj) and obj is not None:
        yield Segment(cell_str(obj), {"path": path or "$"}, "body")


def extract_json(src: Source, ctx: Ctx) -> Iterator[Segment]:
    ctx.stats.pages += 1
    text = decode(read_bytes(src))
    try:
        obj = json.loads(text)
    except (json.JSONDecodeError, RecursionError):
        # JSON lines, or not JSON at all: records per line, else plain text.
        objs = []
        for line in text.splitlines():
            line = line.strip()
            if not line:
                continue
            try:
                objs.append(json.loads(line))
            except (json.JSONDecodeError, RecursionError):
                ctx.note("invalid JSON read as text")
                yield from text_blocks(text)
                return
        obj = objs
    yield from _walk_json(obj, "", "value", 0)


def _walk_xml(el, path: str, depth: int) -> Iterator[Segment]:
    if depth > _MAX_DEPTH:
        raise ExtractionError("limit", "XML nested too deeply")
    cells = [(local(k), v.strip(), {"path": f"{path}/@{local(k)}"}) for k, v in el.attrib.items()]
    if el.text and el.text.strip():
        cells.append((local(el.tag), el.text.strip(), {"path": path}))
    counts: dict[str, int] = {}
    containers = []
    for child in el:
        if not isinstance(child.tag, str):
            continue
        name = local(child.tag)
        counts[name] = counts.get(name, 0) + 1
        cpath = f"{path}/{name}[{counts[name]}]"
        if len(child) == 0 and not child.attrib:
            if child.text and child.text.strip():
                cells.append((name, child.text.strip(), {"path": cpath}))
        else:
            containers.append((child, cpath))
        if child.tail and child.tail.strip():
            cells.append((local(el.tag), child.tail.strip(), {"path": path}))
    seg = row_segment(cells, {"path": path}, "body")
    if seg:
        yield seg
    for child, cpath in containers:
        yield from _walk_xml(child, cpath, depth + 1)


def extract_xml(src: Source, ctx: Ctx) -> Iterator[Segment]:
    ctx.stats.pages += 1
    root = parse(read_bytes(src), "XML")
    yield from _walk_xml(root, "/" + local(root.tag), 0)
