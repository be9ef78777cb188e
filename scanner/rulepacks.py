"""Rule packs: YAML rules that a compliance officer can read, review and extend.

Layout (see ``rules/README.md``)::

    rules/<pack>/<rule-id>.yaml      one rule per file, file name == rule id
    rules/allowlists/<agency>.yaml   per-agency suppressions (never edit a shared rule for that)
    rules/*.yaml                     top-level files (e.g. policy.yaml) are NOT rules

Every rule carries its own ``examples`` (``match`` / ``no_match`` / ``todo_match``), which
``tests/test_rule_examples.py`` runs, gitleaks/Semgrep style.

Loading is strict: a YAML syntax error, an unknown or missing field, a bad enum value, an invalid
regular expression, an id that differs from its file name or a duplicate id raises
:class:`RulePackError` naming the file, the rule id, the YAML line and what is wrong. A scanner
that silently skips a broken rule would under-detect without anyone noticing.

Matching is built for speed (it runs on every segment of every file): each rule's patterns are
compiled once into one alternation; one trie-shaped regex finds all rules' ``keywords`` in a single
pass per segment; a rule whose keywords are absent costs nothing, and otherwise its regex only
runs on the text around the keyword hits; ``near``/``not`` cues are searched only around a match.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from scanner.model import LAYERS, Finding, Segment

__all__ = [
    "ALLOWLIST_DIR",
    "FINDING_TYPES",
    "LEVEL_SCORES",
    "CompiledRule",
    "Rule",
    "RulePackError",
    "RuleSet",
    "default_rules_dir",
    "load_default_rules",
    "load_rules",
]

ALLOWLIST_DIR = "allowlists"
MAX_FINDINGS_PER_RULE_PER_SEGMENT = 5
MAX_CUE_CHARS = 120  # Finding.text is a short cue, never a whole paragraph
_WINDOW = 200  # text kept on each side of a keyword hit; a match must contain a keyword
_OVERRUN = 300  # a near/not cue must start inside its window but may end past it

ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class RulePackError(Exception):
    """A rule pack could not be loaded. The message names file, rule id, line and reason."""

    def __init__(self, file: Path | str, rule_id: str | None, reason: str, line: int | None = None):
        self.file = str(file)
        self.rule_id = rule_id
        self.reason = reason
        self.line = line
        where = self.file + (f":{line}" if line else "")
        super().__init__(f"{where}: rule {rule_id or '?'}: {reason}")


# --------------------------------------------------------------------------------------------
# Schema
# --------------------------------------------------------------------------------------------


class Status(StrEnum):
    stable = "stable"  # reviewed, low false-positive rate on the benign corpus
    test = "test"  # works on the examples, still being watched
    experimental = "experimental"  # new, expect noise
    deprecated = "deprecated"  # kept for history; not loaded into the scanner


class Level(StrEnum):
    informational = "informational"
    low = "low"
    medium = "medium"
    high = "high"
    critical = "critical"


LEVEL_SCORES: dict[str, float] = {
    "informational": 0.2,
    "low": 0.4,
    "medium": 0.6,
    "high": 0.85,
    "critical": 0.95,
}


class Kind(StrEnum):
    marking = "marking"
    exemption = "exemption"
    personal_data = "personal_data"
    secret = "secret"


class FindingType(StrEnum):
    MARKING_SANGAT_RAHASIA = "MARKING_SANGAT_RAHASIA"
    MARKING_RAHASIA = "MARKING_RAHASIA"
    MARKING_TERBATAS = "MARKING_TERBATAS"
    MARKING_INTERNAL = "MARKING_INTERNAL"  # "mohon tidak dipublikasikan", "hanya untuk internal"
    MEMO_INTERNAL = "MEMO_INTERNAL"
    KIP_17A_PENEGAKAN_HUKUM = "KIP_17A_PENEGAKAN_HUKUM"
    KIP_17B_HKI_PERSAINGAN_USAHA = "KIP_17B_HKI_PERSAINGAN_USAHA"
    KIP_17C_PERTAHANAN_KEAMANAN = "KIP_17C_PERTAHANAN_KEAMANAN"
    KIP_17D_KEKAYAAN_ALAM = "KIP_17D_KEKAYAAN_ALAM"
    KIP_17E_KETAHANAN_EKONOMI = "KIP_17E_KETAHANAN_EKONOMI"
    KIP_17F_HUBUNGAN_LUAR_NEGERI = "KIP_17F_HUBUNGAN_LUAR_NEGERI"
    KIP_17G_AKTA_WASIAT = "KIP_17G_AKTA_WASIAT"
    KIP_17H_RAHASIA_PRIBADI = "KIP_17H_RAHASIA_PRIBADI"
    KIP_17I_MEMORANDUM = "KIP_17I_MEMORANDUM"
    KIP_17J_UNDANG_UNDANG = "KIP_17J_UNDANG_UNDANG"
    PDP_HEALTH = "PDP_HEALTH"
    PDP_BIOMETRIC = "PDP_BIOMETRIC"
    PDP_GENETIC = "PDP_GENETIC"
    PDP_CRIMINAL = "PDP_CRIMINAL"
    PDP_CHILD = "PDP_CHILD"
    PDP_FINANCE = "PDP_FINANCE"
    SECRET_CREDENTIAL = "SECRET_CREDENTIAL"


FINDING_TYPES: frozenset[str] = frozenset(t.value for t in FindingType)

Layer = StrEnum("Layer", {name: name for name in LAYERS})  # type: ignore[misc]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, use_enum_values=True)


class Message(_Strict):
    id: str = Field(min_length=10, description="Bahasa Indonesia: apa, mengapa, tindakan")
    en: str = Field(min_length=10, description="English: what, why, what to do")


class Near(_Strict):
    patterns: list[str] = Field(min_length=1)
    within: int = Field(default=200, ge=1, le=5000)


class Detection(_Strict):
    patterns: list[str] = Field(min_length=1)
    case_sensitive: bool = False
    near: Near | None = None
    not_: list[str] = Field(default_factory=list, alias="not")
    # None: a `not` guard anywhere in the segment suppresses the rule for that segment;
    # N: only a guard within N characters of the match suppresses that match.
    not_within: int | None = Field(default=None, ge=1, le=5000)
    # Guards that veto the rule for the whole segment even when `not_within` is set, e.g. text
    # that explains the law in general terms ("Pasal 17", "dikecualikan", "uji konsekuensi").
    not_segment: list[str] = Field(default_factory=list)
    min_count: int = Field(default=1, ge=1, le=1000)
    layers: list[Layer] = Field(default_factory=list)  # type: ignore[valid-type]
    # Pre-filter (gitleaks style): the rule only runs where one of these words occurs
    # (case-insensitive substring), and only on the 200 characters around each occurrence. Every
    # match must therefore contain a keyword; tests/test_rule_examples.py checks this.
    keywords: list[str] = Field(default_factory=list)

    @field_validator("keywords")
    @classmethod
    def _kw(cls, v: list[str]) -> list[str]:
        out = []
        for k in v:
            if not k.strip():
                raise ValueError("keywords must not be empty strings")
            out.append(k.lower())
        return out

    model_config = ConfigDict(
        extra="forbid", frozen=True, use_enum_values=True, populate_by_name=True
    )


class Example(_Strict):
    text: str = Field(min_length=1)
    layer: Layer = "body"  # type: ignore[valid-type, assignment]


def _example_list(value: Any) -> Any:
    if isinstance(value, list):
        return [{"text": v} if isinstance(v, str) else v for v in value]
    return value


class Examples(_Strict):
    match: list[Example] = Field(min_length=2)
    no_match: list[Example] = Field(min_length=2)
    todo_match: list[Example] = Field(default_factory=list)  # known misses (xfail)
    todo_no_match: list[Example] = Field(default_factory=list)  # known false alarms (xfail)

    _norm = field_validator("match", "no_match", "todo_match", "todo_no_match", mode="before")(
        _example_list
    )


class Rule(_Strict):
    id: str
    title: str = Field(min_length=3, max_length=120)
    description: str = Field(min_length=20)
    status: Status
    level: Level
    kind: Kind
    type: FindingType
    basis: str = Field(min_length=5)
    references: list[str] = Field(min_length=1)
    author: str = Field(min_length=2)
    date: dt.date
    modified: dt.date | None = None
    tags: list[str] = Field(default_factory=list)
    falsepositives: list[str] = Field(min_length=1)
    message: Message
    detection: Detection
    examples: Examples

    @field_validator("id")
    @classmethod
    def _kebab(cls, v: str) -> str:
        if not ID_RE.match(v) or not (5 <= len(v) <= 90):
            raise ValueError("id must be kebab-case [a-z0-9-], 5-90 characters")
        return v

    @field_validator("description")
    @classmethod
    def _mendeteksi(cls, v: str) -> str:
        if not v.strip().startswith("Mendeteksi"):
            raise ValueError('description must start with "Mendeteksi"')
        return v

    @field_validator("falsepositives")
    @classmethod
    def _concrete_fp(cls, v: list[str]) -> list[str]:
        for item in v:
            if item.strip().lower() in {"none", "tidak ada", "-", "n/a", ""}:
                raise ValueError(
                    'falsepositives must be concrete ("Unlikely"/"Tidak mungkin" if none); '
                    f"{item!r} is not allowed"
                )
        return v

    @model_validator(mode="after")
    def _regexes(self) -> Rule:
        d = self.detection
        groups = [
            ("detection.patterns", d.patterns),
            ("detection.not", d.not_),
            ("detection.not_segment", d.not_segment),
        ]
        if d.near:
            groups.append(("detection.near.patterns", d.near.patterns))
        for where, pats in groups:
            for i, p in enumerate(pats):
                _check_regex(p, f"{where}[{i}]")
        return self


_BACKREF = re.compile(r"\\[1-9]|\(\?P=")


def _check_regex(pattern: str, where: str) -> None:
    if not pattern.strip():
        raise ValueError(f"{where}: empty regular expression")
    if _BACKREF.search(pattern):
        raise ValueError(f"{where}: back-references are not supported: {pattern!r}")
    try:
        # Wrapped like in the combined alternation, so global inline flags such as (?i) in the
        # middle of a pattern are caught here (use case_sensitive instead).
        compiled = re.compile(f"(?:{pattern})")
    except re.error as exc:
        raise ValueError(f"{where}: invalid regular expression {pattern!r}: {exc}") from None
    if compiled.groupindex:
        raise ValueError(f"{where}: named groups are not allowed, use (?:...): {pattern!r}")
    if compiled.match(""):
        raise ValueError(f"{where}: pattern matches the empty string: {pattern!r}")


# --------------------------------------------------------------------------------------------
# Allowlists (per agency)
# --------------------------------------------------------------------------------------------


class Suppression(_Strict):
    rule: str = Field(min_length=1, description='rule id, or "*" for every rule')
    text: str | None = None  # regex on the matched cue
    context: str | None = None  # regex on the whole segment
    reason: str = Field(min_length=5)
    expires: dt.date | None = None

    @model_validator(mode="after")
    def _regexes(self) -> Suppression:
        for name in ("text", "context"):
            value = getattr(self, name)
            if value is not None:
                _check_regex(value, name)
        return self


class Allowlist(_Strict):
    agency: str = Field(min_length=2)
    description: str = ""
    suppress: list[Suppression] = Field(default_factory=list)


# --------------------------------------------------------------------------------------------
# Compiled rules and the rule set
# --------------------------------------------------------------------------------------------


def _combine(patterns: Sequence[str], flags: int) -> re.Pattern[str]:
    return re.compile("|".join(f"(?P<p{i}>{p})" for i, p in enumerate(patterns)), flags)


@dataclass
class CompiledRule:
    rule: Rule
    pack: str
    path: Path
    regex: re.Pattern[str]
    near: re.Pattern[str] | None
    not_: re.Pattern[str] | None
    not_segment: re.Pattern[str] | None
    layers: frozenset[str]
    score: float
    window: int = 300
    suppressions: list[tuple[re.Pattern[str] | None, re.Pattern[str] | None]] = field(
        default_factory=list
    )

    @property
    def id(self) -> str:
        return self.rule.id

    @classmethod
    def build(cls, rule: Rule, pack: str, path: Path) -> CompiledRule:
        d = rule.detection
        flags = re.MULTILINE | (0 if d.case_sensitive else re.IGNORECASE)
        return cls(
            rule=rule,
            pack=pack,
            path=path,
            regex=_combine(d.patterns, flags),
            near=_combine(d.near.patterns, flags) if d.near else None,
            not_=_combine(d.not_, flags) if d.not_ else None,
            not_segment=_combine(d.not_segment, flags) if d.not_segment else None,
            layers=frozenset(d.layers),
            score=LEVEL_SCORES[rule.level],
            window=_WINDOW,
        )

    def _which(self, m: re.Match[str], patterns: Sequence[str]) -> str:
        name = m.lastgroup or "p0"
        return patterns[int(name[1:])]

    def _ranges(
        self, text: str, lower: str | None, hits: list[int] | None = None
    ) -> list[tuple[int, int]]:
        """Text ranges worth running the regex on (keyword windows), [] if none.

        ``hits`` are keyword positions already found by the rule set's shared keyword pass.
        """
        kws = self.rule.detection.keywords
        n = len(text)
        if not kws:
            return [(0, n)]
        if hits is None:
            if lower is None:
                lower = text.lower()
                if len(lower) != n:  # length-changing case mapping: positions would drift
                    return [(0, n)] if any(k in lower for k in kws) else []
            hits = []
            for k in kws:
                i = lower.find(k)
                while i != -1:
                    hits.append(i)
                    if len(hits) > 20000:
                        return [(0, n)]
                    i = lower.find(k, i + 1)
        if not hits:
            return []
        w = self.window
        if n <= 2 * w or len(hits) > 20000:
            return [(0, n)]
        ranges: list[tuple[int, int]] = []
        for h in sorted(hits):
            lo, hi = max(0, h - w), min(n, h + w)
            if ranges and lo <= ranges[-1][1]:
                ranges[-1] = (ranges[-1][0], max(ranges[-1][1], hi))
                continue
            # snap to line boundaries so ^ and $ keep their meaning
            nl = text.rfind("\n", max(0, lo - 300), lo)
            lo = nl + 1 if nl != -1 else lo
            if ranges and lo <= ranges[-1][1]:
                ranges[-1] = (ranges[-1][0], max(ranges[-1][1], hi))
            else:
                ranges.append((lo, hi))
        out = []
        for lo, hi in ranges:
            nl = text.find("\n", hi, min(n, hi + 300))
            hi = nl if nl != -1 else hi
            if out and lo <= out[-1][1]:
                out[-1] = (out[-1][0], max(out[-1][1], hi))
            else:
                out.append((lo, hi))
        return out

    def scan(
        self, segment: Segment, lower: str | None = None, hits: list[int] | None = None
    ) -> list[Finding]:
        """Findings of this rule in one segment (``lower``/``hits``: shared pre-computation)."""
        if self.layers and segment.layer not in self.layers:
            return []
        text = segment.text
        d = self.rule.detection
        ranges = self._ranges(text, lower, hits)
        if not ranges:
            return []
        matches: list[tuple[re.Match[str], re.Match[str] | None]] = []
        segment_guard_checked = False
        for lo, hi in ranges:
            for m in self.regex.finditer(text, lo, hi):
                s, e = m.start(), m.end()
                if e == s:
                    continue
                if self.not_ is not None:
                    if d.not_within is None:
                        if not segment_guard_checked:
                            if self.not_.search(text):
                                return []
                            segment_guard_checked = True
                    elif self._guarded(text, s, e, d.not_within):
                        continue
                near_hit = None
                if self.near is not None and d.near is not None:
                    near_hit = self._nearest(text, s, e, d.near.within)
                    if near_hit is None:
                        continue
                matches.append((m, near_hit))
        if len(matches) < d.min_count:
            return []
        if self.not_segment is not None and self.not_segment.search(text):
            return []
        findings: list[Finding] = []
        seen: set[str] = set()
        for m, near_hit in matches:
            cue = m.group(0).strip()
            key = " ".join(cue.lower().split())
            if key in seen or self._suppressed(cue, text):
                continue
            seen.add(key)
            findings.append(self._finding(segment, m, near_hit))
            if len(findings) >= MAX_FINDINGS_PER_RULE_PER_SEGMENT:
                break
        return findings

    def _guarded(self, text: str, start: int, end: int, within: int) -> bool:
        """A `not` guard starts within `within` characters of the match (it may run past)."""
        assert self.not_ is not None
        lo, hi = max(0, start - within), end + within
        for g in self.not_.finditer(text, lo, min(len(text), hi + _OVERRUN)):
            if g.start() < hi:
                return True
            break
        return False

    def _nearest(self, text: str, start: int, end: int, within: int) -> re.Match[str] | None:
        """The near cue closest to [start, end) within `within` characters (may overlap it)."""
        assert self.near is not None
        lo, hi = max(0, start - within), end + within
        best, best_dist = None, None
        for g in self.near.finditer(text, lo, min(len(text), hi + _OVERRUN)):
            gs, ge = g.start(), g.end()
            if gs >= hi:
                break
            dist = 0 if (gs < end and ge > start) else min(abs(gs - end), abs(start - ge))
            if best_dist is None or dist < best_dist:
                best, best_dist = g, dist
                if dist == 0:
                    break
        return best

    def _suppressed(self, cue: str, text: str) -> bool:
        for text_re, ctx_re in self.suppressions:
            if (text_re is None or text_re.search(cue)) and (ctx_re is None or ctx_re.search(text)):
                return True
        return False

    def _finding(
        self, segment: Segment, m: re.Match[str], near_hit: re.Match[str] | None
    ) -> Finding:
        r = self.rule
        start, end = m.start(), m.end()
        # strip surrounding whitespace from the reported span
        raw = m.group(0)
        start += len(raw) - len(raw.lstrip())
        end -= len(raw) - len(raw.rstrip())
        cue = segment.text[start:end]
        if len(cue) > MAX_CUE_CHARS:
            cue = cue[:MAX_CUE_CHARS].rstrip() + "…"
        explanation: dict[str, Any] = {
            "rule": r.id,
            "pack": self.pack,
            "title": r.title,
            "level": r.level,
            "pattern": self._which(m, r.detection.patterns),
            "message": r.message.model_dump(),
        }
        explanation["near"] = None
        if near_hit is not None and r.detection.near is not None:
            explanation["near"] = near_hit.group(0).strip()[:MAX_CUE_CHARS]
            explanation["near_pattern"] = self._which(near_hit, r.detection.near.patterns)
        return Finding(
            type=r.type,
            rule=r.id,
            kind=r.kind,
            score=self.score,
            basis=r.basis,
            location=segment.location_at(start),
            layer=segment.layer,
            text=cue,
            start=start,
            end=end,
            explanation=explanation,
        )


def _trie_regex(words: Iterable[str]) -> str:
    """A regex matching any of ``words``, factored as a trie (fast in Python's re engine)."""
    trie: dict[str, dict] = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict[str, dict]) -> str:
        end = "" in node
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if end:
            return f"(?:{body})?"
        return body

    return build(trie)


@dataclass
class RuleSet:
    """All loaded rules; ``scan`` runs every rule on one segment."""

    version: str
    compiled: list[CompiledRule]
    directory: Path | None = None
    allowlists: list[Allowlist] = field(default_factory=list)

    @property
    def rules(self) -> list[Rule]:
        return [c.rule for c in self.compiled]

    def __len__(self) -> int:
        return len(self.compiled)

    def get(self, rule_id: str) -> CompiledRule:
        for c in self.compiled:
            if c.rule.id == rule_id:
                return c
        raise KeyError(rule_id)

    def packs(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for c in self.compiled:
            out.setdefault(c.pack, []).append(c.rule.id)
        return out

    def __post_init__(self) -> None:
        self._build_keyword_index()

    def _build_keyword_index(self) -> None:
        """One trie-shaped regex finds every rule's keywords in a single pass per segment."""
        keywords = sorted({k for c in self.compiled for k in c.rule.detection.keywords})
        # A match is the longest keyword at its position; it also stands for every shorter
        # keyword it contains (e.g. "penyidikan" also serves rules keyed on "penyidik").
        self._kw_rules: dict[str, list[int]] = {
            k: [
                i
                for i, c in enumerate(self.compiled)
                if any(short in k for short in c.rule.detection.keywords)
            ]
            for k in keywords
        }
        self._kw_re = re.compile(_trie_regex(keywords)) if keywords else None

    def scan(self, segment: Segment) -> list[Finding]:
        text = segment.text
        lower = text.lower()
        findings: list[Finding] = []
        if len(lower) != len(text):  # rare length-changing case mapping: per-rule fallback
            for c in self.compiled:
                findings.extend(c.scan(segment))
            return findings
        hits: dict[int, list[int]] = {}
        if self._kw_re is not None:
            kw_rules = self._kw_rules
            for m in self._kw_re.finditer(lower):
                pos = m.start()
                for i in kw_rules[m.group()]:
                    lst = hits.get(i)
                    if lst is None:
                        hits[i] = [pos]
                    else:
                        lst.append(pos)
        for i, c in enumerate(self.compiled):
            if not c.rule.detection.keywords:
                findings.extend(c.scan(segment, lower))
            elif i in hits:
                findings.extend(c.scan(segment, lower, hits[i]))
        return findings

    def scan_all(self, segments: Iterable[Segment]) -> list[Finding]:
        findings: list[Finding] = []
        for seg in segments:
            findings.extend(self.scan(seg))
        return findings


# --------------------------------------------------------------------------------------------
# Loading
# --------------------------------------------------------------------------------------------


class _UniqueKeyLoader(yaml.SafeLoader):
    """SafeLoader that refuses duplicate keys (a silent overwrite hides a rule author's error)."""


def _construct_mapping(loader: _UniqueKeyLoader, node: yaml.MappingNode, deep: bool = False):
    seen: dict[Any, int] = {}
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None,
                None,
                f"duplicate key {key!r} (first on line {seen[key]})",
                key_node.start_mark,
            )
        seen[key] = key_node.start_mark.line + 1
    return loader.construct_mapping(node, deep=deep)


_UniqueKeyLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def _parse_yaml(path: Path, text: str) -> tuple[Any, yaml.Node | None]:
    try:
        data = yaml.load(text, Loader=_UniqueKeyLoader)  # noqa: S506 - SafeLoader subclass
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        rid = _guess_id(text) or path.stem
        raise RulePackError(path, rid, f"YAML syntax error: {exc.problem or exc}", line) from None
    except yaml.YAMLError as exc:
        raise RulePackError(path, path.stem, f"YAML error: {exc}") from None
    return data, node


def _guess_id(text: str) -> str | None:
    m = re.search(r"^id:\s*['\"]?([^'\"\s#]+)", text, re.MULTILINE)
    return m.group(1) if m else None


def _line_for(node: yaml.Node | None, loc: Sequence[Any]) -> int | None:
    """Best-effort YAML line of a pydantic error location."""
    if node is None:
        return None
    line = node.start_mark.line + 1
    for key in loc:
        if isinstance(node, yaml.MappingNode):
            nxt = None
            for k, v in node.value:
                if k.value == key or (key == "not_" and k.value == "not"):
                    nxt = v
                    line = k.start_mark.line + 1
                    break
            if nxt is None:
                return line
            node = nxt
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int):
            if key >= len(node.value):
                return line
            node = node.value[key]
            line = node.start_mark.line + 1
        else:
            return line
    return line


def _format_error(err: dict[str, Any]) -> str:
    loc = ".".join(str(p) for p in err["loc"]).replace("not_", "not")
    msg = err["msg"].removeprefix("Value error, ")
    if err["type"] == "extra_forbidden":
        msg = "unknown field (not part of the rule schema)"
    elif err["type"] == "missing":
        msg = "required field is missing"
    elif err["type"] == "enum":
        expected = err.get("ctx", {}).get("expected", "")
        msg = f"invalid value {err.get('input')!r}; expected one of {expected}"
    return f"{loc}: {msg}" if loc else msg


def _validate(
    model: type[BaseModel], data: Any, path: Path, node: yaml.Node | None, rule_id: str | None
) -> Any:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        errors = exc.errors()
        first = errors[0]
        loc = tuple(first["loc"])
        if not loc:  # model_validator errors carry no field path: recover it from the message
            m = re.search(
                r"(detection(?:\.near)?\.(?:patterns|not|not_segment))\[(\d+)\]", first["msg"]
            )
            loc = (*m.group(1).split("."), int(m.group(2))) if m else ("detection",)
        reason = "; ".join(_format_error(e) for e in errors[:5])
        if len(errors) > 5:
            reason += f"; … {len(errors) - 5} more"
        raise RulePackError(path, rule_id, reason, _line_for(node, loc)) from None


def _rule_files(directory: Path) -> list[tuple[str, Path]]:
    files: list[tuple[str, Path]] = []
    for pack_dir in sorted(p for p in directory.iterdir() if p.is_dir()):
        name = pack_dir.name
        if name.startswith((".", "_")) or name == ALLOWLIST_DIR:
            continue
        for path in sorted(pack_dir.rglob("*")):
            if path.suffix in (".yaml", ".yml") and path.is_file():
                files.append((name, path))
    return files


def load_rules(directory: Path | str, *, include_deprecated: bool = False) -> RuleSet:
    """Load and validate every rule under ``directory`` (strict; see module docstring)."""
    directory = Path(directory)
    if not directory.is_dir():
        raise RulePackError(directory, None, "rules directory does not exist")
    digest = hashlib.sha256()
    compiled: list[CompiledRule] = []
    seen: dict[str, Path] = {}
    for pack, path in _rule_files(directory):
        raw = path.read_bytes()
        digest.update(path.relative_to(directory).as_posix().encode() + b"\0" + raw + b"\0")
        text = raw.decode("utf-8", errors="replace")
        data, node = _parse_yaml(path, text)
        rid = data.get("id") if isinstance(data, dict) else None
        if not isinstance(data, dict):
            raise RulePackError(path, path.stem, "a rule file must be a YAML mapping", 1)
        rule: Rule = _validate(Rule, data, path, node, rid if isinstance(rid, str) else None)
        if path.suffix != ".yaml":
            raise RulePackError(path, rule.id, "rule files must end in .yaml", 1)
        if rule.id != path.stem:
            raise RulePackError(
                path,
                rule.id,
                f"id {rule.id!r} differs from file name {path.stem!r}",
                _line_for(node, ("id",)),
            )
        if rule.id in seen:
            raise RulePackError(
                path,
                rule.id,
                f"duplicate rule id (also defined in {seen[rule.id]})",
                _line_for(node, ("id",)),
            )
        seen[rule.id] = path
        if rule.status == Status.deprecated.value and not include_deprecated:
            continue
        compiled.append(CompiledRule.build(rule, pack, path))

    allowlists = _load_allowlists(directory / ALLOWLIST_DIR, digest)
    by_id = {c.rule.id: c for c in compiled}
    today = dt.date.today()
    for al, path in allowlists:
        for i, s in enumerate(al.suppress):
            if s.expires and s.expires < today:
                continue
            if s.rule != "*" and s.rule not in by_id:
                raise RulePackError(path, s.rule, f"suppress[{i}]: unknown rule id {s.rule!r}")
            pair = (
                re.compile(s.text, re.IGNORECASE | re.MULTILINE) if s.text else None,
                re.compile(s.context, re.IGNORECASE | re.MULTILINE) if s.context else None,
            )
            targets = compiled if s.rule == "*" else [by_id[s.rule]]
            for c in targets:
                c.suppressions.append(pair)
    return RuleSet(
        version=digest.hexdigest()[:12],
        compiled=compiled,
        directory=directory,
        allowlists=[a for a, _ in allowlists],
    )


def _load_allowlists(directory: Path, digest: Any) -> list[tuple[Allowlist, Path]]:
    out: list[tuple[Allowlist, Path]] = []
    if not directory.is_dir():
        return out
    for path in sorted(directory.glob("*.y*ml")):
        raw = path.read_bytes()
        digest.update(f"{ALLOWLIST_DIR}/{path.name}".encode() + b"\0" + raw + b"\0")
        data, node = _parse_yaml(path, raw.decode("utf-8", errors="replace"))
        if data is None:
            continue
        out.append((_validate(Allowlist, data, path, node, None), path))
    return out


def default_rules_dir() -> Path:
    """``rules/`` in a source checkout, else the installed ``scanner.rules`` package data."""
    here = Path(__file__).resolve().parent
    checkout = here.parent / "rules"
    if checkout.is_dir():
        return checkout
    installed = here / "rules"
    if installed.is_dir():
        return installed
    raise RulePackError(checkout, None, "no rules directory found (checkout or scanner.rules)")


def load_default_rules() -> RuleSet:
    return load_rules(default_rules_dir())
