"""Run a parser on untrusted files in an isolated worker process with time and memory limits.

Why a separate process: a publishing server meets corrupt, encrypted and hostile files (zip
bombs, XML bombs, 10,000-page PDFs, parser bugs that loop or crash in C code). None of that may
take the scanner or the daemon down, and none of it may slip through unscanned: the worker is
killed, the caller gets a reason, and the verdict fails closed.

Why a *persistent* worker: forking a fresh process per file costs ~40 ms plus the parsers'
first-use imports (~100 ms); a worker that serves file after file costs a pipe round trip. It is
replaced after a timeout, a crash, a memory error, or ``max_tasks`` files (so leaks and
fragmentation cannot accumulate).

Why ``forkserver``: the daemon and the web server run threads, and forking a threaded process is
unsafe. The fork server is a small single-threaded process started once, with the parsers
preloaded (:mod:`scanner.worker`).
"""

from __future__ import annotations

import multiprocessing as mp
import os
import resource
import threading
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

_CTX = mp.get_context("forkserver")
_CTX.set_forkserver_preload(["scanner.worker"])


@dataclass
class SandboxResult:
    ok: bool
    value: Any = None
    code: str = ""  # timeout | memory | crashed | encrypted | corrupt | unsupported | limit
    message: str = ""


def prestart() -> None:
    """Start the fork server now (it imports the parsers: seconds), e.g. in a thread while the
    scanner loads its model, so that the first file does not wait for it."""
    from multiprocessing import forkserver

    forkserver.ensure_running()


def _vm_bytes() -> int:
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmSize:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def _serve(conn: Any, memory_mb: int) -> None:
    """Worker main loop: receive (func, args), send back ("ok", value) or ("error", code, msg)."""
    # The limit is on top of what the worker already maps, so it bounds what parsing adds.
    limit = _vm_bytes() + memory_mb * 2**20
    try:
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (ValueError, OSError):
        pass
    while True:
        try:
            func, args = conn.recv()
        except (EOFError, OSError):
            return
        try:
            reply: tuple = ("ok", func(*args))
        except MemoryError:
            reply = ("error", "memory", "memory limit reached")
        except Exception as exc:  # noqa: BLE001 - every failure must come back as a reason
            code = getattr(exc, "code", "") or "corrupt"
            message = str(exc) or exc.__class__.__name__
            if os.environ.get("SARING_DEBUG"):
                message += "\n" + traceback.format_exc()
            reply = ("error", code, f"{exc.__class__.__name__}: {message}"[:500])
        try:
            conn.send(reply)
        except MemoryError:
            conn.send(("error", "memory", "result too large"))
        if reply[0] == "error" and reply[1] == "memory":
            return  # the heap may be in a bad state: let the parent start a fresh worker


class Worker:
    """One isolated worker process, restarted whenever it had to be killed."""

    def __init__(self, memory_mb: int = 2048, max_tasks: int = 200):
        self.memory_mb = memory_mb
        self.max_tasks = max_tasks
        self._proc: Any = None
        self._conn: Any = None
        self._tasks = 0
        self._lock = threading.Lock()

    def _start(self) -> None:
        parent, child = _CTX.Pipe(duplex=True)
        self._proc = _CTX.Process(target=_serve, args=(child, self.memory_mb), daemon=True)
        self._proc.start()
        child.close()
        self._conn = parent
        self._tasks = 0

    def stop(self) -> None:
        if self._proc is not None:
            try:
                self._conn.close()
            except OSError:
                pass
            self._proc.join(1)
            if self._proc.is_alive():
                self._proc.kill()
                self._proc.join(5)
        self._proc = self._conn = None

    def call(self, func: Callable[..., Any], *args: Any, timeout_s: float) -> SandboxResult:
        """Call ``func(*args)`` in the worker; never raises for what happens inside it.

        ``func`` must be importable at module level (it is pickled to the worker) and return a
        picklable value.
        """
        with self._lock:
            if self._proc is None or not self._proc.is_alive() or self._tasks >= self.max_tasks:
                self.stop()
                self._start()
            self._tasks += 1
            try:
                self._conn.send((func, args))
                if not self._conn.poll(timeout_s):
                    self.stop()
                    return SandboxResult(
                        False, code="timeout", message=f"no result within {timeout_s:g} s"
                    )
                message = self._conn.recv()
            except (EOFError, OSError, BrokenPipeError):
                exitcode = self._proc.exitcode if self._proc is not None else None
                self.stop()
                code = "memory" if exitcode == -9 else "crashed"
                return SandboxResult(False, code=code, message=f"worker ended (exit {exitcode})")
            except MemoryError:
                self.stop()
                return SandboxResult(False, code="memory", message="result too large")
        if message[0] == "ok":
            return SandboxResult(True, value=message[1])
        return SandboxResult(False, code=message[1], message=message[2])


def run_isolated(
    func: Callable[..., Any], *args: Any, timeout_s: float, memory_mb: int
) -> SandboxResult:
    """One call in a fresh worker (for one-off use; scanners keep a :class:`Worker`)."""
    worker = Worker(memory_mb=memory_mb, max_tasks=1)
    try:
        return worker.call(func, *args, timeout_s=timeout_s)
    finally:
        worker.stop()
