"""The Jinja2 environment over ``reports/`` (shared by the UI and the exported reports).

Autoescaping is on for every template: file names, notes and masked snippets are user-controlled
text and must never become markup. Only the charts (SVG built by :mod:`scanner.charts`, which
escapes its own text) are marked safe.
"""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from scanner.resources import data_dir


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(data_dir("reports"))),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["svg"] = lambda s: Markup(s)  # noqa: S704 - SVG from scanner.charts is escaped
    env.filters["fromjson"] = _from_json
    env.filters["hours"] = lambda v: "—" if v is None else f"{v:.1f}"
    env.filters["pct"] = lambda v: "—" if v is None else f"{v * 100:.0f}%"
    return env


def _from_json(value: str | None) -> Any:
    try:
        return json.loads(value or "null")
    except ValueError:
        return None


def stylesheet() -> str:
    """The CSS, inlined into exported HTML reports so they work as a single offline file."""
    return (data_dir("reports") / "static" / "saring.css").read_text(encoding="utf-8")
