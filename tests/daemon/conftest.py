"""Fixtures for the daemon/API tests: one shared Scanner (without NER), built once.

The Scanner takes seconds to build, so it is session-scoped and shared, like in the daemon.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from daemon_helpers import base_config


@pytest.fixture(scope="session")
def shared_scanner(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    from scanner.pipeline import Scanner

    scanner = Scanner(base_config(tmp_path_factory.mktemp("scanner")))
    yield scanner
    scanner.close()


def pytest_configure(config: pytest.Config) -> None:
    # Slow but not skipped: CI runs them; `-m "not daemon_slow"` leaves them out locally.
    config.addinivalue_line("markers", "daemon_slow: burst / kill -9 tests (about a minute each)")
