"""Helpers of the web tests: a real server on 127.0.0.1 (subprocess) and a signed-in client.

The server runs in a subprocess (uvicorn, as ``saring serve`` would run it), so the tests see
exactly what a browser sees: cookies, headers, redirects. Chromium is Debian's package, driven by
Playwright's Python API; browser tests are skipped only when /usr/bin/chromium is missing.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
from web_seed import PASSWORD

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
SERVER = (
    "import sys, uvicorn\n"
    "from pathlib import Path\n"
    "from scanner.config import load_config\n"
    "from scanner.web.app import create_app\n"
    "uvicorn.run(create_app(load_config(Path(sys.argv[1]))), host='127.0.0.1',\n"
    "            port=int(sys.argv[2]), log_level='warning')\n"
)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    def __init__(self, config: Path):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env = {**os.environ, "SARING_LANG": "id"}
        self.proc = subprocess.Popen(
            [sys.executable, "-c", SERVER, str(config), str(self.port)], env=env,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                httpx.get(self.url + "/login", timeout=1)
                return
            except httpx.HTTPError:
                if self.proc.poll() is not None:
                    raise RuntimeError("the web server exited at start") from None
                time.sleep(0.2)
        self.stop()
        raise RuntimeError("the web server did not start within 30 s")

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def form_token(html: str) -> str:
    found = re.search(r'name="csrftoken" value="([^"]+)"', html)
    assert found, "no CSRF token in the page"
    return found.group(1)


def login(server: Server, name: str = "budi", password: str = PASSWORD) -> httpx.Client:
    """An HTTP client signed in as ``name`` (follows the real login form, CSRF included)."""
    client = httpx.Client(base_url=server.url, timeout=10)
    token = form_token(client.get("/login").text)
    response = client.post("/login", data={"csrftoken": token, "username": name,
                                            "password": password, "next": "/inbox"})
    assert response.status_code == 303, response.text
    return client
