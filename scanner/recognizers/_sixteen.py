"""One decision for 16-digit numbers, shared by the NIK, KK and NPWP recognizers.

NIK, Nomor KK and NPWP-16 collide as 16-digit strings, and so do invoice, virtual-account and
reference numbers. The order of evidence:

1. negative label (invoice, VA, ref, billing, ...) -> nothing;
2. the nearest label (NIK / KK / NPWP) decides the type, the structure decides the score;
3. a flattened PDF table: the header above the rows is read in column order and the n-th
   16-digit number on the line gets the type of the n-th identifier column of the header
   (so "No Nama NIK No. KK" rows give NIK then KK);
4. no label: a valid NIK structure alone gives ID_NIK with a moderate score.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from stdnum.id import npwp as _npwp

from ._context import label_zone, line_of, nearest, table_header, words
from ._dates import valid_ddmmyy
from ._regions import valid_province, valid_region

# plain 16 digits, 4-4-4-4 with one separator, or 6-6-4 / 2.2.2.6.4 as written on forms
REGEX = (
    r"(?<![\w.\-/,])(?:\d{16}|\d{4}([ .\-])\d{4}\1\d{4}\1\d{4}|\d{6}([ .])\d{6}\2\d{4}"
    r"|\d{2}\.\d{2}\.\d{2}\.\d{6}\.\d{4})(?![\w]|[.\-/,]\d)"
)
_ROW = re.compile(REGEX)

LABELS: dict[str, re.Pattern[str]] = {
    "ID_NIK": words(
        r"NIK", r"N\.I\.K\.?", r"nomor\s+induk\s+kependudukan", r"no\.?\s*induk\s+kependudukan",
        r"(?:no\.?|nomor)\s*(?:e-?)?KTP", r"e-?KTP", r"KTP", r"NIK\s*KTP", r"no\.?\s*identitas",
        r"nomor\s+identitas",
    ),
    "ID_KK": words(
        r"(?:no\.?|nomor)\s*KK", r"KK", r"NKK", r"no\.?\s*kartu\s+keluarga",
        r"(?:nomor\s+)?kartu\s+keluarga",
    ),
    "ID_NPWP": words(r"NPWP", r"nomor\s+pokok\s+wajib\s+pajak", r"NITKU", r"NPWP\s*16"),
    "NEG": words(
        r"invoice", r"faktur", r"no\.?\s*ref\.?", r"ref(?:erensi|erence)?", r"virtual\s+account",
        r"VA", r"kode\s+(?:billing|bayar|pembayaran|booking|rekening|RUP|paket|transaksi)",
        r"billing", r"ID\s*(?:transaksi|billing|paket|pelanggan)", r"transaksi", r"tagihan",
        r"no\.?\s*tagihan", r"resi", r"NTPN", r"NTB", r"NOP", r"SP2D", r"SPM", r"kontrak",
        r"order", r"pesanan", r"IMEI", r"serial", r"no\.?\s*seri", r"NIB", r"NISN", r"NPSN",
        r"rekening", r"no\.?\s*rek\.?", r"account", r"kartu\s+kredit", r"credit\s+card",
        r"no\.?\s*kartu(?!\s+keluarga)", r"token", r"meter", r"ID\s*pel", r"no\.?\s*polis",
        r"kode", r"barcode", r"tracking",
    ),
}  # fmt: skip
# In a flattened table header only columns that plausibly hold 16-digit values count, so a short
# "Kode" column before the NIK column does not shift the mapping.
_HEADER_KINDS: dict[str, re.Pattern[str]] = {
    "ID_NIK": LABELS["ID_NIK"],
    "ID_KK": LABELS["ID_KK"],
    "ID_NPWP": LABELS["ID_NPWP"],
    "NEG": words(
        r"invoice", r"faktur", r"no\.?\s*ref\.?", r"referensi", r"virtual\s+account", r"VA",
        r"(?:kode|ID)\s+(?:billing|bayar|pembayaran|transaksi)", r"billing", r"tagihan",
        r"NTPN", r"pesanan", r"rekening", r"no\.?\s*rek\.?", r"kartu\s+kredit", r"IMEI",
    ),
}


@dataclass(frozen=True)
class Decision:
    """Type, score and reason for one 16-digit number."""

    entity: str
    score: float
    reason: str
    context_word: str | None
    validation: bool | None


def nik_structure(d: str) -> bool:
    """16-digit NIK: region code, birth date (female day + 40), serial not 0000."""
    return (
        len(d) == 16
        and valid_region(d[:6])
        and valid_ddmmyy(d[6:12], female_offset=True)
        and d[12:] != "0000"
    )


def kk_structure(d: str) -> bool:
    """16-digit Nomor KK: region code, registration date DDMMYY, serial not 0000."""
    return (
        len(d) == 16
        and valid_region(d[:6])
        and valid_ddmmyy(d[6:12], female_offset=False)
        and d[12:] != "0000"
    )


def npwp16_structure(d: str) -> bool:
    """16-digit NPWP of a non-individual: '0' + the old 15 digits with their Luhn digit."""
    return len(d) == 16 and d[0] == "0" and _npwp.is_valid(d)


def _by_label(kind: str, d: str, word: str, how: str) -> Decision | None:
    if kind == "ID_NIK":
        if nik_structure(d):
            reason = f"16 digits with a valid NIK structure after {how} '{word}'"
            return Decision("ID_NIK", 0.95 if how == "label" else 0.85, reason, word, True)
        if valid_province(d[:2]):
            return Decision("ID_NIK", 0.4,
                            f"16 digits after {how} '{word}', NIK structure not valid", word, False)
        return None
    if kind == "ID_KK":
        if kk_structure(d) or nik_structure(d):
            reason = f"16 digits with a valid KK structure after {how} '{word}'"
            return Decision("ID_KK", 0.95 if how == "label" else 0.85, reason, word, True)
        if valid_region(d[:6]):
            return Decision("ID_KK", 0.5,
                            f"16 digits after {how} '{word}', region valid, date part not",
                            word, None)
        return None
    if kind == "ID_NPWP":
        if npwp16_structure(d):
            return Decision("ID_NPWP", 0.95,
                            f"16-digit NPWP ('0' + 15 digits, Luhn valid) after {how} '{word}'",
                            word, True)
        if nik_structure(d):
            return Decision("ID_NPWP", 0.85,
                            f"NIK used as NPWP-16 after {how} '{word}'", word, True)
    return None  # negative label


@lru_cache(maxsize=512)
def classify(text: str, start: int, digits: str) -> Decision | None:
    """Decide what the 16-digit number at ``start`` is (``None``: not a personal identifier)."""
    zone = label_zone(text, start)
    found = nearest(zone, LABELS)
    if found:
        return _by_label(found[0], digits, found[1], "label")
    # flattened table: map the n-th number on the line to the n-th identifier column
    header = table_header(text, start, _ROW)
    if header:
        kinds = _header_columns(header)
        if kinds:
            line_start, _ = line_of(text, start)
            index = len(_ROW.findall(text, line_start, start))
            if index < len(kinds):
                kind, word = kinds[index]
                return _by_label(kind, digits, word, "table header")
    if nik_structure(digits):
        return Decision("ID_NIK", 0.6, "16 digits with a valid NIK structure, no label", None, True)
    return None


def _header_columns(header: str) -> list[tuple[str, str]]:
    """Identifier columns of a header, left to right (longest phrase wins on overlap)."""
    spans = sorted(
        (m.start(), -m.end(), kind, m.group())
        for kind, rx in _HEADER_KINDS.items()
        for m in rx.finditer(header)
    )
    columns: list[tuple[str, str]] = []
    last_end = -1
    for start, neg_end, kind, word in spans:
        if start < last_end:  # overlapping alternatives (e.g. "no. KK" and "KK")
            continue
        columns.append((kind, word))
        last_end = -neg_end
    return columns
