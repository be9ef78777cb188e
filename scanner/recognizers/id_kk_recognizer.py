"""ID_KK: Nomor Kartu Keluarga (16 digits: kode wilayah + tanggal + nomor seri)."""

from __future__ import annotations

import re

from presidio_analyzer import Pattern

from . import _sixteen
from ._base import Hit, SaringRecognizer


class IdKkRecognizer(SaringRecognizer):
    """Nomor KK: only with a KK label ("No. KK", "Nomor Kartu Keluarga") or a KK table column.

    Without a label a 16-digit number with a valid structure is reported as ID_NIK instead
    (see ``_sixteen``): the two cannot be told apart by their digits.
    """

    ENTITY = "ID_KK"
    TRIGGER = re.compile(r"\d\d\d\d")
    PATTERNS = [Pattern("KK (weak, 16 digits)", _sixteen.REGEX, 0.05)]
    CONTEXT = ["kk", "kartu keluarga", "nkk"]

    def assess(self, text: str, match: re.Match[str], pattern: Pattern) -> Hit | None:  # noqa: D102
        decision = _sixteen.classify(text, match.start(), re.sub(r"\D", "", match.group()))
        if decision is None or decision.entity != self.ENTITY:
            return None
        return Hit(decision.score, decision.reason, context_word=decision.context_word,
                   validation=decision.validation)
