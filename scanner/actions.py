"""Reviewer actions on held files: release, confirm, restore.

Why one module shared by the CLI (``saring quarantine release|restore``) and the review web UI:
a release is a legal decision (a person takes responsibility for publishing); it must move the
file, update its status and append to the audit trail in exactly the same way whoever clicks.
Every action appends a row to the append-only ``decisions`` table with the actor and the
justification; the file itself is only ever moved, never deleted.

Columns used (added by :mod:`scanner.watch.schema`): ``location`` (public | review | quarantine |
origin | gone), ``held_path`` (where the file sits while held), ``public_path`` (where a release
puts it), ``origin`` (where it was found: the incoming path, or the web-root path in monitor
mode).
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from scanner.config import Config
from scanner.quarantine import MANIFEST, append_manifest
from scanner.store import Store
from scanner.watch.fsops import atomic_move, sha256_of
from scanner.watch.schema import ensure_schema

_MESSAGES: dict[str, tuple[str, str]] = {
    "not_found": ("Berkas #{id} tidak ada di basis data.", "File #{id} is not in the database."),
    "not_held": (
        "Berkas #{id} tidak sedang ditahan atau dikarantina (status: {status}, lokasi: {where}).",
        "File #{id} is not held or quarantined (status: {status}, location: {where}).",
    ),
    "no_justification": (
        "Alasan wajib diisi: pelepasan berkas adalah keputusan yang dicatat.",
        "A justification is required: releasing a file is a recorded decision.",
    ),
    "missing": (
        "Berkas #{id} tidak ditemukan di {path}; tidak ada yang dipindahkan.",
        "File #{id} is not at {path}; nothing was moved.",
    ),
    "no_destination": (
        "Berkas #{id} tidak punya tujuan publikasi (dipindai lewat {mode}).",
        "File #{id} has no publication destination (scanned via {mode}).",
    ),
    "exists": (
        "Tujuan {path} sudah berisi berkas lain; pindahkan dulu secara manual.",
        "Destination {path} already holds another file; move it away first.",
    ),
    "not_quarantined": (
        "Berkas #{id} tidak berada di karantina (lokasi: {where}).",
        "File #{id} is not in quarantine (location: {where}).",
    ),
}


class ActionError(Exception):
    """A reviewer action that cannot be done; the message is for the person who asked."""


def _msg(config: Config, key: str, **values: Any) -> str:
    return _MESSAGES[key][1 if config.lang == "en" else 0].format(**values)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _row(config: Config, store: Store, file_id: int) -> dict[str, Any]:
    ensure_schema(store.db)
    rows = list(store.db["files"].rows_where("id = ?", [file_id]))
    if not rows:
        raise ActionError(_msg(config, "not_found", id=file_id))
    return rows[0]


def _manifest_dir(held: Path) -> Path | None:
    for parent in held.parents:
        if (parent / MANIFEST).is_file():
            return parent
    return None


def _move_out(config: Config, store: Store, row: dict[str, Any], dest: Path, actor: str,
              note: str, event: str) -> Path:
    """Move the held file to ``dest`` and record it; shared by release and restore."""
    file_id = row["id"]
    held = Path(row["held_path"] or "")
    if not row["held_path"] or not held.is_file():
        raise ActionError(_msg(config, "missing", id=file_id, path=row["held_path"] or "-"))
    if dest.exists() and dest.resolve() != held.resolve():
        if not dest.is_file() or sha256_of(dest) != row["sha256"]:
            raise ActionError(_msg(config, "exists", path=dest))
    sha = row["sha256"] or ""
    if row["mode"] == "monitor":
        # Tell the monitor not to quarantine this exact content at this path again.
        store.db["releases"].upsert(
            {"path": str(dest), "sha256": sha, "file_id": file_id, "at": _now(), "actor": actor},
            pk=("path", "sha256"),
        )
    atomic_move(held, dest)
    if row["location"] == "quarantine":
        qdir = _manifest_dir(held)
        if qdir is not None:
            append_manifest(qdir, {"event": event, "quarantine_path": str(held),
                                   "to": str(dest), "sha256": sha, "actor": actor, "note": note})
    return dest


def release_file(config: Config, store: Store, file_id: int, actor: str,
                 justification: str) -> Path:
    """Publish a held or quarantined file: move it to its public destination, set the status
    to ``released`` and append a ``release`` decision with the justification.

    A file that was published-and-flagged (``on_flag = "publish"``) is already public: the
    release only records the decision. Raises :class:`ActionError` (Indonesian message, English
    with ``lang = "en"``) if the justification is empty or the file is not held/quarantined.
    """
    if not justification or not justification.strip():
        raise ActionError(_msg(config, "no_justification"))
    row = _row(config, store, file_id)
    where = row["location"] or "-"
    if row["status"] not in ("open", "confirmed") or where not in ("review", "quarantine",
                                                                     "public", "origin"):
        raise ActionError(_msg(config, "not_held", id=file_id, status=row["status"], where=where))
    if where in ("public", "origin"):
        if row["status"] != "open":
            raise ActionError(_msg(config, "not_held", id=file_id, status=row["status"],
                                   where=where))
        dest = Path(row["public_path"] or row["origin"] or "")
    else:
        target = row["public_path"] or (row["origin"] if row["mode"] == "monitor" else None)
        if not target:
            raise ActionError(_msg(config, "no_destination", id=file_id, mode=row["mode"] or "-"))
        dest = _move_out(config, store, row, Path(target), actor, justification, "released")
    with store.db.conn:
        store.db["files"].update(
            file_id, {"status": "released", "location": "public", "held_path": None,
                      "public_path": str(dest)},
        )
    store.add_decision(actor, "release", justification.strip(), file_id=file_id)
    return dest


def confirm_file(config: Config, store: Store, file_id: int, actor: str, note: str = "") -> None:
    """Confirm the verdict: the file stays held/quarantined (status ``confirmed``), and the
    reviewer's confirmation is appended to the audit trail."""
    row = _row(config, store, file_id)
    if row["status"] not in ("open",):
        raise ActionError(_msg(config, "not_held", id=file_id, status=row["status"],
                               where=row["location"] or "-"))
    store.db["files"].update(file_id, {"status": "confirmed"})
    store.add_decision(actor, "confirm", note, file_id=file_id)


def restore_file(config: Config, store: Store, file_id: int, actor: str,
                 justification: str) -> Path:
    """Put a quarantined file back where it was found (monitor mode: its place in the web
    root, which re-publishes it; gate mode: the incoming folder, where it is scanned again).

    Monitor mode records the (path, sha256) pair as released so the watcher does not
    quarantine the same content again. Status becomes ``released``; a ``restore`` decision is
    appended.
    """
    if not justification or not justification.strip():
        raise ActionError(_msg(config, "no_justification"))
    row = _row(config, store, file_id)
    if row["location"] != "quarantine":
        raise ActionError(_msg(config, "not_quarantined", id=file_id, where=row["location"] or "-"))
    if not row["origin"]:
        raise ActionError(_msg(config, "no_destination", id=file_id, mode=row["mode"] or "-"))
    dest = _move_out(config, store, row, Path(row["origin"]), actor, justification, "restored")
    location = "public" if row["mode"] == "monitor" else "incoming"
    with store.db.conn:
        store.db["files"].update(
            file_id, {"status": "released", "location": location, "held_path": None}
        )
    store.add_decision(actor, "restore", justification.strip(), file_id=file_id)
    return dest


def held_files(store: Store, location: str | None = None) -> list[dict[str, Any]]:
    """Files currently held (review) or quarantined, newest first (for lists and the UI)."""
    ensure_schema(store.db)
    where = "location = ?" if location else "location in ('review', 'quarantine')"
    params = [location] if location else []
    return list(store.db["files"].rows_where(where, params, order_by="id desc"))
