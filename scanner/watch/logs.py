"""Structured logs: one JSON object per line on stdout.

Why JSON lines on stdout: systemd's journal (and any log shipper) stores stdout as-is; one
object per event (``{"ts":…, "event":"verdict", "path":…, "verdict":"block"}``) can be filtered
with ``jq`` or ingested without a parser for free text. Values are always masked — a log line is
never a place where a NIK may appear.
"""

from __future__ import annotations

import json
import sys
import threading
from datetime import UTC, datetime
from typing import Any, TextIO


class JsonLog:
    """Thread-safe JSON-lines writer (the worker pool logs from several threads)."""

    def __init__(self, stream: TextIO | None = None, quiet: bool = False):
        self.stream = stream or sys.stdout
        self.quiet = quiet
        self._lock = threading.Lock()

    def __call__(self, event: str, level: str = "info", **fields: Any) -> None:
        if self.quiet and level == "debug":
            return
        record = {"ts": datetime.now(UTC).isoformat(timespec="milliseconds"), "level": level,
                  "event": event, **fields}
        line = json.dumps(record, ensure_ascii=False, default=str)
        with self._lock:
            try:
                self.stream.write(line + "\n")
                self.stream.flush()
            except (OSError, ValueError):
                pass  # a closed stdout must never stop the daemon
