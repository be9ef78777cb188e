"""rules/, models/ and reports/ ship with the package, and every code package is listed."""

from __future__ import annotations

import tomllib
from pathlib import Path

from scanner.resources import data_dir

REPO = Path(__file__).resolve().parent.parent


def test_every_code_package_is_listed_in_pyproject() -> None:
    listed = set(
        tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"]
    )
    on_disk = {
        ".".join(p.parent.relative_to(REPO).parts) for p in (REPO / "scanner").rglob("__init__.py")
    }
    assert on_disk <= listed, f"add to pyproject [tool.setuptools] packages: {on_disk - listed}"


def test_data_directories_are_found_from_the_installed_package() -> None:
    assert (data_dir("rules") / "policy.yaml").is_file()
    assert (data_dir("rules") / "entities.yaml").is_file()
    assert any(data_dir("rules").glob("*/*.yaml"))
    assert data_dir("reports").is_dir()
