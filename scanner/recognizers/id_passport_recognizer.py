"""ID_PASSPORT: Indonesian passport number (a letter and 7 digits, e.g. ``C1234567``)."""

from __future__ import annotations

import re

from presidio_analyzer import Pattern

from ._base import Hit, SaringRecognizer
from ._context import label_zone, nearest, preceding, table_header, words

_LABEL = {
    "passport": words(r"paspor", r"passport", r"no\.?\s*paspor", r"nomor\s+paspor",
                      r"passport\s+no\.?", r"pasport"),
    "other": words(r"NIK", r"NIP", r"kode", r"ref", r"plat", r"nopol", r"TNKB", r"seri"),
}
_ROW = re.compile(r"(?<![A-Za-z0-9])[A-Z]{1,2}\d{6,7}(?!\d)")


class IdPassportRecognizer(SaringRecognizer):
    """Passport numbers need passport context: a label, a table header or the text before."""

    ENTITY = "ID_PASSPORT"
    TRIGGER = re.compile(r"\d{7}")
    PATTERNS = [Pattern("Passport (weak, letter + 7 digits)",
                        r"(?<![A-Za-z0-9\-/.])[A-Z]{1,2}\s?\d{7}(?![\w]|[\-/.]\d)", 0.05)]
    CONTEXT = ["paspor", "passport"]

    def assess(self, text: str, match: re.Match[str], pattern: Pattern) -> Hit | None:  # noqa: D102
        found = nearest(label_zone(text, match.start()), _LABEL)
        if found:
            if found[0] != "passport":
                return None
            return Hit(0.9, f"letter + 7 digits after label '{found[1]}'",
                       context_word=found[1])
        header = table_header(text, match.start(), _ROW)
        hm = _LABEL["passport"].search(header) if header else None
        if hm:
            return Hit(0.8, f"letter + 7 digits in a table whose header mentions '{hm.group()}'",
                       context_word=hm.group())
        wide = _LABEL["passport"].search(preceding(text, match.start(), 400))
        if wide:
            return Hit(0.6, f"letter + 7 digits, '{wide.group()}' shortly before",
                       context_word=wide.group())
        return None
