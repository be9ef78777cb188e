"""Filesystem events → queue entries. The handler only records; it never scans.

Why: watchdog calls handlers on its single emitter thread; anything slow there (a scan, even a
database write per event) makes the kernel's inotify queue overflow during a burst. Events are
appended to a list under a lock; the :class:`Intake` thread flushes them to the durable queue in
one transaction every few tens of milliseconds and wakes the workers.

When is a file "complete"? A close-after-write (inotify ``IN_CLOSE_WRITE``) or a rename into
place makes it due at once; a create/modify without a close (an SMB/NFS share, a polling
observer, a file moved in from elsewhere) makes it due after ``settle_ms`` of quiet. The worker
also checks that size and mtime did not change while it scanned.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable
from pathlib import Path

from watchdog.events import FileSystemEvent, FileSystemEventHandler

from scanner.watch.fsops import inside, is_ignored
from scanner.watch.queue import JobQueue


def walk_files(folder: Path) -> list[Path]:
    """Every non-ignored file under ``folder`` (skipping ignored and hidden temp names)."""
    found: list[Path] = []
    for root, dirs, files in os.walk(folder):
        dirs.sort()
        for name in sorted(files):
            path = Path(root) / name
            if not is_ignored(path):
                found.append(path)
    return found


class Intake:
    """Collects (path, due) pairs from the event thread and flushes them to the queue."""

    def __init__(self, queue: JobQueue, mode: str, wake: Callable[[], None],
                 flush_every: float = 0.05):
        self.queue = queue
        self.mode = mode
        self.wake = wake
        self.flush_every = flush_every
        self._pending: dict[str, tuple[float, float]] = {}
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="saring-intake", daemon=True)

    def add(self, path: Path, delay: float) -> None:
        now = time.time()
        key = str(path)
        with self._lock:
            previous = self._pending.get(key)
            seen = min(previous[1], now) if previous else now
            self._pending[key] = (now + delay, seen)

    def flush(self) -> int:
        with self._lock:
            batch, self._pending = self._pending, {}
        if not batch:
            return 0
        self.queue.enqueue_many((p, self.mode, due, seen) for p, (due, seen) in batch.items())
        self.wake()
        return len(batch)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(5)
        self.flush()

    def _run(self) -> None:
        while not self._stop.wait(self.flush_every):
            self.flush()


class EnqueueHandler(FileSystemEventHandler):
    """Maps watchdog events inside ``root`` to :meth:`Intake.add` calls."""

    def __init__(self, root: Path, intake: Intake, settle_s: float):
        self.root = root
        self.intake = intake
        self.settle_s = settle_s

    def _file(self, raw: str | bytes, delay: float) -> None:
        path = Path(os.fsdecode(raw))
        if not is_ignored(path) and inside(path, self.root):
            self.intake.add(path, delay)

    def on_any_event(self, event: FileSystemEvent) -> None:
        kind = event.event_type
        if event.is_directory:
            if kind in ("created", "moved"):
                folder = Path(os.fsdecode(event.dest_path if kind == "moved" else event.src_path))
                if inside(folder, self.root) and folder.is_dir():
                    for path in walk_files(folder):
                        self.intake.add(path, self.settle_s)
            return
        if kind == "closed":
            self._file(event.src_path, 0.0)
        elif kind in ("created", "modified"):
            self._file(event.src_path, self.settle_s)
        elif kind == "moved":
            # A rename (x.part -> x.pdf) means the writer is done with it.
            self._file(event.dest_path, 0.0)
