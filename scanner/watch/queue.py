"""The durable job queue: one SQLite row per file to scan, in the findings database.

Why SQLite and not an in-memory queue: after ``kill -9`` the daemon must know which files were
in flight. A job is ``pending`` (due at ``not_before``), ``running`` (claimed by a worker) or
``done``. At start, ``running`` jobs go back to ``pending`` (:meth:`JobQueue.recover`); the
worker then looks at the filesystem to decide what is left to do (see ``daemon``). Repeated
events for a file still being written only move its due time (a partial unique index allows
one pending job per path), so a burst of events becomes one scan.

Each worker thread uses its own connection (sqlite3 connections are not shared across threads);
the finishing update runs in the same transaction as the findings insert (``finish_sql``).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import sqlite_utils

_ENQUEUE = (
    "INSERT INTO jobs (path, mode, state, not_before, enqueued_at, first_seen, attempts) "
    "VALUES (?, ?, 'pending', ?, ?, ?, 0) "
    "ON CONFLICT(path) WHERE state = 'pending' DO UPDATE SET "
    "not_before = excluded.not_before, first_seen = min(first_seen, excluded.first_seen)"
)
_CLAIM = (
    "UPDATE jobs SET state = 'running', started_at = ?, attempts = attempts + 1 "
    "WHERE id = (SELECT id FROM jobs WHERE state = 'pending' AND not_before <= ? "
    "AND path NOT IN (SELECT path FROM jobs WHERE state = 'running') "
    "ORDER BY not_before, id LIMIT 1) RETURNING *"
)
FINISH_SQL = (
    "UPDATE jobs SET state = 'done', finished_at = ?, outcome = ?, file_id = ?, verdict = ?, "
    "error = ? WHERE id = ?"
)


@dataclass(frozen=True)
class Job:
    id: int
    path: str
    mode: str
    not_before: float
    first_seen: float
    attempts: int
    verdict: str | None
    dest: str | None

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Job:
        return cls(row["id"], row["path"], row["mode"], row["not_before"],
                   row["first_seen"] or row["enqueued_at"], row["attempts"], row["verdict"],
                   row["dest"])


class JobQueue:
    """Queue operations on a connection given per call by ``db()`` (one per thread)."""

    def __init__(self, db: Callable[[], sqlite_utils.Database]):
        self.db = db

    def enqueue_many(self, items: Iterable[tuple[str, str, float, float]]) -> int:
        """Add or refresh jobs: ``(path, mode, not_before, first_seen)``; one transaction."""
        now = time.time()
        rows = [(path, mode, due, now, seen) for path, mode, due, seen in items]
        if rows:
            conn = self.db().conn
            with conn:
                conn.executemany(_ENQUEUE, rows)
        return len(rows)

    def claim(self) -> Job | None:
        now = time.time()
        conn = self.db().conn
        with conn:
            cursor = conn.execute(_CLAIM, (now, now))
            columns = [c[0] for c in cursor.description]
            rows = cursor.fetchall()
        return Job.from_row(dict(zip(columns, rows[0], strict=True))) if rows else None

    def plan(self, job_id: int, verdict: str, dest: str) -> None:
        """Record where the file is about to go, before moving it (crash recovery reads it)."""
        conn = self.db().conn
        with conn:
            conn.execute("UPDATE jobs SET verdict = ?, dest = ? WHERE id = ?",
                         (verdict, dest, job_id))

    def finish(self, job_id: int, outcome: str, file_id: int | None = None,
               verdict: str | None = None, error: str | None = None) -> None:
        conn = self.db().conn
        with conn:
            conn.execute(FINISH_SQL, (time.time(), outcome, file_id, verdict, error, job_id))

    def retry(self, job: Job, delay: float, error: str = "", count_attempt: bool = True) -> None:
        """Put a claimed job back (file still changing, or a transient failure). If a newer
        pending job for the same path exists, this one is simply closed (the newer covers it)."""
        conn = self.db().conn
        attempts = job.attempts if count_attempt else job.attempts - 1
        with conn:
            newer = conn.execute(
                "SELECT 1 FROM jobs WHERE path = ? AND state = 'pending'", (job.path,)
            ).fetchone()
            if newer:
                conn.execute(FINISH_SQL, (time.time(), "superseded", None, None, error, job.id))
            else:
                conn.execute(
                    "UPDATE jobs SET state = 'pending', not_before = ?, attempts = ?, error = ?, "
                    "dest = NULL, verdict = NULL WHERE id = ?",
                    (time.time() + delay, attempts, error, job.id),
                )

    def recover(self) -> list[str]:
        """After a crash: put ``running`` jobs back to ``pending`` (keeping their plan, which
        tells the worker where a half-finished move went). Returns their paths."""
        conn = self.db().conn
        now = time.time()
        with conn:
            rows = conn.execute("SELECT id, path FROM jobs WHERE state = 'running'").fetchall()
            for job_id, path in rows:
                pending = conn.execute(
                    "SELECT id FROM jobs WHERE path = ? AND state = 'pending'", (path,)
                ).fetchone()
                if pending:
                    # Keep the crashed job (it carries the plan); drop the later duplicate.
                    conn.execute(FINISH_SQL, (now, "merged", None, None, None, pending[0]))
                conn.execute(
                    "UPDATE jobs SET state = 'pending', not_before = ? WHERE id = ?", (now, job_id)
                )
        return [path for _, path in rows]

    def prune(self, older_than_days: float = 30.0) -> int:
        """Forget finished jobs after a while (the findings rows and decisions stay)."""
        conn = self.db().conn
        with conn:
            cursor = conn.execute(
                "DELETE FROM jobs WHERE state = 'done' AND finished_at < ?",
                (time.time() - older_than_days * 86400,),
            )
        return cursor.rowcount

    def depth(self) -> dict[str, int]:
        conn = self.db().conn
        counts = {"pending": 0, "running": 0}
        for state, n in conn.execute(
            "SELECT state, count(*) FROM jobs WHERE state IN ('pending', 'running') GROUP BY state"
        ):
            counts[state] = n
        return counts

    def next_due(self) -> float | None:
        row = self.db().conn.execute(
            "SELECT min(not_before) FROM jobs WHERE state = 'pending'"
        ).fetchone()
        return row[0] if row else None
