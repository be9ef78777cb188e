"""PHONE_NUMBER: Indonesian mobile and landline numbers as people write them."""

from __future__ import annotations

import re

import phonenumbers
from presidio_analyzer import Pattern

from ._base import Hit, SaringRecognizer
from ._context import in_first_lines, label_zone, line_window, nearest, preceding, words

_LABEL = {
    "phone": words(
        r"telp\.?", r"tlp\.?", r"telepon", r"telephone", r"phone", r"HP", r"no\.?\s*HP",
        r"handphone", r"ponsel", r"WA", r"WhatsApp", r"nomor\s+WA", r"kontak", r"hubungi",
        r"fax\.?", r"faks\.?", r"faksimile", r"mobile", r"seluler", r"call\s+center", r"hotline",
        r"SMS", r"no\.?\s*telp\.?",
    ),
    "other": words(
        r"NIK", r"KK", r"NPWP", r"NIP", r"BPJS", r"JKN", r"KIS", r"NISN", r"NIB", r"rekening",
        r"no\.?\s*rek\.?", r"Rp\.?", r"IDR", r"invoice", r"faktur", r"tagihan", r"VA", r"ref",
        r"kode", r"no\.?\s*peserta", r"paspor", r"nomor\s+surat", r"no\.?\s*surat",
    ),
}
_OFFICE_LABEL = words(r"fax\.?", r"faks\.?", r"faksimile", r"call\s+center", r"hotline",
                      r"pusat\s+layanan", r"layanan\s+pengaduan", r"SMS(?:\s+center)?",
                      r"WA\s+center")
_OFFICE_LINE = re.compile(r"\.go\.id|kode\s+pos|website|www\.|faks|fax", re.I)
_OFFICE_NEAR = words(r"narahubung", r"contact\s+person", r"sekretariat", r"panitia", r"pokja",
                     r"kantor", r"dinas", r"layanan", r"informasi", r"pengaduan", r"humas",
                     r"PPID", r"call\s+center", r"hotline", r"badan", r"bagian", r"UPT", r"UPTD",
                     r"puskesmas", r"RSUD", r"kecamatan", r"kelurahan")
_MOBILE = re.compile(r"8[1-35-9]\d{7,10}")
_BARE_MOBILE = "Mobile without leading 0 (spreadsheet number)"


class PhoneRecognizer(SaringRecognizer):
    """Indonesian phone numbers: +62 / 62 / 0 prefixes, any of ``space . -`` as separators.

    Mobiles (national number ``8xx``) are accepted on the operator prefix and length; landlines
    must be valid for ``phonenumbers`` (region ID). Tags: ``mobile`` / ``landline`` and
    ``office_contact`` for an institution's number (fax, call centre, a landline in the
    letterhead or on a line with an institutional website/e-mail/postcode).
    """

    ENTITY = "PHONE_NUMBER"
    TRIGGER = re.compile(r"\d\d\d")
    PATTERNS = [
        Pattern(
            "Phone (ID)",
            r"(?<![\w+/.\-])(?:\(\+62\)|\+62|62)[ .\-]?(?:\(0\)[ .\-]?)?\(?[2-9]\d{1,3}\)?"
            r"(?:(?: ?[.\-] ?| )?\d{2,5}){1,4}"
            r"(?![\w]|[.\-/,:]\d)"
            r"|(?<![\w+/.\-(])(?:\(0[2-9]\d{1,3}\)|0[2-9]\d{1,3})(?:(?: ?[.\-] ?| )?\d{2,5}){1,4}"
            r"(?![\w]|[.\-/,:]\d)",
            0.3,
        ),
        # A spreadsheet that stored "0812..." as a number shows "812...": only with a label.
        Pattern(
            _BARE_MOBILE,
            r"(?<![\w+/.\-])8[1-35-9]\d{7,10}(?![\w]|[.\-/,:]\d)",
            0.1,
        ),
    ]
    CONTEXT = ["telp", "telepon", "hp", "wa", "ponsel"]

    def assess(self, text: str, match: re.Match[str], pattern: Pattern) -> Hit | None:  # noqa: D102
        raw = match.group()
        digits = re.sub(r"\D", "", raw)
        if pattern.name == _BARE_MOBILE:
            found = nearest(label_zone(text, match.start(), window=40), _LABEL)
            if not found or found[0] != "phone":
                return None
            return Hit(0.85, f"mobile number without its leading 0 after label '{found[1]}'",
                       context_word=found[1], validation=True, tags={"mobile"})
        if digits.startswith("62"):
            national = digits[2:].lstrip("0")
        elif digits.startswith("0"):
            national = digits[1:]
        else:
            return None
        if re.search(r"Rp\.?\s*$", preceding(text, match.start(), 6), re.I):
            return None
        mobile = bool(_MOBILE.fullmatch(national))
        if not mobile:
            if not 8 <= len(national) <= 10 or national[0] == "8":
                return None
            try:
                parsed = phonenumbers.parse("+62" + national)
            except phonenumbers.NumberParseException:
                return None
            if not phonenumbers.is_valid_number(parsed):
                return None
        zone = label_zone(text, match.start(), window=40)
        found = nearest(zone, _LABEL)
        if found and found[0] == "other":
            return None
        kind = "mobile" if mobile else "landline"
        tags = {kind}
        line = line_window(text, match.start(), match.end())
        if (
            (found and _OFFICE_LABEL.fullmatch(found[1]))
            or _OFFICE_LINE.search(line)
            or (not mobile and in_first_lines(text, match.start()))
            or (not mobile and _OFFICE_NEAR.search(preceding(text, match.start(), 80)))
        ):
            tags.add("office_contact")
        if found:
            score = 0.95 if mobile else 0.8
            reason = f"Indonesian {kind} number after label '{found[1]}'"
        else:
            score = 0.75 if mobile else 0.5
            reason = f"Indonesian {kind} number (valid prefix and length), no label"
        if "office_contact" in tags:
            reason += "; institution's contact number"
        return Hit(score, reason, context_word=found[1] if found else None, validation=True,
                   tags=tags)
