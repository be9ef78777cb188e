"""Shared fixtures. Tests run against the *installed* package (see scripts/test.sh)."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO.parent / "shared" / "corpus-dev"


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    if not (CORPUS / "truth.jsonl").is_file():
        pytest.skip("shared/corpus-dev is not beside the checkout")
    return CORPUS


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make any attempt to open a network connection fail the test."""

    def refuse(*args, **kwargs):  # noqa: ANN002, ANN003
        raise AssertionError(f"network access attempted: {args}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
