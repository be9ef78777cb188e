"""Compliance reports: the numbers (from the findings store) and their renderers.

One function gathers the data (:func:`build_report`); renderers only format it, so the CLI
(``saring report``) and the UI show exactly the same figures in HTML, CSV, XLSX and JSON.
Everything comes from the database, which holds masked values only: a report can never contain
a raw NIK, because it never had one.

Why a period is on ``files.scanned_at``: it is the moment the document tried to go out, which is
what an officer is accountable for in a month. Turnaround is measured from the *first* scan of the
same content (sha256), because a re-upload of a blocked document does not restart the clock.
"""

from __future__ import annotations

import csv
import io
import json
import statistics
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import sqlite_utils

from scanner.charts import VERDICT_COLOURS, bar_chart, line_chart
from scanner.i18n import Messages
from scanner.web.texts import category_label, text

VERDICTS = ("allow", "flag", "block")
STATUSES = ("open", "released", "confirmed", "none")
FORMATS = ("html", "csv", "xlsx", "json")

# "Jangka waktu" of a DIK row: how long the exemption holds. The law sets the principle
# (UU 14/2008 Pasal 20, Pasal 18 ayat (2)); the PPID sets the exact term, so this is a default.
_PERIODS: dict[str, tuple[str, str]] = {
    "personal_data": (
        "Selama tidak ada persetujuan tertulis subjek data (UU 14/2008 Pasal 18 ayat (2) huruf a)",
        "Until the data subject consents in writing (Law 14/2008 Art. 18(2)(a))",
    ),
    "exemption": (
        "Selama alasan pengecualian berlaku; ditinjau PPID (UU 14/2008 Pasal 20)",
        "While the ground for exemption holds; reviewed by the PPID (Law 14/2008 Art. 20)",
    ),
    "marking": (
        "Sesuai masa klasifikasi yang ditetapkan pejabat pengklasifikasi",
        "As long as the classification set by the classifying official",
    ),
    "secret": ("Sampai kredensial diganti/dicabut", "Until the credential is rotated/revoked"),
}
_CONSEQUENCE: dict[str, tuple[str, str]] = {
    "personal_data": (
        "Membuka data pribadi tanpa dasar hukum melanggar hak subjek data (UU 27/2022)",
        "Disclosing personal data without a legal basis violates the data subject's rights "
        "(Law 27/2022)",
    ),
    "secret": (
        "Kredensial yang terbuka memberi akses tanpa izin ke sistem instansi",
        "An exposed credential gives unauthorised access to the agency's systems",
    ),
}


@dataclass
class Report:
    """All figures of one report; plain data so that JSON is ``asdict``."""

    start: str
    end: str
    unit: str | None
    lang: str
    generated_at: str
    files: int = 0
    by_verdict: dict[str, int] = field(default_factory=dict)
    by_status: dict[str, int] = field(default_factory=dict)
    by_type: list[dict[str, Any]] = field(default_factory=list)
    by_basis: list[dict[str, Any]] = field(default_factory=list)
    by_unit: list[dict[str, Any]] = field(default_factory=list)
    by_month: list[dict[str, Any]] = field(default_factory=list)
    top_rules: list[dict[str, Any]] = field(default_factory=list)
    turnaround: dict[str, Any] = field(default_factory=dict)
    precision: list[dict[str, Any]] = field(default_factory=list)
    exempt: list[dict[str, Any]] = field(default_factory=list)


def _where(start: date, end: date, unit: str | None, alias: str = "f") -> tuple[str, list[Any]]:
    clause = f"substr({alias}.scanned_at, 1, 10) BETWEEN ? AND ?"
    params: list[Any] = [start.isoformat(), end.isoformat()]
    if unit:
        clause += f" AND {alias}.unit = ?"
        params.append(unit)
    return clause, params


def _parse(moment: str) -> datetime:
    value = datetime.fromisoformat(moment)
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def build_report(
    db: sqlite_utils.Database, start: date, end: date, lang: str = "id", unit: str | None = None
) -> Report:
    """Gather every figure for files scanned from ``start`` to ``end`` (inclusive).

    ``unit`` limits the report to one agency (a unit-bound user never sees other units' data).
    """
    msg = Messages(lang)
    where, params = _where(start, end, unit)
    rep = Report(
        start=start.isoformat(), end=end.isoformat(), unit=unit, lang=lang,
        generated_at=datetime.now(UTC).isoformat(timespec="seconds"),
    )
    q = db.execute
    rep.by_verdict = {v: 0 for v in VERDICTS}
    for verdict, n in q(f"SELECT verdict, count(*) FROM files f WHERE {where} GROUP BY 1", params):
        rep.by_verdict[verdict] = n
    rep.files = sum(rep.by_verdict.values())
    rep.by_status = {s: 0 for s in STATUSES}
    for status, n in q(f"SELECT status, count(*) FROM files f WHERE {where} GROUP BY 1", params):
        rep.by_status[status or "none"] = rep.by_status.get(status or "none", 0) + n

    joined = f"FROM findings x JOIN files f ON f.id = x.file_id WHERE {where}"
    rep.by_type = [
        {"type": t, "label": category_label(t, lang), "findings": n, "files": nf}
        for t, n, nf in q(
            f"SELECT x.type, count(*), count(DISTINCT x.file_id) {joined} "
            "GROUP BY 1 ORDER BY 2 DESC, 1", params,
        )
    ]
    rep.by_basis = _by_article(db, joined, params)
    rep.top_rules = [
        {"rule": r, "findings": n, "files": nf}
        for r, n, nf in q(
            f"SELECT x.rule, count(*), count(DISTINCT x.file_id) {joined} "
            "GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 10", params,
        )
    ]
    verdict_sums = ", ".join(f"sum(f.verdict = '{v}')" for v in VERDICTS)
    rep.by_unit = [
        {"unit": u or "", **dict(zip(VERDICTS, counts, strict=True)), "total": sum(counts)}
        for u, *counts in q(
            f"SELECT coalesce(f.unit, ''), {verdict_sums} FROM files f WHERE {where} "
            "GROUP BY 1 ORDER BY 1", params,
        )
    ]
    found = {
        m: {"month": m, **dict(zip(VERDICTS, counts, strict=True)), "total": sum(counts)}
        for m, *counts in q(
            f"SELECT substr(f.scanned_at, 1, 7), {verdict_sums} FROM files f WHERE {where} "
            "GROUP BY 1 ORDER BY 1", params,
        )
    }
    # Every month of the period, also empty ones: a line chart must not skip a quiet month.
    rep.by_month = [found.get(m) or {"month": m, **{v: 0 for v in VERDICTS}, "total": 0}
                    for m in _months(start, end)]
    rep.turnaround = _turnaround(db, where, params)
    rep.precision = [
        {
            "rule": r, "tp": tp, "fp": fp, "unlabelled": un,
            "precision": round(tp / (tp + fp), 3) if tp + fp else None,
        }
        for r, tp, fp, un in q(
            f"SELECT x.rule, sum(x.is_leak = 1), sum(x.is_leak = 0), sum(x.is_leak IS NULL) "
            f"{joined} GROUP BY 1 HAVING sum(x.is_leak IS NOT NULL) > 0 ORDER BY 1", params,
        )
    ]
    rep.exempt = _exempt(db, where, params, msg)
    return rep


def _months(start: date, end: date) -> list[str]:
    months, year, month = [], start.year, start.month
    while (year, month) <= (end.year, end.month):
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def _by_article(db: sqlite_utils.Database, joined: str, params: list[Any]) -> list[dict]:
    """Findings per article: a basis such as "UU 24/2013 Pasal 84; UU 27/2022 Pasal 4" counts
    once for each article it cites, so the table answers "how often did Pasal X apply"."""
    findings: dict[str, int] = {}
    files: dict[str, set[int]] = {}
    for basis, file_id in db.execute(f"SELECT x.basis, x.file_id {joined}", params):
        for article in {a.strip() for a in (basis or "—").split(";") if a.strip()} or {"—"}:
            findings[article] = findings.get(article, 0) + 1
            files.setdefault(article, set()).add(file_id)
    ordered = sorted(findings, key=lambda a: (-findings[a], a))
    return [{"basis": a, "findings": findings[a], "files": len(files[a])} for a in ordered]


def _turnaround(db: sqlite_utils.Database, where: str, params: list[Any]) -> dict[str, Any]:
    rows = db.execute(
        "SELECT (SELECT min(g.scanned_at) FROM files g WHERE g.sha256 = f.sha256 "
        "        AND coalesce(f.sha256, '') != ''), f.scanned_at, "
        "       (SELECT min(d.at) FROM decisions d WHERE d.file_id = f.id "
        "        AND d.action IN ('release', 'confirm')) "
        f"FROM files f WHERE {where}",
        params,
    ).fetchall()
    hours = [
        (_parse(decided) - _parse(first or scanned)).total_seconds() / 3600
        for first, scanned, decided in rows
        if decided
    ]
    if not hours:
        return {"decided": 0, "median_h": None, "mean_h": None, "max_h": None}
    return {
        "decided": len(hours),
        "median_h": round(statistics.median(hours), 2),
        "mean_h": round(statistics.fmean(hours), 2),
        "max_h": round(max(hours), 2),
    }


def _exempt(
    db: sqlite_utils.Database, where: str, params: list[Any], msg: Messages
) -> list[dict[str, Any]]:
    """One DIK row per (confirmed file, finding type): what is withheld, why, and how long."""
    i = 1 if msg.lang == "en" else 0
    rows = db.execute(
        "SELECT f.id, f.path, coalesce(f.unit, ''), x.type, x.kind, "
        "       group_concat(DISTINCT x.basis), min(x.explanation), "
        "       (SELECT max(d.at) FROM decisions d "
        "        WHERE d.file_id = f.id AND d.action = 'confirm') "
        f"FROM findings x JOIN files f ON f.id = x.file_id WHERE {where} "
        "AND f.status = 'confirmed' AND coalesce(x.is_leak, 1) = 1 "
        "GROUP BY f.id, x.type ORDER BY f.id, x.type",
        params,
    ).fetchall()
    out = []
    for file_id, path, unit, ftype, kind, bases, explanation, decided in rows:
        consequence = _CONSEQUENCE.get(kind, ("", ""))[i]
        try:
            message = json.loads(explanation or "{}").get("message") or {}
        except (ValueError, AttributeError):
            message = {}
        if isinstance(message, dict) and message.get(msg.lang):
            consequence = str(message[msg.lang]).strip()
        out.append(
            {
                "file_id": file_id, "file": Path(path).name, "unit": unit,
                "informasi": f"{category_label(ftype, msg.lang)} — {Path(path).name}",
                "dasar_hukum": "; ".join(sorted(set((bases or "").split(",")))) or "—",
                "konsekuensi": consequence or "—",
                "jangka_waktu": _PERIODS.get(kind, _PERIODS["exemption"])[i],
                "confirmed_at": decided or "",
            }
        )
    return out


# --- renderers -----------------------------------------------------------------------------


def charts(rep: Report) -> dict[str, str]:
    """The report's charts as inline SVG strings, keyed by section."""
    t = lambda key: text(key, rep.lang)  # noqa: E731 - a local shorthand
    names = {v: Messages(rep.lang).verdict(v) for v in VERDICTS}
    no_unit = t("report.no_unit")
    return {
        "by_verdict": bar_chart([(names[v], rep.by_verdict[v]) for v in VERDICTS],
                                t("report.by_verdict"), empty=t("report.empty"),
                                colours=[VERDICT_COLOURS[v] for v in VERDICTS]),
        "by_type": bar_chart([(r["label"], r["findings"]) for r in rep.by_type],
                             t("report.by_type"), empty=t("report.empty")),
        "by_unit": bar_chart([(r["unit"] or no_unit, r["total"]) for r in rep.by_unit],
                             t("report.by_unit"), colour="#8250df", empty=t("report.empty")),
        "by_month": line_chart(
            [r["month"] for r in rep.by_month],
            {names[v]: [r[v] for r in rep.by_month] for v in VERDICTS},
            t("report.by_month"),
            colours={names[v]: VERDICT_COLOURS[v] for v in VERDICTS},
            empty=t("report.empty"),
        ),
        "top_rules": bar_chart([(r["rule"], r["findings"]) for r in rep.top_rules],
                               t("report.top_rules"), colour="#d29922", empty=t("report.empty")),
    }


def to_json(rep: Report) -> str:
    return json.dumps(asdict(rep), ensure_ascii=False, indent=2)


def rows(rep: Report) -> list[tuple[str, str, str, Any]]:
    """The report as tidy rows (section, key, metric, value): one shape for CSV and tests."""
    out: list[tuple[str, str, str, Any]] = [
        ("period", "start", "date", rep.start), ("period", "end", "date", rep.end),
        ("total", "files", "files", rep.files),
    ]
    out += [("verdict", v, "files", n) for v, n in rep.by_verdict.items()]
    out += [("status", s, "files", n) for s, n in rep.by_status.items()]
    for r in rep.by_type:
        out += [("type", r["type"], "findings", r["findings"]),
                ("type", r["type"], "files", r["files"])]
    for r in rep.by_basis:
        out += [("basis", r["basis"], "findings", r["findings"]),
                ("basis", r["basis"], "files", r["files"])]
    for r in rep.by_unit:
        out += [("unit", r["unit"], m, r[m]) for m in (*VERDICTS, "total")]
    for r in rep.by_month:
        out += [("month", r["month"], m, r[m]) for m in (*VERDICTS, "total")]
    for r in rep.top_rules:
        out += [("top_rule", r["rule"], "findings", r["findings"]),
                ("top_rule", r["rule"], "files", r["files"])]
    out += [("turnaround", "hours", k, v) for k, v in rep.turnaround.items()]
    for r in rep.precision:
        out += [("precision", r["rule"], m, r[m]) for m in ("tp", "fp", "unlabelled", "precision")]
    for n, r in enumerate(rep.exempt, 1):
        out += [("dik", str(n), m, r[m])
                for m in ("informasi", "dasar_hukum", "konsekuensi", "jangka_waktu", "unit")]
    return out


def to_csv(rep: Report) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["section", "key", "metric", "value"])
    for section, key, metric, value in rows(rep):
        writer.writerow([section, key, metric, "" if value is None else _safe_cell(value)])
    return buffer.getvalue()


def _safe_cell(value: Any) -> Any:
    """Neutralise spreadsheet formulas (CSV injection): a file name may start with '='."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def to_xlsx(rep: Report) -> bytes:
    """One sheet per section, with the DIK in its own sheet in the columns a PPID uses."""
    from openpyxl import Workbook

    t = lambda key: text(key, rep.lang)  # noqa: E731
    book = Workbook()
    sheet = book.active
    sheet.title = "ringkasan" if rep.lang == "id" else "summary"
    sheet.append(["section", "key", "metric", "value"])
    for section, key, metric, value in rows(rep):
        if section != "dik":
            sheet.append([section, _safe_cell(key), metric, _safe_cell(value)])
    dik = book.create_sheet("DIK")
    dik.append([t("report.informasi"), t("report.dasar_hukum"), t("report.konsekuensi"),
                t("report.jangka_waktu"), t("unit")])
    for r in rep.exempt:
        dik.append([_safe_cell(r[k]) for k in
                    ("informasi", "dasar_hukum", "konsekuensi", "jangka_waktu", "unit")])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def to_html(rep: Report) -> str:
    """A standalone, printable HTML document (CSS inlined, charts inline SVG, no scripts)."""
    from scanner.web.templating import environment, stylesheet

    template = environment().get_template("report_document.html")
    return template.render(rep=rep, charts=charts(rep), css=stylesheet(), **_context(rep.lang))


def _context(lang: str) -> dict[str, Any]:
    msg = Messages(lang)
    return {"t": lambda key: text(key, lang), "lang": lang, "verdict_name": msg.verdict,
            "verdicts": VERDICTS}


def render(rep: Report, fmt: str) -> bytes:
    """The report in ``fmt`` (html, csv, xlsx, json) as bytes ready for a file or a response."""
    if fmt == "html":
        return to_html(rep).encode()
    if fmt == "csv":
        return to_csv(rep).encode("utf-8-sig")  # BOM: Excel opens UTF-8 CSV correctly
    if fmt == "xlsx":
        return to_xlsx(rep)
    if fmt == "json":
        return to_json(rep).encode()
    raise ValueError(f"unknown report format: {fmt}")


MEDIA_TYPES = {
    "html": "text/html; charset=utf-8", "csv": "text/csv; charset=utf-8",
    "json": "application/json",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
