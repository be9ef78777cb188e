"""Quarantine: a move plus a manifest, never a deletion.

Why a manifest file beside the database rows: the quarantine folder must explain itself to an
administrator who has only the filesystem (after a restore from backup, or without Saring
installed): ``manifest.jsonl`` lists, append-only, every file put in or taken out, with its
original path, sha256, time, verdict and reasons. The database rows (``files.location``,
``files.held_path``) are what ``saring quarantine list`` and the review UI read.
"""

from __future__ import annotations

import json
import os
import threading
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from scanner.watch.fsops import atomic_move, unique_path

MANIFEST = "manifest.jsonl"
_lock = threading.Lock()


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def append_manifest(quarantine_dir: Path, entry: dict[str, Any]) -> None:
    """Append one line to the manifest and fsync it (the record must survive a crash)."""
    quarantine_dir.mkdir(parents=True, exist_ok=True)
    line = json.dumps({"at": _now(), **entry}, ensure_ascii=False) + "\n"
    with _lock:
        fd = os.open(quarantine_dir / MANIFEST, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        try:
            os.write(fd, line.encode("utf-8"))
            os.fsync(fd)
        finally:
            os.close(fd)


def quarantine_file(
    src: Path, quarantine_dir: Path, relpath: str, *, sha256: str, verdict: str,
    reasons: list[dict[str, Any]], origin: Path, dst: Path | None = None,
) -> Path:
    """Move ``src`` into quarantine under its relative path (unique name if taken), or to
    ``dst`` when the caller already chose (and recorded) the destination."""
    dst = dst or unique_path(quarantine_dir / "files" / relpath)
    atomic_move(src, dst)
    append_manifest(
        quarantine_dir,
        {"event": "quarantined", "original_path": str(origin), "quarantine_path": str(dst),
         "sha256": sha256, "verdict": verdict, "reasons": reasons},
    )
    return dst


def read_manifest(quarantine_dir: Path) -> list[dict[str, Any]]:
    path = quarantine_dir / MANIFEST
    if not path.is_file():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
