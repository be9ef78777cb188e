"""Helpers shared by the daemon/API tests (file makers, waiting, folder listings)."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from scanner.config import Config, load_config

NIK = "3509124307860287"  # structurally valid fake NIK -> block
PHONE = "0812-3456-7890"  # private mobile number -> flag


def content_for(kind: str, n: int) -> str:
    if kind == "block":
        return f"Dokumen {n}\nNIK: {NIK}\n"
    if kind == "flag":
        return f"Dokumen {n}\nHubungi {PHONE}\n"
    return f"Dokumen {n}\nLaporan kegiatan rapat koordinasi nomor {n}.\n"


def kind_of(i: int) -> str:
    return ("allow", "flag", "block")[i % 3]


def base_config(tmp: Path) -> Config:
    return load_config(None, use_ner=False, db=tmp / "saring.db")


def wait_for(predicate: Callable[[], bool], timeout: float = 60.0, step: float = 0.05) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(step)
    return predicate()


def files_under(folder: Path) -> set[str]:
    if not folder.exists():
        return set()
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}
