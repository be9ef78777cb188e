"""Notification hook on a verdict (by default only ``block``): run a command or POST JSON.

Why a background thread: a slow mail gateway or webhook must not stall the scanning workers;
a failed notification is logged and never changes what happens to the file (the file is already
safely quarantined when the hook runs).
"""

from __future__ import annotations

import json
import queue
import shlex
import subprocess
import threading
import urllib.request
from typing import Any

from scanner.watch.config import WatchSettings
from scanner.watch.logs import JsonLog


class Notifier:
    def __init__(self, settings: WatchSettings, log: JsonLog):
        self.settings = settings
        self.log = log
        self._queue: queue.Queue[dict[str, Any] | None] = queue.Queue()
        self._thread: threading.Thread | None = None
        if settings.notify_command or settings.notify_url:
            self._thread = threading.Thread(target=self._run, name="saring-notify", daemon=True)
            self._thread.start()

    def wants(self, verdict: str) -> bool:
        return self._thread is not None and verdict in self.settings.notify_on

    def send(self, payload: dict[str, Any]) -> None:
        if self._thread is not None:
            self._queue.put(payload)

    def close(self, timeout: float = 15.0) -> None:
        """Deliver what is queued, then stop."""
        if self._thread is not None:
            self._queue.put(None)
            self._thread.join(timeout)

    def _run(self) -> None:
        while True:
            payload = self._queue.get()
            if payload is None:
                return
            body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
            if self.settings.notify_command:
                self._command(body, payload)
            if self.settings.notify_url:
                self._post(body, payload)

    def _command(self, body: bytes, payload: dict[str, Any]) -> None:
        try:
            proc = subprocess.run(
                shlex.split(self.settings.notify_command), input=body, capture_output=True,
                timeout=self.settings.notify_timeout_s, check=False,
            )
            if proc.returncode != 0:
                self.log("notify_failed", "warning", how="command", code=proc.returncode,
                         path=payload.get("path"))
        except (OSError, subprocess.TimeoutExpired) as exc:
            self.log("notify_failed", "warning", how="command", error=type(exc).__name__,
                     path=payload.get("path"))

    def _post(self, body: bytes, payload: dict[str, Any]) -> None:
        request = urllib.request.Request(
            self.settings.notify_url, data=body, method="POST",
            headers={"Content-Type": "application/json", "User-Agent": "saring-watch"},
        )
        try:
            with urllib.request.urlopen(request, timeout=self.settings.notify_timeout_s) as resp:
                resp.read(1024)
        except OSError as exc:
            self.log("notify_failed", "warning", how="webhook", error=str(exc)[:200],
                     path=payload.get("path"))
