"""The README documents every setting, every command and every exit code (docs as tests)."""

from __future__ import annotations

from pathlib import Path

import pytest

from scanner.cli import _register_optional_commands, app
from scanner.config import SETTINGS

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("setting", [s.name for s in SETTINGS])
def test_every_setting_is_documented(setting: str) -> None:
    assert f"`{setting}`" in README


def test_every_command_is_documented() -> None:
    _register_optional_commands()
    names = {c.name or c.callback.__name__ for c in app.registered_commands}
    names |= {g.name for g in app.registered_groups if g.name}
    assert "scan" in names
    for name in names:
        assert f"saring {name}" in README, name


@pytest.mark.parametrize("code", [0, 1, 2, 64, 66, 70])
def test_every_exit_code_is_documented(code: int) -> None:
    assert f"| {code} |" in README
