"""OLE2 compound files: encrypted OOXML (password-protected DOCX/XLSX/PPTX) and legacy binary
Office (.doc/.xls/.ppt). Neither is read: encrypted -> "encrypted", legacy -> "unsupported"."""

from __future__ import annotations

from collections.abc import Iterator

from scanner.extract._common import Ctx, ExtractionError, Source, read_bytes
from scanner.model import Segment

_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")


def extract(src: Source, ctx: Ctx) -> Iterator[Segment]:
    data = read_bytes(src)
    if _ENCRYPTED in data[: 1 << 22] or _ENCRYPTED in data[-(1 << 20) :]:
        raise ExtractionError("encrypted", "password-protected Office document")
    raise ExtractionError("unsupported", "legacy binary Office format (.doc/.xls/.ppt)")
    yield  # pragma: no cover - makes this a generator
