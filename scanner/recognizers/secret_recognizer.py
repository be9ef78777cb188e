"""SECRET: passwords, API keys, tokens, private keys and credentials in connection strings."""

from __future__ import annotations

import math
import re
from collections import Counter

from presidio_analyzer import Pattern

from ._base import Hit, SaringRecognizer

# Known token formats (gitleaks / detect-secrets style), each specific enough on its own.
_KNOWN = [
    ("Private key", r"-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----"
                    r"(?:[\s\S]{0,8000}?-----END (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----)?"),
    ("AWS access key", r"\b(?:AKIA|ASIA|AGPA|AIDA|AROA)[0-9A-Z]{16}\b"),
    ("GitHub token", r"\b(?:gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{22,255})\b"),
    ("GitLab token", r"\bglpat-[A-Za-z0-9_\-]{20,}\b"),
    ("Slack token", r"\bxox[abposr]-[A-Za-z0-9\-]{10,}\b"),
    ("Slack webhook", r"https://hooks\.slack\.com/services/[A-Za-z0-9/]{20,}"),
    ("Google API key", r"\bAIza[0-9A-Za-z_\-]{35}\b"),
    ("Stripe key", r"\b[sr]k_live_[0-9A-Za-z]{20,}\b"),
    ("Midtrans key", r"\b(?:SB-)?Mid-(?:server|client)-[A-Za-z0-9_\-]{16,}\b"),
    ("JWT", r"\beyJ[A-Za-z0-9_\-]{10,}\.eyJ[A-Za-z0-9_\-]{10,}\.[A-Za-z0-9_\-]{10,}"),
    ("Telegram bot token", r"\b\d{8,10}:AA[0-9A-Za-z_\-]{33}\b"),
]
_CONN = (r"\b[a-z][a-z0-9+.\-]{1,20}://[^\s:/@'\"]{1,64}:(?P<value>[^\s@/'\"]{3,128})@"
         r"[^\s/'\"]+")
# KEY=value / key: value with a secret-ish key (env files, configs, hand-over letters)
_ENV_KEY = (r"[A-Za-z0-9_.\-]{0,40}(?i:pass(?:word|wd|phrase)?|pwd|secret|token|api[_\-]?key|apikey"
            r"|access[_\-]?key|private[_\-]?key|auth[_\-]?key|credential|server[_\-]?key|app[_\-]?key"
            r"|client[_\-]?key|_key|sandi)[A-Za-z0-9_.\-]{0,40}")
_PROSE_KEY = (r"(?i:password|kata\s+sandi|sandi|passwd|kata\s+kunci|PIN|token|api\s+key"
              r"|secret\s+key|kunci\s+API)(?:[ \t]+[A-Za-z]+){0,2}")
_KV = (rf"(?<![\w])(?P<key>{_ENV_KEY}|{_PROSE_KEY})[\"']?[ \t]*"
       r"(?:[:=]|=>|[;|][ \t]*:[ \t]*[;|])[ \t]*[\"']?(?P<value>[^\s\"'<>;,]{4,200})")

# a key/value table extracted as cells: "Password ; : ; Header: value" (value closes its cell)
_CELL = (r"(?<![\w])(?P<key>(?i:password|kata\s+sandi|sandi|passwd|PIN)(?:[ \t]+[A-Za-z]+){0,2})"
         r"[ \t]*;(?:[^;\n]{0,80};){0,2}[^;\n]{0,80}:[ \t]*(?P<value>[^\s;]{6,100})[ \t]*(?=;|$)")

_PLACEHOLDER = re.compile(
    r"^(?:change_?me|changeit|password|passwd|secret|rahasia|your[_\-]?\w*|my[_\-]?\w*|example\w*"
    r"|dummy\w*|test\w*|sample\w*|null|none|nil|true|false|empty|todo|tbd|redacted|hidden"
    r"|disamarkan|dihapus|isi\w*|xxx+|x+|\*+|•+|\.+|-+|_+|#+)$"
    r"|^[<\[{(].*[>\]})]$|^\$\{?|^%\(?|^\{\{|^env\(|^os\.|^process\.env|^getenv|^https?://",
    re.I,
)


_TRIGGER = re.compile(
    r"(?i:pass|pwd|secret|token|key|sandi|credential|auth|kunci)|PIN|-----BEGIN|AKIA|ASIA|AGPA"
    r"|AIDA|AROA|gh[pousr]_|github_pat|glpat|xox|hooks\.slack|AIza|_live_|Mid-|eyJ|://|:AA"
)
_CHECKED = ("Secret key=value", "Secret key/value table", "Connection string credentials")


def entropy(value: str) -> float:
    """Shannon entropy in bits per character."""
    counts = Counter(value)
    n = len(value)
    return -sum(c / n * math.log2(c / n) for c in counts.values())


class SecretRecognizer(SaringRecognizer):
    """Credentials: known token formats, private-key blocks, ``user:pass@`` in URLs, and values
    of secret-ish keys (``DB_PASSWORD=``, ``api_key:``, ``kata sandi:``). Placeholders
    (``changeme``, ``********``, ``<password>``, ``${VAR}``, ``xxx``) are ignored; values of
    key/token fields must look random (length and entropy).
    """

    ENTITY = "SECRET"
    TRIGGER = _TRIGGER
    PATTERNS = [Pattern(name, rx, 0.9) for name, rx in _KNOWN] + [
        Pattern("Connection string credentials", _CONN, 0.8),
        Pattern("Secret key=value", _KV, 0.4),
        Pattern("Secret key/value table", _CELL, 0.3),
    ]
    CONTEXT = ["password", "kata sandi", "token", "api key"]

    def assess(self, text: str, match: re.Match[str], pattern: Pattern) -> Hit | None:  # noqa: D102
        if pattern.name not in _CHECKED:
            return Hit(0.95, f"{pattern.name} format", validation=True)
        value = match.group("value")
        start = match.start("value")
        if value.lower().startswith("base64:"):
            value, start = value[7:], start + 7
        value = value.rstrip(".")
        if _PLACEHOLDER.search(value) or len(set(value)) <= 2:
            return None
        if pattern.name == "Connection string credentials":
            return Hit(0.9, "password inside a connection string", start=start,
                       end=start + len(value), validation=True)
        key = match.group("key")
        is_password = bool(re.search(r"(?i)pass|pwd|sandi|PIN", key))
        ent = entropy(value)
        classes = sum(bool(re.search(rx, value)) for rx in (r"[a-z]", r"[A-Z]", r"\d", r"[^\w]"))
        if re.fullmatch(r"(?i)PIN\b.*", key.strip()):
            if not re.fullmatch(r"\d{4,8}", value) or len(set(value)) < 2:
                return None
            score = 0.7
        elif is_password:
            if len(value) < 6 or (classes < 2 and " " in key.strip()):
                return None
            score = 0.9 if classes >= 2 else 0.6
        else:
            if len(value) < 12 or ent < 3.0 or classes < 2:
                return None
            score = 0.85
        return Hit(score, f"value of the secret-like key '{key.strip()}' "
                          f"(length {len(value)}, entropy {ent:.1f})",
                   start=start, end=start + len(value), context_word=key.strip(), validation=True)
