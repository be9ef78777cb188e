"""The findings store: scans, files, findings and (later) reviewers' decisions, in SQLite.

Why it holds no raw values: the database is the one place where everything found in every file
piles up; if it kept the NIKs it would be the biggest leak of all. Findings keep a masked value,
a masked snippet and a salted HMAC of the normalised value. The salt lives in a separate file
(mode 0600), never in the database: a structured identifier such as a NIK has few enough
possibilities that an unsalted (or salt-beside-the-hash) SHA-256 could be brute-forced.

Why the ``decisions`` table is append-only (triggers refuse UPDATE and DELETE): it is the audit
trail of who released or confirmed what, and why; nobody may rewrite it, not even the tool.
A finding's identity for baselines is ``(path, rule, value_hash)``, never the line or page,
which change between versions of a document (detect-secrets' lesson).
"""

from __future__ import annotations

import json
import os
import secrets
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlite_utils
from sqlite_utils import Migrations

from scanner.masking import value_hash
from scanner.model import FileResult, Finding

migrations = Migrations("saring")


@migrations()
def m001_initial(db: sqlite_utils.Database) -> None:
    db["scans"].create(
        {
            "id": int,
            "started_at": str,
            "finished_at": str,
            "source": str,
            "tool_version": str,
            "rules_version": str,
            "model_version": str,
            "files": int,
            "allow": int,
            "flag": int,
            "block": int,
        },
        pk="id",
    )
    db["files"].create(
        {
            "id": int,
            "scan_id": int,
            "path": str,
            "sha256": str,
            "mime": str,
            "size": int,
            "verdict": str,
            "reasons": str,
            "error": str,
            "pages": int,
            "seconds": float,
            "scanned_at": str,
            "unit": str,
            "uploader": str,
            # review status: open (awaiting a reviewer) | released | confirmed | none (allowed)
            "status": str,
        },
        pk="id",
        foreign_keys=[("scan_id", "scans", "id")],
    )
    db["findings"].create(
        {
            "id": int,
            "file_id": int,
            "type": str,
            "rule": str,
            "kind": str,
            "score": float,
            "basis": str,
            "location": str,
            "layer": str,
            "masked": str,
            "context": str,
            "value_hash": str,
            "fingerprint": str,
            "action": str,
            "explanation": str,
            # reviewer's label, three-valued like detect-secrets: NULL unreviewed, 1 real, 0 false
            "is_leak": int,
        },
        pk="id",
        foreign_keys=[("file_id", "files", "id")],
    )
    db["decisions"].create(
        {
            "id": int,
            "at": str,
            "actor": str,
            "action": str,
            "file_id": int,
            "finding_id": int,
            "note": str,
        },
        pk="id",
    )
    db["baseline"].create(
        {"fingerprint": str, "created_at": str, "actor": str, "note": str}, pk="fingerprint"
    )
    db["files"].create_index(["sha256"])
    db["files"].create_index(["verdict", "status"])
    db["findings"].create_index(["file_id"])
    db["findings"].create_index(["fingerprint"])
    db.execute(
        "CREATE TRIGGER decisions_no_update BEFORE UPDATE ON decisions "
        "BEGIN SELECT RAISE(ABORT, 'decisions are append-only'); END"
    )
    db.execute(
        "CREATE TRIGGER decisions_no_delete BEFORE DELETE ON decisions "
        "BEGIN SELECT RAISE(ABORT, 'decisions are append-only'); END"
    )


# What of a finding's explanation may be stored: names of rules and patterns, scores, the
# supportive context *word* and the recognizer's own sentence. Anything else (e.g. the text a
# rule's `near` cue matched) stays out, so no matched text can reach the database this way.
_STORED_EXPLANATION_KEYS = frozenset(
    {
        "recognizer",
        "pattern",
        "original_score",
        "score",
        "context_word",
        "validation",
        "text",
        "rule",
        "pack",
        "title",
        "level",
        "message",
        "near_pattern",
    }
)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def load_salt(path: Path) -> bytes:
    """Read the salt, creating it (0600) on first use."""
    if path.is_file():
        return bytes.fromhex(path.read_text(encoding="ascii").strip())
    path.parent.mkdir(parents=True, exist_ok=True)
    salt = secrets.token_bytes(32)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        handle.write(salt.hex())
    return salt


class Store:
    """Thin API over the SQLite file; the CLI, daemon and web UI all go through it."""

    def __init__(self, path: Path, salt_file: Path | None = None):
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite_utils.Database(path)
        self.db.enable_wal()
        self.db.execute("PRAGMA busy_timeout = 10000")
        migrations.apply(self.db)
        self.salt = load_salt(salt_file or path.with_name(path.name + ".salt"))

    def start_scan(self, source: str, tool: dict[str, str]) -> int:
        table = self.db["scans"]
        table.insert(
            {
                "started_at": _now(),
                "source": source,
                "tool_version": tool.get("version", ""),
                "rules_version": tool.get("rules", ""),
                "model_version": tool.get("model", ""),
                "files": 0,
                "allow": 0,
                "flag": 0,
                "block": 0,
            }
        )
        return int(table.last_pk)

    def finish_scan(self, scan_id: int, summary: dict[str, int]) -> None:
        self.db["scans"].update(
            scan_id,
            {
                "finished_at": _now(),
                **{k: summary.get(k, 0) for k in ("files", "allow", "flag", "block")},
            },
        )

    def fingerprint(self, path: str, rule: str, vhash: str) -> str:
        return value_hash(f"{path}\x1f{rule}\x1f{vhash}", self.salt)[:32]

    def record_file(
        self, scan_id: int, result: FileResult, unit: str = "", uploader: str = ""
    ) -> int:
        """Store one file's result; returns the file row id."""
        with self.db.conn:
            files = self.db["files"]
            files.insert(
                {
                    "scan_id": scan_id,
                    "path": result.path,
                    "sha256": result.sha256,
                    "mime": result.mime,
                    "size": result.size,
                    "verdict": result.verdict,
                    "reasons": json.dumps([r.__dict__ for r in result.reasons], ensure_ascii=False),
                    "error": result.error,
                    "pages": result.pages,
                    "seconds": result.seconds,
                    "scanned_at": _now(),
                    "unit": unit,
                    "uploader": uploader,
                    "status": "none" if result.verdict == "allow" else "open",
                }
            )
            file_id = int(files.last_pk)
            rows = []
            for f in result.findings:
                vhash = value_hash(f.text, self.salt)
                action = next((t[7:] for t in f.tags if t.startswith("action:")), "")
                rows.append(
                    {
                        "file_id": file_id,
                        "type": f.type,
                        "rule": f.rule,
                        "kind": f.kind,
                        "score": f.score,
                        "basis": f.basis,
                        "location": json.dumps(f.location, ensure_ascii=False),
                        "layer": f.layer,
                        "masked": f.masked,
                        "context": f.context,
                        "value_hash": vhash,
                        "fingerprint": self.fingerprint(result.path, f.rule, vhash),
                        "action": action,
                        "explanation": json.dumps(
                            {
                                k: v
                                for k, v in f.explanation.items()
                                if k in _STORED_EXPLANATION_KEYS
                            },
                            ensure_ascii=False,
                            default=str,
                        ),
                        "is_leak": None,
                    }
                )
            if rows:
                self.db["findings"].insert_all(rows)
        return file_id

    def add_decision(
        self,
        actor: str,
        action: str,
        note: str = "",
        file_id: int | None = None,
        finding_id: int | None = None,
    ) -> int:
        table = self.db["decisions"]
        table.insert(
            {
                "at": _now(),
                "actor": actor,
                "action": action,
                "file_id": file_id,
                "finding_id": finding_id,
                "note": note,
            }
        )
        return int(table.last_pk)

    def baseline_fingerprints(self) -> set[str]:
        return {row["fingerprint"] for row in self.db["baseline"].rows}

    def add_to_baseline(self, fingerprint: str, actor: str, note: str) -> None:
        """Accept a finding as a false positive: the same value in the same file by the same
        rule is not reported again (survives re-scans; the location may move)."""
        self.db["baseline"].upsert(
            {"fingerprint": fingerprint, "created_at": _now(), "actor": actor, "note": note},
            pk="fingerprint",
        )

    def suppressor(self) -> Callable[[str, Finding], bool]:
        """A ``suppress(path, finding)`` callback for :class:`scanner.pipeline.Scanner`."""

        cache: dict[str, Any] = {"at": 0.0, "set": set()}

        def suppress(path: str, finding: Finding) -> bool:
            # Re-read the (small) baseline at most every 2 s: a long-running daemon sees new
            # labels quickly without a query per finding.
            if time.monotonic() - cache["at"] > 2.0:
                cache["set"], cache["at"] = self.baseline_fingerprints(), time.monotonic()
            fingerprints = cache["set"]
            if not fingerprints:
                return False
            vhash = value_hash(finding.text, self.salt)
            return self.fingerprint(path, finding.rule, vhash) in fingerprints

        return suppress

    def files(self, **where: Any) -> list[dict[str, Any]]:
        clause = " and ".join(f"[{k}] = ?" for k in where) or None
        return list(self.db["files"].rows_where(clause, list(where.values()) or None))
