"""The UI as ``saring serve`` mounts it: under the API app, beside /api/v1, /healthz, /metrics."""

from __future__ import annotations

import re
import warnings

import pytest
from web_seed import PASSWORD, Seeded

from scanner.config import load_config


class _FakeScanner:
    tool_info = {"name": "saring", "version": "test", "rules": "t", "model": "none"}
    suppress = None


def test_ui_behind_the_api_app(seeded: Seeded):
    server = pytest.importorskip("scanner.server")
    from scanner.watch.config import ServeSettings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from starlette.testclient import TestClient

    app = server.create_api(load_config(seeded.config), ServeSettings(record=False),
                            _FakeScanner(), mount_web=True)
    with TestClient(app, base_url="http://127.0.0.1") as client:
        assert client.get("/healthz").status_code == 200
        assert client.get("/inbox", follow_redirects=False).status_code == 303
        page = client.get("/login")
        token = re.search(r'name="csrftoken" value="([^"]+)"', page.text).group(1)
        done = client.post("/login", data={"csrftoken": token, "username": "budi",
                                           "password": PASSWORD}, follow_redirects=False)
        assert done.status_code == 303
        inbox = client.get("/inbox")
        assert "daftar_penerima_bantuan.csv" in inbox.text
        assert client.get("/static/saring.css").status_code == 200
