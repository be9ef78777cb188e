"""CREDIT_CARD: payment card numbers (Luhn + known IIN prefixes)."""

from __future__ import annotations

import re

from presidio_analyzer import Pattern
from stdnum import luhn

from . import _sixteen
from ._base import Hit, SaringRecognizer
from ._context import label_zone, nearest, words

_LABEL = {
    "card": words(
        r"kartu\s+kredit", r"kartu\s+debit", r"credit\s+card", r"debit\s+card", r"card",
        r"no\.?\s*kartu(?!\s+(?:keluarga|JKN|BPJS|KIS|peserta))", r"nomor\s+kartu(?!\s+keluarga)",
        r"CC", r"VISA", r"Master\s*Card", r"AMEX", r"JCB", r"CVV", r"GPN",
    ),
    "other": _sixteen.LABELS["NEG"],
    "id": words(r"NIK", r"KK", r"NPWP", r"kartu\s+keluarga", r"KTP", r"JKN", r"BPJS", r"KIS"),
}
_IIN = re.compile(
    r"4|5[1-5]|2(?:2[2-9][1-9]|2[3-9]\d|[3-6]\d\d|7[01]\d|720)|3[47]|3(?:0[0-5]|[68])|6011|65"
    r"|64[4-9]|35(?:2[89]|[3-8]\d)|62|60|9"
)


class CreditCardRecognizer(SaringRecognizer):
    """13-19 digits (grouped 4-4-4-4 or plain) passing Luhn with a card-network prefix.

    A 16-digit number with a valid NIK structure and no card context is left to the NIK
    recognizer; numbers under an invoice/VA/reference label are dropped.
    """

    ENTITY = "CREDIT_CARD"
    TRIGGER = re.compile(r"\d\d\d\d")
    PATTERNS = [
        Pattern(
            "Card number",
            r"(?<![\w.\-/])(?:\d{4}([ \-])\d{4}\1\d{4}\1\d{4}(?:\1\d{1,3})?"
            r"|\d{4}([ \-])\d{6}\2\d{4,5}"
            r"|\d{13,19})(?![\w]|[.\-/]\d)",
            0.3,
        )
    ]
    CONTEXT = ["kartu kredit", "credit card", "visa", "mastercard"]

    def assess(self, text: str, match: re.Match[str], pattern: Pattern) -> Hit | None:  # noqa: D102
        digits = re.sub(r"\D", "", match.group())
        if not (13 <= len(digits) <= 19 and luhn.is_valid(digits) and _IIN.match(digits)):
            return None
        if len(set(digits)) == 1:
            return None
        found = nearest(label_zone(text, match.start(), window=50), _LABEL)
        if found and found[0] != "card":
            return None
        if found:
            return Hit(0.95, f"Luhn-valid card number after label '{found[1]}'",
                       context_word=found[1], validation=True)
        if len(digits) == 16 and _sixteen.nik_structure(digits):
            return None
        return Hit(0.5, "Luhn-valid number with a card-network prefix, no label", validation=True)
