"""Fixtures of the web tests: a seeded database, a real server on 127.0.0.1, a real browser.

Helpers live in web_server.py / web_seed.py (unique module names: several conftest.py files in
tests/ would otherwise shadow each other when imported by name).
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from web_seed import Seeded, seed  # noqa: E402
from web_server import CHROMIUM, CHROMIUM_ARGS, Server  # noqa: E402


@pytest.fixture
def seeded(tmp_path: Path) -> Seeded:
    return seed(tmp_path)


@pytest.fixture
def server(seeded: Seeded) -> Iterator[Server]:
    srv = Server(seeded.config)
    yield srv
    srv.stop()


@pytest.fixture
def browser() -> Iterator[object]:
    if not CHROMIUM.exists():
        pytest.skip("/usr/bin/chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        instance = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                                      args=CHROMIUM_ARGS)
        yield instance
        instance.close()
