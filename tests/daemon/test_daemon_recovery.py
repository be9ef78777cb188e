"""Crash recovery, deterministically: jobs left ``running`` at each point of a move."""

from __future__ import annotations

import io
import os
import time
from pathlib import Path
from typing import Any

from daemon_helpers import NIK, base_config, files_under

from scanner.store import Store
from scanner.watch.config import WatchSettings
from scanner.watch.daemon import Daemon
from scanner.watch.logs import JsonLog


def _crashed_job(store: Store, path: Path, dest: Path | None, verdict: str | None) -> None:
    now = time.time()
    store.db["jobs"].insert({
        "path": str(path), "mode": "gate", "state": "running", "not_before": now,
        "enqueued_at": now, "first_seen": now, "started_at": now, "attempts": 1,
        "verdict": verdict, "dest": str(dest) if dest else None,
    })


def test_every_crash_point_ends_with_the_file_once(tmp_path: Path, shared_scanner: Any) -> None:
    shared_scanner.suppress = None
    incoming, pub, q = tmp_path / "in", tmp_path / "pub", tmp_path / "q"
    settings = WatchSettings(mode="gate", incoming=incoming, public=pub,
                             review=tmp_path / "rev", quarantine=q)
    daemon = Daemon(base_config(tmp_path), settings, shared_scanner, log=JsonLog(io.StringIO()))
    store = Store(tmp_path / "saring.db")
    incoming.mkdir()
    # 1. crashed before the move: source still in incoming, plan written
    (incoming / "a.txt").write_text("Laporan kegiatan.\n")
    _crashed_job(store, incoming / "a.txt", pub / "a.txt", "allow")
    # 2. crashed after the move, before the record: only the destination exists
    (q / "files").mkdir(parents=True)
    (q / "files" / "b.txt").write_text(f"NIK: {NIK}\n")
    _crashed_job(store, incoming / "b.txt", q / "files" / "b.txt", "block")
    # 3. crashed between link and unlink: the same file in both places
    (incoming / "c.txt").write_text("Laporan lain.\n")
    pub.mkdir()
    os.link(incoming / "c.txt", pub / "c.txt")
    _crashed_job(store, incoming / "c.txt", pub / "c.txt", "allow")
    # 4. crashed before the verdict: no plan at all
    (incoming / "d.txt").write_text(f"NIK: {NIK}\n")
    _crashed_job(store, incoming / "d.txt", None, None)

    daemon.run(once=True, install_signals=False)

    assert files_under(incoming) == set()
    assert files_under(pub) == {"a.txt", "c.txt"}
    assert files_under(q / "files") == {"b.txt", "d.txt"}
    rows = [(r["path"], r["location"]) for r in Store(tmp_path / "saring.db").files()]
    assert sorted(rows) == [("a.txt", "public"), ("b.txt", "quarantine"), ("c.txt", "public"),
                            ("d.txt", "quarantine")]
    states = store.db.execute("SELECT state, count(*) FROM jobs GROUP BY state").fetchall()
    assert states == [("done", 4)]
