"""ID_NIK: Nomor Induk Kependudukan (16 digits ``PP KK CC DDMMYY SSSS``)."""

from __future__ import annotations

import re

from presidio_analyzer import Pattern

from . import _sixteen
from ._base import Hit, SaringRecognizer


class IdNikRecognizer(SaringRecognizer):
    """NIK: weak 16-digit regex, then label/table-header context, then structure.

    Structure: province from the 38-province Kemendagri set, kabupaten 01-69 / kota 71-99,
    kecamatan 01-99, birth date DDMMYY (women: day + 40), serial not 0000. Masked NIKs
    (``3171********0001``) do not match the regex at all.
    """

    ENTITY = "ID_NIK"
    TRIGGER = re.compile(r"\d\d\d\d")
    PATTERNS = [Pattern("NIK (weak, 16 digits)", _sixteen.REGEX, 0.05)]
    CONTEXT = ["nik", "ktp", "kependudukan", "identitas"]

    def assess(self, text: str, match: re.Match[str], pattern: Pattern) -> Hit | None:  # noqa: D102
        decision = _sixteen.classify(text, match.start(), re.sub(r"\D", "", match.group()))
        if decision is None or decision.entity != self.ENTITY:
            return None
        return Hit(decision.score, decision.reason, context_word=decision.context_word,
                   validation=decision.validation)
