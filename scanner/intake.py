"""Intake: what a file really is, its fingerprint, and whether it may be parsed at all.

Why sniff the type from the content: an uploader (or an attacker) names files as they like, and a
spreadsheet of NIKs renamed to ``laporan.pdf`` must still be read as a spreadsheet. A mismatch
between the extension and the content is itself reported.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import magic

# Extensions each content type may legitimately carry. Anything else is a mismatch.
_EXTENSIONS: dict[str, set[str]] = {
    "application/pdf": {".pdf"},
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": {".docx", ".docm"},
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {".xlsx", ".xlsm"},
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": {".pptx"},
    "text/html": {".html", ".htm", ".xhtml", ".php", ".asp", ".aspx"},
    "application/zip": {".zip", ".docx", ".xlsx", ".pptx", ".odt", ".ods", ".odp", ".jar"},
    "text/csv": {".csv", ".txt", ".tsv"},
    "application/csv": {".csv", ".txt", ".tsv"},
}
_TEXT_EXTENSIONS = {
    ".txt",
    ".csv",
    ".tsv",
    ".log",
    ".md",
    ".json",
    ".xml",
    ".env",
    ".ini",
    ".cfg",
    ".conf",
    ".yaml",
    ".yml",
    ".sql",
    ".html",
    ".htm",
    "",
}


@dataclass(frozen=True)
class Intake:
    path: Path
    size: int
    sha256: str
    mime: str
    extension_mismatch: bool


def sha256_of(path: Path, chunk: int = 1 << 20) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while block := handle.read(chunk):
            digest.update(block)
    return digest.hexdigest()


def sniff_mime(path: Path) -> str:
    """The content type from libmagic (reads only the first bytes of the file)."""
    try:
        return magic.from_file(str(path), mime=True) or "application/octet-stream"
    except (magic.MagicException, OSError):
        return "application/octet-stream"


def extension_mismatch(path: Path, mime: str) -> bool:
    """True when the extension claims another type than the content has.

    Text types are lenient (any text-ish extension fits text/plain); unknown binary types are
    not judged here: the extractor decides whether it can read them.
    """
    ext = path.suffix.lower()
    if mime.startswith("text/") and mime not in _EXTENSIONS:
        return ext not in _TEXT_EXTENSIONS and ext not in {".csv", ".rtf", ".eml"}
    allowed = _EXTENSIONS.get(mime)
    if allowed is None:
        return False
    return ext not in allowed


def inspect(path: Path) -> Intake:
    size = path.stat().st_size
    mime = sniff_mime(path)
    return Intake(
        path=path,
        size=size,
        sha256=sha256_of(path),
        mime=mime,
        extension_mismatch=extension_mismatch(path, mime),
    )
