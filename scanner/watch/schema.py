"""The daemon's own tables and columns, as a separate sqlite-utils migration set.

Why a separate set (``saring-daemon``) instead of editing the store's m001: the findings store is
shared with ``saring scan`` and the review UI; the daemon only *adds* columns (where a file sits
now, where it goes when released) and its job queue. sqlite-utils records each applied migration
by set name, so both sets evolve independently and are applied idempotently by whoever opens the
database first.
"""

from __future__ import annotations

import sqlite_utils
from sqlite_utils import Migrations

migrations = Migrations("saring-daemon")


@migrations()
def m001_placement_and_jobs(db: sqlite_utils.Database) -> None:
    files = db["files"]
    # mode: gate | monitor | api | cli; origin: absolute path where the file was found;
    # held_path: where it sits while held (review folder or quarantine); public_path: where
    # "release" puts it; location: public | review | quarantine | incoming | origin | gone.
    for column in ("mode", "origin", "held_path", "public_path", "location"):
        if column not in files.columns_dict:
            files.add_column(column, str)
    db["jobs"].create(
        {
            "id": int, "path": str, "mode": str, "state": str, "not_before": float,
            "enqueued_at": float, "first_seen": float, "started_at": float,
            "finished_at": float, "attempts": int, "verdict": str, "dest": str,
            "file_id": int, "outcome": str, "error": str,
        },
        pk="id",
        not_null={"path", "state"},
        defaults={"attempts": 0},
    )
    # One *pending* job per path: repeated events for a file still being written only move its
    # due time. A path may have one running and one pending job (changed while being scanned).
    db.execute(
        "CREATE UNIQUE INDEX jobs_pending_path ON jobs(path) WHERE state = 'pending'"
    )
    db["jobs"].create_index(["state", "not_before"])
    # Monitor mode: what was already scanned in the web root (so a restart rescans only what
    # changed) and which (path, sha256) pairs a reviewer released (so they are not re-blocked).
    db["monitored"].create(
        {"path": str, "size": int, "mtime_ns": int, "sha256": str, "verdict": str,
         "file_id": int, "scanned_at": str},
        pk="path",
    )
    db["releases"].create(
        {"path": str, "sha256": str, "file_id": int, "at": str, "actor": str}, pk=("path", "sha256")
    )


def ensure_schema(db: sqlite_utils.Database) -> None:
    """Apply the daemon's migrations (idempotent; the store's own set must be applied first)."""
    migrations.apply(db)
