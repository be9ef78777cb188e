"""Where the data directories (rules/, models/, reports/) are, installed or in a checkout.

They live at the top of the repository (design card) and are installed as ``scanner.rules``,
``scanner.models`` and ``scanner.reports`` (see pyproject.toml), so both layouts must work.
"""

from __future__ import annotations

import importlib.resources
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


def data_dir(name: str) -> Path:
    """Return the directory of ``rules``, ``models`` or ``reports``."""
    if name not in {"rules", "models", "reports"}:
        raise ValueError(f"unknown data directory: {name}")
    installed = _PACKAGE_DIR / name
    if installed.is_dir():
        return installed
    checkout = _PACKAGE_DIR.parent / name
    if checkout.is_dir():
        return checkout
    return Path(str(importlib.resources.files(f"scanner.{name}")))
