"""Read queries of the review UI, always scoped to what the signed-in user may see.

Why scoping lives here and nowhere else: every query that returns files, findings or decisions
takes the :class:`~scanner.web.auth.User` and adds ``files.unit = user.unit`` when the user is
bound to a unit, so a page cannot forget the rule by accident.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import sqlite_utils

from scanner.web.auth import User

PAGE_SIZE = 50


@dataclass(frozen=True)
class InboxFilter:
    status: str = "open"
    verdict: str = ""
    category: str = ""  # finding type, e.g. ID_NIK
    article: str = ""  # substring of the legal basis, e.g. "Pasal 17 huruf a"
    unit: str = ""
    date_from: str = ""
    date_to: str = ""
    q: str = ""
    page: int = 1

    @classmethod
    def from_query(cls, params: Any) -> InboxFilter:
        def get(name: str, default: str = "") -> str:
            return str(params.get(name, default) or "").strip()[:200]

        try:
            page = max(int(params.get("page", 1)), 1)
        except (TypeError, ValueError):
            page = 1
        return cls(
            status=get("status", "open") if "status" in params else "open",
            verdict=get("verdict"), category=get("category"), article=get("article"),
            unit=get("unit"), date_from=get("date_from"), date_to=get("date_to"), q=get("q"),
            page=page,
        )


def _scope(user: User, alias: str = "f") -> tuple[str, list[Any]]:
    if user.unit:
        return f"{alias}.unit = ?", [user.unit]
    return "1 = 1", []


def inbox(db: sqlite_utils.Database, user: User, flt: InboxFilter) -> tuple[list[dict], int]:
    """Flagged and blocked files matching the filter, newest first, and the total count."""
    scope, params = _scope(user)
    clauses = [scope, "f.verdict IN ('flag', 'block')"]
    if flt.status:
        clauses.append("f.status = ?")
        params.append(flt.status)
    if flt.verdict:
        clauses.append("f.verdict = ?")
        params.append(flt.verdict)
    if flt.unit:
        clauses.append("f.unit = ?")
        params.append(flt.unit)
    if flt.date_from:
        clauses.append("substr(f.scanned_at, 1, 10) >= ?")
        params.append(flt.date_from)
    if flt.date_to:
        clauses.append("substr(f.scanned_at, 1, 10) <= ?")
        params.append(flt.date_to)
    if flt.q:
        clauses.append("f.path LIKE ? ESCAPE '\\'")
        params.append("%" + flt.q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
                      + "%")
    if flt.category:
        clauses.append("EXISTS (SELECT 1 FROM findings x WHERE x.file_id = f.id AND x.type = ?)")
        params.append(flt.category)
    if flt.article:
        clauses.append(
            "EXISTS (SELECT 1 FROM findings x WHERE x.file_id = f.id AND x.basis LIKE ?)"
        )
        params.append(f"%{flt.article}%")
    where = " AND ".join(clauses)
    total = db.execute(f"SELECT count(*) FROM files f WHERE {where}", params).fetchone()[0]
    rows = db.execute(
        "SELECT f.*, (SELECT count(*) FROM findings x WHERE x.file_id = f.id) AS n_findings, "
        "(SELECT group_concat(DISTINCT x.type) FROM findings x WHERE x.file_id = f.id) AS types "
        f"FROM files f WHERE {where} ORDER BY f.scanned_at DESC, f.id DESC LIMIT ? OFFSET ?",
        [*params, PAGE_SIZE, (flt.page - 1) * PAGE_SIZE],
    )
    columns = [c[0] for c in rows.description]
    files = [dict(zip(columns, r, strict=True)) for r in rows.fetchall()]
    for f in files:
        f["reasons"] = _json(f["reasons"], [])
        f["types"] = sorted((f["types"] or "").split(",")) if f["types"] else []
        f["preview"] = []
    _attach_previews(db, files)
    return files, total


def _attach_previews(db: sqlite_utils.Database, files: list[dict], per_file: int = 5) -> None:
    """The first findings of each listed file (masked snippet, location, basis), so that the
    inbox answers "what and where" without opening every file. One query for the whole page."""
    by_id = {f["id"]: f for f in files}
    if not by_id:
        return
    marks = ", ".join("?" for _ in by_id)
    for x in db.execute(
        "SELECT id, file_id, type, rule, basis, location, layer, masked, context, explanation "
        f"FROM findings WHERE file_id IN ({marks}) ORDER BY file_id, id", list(by_id)
    ).fetchall():
        target = by_id[x[1]]
        if len(target["preview"]) < per_file:
            target["preview"].append({
                "id": x[0], "type": x[2], "rule": x[3], "basis": x[4],
                "location": _json(x[5], {}), "layer": x[6], "masked": x[7], "context": x[8],
                "explanation": safe_explanation(_json(x[9], {})),
            })


def facets(db: sqlite_utils.Database, user: User) -> dict[str, list[str]]:
    """Values offered in the filter drop-downs (only those the user may see)."""
    scope, params = _scope(user)
    units = [r[0] for r in db.execute(
        f"SELECT DISTINCT f.unit FROM files f WHERE {scope} AND coalesce(f.unit, '') != '' "
        "ORDER BY 1", params)]
    types = [r[0] for r in db.execute(
        f"SELECT DISTINCT x.type FROM findings x JOIN files f ON f.id = x.file_id WHERE {scope} "
        "ORDER BY 1", params)]
    return {"units": units, "types": types}


def get_file(db: sqlite_utils.Database, user: User, file_id: int) -> dict | None:
    """One file with its findings, or None when absent *or* outside the user's unit (the two
    are indistinguishable on purpose: a 404 does not confirm another agency's file exists)."""
    scope, params = _scope(user)
    cursor = db.execute(f"SELECT f.* FROM files f WHERE f.id = ? AND {scope}", [file_id, *params])
    row = cursor.fetchone()
    if row is None:
        return None
    record = dict(zip([c[0] for c in cursor.description], row, strict=True))
    record["reasons"] = _json(record["reasons"], [])
    findings = []
    for x in db["findings"].rows_where("file_id = ?", [file_id], order_by="id"):
        x["location"] = _json(x["location"], {})
        x["explanation"] = safe_explanation(_json(x["explanation"], {}))
        findings.append(x)
    record["findings"] = findings
    return record


def safe_explanation(exp: Any) -> dict[str, Any]:
    """Only the explanation fields that describe the rule, never text copied from the file.

    Why a whitelist: recognizers' explanations may carry free text (``near`` cues, Presidio's
    textual explanation) that could quote the document; the UI must show masked text only.
    """
    if not isinstance(exp, dict):
        return {}
    keep = ("title", "level", "pattern", "recognizer", "context_word", "validation", "message",
            "pack", "score")
    return {k: exp[k] for k in keep if k in exp and exp[k] not in (None, "")}


def get_finding(db: sqlite_utils.Database, user: User, finding_id: int) -> dict | None:
    scope, params = _scope(user)
    cursor = db.execute(
        f"SELECT x.* FROM findings x JOIN files f ON f.id = x.file_id WHERE x.id = ? AND {scope}",
        [finding_id, *params],
    )
    row = cursor.fetchone()
    return None if row is None else dict(zip([c[0] for c in cursor.description], row, strict=True))


def decisions(
    db: sqlite_utils.Database, user: User, file_id: int | None = None, limit: int = 500,
    action: str = "", actor: str = "",
) -> list[dict]:
    """Audit entries, newest first; a unit-bound user sees only entries about their files."""
    scope, params = _scope(user)
    if user.unit:
        where = f"d.file_id IN (SELECT f.id FROM files f WHERE {scope})"
    else:
        where = "1 = 1"
    if file_id is not None:
        where += " AND d.file_id = ?"
        params.append(file_id)
    if action:
        where += " AND d.action = ?"
        params.append(action)
    if actor:
        where += " AND d.actor = ?"
        params.append(actor)
    cursor = db.execute(
        "SELECT d.*, (SELECT f.path FROM files f WHERE f.id = d.file_id) AS path FROM decisions d "
        f"WHERE {where} ORDER BY d.id DESC LIMIT ?",
        [*params, limit],
    )
    columns = [c[0] for c in cursor.description]
    return [dict(zip(columns, r, strict=True)) for r in cursor.fetchall()]


def _json(value: str | None, default: Any) -> Any:
    try:
        parsed = json.loads(value) if value else default
    except ValueError:
        return default
    return parsed if parsed is not None else default
