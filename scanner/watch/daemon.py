"""``saring watch``: the worker pool that turns queued files into moves.

Gate mode (uploads land in ``incoming``): allow → ``public``; flag → ``review`` (held) or
``public`` (``on_flag = "publish"``, status open); block → ``quarantine``. Nothing reaches
``public`` unscanned because only this process moves files there, and only after a verdict on
the exact bytes it moves (size and mtime are compared before and after the scan).

Monitor mode (an existing web root): files stay where they are unless blocked; a blocked file
is moved atomically to quarantine and the exposure window (first event → quarantined) is logged.

Crash safety — the order of one job: claim (``running``) → scan → ``plan`` (verdict and
destination written to the job row) → atomic move → job ``done`` + findings row in one
transaction. After ``kill -9`` a ``running`` job is requeued; the worker then finds either the
source (not moved yet: rescan) or the planned destination (moved, not recorded: rescan the file
where it now lies and record it). Either way the file ends up exactly once in one folder.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlite_utils

from scanner.config import Config
from scanner.model import FileResult
from scanner.output import file_to_dict
from scanner.pipeline import Scanner
from scanner.quarantine import quarantine_file
from scanner.store import Store
from scanner.watch.config import WatchSettings
from scanner.watch.fsops import (
    atomic_move,
    inside,
    is_ignored,
    open_for_writing,
    sha256_of,
    unique_path,
)
from scanner.watch.handler import EnqueueHandler, Intake, walk_files
from scanner.watch.logs import JsonLog
from scanner.watch.metrics import Metrics
from scanner.watch.notify import Notifier
from scanner.watch.queue import FINISH_SQL, Job, JobQueue
from scanner.watch.schema import ensure_schema


class _HoldableConnection(sqlite3.Connection):
    """A connection whose ``with conn:`` blocks can be told not to commit (``hold``).

    Why: ``Store.record_file`` commits on its own; the daemon needs the job's ``done``, the
    findings row and the placement columns in *one* transaction, so a crash never leaves a
    recorded file without its location, nor a finished job without its record.
    """

    hold = False

    def __exit__(self, *exc: object) -> bool:
        if self.hold:
            return False
        return bool(super().__exit__(*exc))


@dataclass
class Placement:
    """Where a scanned file went and what the files row should say about it."""

    outcome: str  # public | review | quarantine | origin | released
    location: str
    held_path: str | None
    public_path: str | None
    status: str | None = None  # override of the store's default status


class Daemon:
    def __init__(self, config: Config, settings: WatchSettings, scanner: Scanner,
                 log: JsonLog | None = None, metrics: Metrics | None = None):
        self.config = config
        self.settings = settings
        self.scanner = scanner
        self.log = log or JsonLog()
        self.metrics = metrics or Metrics("saring_watch")
        self.root = (settings.incoming if settings.mode == "gate" else settings.root) or Path()
        self.root = self.root.resolve()
        self._local = threading.local()
        self.queue = JobQueue(lambda: self.store().db)
        self._wake = threading.Condition()
        self._generation = 0  # bumped by wake(): a worker never sleeps through a new job
        self._stop = threading.Event()
        self._busy = 0
        self._busy_lock = threading.Lock()
        self.notifier = Notifier(settings, self.log)
        self.counts = {"allow": 0, "flag": 0, "block": 0}
        store = self.store()
        self.scan_id = store.start_scan(f"watch-{settings.mode}", scanner.tool_info)
        if scanner.suppress is None:
            # The store's suppressor reads the baseline through its own connection; give each
            # worker thread its own (sqlite3 objects are bound to the thread that made them).
            scanner.suppress = self._suppress
        self.metrics.gauges["queue_depth"] = self.queue.depth

    # -- plumbing ---------------------------------------------------------------------------
    def store(self) -> Store:
        """This thread's store (sqlite3 connections are not shared across threads)."""
        store = getattr(self._local, "store", None)
        if store is None:
            store = Store(self.config.db, self.config.salt_file)
            ensure_schema(store.db)
            conn = sqlite3.connect(str(self.config.db), factory=_HoldableConnection)
            conn.execute("PRAGMA busy_timeout = 10000")
            store.db.conn.close()
            store.db = sqlite_utils.Database(conn)
            self._local.store = store
        return store

    def _suppress(self, path: str, finding: Any) -> bool:
        suppress = getattr(self._local, "suppress", None)
        if suppress is None:
            suppress = self._local.suppress = self.store().suppressor()
        return bool(suppress(path, finding))

    def wake(self) -> None:
        with self._wake:
            self._generation += 1
            self._wake.notify_all()

    def stop(self) -> None:
        self._stop.set()
        self.wake()

    # -- startup ----------------------------------------------------------------------------
    def backlog(self) -> int:
        """Requeue crashed jobs and enqueue what arrived while the daemon was down."""
        recovered = self.queue.recover()
        self.queue.prune()
        if recovered:
            self.log("recovered", jobs=len(recovered))
        now = time.time()
        settle = self.settings.settle_ms / 1000
        items = []
        known = self._monitored() if self.settings.mode == "monitor" else {}
        for path in walk_files(self.root):
            try:
                st = path.stat()
            except OSError:
                continue
            if known.get(str(path)) == (st.st_size, st.st_mtime_ns):
                continue
            # A file modified within the settle window may still be being written.
            due = now + settle if now - st.st_mtime < settle else now
            items.append((str(path), self.settings.mode, due, min(now, st.st_mtime)))
        self.queue.enqueue_many(items)
        self.log("backlog", files=len(items), recovered=len(recovered), root=str(self.root))
        return len(items)

    def _monitored(self) -> dict[str, tuple[int, int]]:
        rows = self.store().db.execute("SELECT path, size, mtime_ns FROM monitored").fetchall()
        return {p: (s, m) for p, s, m in rows}

    # -- workers ----------------------------------------------------------------------------
    def _idle_wait(self, seen: int) -> None:
        """Sleep until the next job is due or new jobs arrive — unless some arrived since
        ``seen`` (read before the failed claim), which would otherwise be a lost wake-up."""
        due = self.queue.next_due()
        timeout = 0.5 if due is None else max(0.005, min(0.5, due - time.time()))
        with self._wake:
            if self._generation == seen:
                self._wake.wait(timeout)

    def worker(self, exit_when_idle: bool = False) -> None:
        while not self._stop.is_set():
            seen = self._generation
            job = self.queue.claim()
            if job is None:
                if exit_when_idle and self._idle():
                    return
                self._idle_wait(seen)
                continue
            with self._busy_lock:
                self._busy += 1
            try:
                self.process(job)
            except Exception as exc:  # noqa: BLE001 - one bad file must not stop the daemon
                self.metrics.error()
                self.log("job_error", "error", path=job.path,
                         error=f"{type(exc).__name__}: {exc}"[:300], attempt=job.attempts)
                self.queue.retry(job, delay=min(30.0, 2.0 ** job.attempts),
                                 error=type(exc).__name__)
            finally:
                with self._busy_lock:
                    self._busy -= 1

    def _idle(self) -> bool:
        depth = self.queue.depth()
        with self._busy_lock:
            busy = self._busy
        return busy == 0 and depth["pending"] == 0 and depth["running"] == 0

    # -- one job ----------------------------------------------------------------------------
    def process(self, job: Job) -> None:
        src = Path(job.path)
        if job.dest and not src.exists():
            dest = Path(job.dest)
            if dest.is_file():
                self._record_recovered(job, dest)
            else:
                self.queue.finish(job.id, "gone")
            return
        if job.dest and src.is_file() and Path(job.dest).is_file():
            # Crash between link/copy and unlink: the complete file is at the destination.
            if sha256_of(src) == sha256_of(Path(job.dest)):
                os.unlink(src)
                self._record_recovered(job, Path(job.dest))
                return
        if not src.is_file() or is_ignored(src) or not inside(src, self.root):
            self.queue.finish(job.id, "gone" if not src.exists() else "ignored")
            return
        settle = self.settings.settle_ms / 1000
        if open_for_writing(src):
            self.queue.retry(job, settle, "open_for_writing", count_attempt=False)
            return
        before = src.stat()
        rel = src.relative_to(self.root).as_posix()
        if job.attempts > self.settings.max_attempts:
            result = FileResult(path=rel, verdict="flag", error="crashed")
            self.scanner.policy.decide(result)
        else:
            result = self.scanner.scan_file(src, display_path=rel)
        try:
            after = src.stat()
        except FileNotFoundError:
            self.queue.finish(job.id, "gone")
            return
        if (after.st_size, after.st_mtime_ns) != (before.st_size, before.st_mtime_ns) or (
            open_for_writing(src)
        ):
            self.log("changed_during_scan", "debug", path=rel)
            self.queue.retry(job, settle, "changed", count_attempt=False)
            return
        if job.mode == "monitor":
            placement = self._monitor(job, src, rel, result, after)
        else:
            placement = self._gate(job, src, rel, result)
        self._record(job, result, placement, src)

    def _gate(self, job: Job, src: Path, rel: str, result: FileResult) -> Placement:
        s = self.settings
        assert s.public is not None and s.quarantine is not None
        public = s.public / rel
        verdict = result.verdict
        if verdict == "allow" or (verdict == "flag" and s.on_flag == "publish"):
            self.queue.plan(job.id, verdict, str(public))
            atomic_move(src, public)
            status = "open" if verdict == "flag" else None
            return Placement("public", "public", None, str(public), status)
        if verdict == "flag":
            assert s.review is not None
            dest = unique_path(s.review / rel)
            self.queue.plan(job.id, verdict, str(dest))
            atomic_move(src, dest)
            return Placement("review", "review", str(dest), str(public))
        dest = unique_path(s.quarantine / "files" / rel)
        self.queue.plan(job.id, verdict, str(dest))
        quarantine_file(src, s.quarantine, rel, sha256=result.sha256, verdict=verdict,
                        reasons=[r.__dict__ for r in result.reasons], origin=src,
                        dst=dest)
        return Placement("quarantine", "quarantine", str(dest), str(public))

    def _monitor(self, job: Job, src: Path, rel: str, result: FileResult,
                 st: os.stat_result) -> Placement:
        s = self.settings
        assert s.quarantine is not None
        store = self.store()
        released = store.db.execute(
            "SELECT file_id FROM releases WHERE path = ? AND sha256 = ?", (str(src), result.sha256)
        ).fetchone()
        store.db["monitored"].upsert(
            {"path": str(src), "size": st.st_size, "mtime_ns": st.st_mtime_ns,
             "sha256": result.sha256, "verdict": result.verdict,
             "scanned_at": time.strftime("%Y-%m-%dT%H:%M:%S")}, pk="path",
        )
        if result.verdict == "block" and not released:
            dest = unique_path(s.quarantine / "files" / rel)
            self.queue.plan(job.id, "block", str(dest))
            quarantine_file(src, s.quarantine, rel, sha256=result.sha256, verdict="block",
                            reasons=[r.__dict__ for r in result.reasons], origin=src, dst=dest)
            exposure = round(time.time() - job.first_seen, 3)
            self.log("exposure", path=rel, seconds=exposure)
            return Placement("quarantine", "quarantine", str(dest), str(src))
        if released:
            return Placement("released", "public", None, str(src), "released")
        return Placement("origin", "origin", None, str(src))

    def _record(self, job: Job, result: FileResult, placement: Placement, origin: Path) -> None:
        store = self.store()
        conn = store.db.conn
        assert isinstance(conn, _HoldableConnection)
        update: dict[str, Any] = {
            "mode": job.mode, "origin": str(origin), "held_path": placement.held_path,
            "public_path": placement.public_path, "location": placement.location,
        }
        if placement.status:
            update["status"] = placement.status
        # Job done + findings row + placement columns: one transaction.
        conn.hold = True
        try:
            # An open transaction makes sqlite-utils use savepoints instead of its own COMMIT.
            conn.execute("BEGIN IMMEDIATE")
            file_id = store.record_file(self.scan_id, result)
            store.db["files"].update(file_id, update)
            conn.execute(FINISH_SQL, (time.time(), placement.outcome, file_id, result.verdict,
                                      None, job.id))
            if job.mode == "monitor":
                conn.execute("UPDATE monitored SET file_id = ? WHERE path = ?",
                             (file_id, str(origin)))
            conn.hold = False
            conn.commit()
        except BaseException:
            conn.hold = False
            conn.rollback()
            raise
        latency = time.time() - job.first_seen
        self.metrics.observe(result.verdict, result.seconds)
        self.counts[result.verdict] += 1
        self.log("verdict", path=result.path, verdict=result.verdict, to=placement.location,
                 file_id=file_id, sha256=result.sha256, scan_s=result.seconds,
                 latency_s=round(latency, 3), reasons=[r.code for r in result.reasons],
                 error=result.error or None)
        if self.notifier.wants(result.verdict):
            self.notifier.send({"event": "verdict", "mode": job.mode, "file_id": file_id,
                                "location": placement.location, "held_path": placement.held_path,
                                "origin": str(origin), **file_to_dict(result, reveal=False)})

    def _record_recovered(self, job: Job, dest: Path) -> None:
        """The file was moved before the crash but not recorded: scan it where it lies."""
        rel = Path(job.path).relative_to(self.root).as_posix()
        result = self.scanner.scan_file(dest, display_path=rel)
        s = self.settings
        public = str(s.public / rel) if s.public else job.path
        where = ("public" if s.public and inside(dest, s.public) else
                 "review" if s.review and inside(dest, s.review) else "quarantine")
        if job.mode == "monitor":
            where = "quarantine"
        held = None if where == "public" else str(dest)
        status = "open" if where == "public" and result.verdict == "flag" else None
        self.log("recovered_move", path=rel, to=where)
        self._record(job, result, Placement(where, where, held, public, status), Path(job.path))

    # -- running ----------------------------------------------------------------------------
    def run(self, once: bool = False, install_signals: bool = True) -> dict[str, int]:
        """Process the backlog, then (unless ``once``) watch until SIGTERM/SIGINT."""
        from watchdog.observers import Observer
        from watchdog.observers.polling import PollingObserver

        if install_signals:
            self._install_signals()
        self.root.mkdir(parents=True, exist_ok=True)
        intake = Intake(self.queue, self.settings.mode, self.wake)
        observer = None
        if not once:
            # Watch first, then scan the backlog: a file arriving in between is seen twice at
            # worst (one pending job per path), never missed.
            observer = (PollingObserver(timeout=self.settings.poll_interval_s)
                        if self.settings.poll else Observer())
            observer.schedule(EnqueueHandler(self.root, intake, self.settings.settle_ms / 1000),
                              str(self.root), recursive=True)
            intake.start()
            observer.start()
        self.backlog()
        threads = [threading.Thread(target=self.worker, args=(once,), name=f"saring-worker-{i}")
                   for i in range(self.settings.workers)]
        for t in threads:
            t.start()
        self.log("started", mode=self.settings.mode, root=str(self.root),
                 workers=self.settings.workers, once=once, pid=os.getpid())
        try:
            if once:
                for t in threads:
                    while t.is_alive():
                        t.join(0.5)
            else:
                while not self._stop.wait(1.0):
                    pass
        finally:
            self._stop.set()
            if observer is not None:
                observer.stop()
            if observer is not None:
                intake.stop()
            self.wake()
            for t in threads:
                t.join()  # in-flight jobs finish; pending ones stay queued for the next start
            if observer is not None:
                observer.join(5)
            self.notifier.close()
            summary = {"files": sum(self.counts.values()), **self.counts}
            self.store().finish_scan(self.scan_id, summary)
            self.log("stopped", **summary, queue=self.queue.depth())
        return summary

    def _install_signals(self) -> None:
        def handler(signum: int, _frame: Any) -> None:
            # Ignore further signals: a second SIGTERM must not interrupt the clean shutdown.
            for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
                signal.signal(sig, signal.SIG_IGN)
            self.log("signal", signal=signal.Signals(signum).name)
            self.stop()

        for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
            signal.signal(sig, handler)


def build_daemon(config: Config, settings: WatchSettings,
                 scanner_factory: Callable[[Config], Scanner] = Scanner,
                 log: JsonLog | None = None) -> Daemon:
    return Daemon(config, settings, scanner_factory(config), log=log)
