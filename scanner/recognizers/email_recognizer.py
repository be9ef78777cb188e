"""EMAIL_ADDRESS: e-mail addresses (regex only: no tldextract, no network)."""

from __future__ import annotations

import re

from presidio_analyzer import Pattern

from ._base import Hit, SaringRecognizer
from ._context import label_zone, nearest, words

INSTITUTIONAL_SUFFIXES = (
    ".go.id", ".ac.id", ".sch.id", ".mil.id", ".desa.id", ".polri.go.id", ".gov", ".mil",
    ".edu", ".int",
)
_PLACEHOLDER_DOMAINS = re.compile(r"(?:^|\.)(?:example\.(?:com|org|net)|domain\.com|test|"
                                  r"localhost|invalid|email\.com|contoh\.com)$", re.I)
_LABEL = {"email": words(r"e-?mail", r"surel", r"surat\s+elektronik", r"email\s+address")}


class EmailRecognizer(SaringRecognizer):
    """E-mail addresses; institutional domains (``*.go.id``, ``*.ac.id``...) are tagged."""

    ENTITY = "EMAIL_ADDRESS"
    TRIGGER = re.compile("@")
    PATTERNS = [
        Pattern(
            "Email",
            r"(?<![\w.+\-])[A-Za-z0-9][A-Za-z0-9._%+\-]{0,63}@"
            r"(?:[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,24}(?![\w\-])",
            0.5,
        )
    ]
    CONTEXT = ["email", "e-mail", "surel"]

    def assess(self, text: str, match: re.Match[str], pattern: Pattern) -> Hit | None:  # noqa: D102
        value = match.group()
        domain = value.rsplit("@", 1)[1].lower()
        if _PLACEHOLDER_DOMAINS.search(domain) or ".." in value:
            return None
        found = nearest(label_zone(text, match.start(), window=40), _LABEL)
        tags: set[str] = set()
        reason = "e-mail address"
        if any(("." + domain).endswith(s) for s in INSTITUTIONAL_SUFFIXES):
            tags.add("institutional")
            reason += f" on the institutional domain {domain}"
        if found:
            reason += f" after label '{found[1]}'"
        return Hit(0.95 if found else 0.9, reason, context_word=found[1] if found else None,
                   validation=True, tags=tags)
