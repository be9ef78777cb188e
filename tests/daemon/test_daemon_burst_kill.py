"""Nothing lost, nothing twice: a 501-file burst, and ``kill -9`` of a real ``saring watch``
process in the middle of a burst followed by a restart."""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from daemon_helpers import base_config, content_for, files_under, kind_of, wait_for

from scanner.store import Store
from scanner.watch.config import WatchSettings
from scanner.watch.daemon import Daemon
from scanner.watch.logs import JsonLog

EXPECTED_FOLDER = {"allow": "pub", "flag": "rev", "block": "q/files"}


def drop_burst(incoming: Path, n: int, start: int = 0) -> dict[str, str]:
    """Write ``n`` small TXT files into 5 subfolders as fast as possible; rel path -> kind."""
    expected = {}
    for i in range(start, start + n):
        rel = f"unit{i % 5}/doc{i:04d}.txt"
        path = incoming / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content_for(kind_of(i), i), encoding="utf-8")
        expected[rel] = kind_of(i)
    return expected


def check_exactly_once(root: Path, expected: dict[str, str]) -> None:
    where: Counter[str] = Counter()
    for kind, folder in EXPECTED_FOLDER.items():
        found = files_under(root / folder)
        for rel in found:
            where[rel] += 1
        wrong = {rel for rel in found if expected.get(rel) != kind}
        assert not wrong, f"{len(wrong)} file(s) in {folder} that belong elsewhere: {sorted(wrong)[:5]}"
    assert set(where) == set(expected), "files lost"
    assert max(where.values()) == 1, "a file was placed twice"
    assert files_under(root / "in") == set()


def placed_rows(db: Path) -> Counter[str]:
    store = Store(db)
    return Counter(r["path"] for r in store.files() if r["location"] is not None)


@pytest.mark.daemon_slow
def test_burst_of_501_files_each_processed_exactly_once(tmp_path: Path,
                                                        shared_scanner: Any) -> None:
    shared_scanner.suppress = None
    settings = WatchSettings(mode="gate", incoming=tmp_path / "in", public=tmp_path / "pub",
                             review=tmp_path / "rev", quarantine=tmp_path / "q", settle_ms=200)
    (tmp_path / "in").mkdir()
    daemon = Daemon(base_config(tmp_path), settings, shared_scanner, log=JsonLog(io.StringIO()))
    thread = threading.Thread(target=daemon.run, kwargs={"install_signals": False})
    thread.start()
    try:
        time.sleep(0.5)
        started = time.monotonic()
        expected = drop_burst(tmp_path / "in", 501)
        assert wait_for(lambda: sum(placed_rows(tmp_path / "saring.db").values()) >= 501, 100)
        elapsed = time.monotonic() - started
    finally:
        daemon.stop()
        thread.join(60)
    check_exactly_once(tmp_path, expected)
    rows = placed_rows(tmp_path / "saring.db")
    assert set(rows) == set(expected) and max(rows.values()) == 1
    jobs = Store(tmp_path / "saring.db").db.execute(
        "SELECT path, outcome FROM jobs WHERE state = 'done' AND outcome IN "
        "('public', 'review', 'quarantine')").fetchall()
    per_path = Counter(Path(p).relative_to(tmp_path / "in").as_posix() for p, _ in jobs)
    assert set(per_path) == set(expected) and max(per_path.values()) == 1
    assert daemon.queue.depth() == {"pending": 0, "running": 0}
    print(f"burst: 501 files in {elapsed:.1f} s ({501 / elapsed:.0f} files/s)")


def _start_watch(tmp_path: Path, config: Path, log: Path) -> subprocess.Popen:
    env = {**os.environ, "SARING_LANG": "id", "PYTHONUNBUFFERED": "1"}
    return subprocess.Popen(
        [sys.executable, "-m", "scanner.cli", "watch", "--config", str(config)],
        stdout=log.open("ab"), stderr=subprocess.STDOUT, env=env, cwd=tmp_path,
    )


def _log_events(log: Path, name: str) -> list[dict[str, Any]]:
    out = []
    for line in log.read_text(encoding="utf-8", errors="replace").splitlines():
        try:
            event = json.loads(line)
        except json.JSONDecodeError:
            continue
        if event.get("event") == name:
            out.append(event)
    return out


@pytest.mark.daemon_slow
def test_kill_9_mid_burst_then_restart_loses_and_duplicates_nothing(tmp_path: Path) -> None:
    config = tmp_path / "saring.toml"
    config.write_text(
        '[scan]\nuse_ner = false\ndb = "saring.db"\n\n'
        '[watch]\nmode = "gate"\nincoming = "in"\npublic = "pub"\nreview = "rev"\n'
        'quarantine = "q"\nworkers = 2\nsettle_ms = 200\n', encoding="utf-8")
    (tmp_path / "in").mkdir()
    log = tmp_path / "watch.log"
    proc = _start_watch(tmp_path, config, log)
    try:
        assert wait_for(lambda: bool(_log_events(log, "started")), 90), log.read_text()
        expected = drop_burst(tmp_path / "in", 300)
        # Kill while the burst is being worked through.
        assert wait_for(lambda: len(_log_events(log, "verdict")) >= 20, 60)
        proc.send_signal(signal.SIGKILL)
        proc.wait(10)
    finally:
        if proc.poll() is None:
            proc.kill()
    left = files_under(tmp_path / "in")
    assert left, "the burst was already finished: the kill did not happen mid-burst"
    # Files arriving while the daemon is down are picked up at start.
    expected.update(drop_burst(tmp_path / "in", 30, start=1000))
    proc = _start_watch(tmp_path, config, log)
    try:
        assert wait_for(lambda: not files_under(tmp_path / "in") and
                        sum(placed_rows(tmp_path / "saring.db").values()) >= len(expected), 100)
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(60) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
    check_exactly_once(tmp_path, expected)
    rows = placed_rows(tmp_path / "saring.db")
    assert set(rows) == set(expected)
    assert max(rows.values()) == 1, [p for p, n in rows.items() if n > 1]
    assert _log_events(log, "stopped") and _log_events(log, "signal")
    backlog = _log_events(log, "backlog")
    assert backlog[-1]["files"] >= 30
