"""What runs inside the isolated extraction worker (see :mod:`scanner.sandbox`).

Kept apart from :mod:`scanner.pipeline` on purpose: the worker is forked from a small fork
server that imports only this module and the parsers, so a fresh worker per file costs
milliseconds. Importing the pipeline there would drag spaCy and Presidio into every worker.
"""

from __future__ import annotations

from pathlib import Path

from scanner.extract import ExtractionError, ExtractStats, Limits, extract, family_for
from scanner.model import Segment

# Parser libraries imported once in the fork server, not once per file.
PRELOAD = (
    "pypdfium2", "lxml.etree", "bs4", "charset_normalizer", "defusedxml.ElementTree", "magic",
    "scanner.extract.pdf", "scanner.extract.word", "scanner.extract.excel", "scanner.extract.web",
    "scanner.extract.text", "scanner.extract.archive",
)


def warm_up() -> None:
    import importlib

    for name in PRELOAD:
        try:
            importlib.import_module(name)
        except ImportError:  # pragma: no cover - an optional parser is missing
            pass


warm_up()


def extract_all(path: Path, mime: str, limits: Limits) -> tuple[list[Segment], ExtractStats]:
    """Identify the format and extract every segment, inside the worker.

    Even telling a DOCX from a plain ZIP means opening the archive, which a hostile file can
    break; so nothing but libmagic's sniffing happens in the scanner's own process.
    """
    if family_for(path, mime) is None:
        raise ExtractionError("unsupported", f"unsupported file type: {mime}")
    stats = ExtractStats()
    segments = list(extract(path, mime, limits, stats))
    return segments, stats
