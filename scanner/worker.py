"""What runs inside the isolated extraction worker (see :mod:`scanner.sandbox`).

Kept apart from :mod:`scanner.pipeline` on purpose: the worker is forked from a small fork
server that imports only this module and the parsers, so a fresh worker per file costs
milliseconds. Importing the pipeline there would drag spaCy and Presidio into every worker.
"""

from __future__ import annotations

from pathlib import Path

from scanner.extract import Limits, extract
from scanner.model import Segment

# Parser libraries imported once in the fork server, not once per file.
PRELOAD = ("pypdfium2", "pdfplumber", "docx", "openpyxl", "bs4", "lxml.etree", "charset_normalizer")


def warm_up() -> None:
    import importlib

    for name in PRELOAD:
        try:
            importlib.import_module(name)
        except ImportError:  # pragma: no cover - an optional parser is missing
            pass


warm_up()


def extract_all(path: Path, mime: str, limits: Limits) -> list[Segment]:
    return list(extract(path, mime, limits))
