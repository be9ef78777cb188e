"""ID_BANK_ACCOUNT: bank account numbers, only next to bank/rekening context."""

from __future__ import annotations

import re

from presidio_analyzer import Pattern

from . import _sixteen
from ._base import Hit, SaringRecognizer
from ._context import label_zone, line_window, nearest, table_header, words

# Bank names that are also people's names or common words (Permata, Mega, Mandiri, Panin,
# Nagari, Jenius...) only count with "Bank " in front, which the last alternative covers.
_BANKS = (
    r"BCA", r"BRI", r"BNI", r"BSI", r"BTN", r"CIMB(?:\s+Niaga)?", r"Danamon", r"BPD(?:\s+\w+)?",
    r"Muamalat", r"OCBC(?:\s+NISP)?", r"Maybank", r"BJB", r"SeaBank", r"BRIS", r"BNIS", r"BSM",
    r"Bukopin", r"Bank\s+[A-Z]\w*(?:\s+[A-Z]\w*)?",
)
_ACCOUNT_WORD = re.compile(r"(?i)rek|account|a/c|acc")
_LABEL = {
    "bank": words(r"rekening", r"no\.?\s*rek\.?", r"nomor\s+rek\.?", r"norek", r"rek\.",
                  r"account(?:\s+no\.?)?", r"acc\.?\s*no\.?", r"a/c", *_BANKS),
    "other": words(
        r"NIK", r"KK", r"NPWP", r"NIP", r"BPJS", r"JKN", r"KIS", r"NISN", r"NIB", r"telp\.?",
        r"HP", r"WA", r"telepon", r"invoice", r"faktur", r"tagihan", r"virtual\s+account", r"VA",
        r"ref", r"kode\s+(?:billing|bayar)", r"billing", r"paspor", r"kartu\s+kredit",
        r"no\.?\s*kartu", r"kode\s+rekening", r"Rp\.?",
    ),
}
_AFTER = re.compile(r"\s*(?:\(|,)?\s*(?:a\.?\s?n\.?|atas\s+nama)\s", re.I)
_INSTITUTIONAL = words(
    r"kas\s+daerah", r"RKUD", r"kas\s+umum", r"kas\s+negara", r"bendahara", r"pemerintah",
    r"pemkab", r"pemkot", r"pemprov", r"dinas", r"badan", r"sekretariat", r"RSUD", r"kantor",
    r"penerimaan", r"retribusi", r"BLUD", r"PDAM", r"Perumda",
)
_ROW = re.compile(r"\d[\d\-. ]{8,}\d")


class BankAccountRecognizer(SaringRecognizer):
    """10-16 digits (``-``/``.``/space groups allowed) right after a rekening/bank label,
    before "a.n. <name>", or in a table column headed "Rekening". Accounts of institutions
    (kas daerah, bendahara, dinas...) are tagged ``institutional``.
    """

    ENTITY = "ID_BANK_ACCOUNT"
    TRIGGER = re.compile(r"\d\d\d")
    PATTERNS = [Pattern("Account (weak)",
                        r"(?<![\w.\-/])\d{2,16}(?:[\-. ]\d{1,12}){0,5}(?![\w]|[.\-/]\d)", 0.05)]
    CONTEXT = ["rekening", "bank"]

    def assess(self, text: str, match: re.Match[str], pattern: Pattern) -> Hit | None:  # noqa: D102
        raw = match.group()
        digits = re.sub(r"\D", "", raw)
        if not 10 <= len(digits) <= 16 or ". " in raw or len(set(digits)) == 1:
            return None
        if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", raw):  # thousands-separated amount
            return None
        zone = label_zone(text, match.start(), window=50)
        found = nearest(zone, _LABEL)
        if found and found[0] == "other":
            return None
        tags: set[str] = set()
        if found and len(digits) == 16 and not _ACCOUNT_WORD.search(found[1]):
            if _sixteen.nik_structure(digits):
                return None  # "Novi Permata 6472..." in a table row: a name, then a NIK
        if found:
            score, reason, word = 0.9, f"{len(digits)} digits after label '{found[1]}'", found[1]
        elif _AFTER.match(text, match.end()):
            score, reason, word = 0.8, f"{len(digits)} digits followed by 'a.n.'", "a.n."
        else:
            header = table_header(text, match.start(), _ROW)
            hm = _LABEL["bank"].search(header) if header else None
            if not hm or (len(digits) == 16 and _sixteen.nik_structure(digits)):
                return None
            if digits.startswith(("08", "62")):
                return None
            score, word = 0.6, hm.group()
            reason = f"{len(digits)} digits in a table whose header mentions '{word}'"
        line = line_window(text, match.start(), match.end())
        near = zone + text[match.end() : match.end() + 60]
        if _INSTITUTIONAL.search(near) or (not found and _INSTITUTIONAL.search(line)):
            tags.add("institutional")
            reason += "; account of an institution"
        return Hit(score, reason, context_word=word, tags=tags)
