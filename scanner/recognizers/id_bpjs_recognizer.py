"""ID_BPJS: BPJS Kesehatan / JKN-KIS card number (13 digits, often leading zeros)."""

from __future__ import annotations

import re

from presidio_analyzer import Pattern

from ._base import Hit, SaringRecognizer
from ._context import label_zone, line_window, nearest, preceding, table_header, words

_LABEL = {
    "bpjs": words(
        r"BPJS(?:\s+Kesehatan)?", r"JKN(?:-KIS)?", r"KIS", r"no\.?\s*kartu", r"nomor\s+kartu",
        r"kartu\s+indonesia\s+sehat", r"ASKES", r"no\.?\s*peserta(?:\s+JKN)?", r"NOKA",
        r"nomor\s+peserta",
    ),
    "other": words(
        r"NIB", r"rekening", r"no\.?\s*rek\.?", r"bank", r"NIK", r"NPWP", r"NISN", r"telp\.?",
        r"HP", r"WA", r"invoice", r"faktur", r"ref", r"kode", r"Rp\.?", r"VA", r"tagihan",
        r"Mandiri", r"CIMB", r"BPD", r"kartu\s+keluarga", r"KK",
    ),
}
_KPJ = words(r"KPJ", r"no\.?\s*KPJ", r"BPJS\s+(?:Ketenagakerjaan|TK)", r"BPJamsostek",
             r"Jamsostek", r"JHT")
_ROW = re.compile(r"(?<!\d)\d{13}(?!\d)")


class IdBpjsRecognizer(SaringRecognizer):
    """13-digit BPJS Kesehatan number: label, table header or document context decides.

    Without any context only numbers starting with ``000`` (the common JKN pattern) are
    reported, with a low score.
    """

    ENTITY = "ID_BPJS"
    TRIGGER = re.compile(r"\d\d\d\d")
    PATTERNS = [
        Pattern("BPJS (weak, 13 digits)",
                r"(?<![\w.\-/])\d{4}[ .]?\d{4}[ .]?\d{5}(?![\w]|[.\-/]\d)", 0.05),
        Pattern("BPJS Ketenagakerjaan KPJ (11 digits)",
                r"(?<![\w.\-/])\d{11}(?![\w]|[.\-/]\d)", 0.05),
    ]  # fmt: skip
    CONTEXT = ["bpjs", "jkn", "kis", "kartu"]

    def assess(self, text: str, match: re.Match[str], pattern: Pattern) -> Hit | None:  # noqa: D102
        digits = re.sub(r"\D", "", match.group())
        if len(digits) == 11:
            kpj = _KPJ.search(label_zone(text, match.start()))
            if not kpj:
                return None
            return Hit(0.85, f"11-digit BPJS Ketenagakerjaan (KPJ) number after '{kpj.group()}'",
                       context_word=kpj.group())
        found = nearest(label_zone(text, match.start()), _LABEL)
        if found:
            if found[0] != "bpjs":
                return None
            return Hit(0.9, f"13 digits after label '{found[1]}'", context_word=found[1])
        header = table_header(text, match.start(), _ROW)
        hm = _LABEL["bpjs"].search(header) if header else None
        if hm and not _LABEL["other"].search(line_window(text, match.start(), match.end())):
            return Hit(0.75, f"13 digits in a table whose header mentions '{hm.group()}'",
                       context_word=hm.group())
        wide = _LABEL["bpjs"].search(preceding(text, match.start(), 600))
        if wide and digits.startswith("0"):
            return Hit(0.6, f"13 digits, '{wide.group()}' earlier in the text",
                       context_word=wide.group())
        if digits.startswith("000"):
            return Hit(0.3, "13 digits starting with 000 (JKN card pattern), no label")
        return None
