"""Run a parser on one untrusted file in an isolated worker with a time and memory limit.

Why a separate process per file: a publishing server meets corrupt, encrypted and hostile files
(zip bombs, XML bombs, 10,000-page PDFs, parser bugs that loop or crash in C code). None of that
may take the scanner or the daemon down, and none of it may slip through unscanned: the worker
dies, the caller gets a reason, and the verdict fails closed.

Why ``forkserver``: the daemon and the web server run threads, and forking a threaded process is
unsafe. The fork server is a small single-threaded process started once; each file gets a fresh
fork of it, which costs milliseconds.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import resource
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

_CTX = mp.get_context("forkserver")
_CTX.set_forkserver_preload(["scanner.extract"])


@dataclass
class SandboxResult:
    ok: bool
    value: Any = None
    code: str = ""  # timeout | memory | crashed | encrypted | corrupt | unsupported | limit | error
    message: str = ""


def _vm_bytes() -> int:
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmSize:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def _child(conn: Any, func: Callable[..., Any], args: tuple, memory_mb: int) -> None:
    # The limit is on top of what the process already maps, so it bounds what parsing adds.
    limit = _vm_bytes() + memory_mb * 2**20
    try:
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (ValueError, OSError):
        pass
    try:
        conn.send(("ok", func(*args)))
    except MemoryError:
        conn.send(("error", "memory", "memory limit reached"))
    except Exception as exc:  # noqa: BLE001 - every failure must come back as a reason
        code = getattr(exc, "code", "") or "corrupt"
        message = str(exc) or exc.__class__.__name__
        if os.environ.get("SARING_DEBUG"):
            message += "\n" + traceback.format_exc()
        conn.send(("error", code, f"{exc.__class__.__name__}: {message}"[:500]))
    finally:
        conn.close()


def run_isolated(
    func: Callable[..., Any], *args: Any, timeout_s: float, memory_mb: int
) -> SandboxResult:
    """Call ``func(*args)`` in a fresh worker; never raises for what happens inside it.

    ``func`` must be importable at module level (it is pickled to the worker) and return a
    picklable value.
    """
    parent, child = _CTX.Pipe(duplex=False)
    proc = _CTX.Process(target=_child, args=(child, func, args, memory_mb), daemon=True)
    proc.start()
    child.close()
    try:
        if not parent.poll(timeout_s):
            proc.kill()
            proc.join(5)
            return SandboxResult(False, code="timeout", message=f"no result within {timeout_s:g} s")
        try:
            message = parent.recv()
        except (EOFError, OSError):
            proc.join(5)
            signal = -proc.exitcode if proc.exitcode and proc.exitcode < 0 else 0
            code = "memory" if signal == 9 else "crashed"
            return SandboxResult(False, code=code, message=f"worker ended (exit {proc.exitcode})")
        except MemoryError:
            proc.kill()
            return SandboxResult(False, code="memory", message="result too large")
    finally:
        parent.close()
    proc.join(5)
    if proc.is_alive():
        proc.kill()
    if message[0] == "ok":
        return SandboxResult(True, value=message[1])
    return SandboxResult(False, code=message[1], message=message[2])
