"""Notification hook on block (command with JSON on stdin, loopback webhook) and ``--once``."""

from __future__ import annotations

import io
import json
import sys
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path
from typing import Any

import pytest
from daemon_helpers import NIK, PHONE, base_config, files_under

from scanner.cli import main
from scanner.watch.config import WatchSettings
from scanner.watch.daemon import Daemon
from scanner.watch.logs import JsonLog


def test_block_runs_command_and_posts_webhook(tmp_path: Path, shared_scanner: Any) -> None:
    received: list[dict[str, Any]] = []

    class Hook(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 - http.server API
            body = self.rfile.read(int(self.headers["Content-Length"]))
            received.append(json.loads(body))
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args: Any) -> None:
            pass

    server = HTTPServer(("127.0.0.1", 0), Hook)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    out = tmp_path / "hook.json"
    script = tmp_path / "hook.py"
    script.write_text(f"import sys; open({str(out)!r}, 'w').write(sys.stdin.read())\n")
    incoming = tmp_path / "in"
    incoming.mkdir()
    (incoming / "bocor.txt").write_text(f"NIK: {NIK}\n")
    (incoming / "kontak.txt").write_text(f"Hubungi {PHONE}\n")
    shared_scanner.suppress = None
    settings = WatchSettings(
        mode="gate", incoming=incoming, public=tmp_path / "pub", review=tmp_path / "rev",
        quarantine=tmp_path / "q", notify_command=f"{sys.executable} {script}",
        notify_url=f"http://127.0.0.1:{server.server_port}/hook",
    )
    try:
        summary = Daemon(base_config(tmp_path), settings, shared_scanner,
                         log=JsonLog(io.StringIO())).run(once=True, install_signals=False)
    finally:
        server.shutdown()
    assert summary == {"files": 2, "allow": 0, "flag": 1, "block": 1}
    event = json.loads(out.read_text())
    assert event["verdict"] == "block" and event["location"] == "quarantine"
    assert event["path"] == "bocor.txt" and NIK not in out.read_text()
    assert [e["path"] for e in received] == ["bocor.txt"]  # flag is not notified by default


def test_watch_once_processes_backlog_and_exits_with_verdict_code(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    incoming = tmp_path / "in"
    (incoming / "a").mkdir(parents=True)
    (incoming / "a" / "ok.txt").write_text("Laporan kegiatan.\n")
    (incoming / "kontak.txt").write_text(f"Hubungi {PHONE}\n")
    args = ["watch", "--once", "--no-ner", "--db", str(tmp_path / "s.db"),
            "--incoming", str(incoming), "--public", str(tmp_path / "pub"),
            "--review", str(tmp_path / "rev"), "--quarantine", str(tmp_path / "q")]
    with pytest.raises(SystemExit) as info:
        main(args)
    assert info.value.code == 1  # something flagged, nothing blocked
    assert files_under(tmp_path / "pub") == {"a/ok.txt"}
    assert files_under(tmp_path / "rev") == {"kontak.txt"}
    lines = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert {x["event"] for x in lines} >= {"backlog", "started", "verdict", "stopped"}
    with pytest.raises(SystemExit) as info:
        main(["quarantine", "list", "--all", "--format", "json", "--db", str(tmp_path / "s.db")])
    assert info.value.code == 0
    listed = json.loads(capsys.readouterr().out)
    assert [x["path"] for x in listed] == ["kontak.txt"] and listed[0]["location"] == "review"


def test_publish_and_flag_then_release_records_only(tmp_path: Path, shared_scanner: Any) -> None:
    from scanner.actions import release_file
    from scanner.store import Store

    incoming = tmp_path / "in"
    incoming.mkdir()
    (incoming / "kontak.txt").write_text(f"Hubungi {PHONE}\n")
    shared_scanner.suppress = None
    settings = WatchSettings(mode="gate", incoming=incoming, public=tmp_path / "pub",
                             quarantine=tmp_path / "q", on_flag="publish")
    Daemon(base_config(tmp_path), settings, shared_scanner,
           log=JsonLog(io.StringIO())).run(once=True, install_signals=False)
    assert files_under(tmp_path / "pub") == {"kontak.txt"}
    store = Store(tmp_path / "saring.db")
    row = store.files()[0]
    assert row["status"] == "open" and row["location"] == "public"
    dest = release_file(base_config(tmp_path), store, row["id"], "siti", "kontak layanan resmi")
    assert dest == tmp_path / "pub" / "kontak.txt"
    assert store.files()[0]["status"] == "released"
