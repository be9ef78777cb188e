"""ADDRESS: Indonesian street addresses (Jl./Gg./Dusun/Perum + No. + RT/RW + Kel./Kec.)."""

from __future__ import annotations

import re

from presidio_analyzer import Pattern

from ._base import Hit, SaringRecognizer
from ._context import in_first_lines, line_window, preceding, words

_STREET = r"(?i:Jl\.?|Jln\.?|Jalan|Gg\.?|Gang|Dusun|Dsn\.?|Perum(?:ahan)?\.?|Komplek|Kompleks|Komp\.?|Kp\.?|Kampung|Lorong|Lr\.?)"  # noqa: E501
_STOP = r"(?!(?:No|Nomor|Nmr|RT|RW|Kel|Kec|Desa|Ds|Kelurahan|Kecamatan|Kode|Kab|Kota|Blok|Kav|Km|Telp|Fax|Faks)\b)"  # noqa: E501
_NAME = r"[A-Z0-9][\w'’.\-]*"
_NAME2 = r"[A-Z][\w'’.\-]*"
_NUMBER = (r"(?P<num>(?:[ \t]*,?[ \t]*(?:No\.?|Nomor|Nmr\.?|Blok|Kav\.?|Km\.?)[ \t]*[A-Z]?\d+"
           r"[A-Za-z]?(?:[/\-][A-Z]?\d+[A-Za-z]?)?|[ \t]+\d{1,4}[A-Za-z]?(?![\w/.\-])){1,3})")
_RTRW = r"(?:RT\.?[ \t]*\d{1,3}[ \t]*(?:/[ \t]*(?:RW\.?[ \t]*)?|,?[ \t]*RW\.?[ \t]*)\d{1,3})"
_AREA = (r"(?:\s*,?\s*(?:Kel\.|Kelurahan|Desa|Ds\.|Kec\.|Kecamatan|Kab\.|Kabupaten|Kota)\s*"
         r"[A-Z][\w'’.\-]*(?:\s(?!Kec|Kel|Kab|Kota)[A-Z][\w'’.\-]*){0,2})")  # fmt: skip
_POS = r"(?:\s*,?\s*(?:Kode\s+Pos\s*:?\s*)?\d{5}(?!\d))"

STREET_REGEX = (
    rf"(?<![\w.])(?P<value>{_STREET}[ \t]*{_NAME}(?:[ \t]+{_STOP}{_NAME2}){{0,5}}"
    rf"{_NUMBER}?(?P<rt>[ \t]*,?[ \t]*{_RTRW})?(?P<area>{_AREA}*)(?P<pos>{_POS})?)"
)
RTRW_REGEX = rf"(?<![\w.])(?P<value>{_RTRW}(?P<area>{_AREA}*)(?P<pos>{_POS})?)"
LABEL_REGEX = (
    r"(?i:\balamat(?:\s+(?:rumah|domisili|tinggal|lengkap|sesuai\s+KTP|KTP|asal))?)"
    r"[ \t]*[:=][ \t]*(?P<value>[^\n;|]{6,140})"
)
_OFFICE = re.compile(r"\.go\.id|website|www\.|\bfax|\bfaks", re.I)
_LETTERHEAD = words(r"pemerintah", r"dinas", r"badan", r"kantor", r"sekretariat", r"kecamatan",
                    r"kelurahan", r"inspektorat", r"RSUD", r"puskesmas", r"sekolah", r"SD", r"SMP",
                    r"SMA", r"universitas")
_ADDRESS_LABEL = re.compile(
    r"(?i:alamat|domisili|tempat\s+tinggal|bertempat\s+tinggal)[^\n;|]{0,25}$"
)
_AREA_WORD = re.compile(r"\b(?:RT|RW|Kel|Kec|Desa|Kelurahan|Kecamatan|Dusun|Jl|Jalan|Gg|Gang)\b",
                        re.I)


class AddressRecognizer(SaringRecognizer):
    """Street + house number / RT-RW (+ Kel./Desa, Kec., kode pos); RT/RW blocks; and the value
    of an ``Alamat:`` label. A street name alone (no number, no RT/RW) is not reported.
    Addresses in a letterhead (with Telp./Fax/kode pos/.go.id on the line, or in the first
    lines under an institution's name) are tagged ``office_contact``.
    """

    ENTITY = "ADDRESS"
    TRIGGER = re.compile(
        r"(?i)\b(?:jl|jln|jalan|gg|gang|dusun|dsn|perum|komp|kp|kampung|lorong|lr|rt|alamat)"
    )
    PATTERNS = [
        Pattern("Street address", STREET_REGEX, 0.3),
        Pattern("RT/RW", RTRW_REGEX, 0.3),
        Pattern("Alamat label", LABEL_REGEX, 0.3),
    ]
    CONTEXT = ["alamat", "domisili", "tinggal"]

    def assess(self, text: str, match: re.Match[str], pattern: Pattern) -> Hit | None:  # noqa: D102
        start, end = match.span("value")
        value = match.group("value").rstrip(" ,.")
        end = start + len(value)
        label = _ADDRESS_LABEL.search(preceding(text, start, 40))
        if pattern.name == "Alamat label":
            if not (re.search(r"\d", value) or _AREA_WORD.search(value)):
                return None
            score, reason = 0.75, "value of an 'Alamat' label"
        else:
            parts = [g for g in ("num", "rt", "area", "pos") if g in match.re.groupindex
                     and match.group(g)]
            if pattern.name == "Street address" and not parts:
                if not label:
                    return None
                score, reason = 0.6, "street name after an address label"
            elif pattern.name == "RT/RW":
                score, reason = 0.6, "RT/RW block" + (" with kelurahan/kecamatan" if
                                                      match.group("area") else "")
            else:
                score = 0.65 + 0.1 * min(len(parts), 3)
                reason = "street address with " + ", ".join(parts)
        tags: set[str] = set()
        line = line_window(text, start, end)
        if (_OFFICE.search(line) and not label) or (
            in_first_lines(text, start) and _LETTERHEAD.search(preceding(text, start, 300))
            and not label
        ):
            tags.add("office_contact")
            reason += "; institution's address (letterhead)"
        if label:
            score = min(1.0, score + 0.1)
        return Hit(score, reason, start=start, end=end,
                   context_word=label.group().split()[0] if label else None, tags=tags)
