"""ID_NPWP: Nomor Pokok Wajib Pajak (15 digits with Luhn, or the 16-digit form)."""

from __future__ import annotations

import re

from presidio_analyzer import Pattern
from stdnum.id import npwp as _npwp

from . import _sixteen
from ._base import Hit, SaringRecognizer
from ._context import label_zone, nearest, preceding, words

_LABEL = {"npwp": words(r"NPWP", r"nomor\s+pokok\s+wajib\s+pajak", r"NITKU", r"wajib\s+pajak")}
_OTHER = {"other": _sixteen.LABELS["NEG"], "nik": _sixteen.LABELS["ID_NIK"]}


class IdNpwpRecognizer(SaringRecognizer):
    """NPWP: ``99.999.999.9-999.999`` or 15 plain digits, checked with stdnum's Luhn.

    The formatted 15-digit form with a valid check digit is reported without context; plain
    15 digits need an NPWP label nearby (or a table header / a status suffix ``00n``).
    16-digit NPWPs ('0' + 15 digits, or a NIK) are decided by ``_sixteen`` and need a label.
    """

    ENTITY = "ID_NPWP"
    TRIGGER = re.compile(r"\d\d\d")
    PATTERNS = [
        Pattern("NPWP 15 (formatted)",
                r"(?<![\w.\-])\d{2}\.\d{3}\.\d{3}\.\d[-.]\d{3}\.\d{3}(?![\w]|[.\-]\d)", 0.5),
        Pattern("NPWP 15 (plain)", r"(?<![\w.\-/])\d{15}(?![\w]|[.\-/]\d)", 0.1),
        Pattern("NPWP 16 (weak)", _sixteen.REGEX, 0.05),
    ]  # fmt: skip
    CONTEXT = ["npwp", "wajib pajak"]

    def assess(self, text: str, match: re.Match[str], pattern: Pattern) -> Hit | None:  # noqa: D102
        digits = re.sub(r"\D", "", match.group())
        if len(digits) == 16:
            d = _sixteen.classify(text, match.start(), digits)
            if d is None or d.entity != self.ENTITY:
                return None
            return Hit(d.score, d.reason, context_word=d.context_word, validation=d.validation)
        if not _npwp.is_valid(digits):
            return None
        zone = label_zone(text, match.start())
        found = nearest(zone, {**_LABEL, **_OTHER})
        if found and found[0] != "npwp":
            return None
        if found:
            return Hit(0.95, f"15-digit NPWP, Luhn valid, after label '{found[1]}'",
                       context_word=found[1], validation=True)
        if pattern.name.startswith("NPWP 15 (formatted)"):
            return Hit(0.85, "NPWP format 99.999.999.9-999.999 with a valid check digit",
                       validation=True)
        wide = _LABEL["npwp"].search(preceding(text, match.start(), 1500))
        if wide:
            return Hit(0.7, f"15 digits, Luhn valid, '{wide.group()}' earlier in the text",
                       context_word=wide.group(), validation=True)
        if re.fullmatch(r"0[1-9]\d{10}00\d", digits):
            return Hit(0.3, "15 digits, Luhn valid, taxpayer-type prefix and status suffix",
                       validation=True)
        return None
