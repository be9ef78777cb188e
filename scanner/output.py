"""Rendering results: the stable JSON contract and the human text report.

The JSON shape is a public interface (publishing systems parse it): fields may be added, never
renamed or removed. Raw matched text appears only when the caller asked for it (``reveal``).
"""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.markup import escape

from scanner.i18n import Messages
from scanner.model import FileResult, Finding

_VERDICT_STYLE = {"allow": "bold green", "flag": "bold yellow", "block": "bold red"}


def summary(results: list[FileResult]) -> dict[str, int]:
    out = {"files": len(results), "allow": 0, "flag": 0, "block": 0}
    for r in results:
        out[r.verdict] += 1
    return out


def finding_to_dict(f: Finding, reveal: bool) -> dict[str, Any]:
    action = next((t[7:] for t in sorted(f.tags) if t.startswith("action:")), "")
    data: dict[str, Any] = {
        "type": f.type,
        "rule": f.rule,
        "kind": f.kind,
        "score": f.score,
        "basis": f.basis,
        "location": f.location,
        "layer": f.layer,
        "masked": f.masked,
        "context": f.context,
        "action": action,
        "explanation": f.explanation,
    }
    if reveal:
        data["text"] = f.text
    return data


def file_to_dict(r: FileResult, reveal: bool) -> dict[str, Any]:
    return {
        "path": r.path,
        "sha256": r.sha256,
        "mime": r.mime,
        "size": r.size,
        "verdict": r.verdict,
        "error": r.error or None,
        "pages": r.pages,
        "unscanned": {k: v for k, v in r.unscanned.items() if v},
        "reasons": [
            {"code": x.code, "message": x.message, "basis": x.basis, "verdict": x.verdict}
            for x in r.reasons
        ],
        "findings": [finding_to_dict(f, reveal) for f in r.findings],
    }


def to_json(tool: dict[str, str], results: list[FileResult], reveal: bool) -> dict[str, Any]:
    return {
        "tool": tool,
        "files": [file_to_dict(r, reveal) for r in results],
        "summary": summary(results),
    }


def describe_location(location: dict[str, Any], msg: Messages) -> str:
    """A location as a person reads it: 'halaman 2', 'sheet Data!C5', 'baris 3, kolom NIK'."""
    en = msg.lang == "en"
    parts: list[str] = []
    if "page" in location:
        parts.append(f"{'page' if en else 'halaman'} {location['page']}")
    if "sheet" in location:
        cell = location.get("cell")
        parts.append(f"sheet {location['sheet']}" + (f"!{cell}" if cell else ""))
        if not cell and "row" in location:
            parts.append(f"{'row' if en else 'baris'} {location['row']}")
    elif "row" in location:
        parts.append(f"{'row' if en else 'baris'} {location['row']}")
    if "line" in location:
        parts.append(f"{'line' if en else 'baris'} {location['line']}")
    if "column" in location:
        parts.append(f"{'column' if en else 'kolom'} {location['column']}")
    if "table" in location:
        parts.append(f"{'table' if en else 'tabel'} {location['table']}")
    if "paragraph" in location:
        parts.append(f"{'paragraph' if en else 'paragraf'} {location['paragraph']}")
    part = location.get("part")
    if part and part not in ("body", "table"):
        label = msg.layer(part) if part in ("comment", "metadata", "hidden") else part
        extra = location.get("field") or location.get("author") or location.get("element")
        parts.append(f"{label} ({extra})" if extra else label)
    text = ", ".join(parts) or ("document" if en else "dokumen")
    member = location.get("member")
    return f"{member}: {text}" if member else text


def render_text(console: Console, results: list[FileResult], msg: Messages, reveal: bool) -> None:
    for r in results:
        style = _VERDICT_STYLE[r.verdict]
        console.print(f"[{style}]{msg.verdict(r.verdict)}[/]  {escape(r.path)}")
        for reason in r.reasons:
            basis = f" [dim]({escape(reason.basis)})[/]" if reason.basis else ""
            console.print(f"  - {escape(reason.message)}{basis}")
        for f in r.findings:
            value = f.text if reveal else f.masked
            where = describe_location(f.location, msg)
            layer = f" [{msg.layer(f.layer)}]" if f.layer not in ("body", "table") else ""
            console.print(
                f"    {escape(msg.type_label(f.type))}: [bold]{escape(value)}[/]"
                f"  [dim]{msg.t('where')}:[/] {escape(where)}{escape(layer)}"
                f"  [dim]{msg.t('why')}:[/] {escape(f.rule)}"
                + (f" — {escape(f.basis)}" if f.basis else "")
            )
        if not r.findings and not r.reasons:
            console.print(f"    [dim]{msg.t('no_findings')}[/]")
    counts = summary(results)
    console.print(msg.t("summary", **counts))
