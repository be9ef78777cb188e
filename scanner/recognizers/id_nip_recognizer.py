"""ID_NIP: Nomor Induk Pegawai of a civil servant (18 digits)."""

from __future__ import annotations

import re

from presidio_analyzer import Pattern

from ._base import Hit, SaringRecognizer
from ._context import label_zone, nearest, preceding, words
from ._dates import real_date

_LABEL = {
    "nip": words(r"NIP", r"N\.I\.P\.?", r"nomor\s+induk\s+pegawai", r"NIP\s*baru", r"NI\s*PPPK"),
    "other": words(r"NIK", r"NPWP", r"NOP", r"rekening", r"no\.?\s*rek\.?", r"kode", r"ref"),
}
# Rank (pangkat) and golongan, and official titles: a NIP right under them is a signature.
_RANK = re.compile(
    r"(?<![A-Za-z])(?:Pembina|Penata|Pengatur|Juru)(?![a-z])|\b(?:I{1,3}|IV)\s*[./]\s*[a-e]\b"
)
_TITLE = words(
    r"Kepala", r"Sekretaris", r"Camat", r"Lurah", r"Direktur", r"Plt\.?", r"Plh\.?", r"a\.n\.",
    r"ttd\.?", r"Pangkat", r"Inspektur", r"Bupati", r"Walikota", r"Wali\s+Kota", r"Gubernur",
    r"Ketua", r"PPID", r"PPK", r"Kabid", r"Kasubag", r"Kadis", r"Pejabat", r"Bendahara",
    r"Yang\s+menyerahkan", r"Yang\s+menerima", r"Mengetahui", r"Menyetujui",
)
# ... also after the name and degrees on the same line: "Kepala UPT, Drs. Heri, M.M. NIP 1970..."
_SIG_LABEL = re.compile(r"(?:^|\n|:\s?|[.,]\s+)[ \t]*N\.?I\.?P\.?\s*[:.]?\s*$", re.I)
# "NIP. 1970..." / "NIP : 1970..." alone in its cell or line: the formal signature style (a list
# column extracted as "NIP: value" is not this form).
_CELL_LABEL = re.compile(r"(?:^|[\n;|\t])(?:[^:;\n|]{0,40}:\s*)?[ \t]*NIP(?:\.\s*:?|\s+:)\s*$")


class IdNipRecognizer(SaringRecognizer):
    """NIP PNS: ``YYYYMMDD`` birth + ``YYYYMM`` TMT CPNS + sex digit (1/2) + 3-digit serial.

    Written plain or as ``19700101 199503 1 001``. Checks: birth year 1940-2010 and a real date,
    appointment month valid and at least 17 years after birth, not in the future (<= 2030),
    sex 1 or 2, serial not 000. Tag ``signature`` when the NIP stands under an official's
    name/rank/title (signature block), which the policy treats as public.
    """

    ENTITY = "ID_NIP"
    TRIGGER = re.compile(r"\d\d\d\d")
    PATTERNS = [
        Pattern("NIP (spaced)",
                r"(?<![\w.\-])\d{8}[ .\-]\d{6}[ .\-]\d[ .\-]\d{3}(?![\w]|[.\-]\d)", 0.3),
        Pattern("NIP (plain)", r"(?<![\w.\-])\d{18}(?![\w]|[.\-]\d)", 0.1),
    ]  # fmt: skip
    CONTEXT = ["nip", "pegawai"]

    @staticmethod
    def structure_ok(d: str) -> bool:
        """Birth date, appointment (TMT) month, sex digit and serial are plausible."""
        by, bm, bd = int(d[:4]), int(d[4:6]), int(d[6:8])
        ty, tm = int(d[8:12]), int(d[12:14])
        if not (1940 <= by <= 2010 and real_date(by, bm, bd)):
            return False
        if not (1 <= tm <= 12 and ty <= 2030 and (ty * 12 + tm) >= (by + 17) * 12 + bm):
            return False
        return d[14] in "12" and d[15:] != "000"

    def assess(self, text: str, match: re.Match[str], pattern: Pattern) -> Hit | None:  # noqa: D102
        digits = re.sub(r"\D", "", match.group())
        if not self.structure_ok(digits):
            return None
        zone = label_zone(text, match.start())
        found = nearest(zone, _LABEL)
        if found and found[0] == "other":
            return None
        tags: set[str] = set()
        if found:
            score, reason = 0.95, f"18-digit NIP structure after label '{found[1]}'"
        elif "spaced" in pattern.name:
            score, reason = 0.85, "NIP written as 'YYYYMMDD YYYYMM S NNN' with a valid structure"
        else:
            score, reason = 0.7, "18 digits with a valid NIP structure (birth, TMT, sex, serial)"
        if self._in_signature(text, match.start(), match.end()):
            tags.add("signature")
            reason += "; stands under an official's name/rank in a signature block"
        return Hit(score, reason, context_word=found[1] if found else None, validation=True,
                   tags=tags)

    @staticmethod
    def _in_signature(text: str, start: int, end: int) -> bool:
        before = preceding(text, start, 200)
        line_before = before[before.rfind("\n") + 1 :]
        if (
            _CELL_LABEL.search(before[-60:])
            and ";" not in line_before
            and re.match(r"[ \t]*(?:$|[\n;|\t])", text[end:])
        ):
            return True  # "NIP. 1970..." alone in its cell/line (a signature block's last line)
        label = _SIG_LABEL.search(before)
        if not label:
            return False
        block = before[: label.start() + 1]
        # a table row "Nama: X ; Jabatan: Kepala ; NIP: ..." is a list, not a signature
        if ";" in block[-80:] and "\n" not in block[-80:]:
            return False
        return bool(_RANK.search(block) or _TITLE.search(block))
