"""``saring serve``: a real uvicorn server on 127.0.0.1 (free port), hit with httpx."""

from __future__ import annotations

import socket
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn
from daemon_helpers import NIK, PHONE, base_config, wait_for

from scanner.server import create_api
from scanner.watch.config import ServeSettings

TOKEN = "tok-uji-123"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class SlowScanner:
    """Wraps the shared scanner and sleeps, to fill the concurrency limit."""

    def __init__(self, inner: Any, delay: float):
        self.inner, self.delay, self.suppress = inner, delay, None

    @property
    def tool_info(self) -> dict[str, str]:
        return self.inner.tool_info

    def scan_file(self, path: Path, display_path: str | None = None) -> Any:
        time.sleep(self.delay)
        return self.inner.scan_file(path, display_path=display_path)


def _run(app: Any) -> Iterator[str]:
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="error",
                                           access_log=False, lifespan="off"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    assert wait_for(lambda: server.started, 20)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)


@pytest.fixture
def uploads_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "systmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


@pytest.fixture
def api(tmp_path: Path, shared_scanner: Any, uploads_tmp: Path) -> Iterator[str]:
    shared_scanner.suppress = None
    settings = ServeSettings(tokens=(TOKEN,), max_body_mb=1)
    yield from _run(create_api(base_config(tmp_path), settings, shared_scanner, mount_web=False))


AUTH = {"Authorization": f"Bearer {TOKEN}"}


def leftovers(folder: Path) -> list[Path]:
    """Upload remains in the temp dir (multiprocessing's own pymp-* dirs are not uploads)."""
    return [p for p in folder.iterdir() if not p.name.startswith("pymp-")]


def test_scan_multipart_returns_the_json_contract_masked(api: str, uploads_tmp: Path) -> None:
    files = {"file": ("penerima.txt", f"Daftar\nNIK: {NIK}\n".encode(), "text/plain")}
    resp = httpx.post(f"{api}/api/v1/scan", files=files, headers=AUTH, timeout=60)
    assert resp.status_code == 200
    doc = resp.json()
    assert set(doc) == {"tool", "files", "summary"}
    assert doc["summary"] == {"files": 1, "allow": 0, "flag": 0, "block": 1}
    item = doc["files"][0]
    assert item["path"] == "penerima.txt" and item["verdict"] == "block"
    assert item["findings"][0]["masked"] == "3509********0287"
    assert "text" not in item["findings"][0] and NIK not in resp.text
    assert resp.headers["x-saring-verdict"] == "block"
    assert leftovers(uploads_tmp) == []  # nothing of the upload kept


def test_scan_raw_body_with_filename(api: str, uploads_tmp: Path) -> None:
    resp = httpx.post(f"{api}/api/v1/scan?filename=kontak.txt", content=f"Hubungi {PHONE}\n",
                      headers=AUTH, timeout=60)
    assert resp.status_code == 200 and resp.json()["files"][0]["verdict"] == "flag"
    clean = httpx.post(f"{api}/api/v1/scan", content=b"Laporan kegiatan.\n",
                       headers={**AUTH, "X-Filename": "../../etc/lapor.txt"}, timeout=60)
    assert clean.json()["files"][0]["path"] == "lapor.txt"
    assert clean.json()["files"][0]["verdict"] == "allow"
    assert leftovers(uploads_tmp) == []


def test_auth_size_limit_and_errors(api: str) -> None:
    url = f"{api}/api/v1/scan"
    assert httpx.post(url, content=b"x").status_code == 401
    bad = httpx.post(url, content=b"x", headers={"Authorization": "Bearer nope"})
    assert bad.status_code == 401 and "Token" in bad.json()["message"]
    big = httpx.post(url, content=b"a" * (2 * 2**20), headers=AUTH)
    assert big.status_code == 413 and big.json()["error"] == "too_large"

    def chunks() -> Iterator[bytes]:  # no Content-Length: the limit is counted while streaming
        for _ in range(40):
            yield b"b" * 65536

    assert httpx.post(url, content=chunks(), headers=AUTH).status_code == 413
    empty = httpx.post(url, content=b"", headers=AUTH)
    assert empty.status_code == 400 and "Traceback" not in empty.text
    assert httpx.get(f"{api}/api/v1/scan").status_code == 405


def test_healthz_and_metrics(api: str) -> None:
    health = httpx.get(f"{api}/healthz")
    assert health.status_code == 200 and health.json()["status"] == "ok"
    httpx.post(f"{api}/api/v1/scan?filename=a.txt", content=b"Laporan.\n", headers=AUTH,
               timeout=60)
    text = httpx.get(f"{api}/metrics").text
    assert 'saring_api_files_scanned_total{verdict="allow"} 1' in text
    assert "saring_api_scan_seconds_bucket" in text
    assert 'saring_api_requests_in_flight{state="running"} 0' in text
    assert "saring_api_watch_queue_depth" in text


def test_concurrency_limit_answers_429(tmp_path: Path, shared_scanner: Any,
                                       uploads_tmp: Path) -> None:
    shared_scanner.suppress = None
    settings = ServeSettings(tokens=(TOKEN,), max_concurrent=1, max_waiting=1, record=False)
    app = create_api(base_config(tmp_path), settings, SlowScanner(shared_scanner, 1.0),
                     mount_web=False)
    for base in _run(app):
        results: list[int] = []

        def post(base: str = base, results: list[int] = results) -> None:
            r = httpx.post(f"{base}/api/v1/scan?filename=a.txt", content=b"Laporan.\n",
                           headers=AUTH, timeout=60)
            results.append(r.status_code)

        threads = [threading.Thread(target=post) for _ in range(5)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert sorted(results).count(200) == 2 and results.count(429) == 3
        text = httpx.get(f"{base}/metrics").text
        assert 'saring_api_requests_rejected_total{status="429"} 3' in text


def test_request_timeout_answers_503(tmp_path: Path, shared_scanner: Any,
                                     uploads_tmp: Path) -> None:
    settings = ServeSettings(tokens=(TOKEN,), max_concurrent=1, max_waiting=5, record=False,
                             request_timeout_s=0.5)
    app = create_api(base_config(tmp_path), settings, SlowScanner(shared_scanner, 1.5),
                     mount_web=False)
    for base in _run(app):
        codes: list[int] = []

        def post(base: str = base, codes: list[int] = codes) -> None:
            codes.append(httpx.post(f"{base}/api/v1/scan?filename=a.txt", content=b"x\n",
                                    headers=AUTH, timeout=60).status_code)

        threads = [threading.Thread(target=post) for _ in range(2)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert 503 in codes
    assert leftovers(uploads_tmp) == []


def test_web_ui_is_mounted_under_the_api_routes(tmp_path: Path, shared_scanner: Any,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    import sys
    import types

    from starlette.applications import Starlette
    from starlette.responses import PlainTextResponse
    from starlette.routing import Route

    async def home(request: Any) -> PlainTextResponse:
        return PlainTextResponse("ui")

    fake = types.ModuleType("scanner.web.app")
    fake.create_app = lambda config: Starlette(routes=[  # type: ignore[attr-defined]
        Route("/", home), Route("/healthz", home)])
    monkeypatch.setitem(sys.modules, "scanner.web", types.ModuleType("scanner.web"))
    monkeypatch.setitem(sys.modules, "scanner.web.app", fake)
    settings = replace(ServeSettings(tokens=(TOKEN,)), record=False)
    for base in _run(create_api(base_config(tmp_path), settings, shared_scanner)):
        assert httpx.get(f"{base}/").text == "ui"
        assert httpx.get(f"{base}/healthz").json()["status"] == "ok"


def test_serve_refuses_to_listen_publicly_without_tokens(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    from scanner.cli import CliError
    from scanner.server import serve

    monkeypatch.delenv("SARING_API_TOKENS", raising=False)
    with pytest.raises(CliError) as info:
        serve(base_config(tmp_path), ServeSettings(host="0.0.0.0"), scanner=object())
    assert info.value.code == 64 and "Token" in str(info.value)
