"""Gate and monitor modes with real inotify events in tmp folders (in-process daemon)."""

from __future__ import annotations

import io
import json
import os
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from daemon_helpers import NIK, PHONE, base_config, files_under, wait_for

from scanner.actions import ActionError, confirm_file, release_file, restore_file
from scanner.store import Store
from scanner.watch.config import WatchSettings
from scanner.watch.daemon import Daemon
from scanner.watch.logs import JsonLog


@dataclass
class Running:
    root: Path
    daemon: Daemon
    log: io.StringIO

    def events(self, name: str) -> list[dict]:
        return [e for e in map(json.loads, self.log.getvalue().splitlines()) if e["event"] == name]


def _start(tmp_path: Path, scanner: object, **settings: object) -> Iterator[Running]:
    scanner.suppress = None  # type: ignore[attr-defined]
    cfg = base_config(tmp_path)
    stream = io.StringIO()
    daemon = Daemon(cfg, WatchSettings(settle_ms=200, **settings), scanner,  # type: ignore[arg-type]
                    log=JsonLog(stream))
    thread = threading.Thread(target=daemon.run, kwargs={"install_signals": False})
    thread.start()
    running = Running(tmp_path, daemon, stream)
    assert wait_for(lambda: bool(running.events("started")), 30)
    try:
        yield running
    finally:
        daemon.stop()
        thread.join(60)
        assert not thread.is_alive()


@pytest.fixture
def gate(tmp_path: Path, shared_scanner: object) -> Iterator[Running]:
    yield from _start(tmp_path, shared_scanner, mode="gate", incoming=tmp_path / "in",
                      public=tmp_path / "pub", review=tmp_path / "rev",
                      quarantine=tmp_path / "q")


@pytest.fixture
def monitor(tmp_path: Path, shared_scanner: object) -> Iterator[Running]:
    (tmp_path / "www").mkdir()
    yield from _start(tmp_path, shared_scanner, mode="monitor", root=tmp_path / "www",
                      quarantine=tmp_path / "q")


def test_gate_routes_by_verdict_keeping_folders_and_permissions(gate: Running) -> None:
    incoming = gate.root / "in"
    (incoming / "2026" / "maret").mkdir(parents=True)
    (incoming / "2026" / "maret" / "laporan.txt").write_text("Laporan kegiatan rapat.\n")
    os.chmod(incoming / "2026" / "maret" / "laporan.txt", 0o640)
    (incoming / "kontak.txt").write_text(f"Hubungi {PHONE}\n")
    (incoming / "2026" / "penerima.txt").write_text(f"NIK: {NIK}\n")
    assert wait_for(lambda: not files_under(incoming) and
                    len(Store(gate.root / "saring.db").files()) == 3, 30)
    assert files_under(gate.root / "pub") == {"2026/maret/laporan.txt"}
    assert files_under(gate.root / "rev") == {"kontak.txt"}
    assert files_under(gate.root / "q" / "files") == {"2026/penerima.txt"}
    assert (gate.root / "pub" / "2026" / "maret" / "laporan.txt").stat().st_mode & 0o777 == 0o640
    manifest = [json.loads(x) for x in (gate.root / "q" / "manifest.jsonl").read_text().splitlines()]
    assert manifest[0]["original_path"].endswith("in/2026/penerima.txt")
    assert manifest[0]["verdict"] == "block" and manifest[0]["reasons"][0]["code"] == "id_nik"
    assert manifest[0]["sha256"]
    rows = {r["path"]: r for r in Store(gate.root / "saring.db").files()}
    assert rows["kontak.txt"]["location"] == "review" and rows["kontak.txt"]["status"] == "open"
    assert rows["2026/penerima.txt"]["location"] == "quarantine"
    assert NIK not in (gate.root / "saring.db").read_bytes().decode("latin-1")


def test_gate_ignores_temp_files_until_renamed(gate: Running) -> None:
    incoming = gate.root / "in"
    incoming.mkdir(exist_ok=True)
    part = incoming / "data.txt.part"
    part.write_text(f"NIK: {NIK}\n")
    (incoming / "~$surat.docx").write_bytes(b"lock")
    (incoming / ".surat.txt.swp").write_bytes(b"swap")
    time.sleep(1.0)
    assert files_under(incoming) == {"data.txt.part", "~$surat.docx", ".surat.txt.swp"}
    part.rename(incoming / "data.txt")
    assert wait_for(lambda: files_under(gate.root / "q" / "files") == {"data.txt"}, 30)
    assert files_under(gate.root / "pub") == set()


def test_gate_does_not_publish_a_file_still_being_written(gate: Running) -> None:
    incoming = gate.root / "in"
    incoming.mkdir(exist_ok=True)
    with (incoming / "lambat.txt").open("w") as handle:
        handle.write("Bagian pertama laporan.\n")
        handle.flush()
        time.sleep(1.5)  # far beyond settle_ms: the writer only paused
        assert files_under(gate.root / "pub") == set()
        handle.write(f"NIK: {NIK}\n")
    assert wait_for(lambda: files_under(gate.root / "q" / "files") == {"lambat.txt"}, 30)
    assert files_under(gate.root / "pub") == set()


def test_release_and_confirm_from_review(gate: Running) -> None:
    incoming = gate.root / "in"
    incoming.mkdir(exist_ok=True)
    (incoming / "a.txt").write_text(f"Hubungi {PHONE}\n")
    (incoming / "b.txt").write_text(f"NIK: {NIK}\n")
    assert wait_for(lambda: not files_under(incoming) and
                    len(Store(gate.root / "saring.db").files()) == 2, 30)
    cfg = gate.daemon.config
    store = Store(gate.root / "saring.db")
    rows = {r["path"]: r for r in store.files()}
    with pytest.raises(ActionError, match="Alasan wajib"):
        release_file(cfg, store, rows["a.txt"]["id"], "siti", "  ")
    dest = release_file(cfg, store, rows["a.txt"]["id"], "siti", "nomor layanan resmi")
    assert dest == gate.root / "pub" / "a.txt" and dest.read_text().startswith("Hubungi")
    with pytest.raises(ActionError, match="tidak sedang ditahan"):
        release_file(cfg, store, rows["a.txt"]["id"], "siti", "lagi")
    confirm_file(cfg, store, rows["b.txt"]["id"], "siti", "memang NIK warga")
    assert files_under(gate.root / "q" / "files") == {"b.txt"}
    statuses = {r["path"]: r["status"] for r in store.files()}
    assert statuses == {"a.txt": "released", "b.txt": "confirmed"}
    actions = [(d["action"], d["actor"]) for d in store.db["decisions"].rows]
    assert actions == [("release", "siti"), ("confirm", "siti")]


def test_monitor_quarantines_block_and_restore_is_not_requarantined(monitor: Running) -> None:
    www = monitor.root / "www"
    (www / "berita.txt").write_text("Berita kegiatan.\n")
    (www / "bocor.txt").write_text(f"NIK: {NIK}\n")
    store = Store(monitor.root / "saring.db")
    assert wait_for(lambda: files_under(monitor.root / "q" / "files") == {"bocor.txt"} and
                    len(store.files(location="quarantine")) == 1, 30)
    assert files_under(www) == {"berita.txt"}
    exposure = monitor.events("exposure")
    assert exposure and 0 <= exposure[0]["seconds"] < 10
    row = next(r for r in store.files() if r["path"] == "bocor.txt")
    path = restore_file(monitor.daemon.config, store, row["id"], "admin", "data uji, bukan asli")
    assert path == www / "bocor.txt" and path.is_file()
    time.sleep(1.5)  # the watcher sees the restored file and must leave it alone
    assert files_under(www) == {"berita.txt", "bocor.txt"}
    assert files_under(monitor.root / "q" / "files") == set()
