"""Data contracts shared by every stage of the pipeline.

intake -> extract -> detect -> policy -> verdict. Each stage only speaks these types, so a new
extractor, recognizer or front door (CLI, daemon, HTTP API) plugs in without touching the others.

Why locations are dicts and not classes: a location is what a *person* needs to find the text
again ("page 3", "sheet Data cell C7", "comment by X"), and each format has its own vocabulary.
The JSON contract publishes them as-is, so they stay small, flat and JSON-serialisable.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

Verdict = Literal["allow", "flag", "block"]
FindingKind = Literal["personal_data", "exemption", "marking", "secret", "file"]

VERDICT_ORDER: dict[str, int] = {"allow": 0, "flag": 1, "block": 2}

# Layers: where in the file the text lives. Hidden layers are where public bodies leak most,
# so the policy may treat them as more serious than the visible body.
LAYERS = (
    "body",  # visible running text (PDF page text, DOCX paragraphs, HTML text, TXT lines)
    "table",  # table cells (DOCX tables, XLSX cells, CSV rows)
    "header",
    "footer",
    "footnote",
    "comment",  # DOCX comments, XLSX cell notes, HTML comments
    "tracked_change",  # DOCX insertions/deletions
    "metadata",  # core/custom properties, PDF info, HTML meta, EXIF
    "hidden",  # hidden sheet/row/column, display:none, white text, invisible PDF text
    "annotation",  # PDF annotations and form fields
    "attachment",  # embedded files
    "ocr",  # text recognised from images
    "redacted",  # text lying under a drawn box or a redaction annotation (failed redaction)
)
HIDDEN_LAYERS = frozenset(
    {"comment", "tracked_change", "metadata", "hidden", "annotation", "attachment", "redacted"}
)


@dataclass(frozen=True)
class Part:
    """A finer location inside a segment, by character offsets (e.g. one cell of a table row)."""

    start: int
    end: int
    location: dict[str, Any]


@dataclass(frozen=True)
class Segment:
    """A piece of text and where it came from.

    Table rows are extracted as one segment ("Nama: Siti ; NIK: 3171...") so that the column
    header stands right before the value, where context words are looked for; ``parts`` maps each
    cell's character range back to its own cell location.
    """

    text: str
    location: dict[str, Any]
    layer: str = "body"
    parts: tuple[Part, ...] = ()

    def location_at(self, offset: int) -> dict[str, Any]:
        """The most precise location of the character at ``offset``."""
        for part in self.parts:
            if part.start <= offset < part.end:
                return {**self.location, **part.location}
        return dict(self.location)


@dataclass
class Finding:
    """One thing detected in one segment.

    ``text`` is the raw matched value. It lives in memory only: the store keeps ``masked`` and a
    salted hash; output shows it only with ``--reveal``.
    """

    type: str  # e.g. ID_NIK, PHONE_NUMBER, MARKING_RAHASIA, KIP_17A_PENEGAKAN_HUKUM
    rule: str  # stable id of the recognizer or rule-pack rule
    kind: FindingKind
    score: float
    basis: str  # legal basis, e.g. "UU 27/2022 Pasal 4 ayat (2) huruf a"
    location: dict[str, Any]
    layer: str
    text: str
    start: int = 0
    end: int = 0
    explanation: dict[str, Any] = field(default_factory=dict)
    # Filled by the pipeline: a short neutral snippet around the match, masked.
    context: str = ""
    # Set by the policy: e.g. {"role": "official"} when the NIP sits under a signature.
    tags: set[str] = field(default_factory=set)

    @property
    def masked(self) -> str:
        """What may be shown and stored: identifiers are masked; a rule's cue (a marking such as
        "Sifat: Rahasia", a phrase such as "sedang dalam penyidikan") is not personal data and
        stays readable, so the reviewer sees why the rule fired."""
        from scanner.masking import mask

        if self.kind in ("marking", "exemption", "file"):
            return self.text if len(self.text) <= 80 else self.text[:77] + "..."
        return mask(self.text, self.type)


@dataclass
class Reason:
    """Why a file got its verdict: a stable code, a human message and the legal basis."""

    code: str
    message: str
    basis: str = ""
    verdict: Verdict = "flag"


@dataclass
class FileResult:
    """Everything known about one scanned file."""

    path: str
    sha256: str = ""
    mime: str = ""
    size: int = 0
    verdict: Verdict = "flag"
    reasons: list[Reason] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    pages: int = 0  # pages (PDF) or page-equivalents, for throughput figures
    segments: int = 0
    error: str = ""  # set when the file could not be read at all: fail closed
    # Parts that could not be read although the rest was: image-only pages without OCR,
    # unsupported archive members. Any of them keeps the file from being allowed.
    unscanned: dict[str, int] = field(default_factory=dict)
    ocr_pages: int = 0
    notes: list[str] = field(default_factory=list)
    seconds: float = 0.0
