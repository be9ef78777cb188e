"""Masking and hashing of matched values: what may be shown and stored instead of the raw value.

Why keep the first and last characters of identifiers: a reviewer must be able to tell two
findings apart and find the value in the document (the region code of a NIK, the last digits of
an account), without the page or database becoming a copy of the personal data.
"""

from __future__ import annotations

import hashlib
import hmac
import re

_DIGITS = re.compile(r"\d")
_LONG_NUMBER = re.compile(r"\d[\d .\-]{6,}\d")
_SNIPPET = 45
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_NAME_LABEL = re.compile(
    r"(\b(?:nama|pelapor|pemohon|pasien|saksi|penerima|atas nama|a\.n\.)[\w ]{0,20}?\s*:\s*)"
    r"([^\n;:,]{2,60})",
    re.IGNORECASE,
)


def normalise(value: str) -> str:
    """Canonical form used for hashing: identifiers compare equal however they were written."""
    compact = re.sub(r"[\s.\-/()]", "", value)
    if compact.isdigit() or (compact.startswith("+") and compact[1:].isdigit()):
        return compact.lstrip("+")
    return " ".join(value.split()).casefold()


def mask(value: str, entity_type: str = "") -> str:
    """Mask a value for display and storage.

    Numbers keep the first 4 and last 4 digits when long enough (16-digit NIK -> 3171********0001),
    e-mail addresses keep the first letter of the user and the domain, everything else keeps its
    first and last character of each word.
    """
    value = value.strip()
    if not value:
        return ""
    if entity_type == "SECRET" or entity_type.startswith("SECRET"):
        return value[:2] + "*" * min(12, max(4, len(value) - 2))
    digits = _DIGITS.findall(value)
    if len(digits) >= 6 and len(digits) >= len(re.sub(r"\s", "", value)) * 0.6:
        keep_head = 4 if len(digits) >= 12 else 2
        keep_tail = 4 if len(digits) >= 12 else 2
        out, seen = [], 0
        for ch in value:
            if ch.isdigit():
                out.append(ch if seen < keep_head or seen >= len(digits) - keep_tail else "*")
                seen += 1
            else:
                out.append(ch)
        return "".join(out)
    if "@" in value:
        user, _, domain = value.partition("@")
        return (user[:1] + "***@" + domain) if user else "***@" + domain
    words = []
    for word in value.split():
        if len(word) <= 2:
            words.append(word[0] + "*" * (len(word) - 1))
        else:
            words.append(word[0] + "*" * (len(word) - 2) + word[-1])
    return " ".join(words)


def value_hash(value: str, salt: bytes) -> str:
    """Salted hash of the normalised value: lets the store recognise a value without holding it."""
    return hmac.new(salt, normalise(value).encode("utf-8"), hashlib.sha256).hexdigest()


def _mask_around(text: str, others: tuple[str, ...]) -> str:
    for other in others:
        if len(other) >= 3 and other in text:
            text = text.replace(other, mask(other))
    text = _LONG_NUMBER.sub(lambda m: mask(m.group(0)), text)
    text = _EMAIL.sub(lambda m: mask(m.group(0)), text)
    return _NAME_LABEL.sub(lambda m: m.group(1) + mask(m.group(2)), text)


def masked_snippet(
    text: str, start: int, end: int, masked_value: str, others: tuple[str, ...] = ()
) -> str:
    """A short piece of text around a match in which no personal value stays readable.

    Reviewers need the words around a finding ("Nomor Induk Kependudukan: [3171****...]") to
    judge it; the neighbouring cells of a table row must not leak through the snippet either:
    other findings of the segment (``others``), long numbers, e-mail addresses and the value
    after a "Nama:" label are masked too.
    """
    # Mask a wider window first, so that a label cut off by the window still protects its value.
    left = _mask_around(text[max(0, start - 3 * _SNIPPET) : start], others)[-_SNIPPET:]
    right = _mask_around(text[end : end + 3 * _SNIPPET], others)[:_SNIPPET]
    return " ".join(f"{left}[{masked_value}]{right}".split())
