"""Policy: turn findings into a verdict (allow | flag | block) with reasons.

Why declarative: what is harmless differs between institutions (a hospital publishes other
things than a police unit), thresholds and bulk counts are judgement calls of the PPID, and
compliance officers, not programmers, maintain them. So everything that decides lives in
``rules/policy.yaml``; this module only applies it.
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

from scanner.i18n import Messages
from scanner.model import VERDICT_ORDER, FileResult, Finding, Reason
from scanner.resources import data_dir

Action = Literal["allow", "flag", "block", "context"]


class PolicyError(Exception):
    """A policy file that cannot be used; the message names the file and the problem."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class TypeRule(_Strict):
    action: Action
    allow_tags: list[str] = []
    require_text: str | None = None
    min_score: float | None = None

    @field_validator("require_text")
    @classmethod
    def _compiles(cls, value: str | None) -> str | None:
        if value is not None:
            re.compile(value)
        return value


class ExemptionRule(_Strict):
    action: Action = "flag"
    by_level: dict[str, Action] = {}
    with_person_types: list[str] = []
    with_person: Action = "block"


class Combination(_Strict):
    code: str
    all: list[str]
    action: Action
    basis: str = ""
    message: dict[str, str] = {}


class PersonalDataRule(_Strict):
    action: Action = "flag"
    with_person: Action = "block"


class Kinds(_Strict):
    marking: Action = "block"
    secret: Action = "block"
    exemption: ExemptionRule = ExemptionRule()
    personal_data: PersonalDataRule = PersonalDataRule()


class BulkRule(_Strict):
    code: str
    types: list[str]
    min_distinct: int
    action: Action


class Layers(_Strict):
    redacted: Action = "block"
    hidden_reason: list[str] = []


class FileRules(_Strict):
    unreadable: Action = "flag"
    extension_mismatch: Action = "flag"


class Policy(_Strict):
    version: int = 1
    min_score: float = 0.5
    types: dict[str, TypeRule] = {}
    kinds: Kinds = Kinds()
    person_identifiers: list[str] = []
    bulk: list[BulkRule] = []
    combinations: list[Combination] = []
    layers: Layers = Layers()
    file: FileRules = FileRules()


def _merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = value
    return out


def _read(path: Path) -> dict[str, Any]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except FileNotFoundError as exc:
        raise PolicyError(f"{path}: file not found") from exc
    except yaml.YAMLError as exc:
        raise PolicyError(f"{path}: not valid YAML ({exc})") from exc
    if not isinstance(data, dict):
        raise PolicyError(f"{path}: expected a mapping at the top level")
    return data


def load_policy(path: Path | None = None) -> Policy:
    """Load the bundled policy, with an institution's file merged over it."""
    default_path = data_dir("rules") / "policy.yaml"
    data = _read(default_path)
    if path is not None and path.resolve() != default_path.resolve():
        data = _merge(data, _read(path))
    try:
        return Policy.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc'])}: {err['msg']}" for err in exc.errors()
        )
        raise PolicyError(f"{path or default_path}: {problems}") from exc


class PolicyEngine:
    """Applies a :class:`Policy` to the findings of one file."""

    def __init__(self, policy: Policy, messages: Messages):
        self.policy = policy
        self.msg = messages
        self._require = {
            name: re.compile(rule.require_text, re.IGNORECASE)
            for name, rule in policy.types.items()
            if rule.require_text
        }

    # -- per finding -------------------------------------------------------------------------
    def action_for(self, finding: Finding, has_person: bool) -> Action:
        """What one finding does on its own (before bulk counts)."""
        if finding.layer == "redacted":
            return self.policy.layers.redacted
        rule = self.policy.types.get(finding.type)
        if rule is not None:
            if finding.tags & set(rule.allow_tags):
                return "allow"
            pattern = self._require.get(finding.type)
            if pattern is not None and not pattern.search(finding.text):
                return "allow"
            return rule.action
        kinds = self.policy.kinds
        if finding.kind == "marking":
            return kinds.marking
        if finding.kind == "secret":
            return kinds.secret
        if finding.kind == "exemption":
            exemption = kinds.exemption
            if has_person and finding.type in exemption.with_person_types:
                return exemption.with_person
            level = str(finding.explanation.get("level", ""))
            return exemption.by_level.get(level, exemption.action)
        if finding.kind == "personal_data":
            return kinds.personal_data.with_person if has_person else kinds.personal_data.action
        if finding.kind == "file":
            return self.policy.file.extension_mismatch
        return "flag"

    def names_matter(self, findings: list[Finding]) -> bool:
        """Could names of persons change or complete the result? Only beside a finding that is
        not harmless on its own (a name never decides alone), so files without one skip the
        NER model."""
        return any(
            f.score >= self.min_score(f) and self.action_for(f, True) != "allow" for f in findings
        )

    def min_score(self, finding: Finding) -> float:
        if "level" in finding.explanation:
            return 0.0  # rule-pack findings: their level decides (kinds.exemption.by_level)
        rule = self.policy.types.get(finding.type)
        if rule is not None and rule.min_score is not None:
            return rule.min_score
        return self.policy.min_score

    # -- per file ----------------------------------------------------------------------------
    def decide(self, result: FileResult) -> None:
        """Set ``result.verdict`` and ``result.reasons``; keep only findings that count."""
        findings = [f for f in result.findings if f.score >= self.min_score(f)]
        identifiers = set(self.policy.person_identifiers)
        # "About a person": an identifier of a person that is not harmless on its own.
        has_person = any(
            f.type in identifiers and self.action_for(f, False) != "allow" for f in findings
        )
        kept: list[tuple[Finding, Action]] = []
        for f in findings:
            action = self.action_for(f, has_person)
            if action != "allow":
                kept.append((f, action))

        reasons: list[Reason] = []
        by_code: dict[str, list[tuple[Finding, Action]]] = defaultdict(list)
        for f, action in kept:
            if action == "context":
                continue
            by_code[f.type].append((f, action))
        for code, items in by_code.items():
            action = max((a for _, a in items), key=VERDICT_ORDER.__getitem__)
            sample = items[0][0]
            distinct = len({x.text for x, _ in items})
            reasons.append(
                Reason(
                    code=code.lower(),
                    message=self.msg.reason_for_type(code, distinct, sample),
                    basis=sample.basis,
                    verdict=action,  # type: ignore[arg-type]
                )
            )
        for bulk in self.policy.bulk:
            values = {f.text for f, a in kept if f.type in bulk.types and a != "context"}
            if len(values) >= bulk.min_distinct:
                reasons.append(
                    Reason(
                        code=bulk.code,
                        message=self.msg.bulk(bulk.code, len(values)),
                        basis="UU 27/2022 Pasal 4 ayat (3)",
                        verdict=bulk.action,  # type: ignore[arg-type]
                    )
                )
        present = {f.type for f, _ in kept}
        for combo in self.policy.combinations:
            if set(combo.all) <= present:
                reasons.append(
                    Reason(
                        code=combo.code,
                        message=combo.message.get(self.msg.lang, combo.code),
                        basis=combo.basis,
                        verdict=combo.action,  # type: ignore[arg-type]
                    )
                )
        hidden_layers = self.policy.layers.hidden_reason
        hidden = sorted({f.layer for f, a in kept if f.layer in hidden_layers and a != "context"})
        if hidden:
            worst = max(
                (a for f, a in kept if f.layer in hidden and a != "context"),
                key=VERDICT_ORDER.__getitem__,
                default="flag",
            )
            reasons.append(
                Reason(
                    code="hidden_layer",
                    message=self.msg.hidden_layers(hidden),
                    basis="",
                    verdict=worst,  # type: ignore[arg-type]
                )
            )
        for part, count in sorted(result.unscanned.items()):
            if count:
                reasons.append(
                    Reason(
                        code=f"unscanned_{part}",
                        message=self.msg.unscanned(part, count),
                        verdict=self.policy.file.unreadable,
                    )
                )
        if result.error:
            reasons.append(
                Reason(
                    code=f"unreadable_{result.error}",
                    message=self.msg.unreadable(result.error),
                    verdict=self.policy.file.unreadable,
                )
            )

        verdict = "allow"
        for reason in reasons:
            if VERDICT_ORDER[reason.verdict] > VERDICT_ORDER[verdict]:
                verdict = reason.verdict
        # Names are reported only beside other personal data: a press release naming the
        # mayor is not a finding, a list of names with NIKs is.
        reported = [f for f, a in kept if a != "context" or verdict != "allow"]
        for f, a in kept:
            f.tags.add(f"action:{a}")
        reasons.sort(key=lambda r: -VERDICT_ORDER[r.verdict])
        result.findings = reported
        result.reasons = reasons
        result.verdict = verdict  # type: ignore[assignment]
