"""Detection: Presidio's AnalyzerEngine for ``id`` plus the YAML rule packs, over segments.

Why Presidio: its recognizer plugins, context handling and decision-process explanations are the
model the review screens need; Saring adds Indonesian recognizers and replaces what does not fit
Indonesian (blank tokenizer instead of an English model, our own context windows, no network).
Why the rule packs run beside it and not as Presidio recognizers: they are written by compliance
officers, carry their own legal basis and examples, and one pass of compiled patterns per
segment is much cheaper than Presidio's per-recognizer loop.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from presidio_analyzer import AnalyzerEngine, RecognizerRegistry, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts
from presidio_analyzer.predefined_recognizers import SpacyRecognizer

from scanner.config import Config
from scanner.detect.roles import is_official_context
from scanner.masking import masked_snippet
from scanner.model import Finding, Segment
from scanner.ner.presidio_engine import build_nlp_engine
from scanner.recognizers import all_recognizers
from scanner.rulepacks import load_rules

# When two recognizers claim the same characters with the same score, the more specific wins.
_PRIORITY = [
    "SECRET",
    "CREDIT_CARD",
    "ID_NIP",
    "ID_NPWP",
    "ID_KK",
    "ID_NIK",
    "ID_BPJS",
    "ID_PASSPORT",
    "ID_BANK_ACCOUNT",
    "EMAIL_ADDRESS",
    "PHONE_NUMBER",
    "DATE_OF_BIRTH",
    "ADDRESS",
    "PERSON",
]
_RANK = {name: i for i, name in enumerate(_PRIORITY)}
_NER_TYPES = {"PERSON"}  # LOCATION / ORGANIZATION only help the NER; they are not findings


@dataclass(frozen=True)
class EntityInfo:
    kind: str
    basis: str


def load_entity_table(rules_dir: Path) -> dict[str, EntityInfo]:
    path = rules_dir / "entities.yaml"
    if not path.is_file():
        from scanner.resources import data_dir

        path = data_dir("rules") / "entities.yaml"
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {name: EntityInfo(str(v["kind"]), str(v.get("basis", ""))) for name, v in raw.items()}


class Detector:
    """Finds personal data, secrets, markings and exemption cues in segments."""

    def __init__(self, config: Config):
        self.entities = load_entity_table(config.rules_dir)
        self.rules = load_rules(config.rules_dir)
        model_dir = config.resolved_model_dir()
        # The NER package's engine: PER/LOC/ORG mapped to Presidio names, its false-positive
        # guards (digits, codes, ALL-CAPS headings) applied and titles trimmed from names.
        self.nlp_engine = build_nlp_engine(model_dir)
        registry = RecognizerRegistry(supported_languages=["id"])
        for recognizer in all_recognizers():
            registry.add_recognizer(recognizer)
        self.uses_ner = model_dir is not None
        if self.uses_ner:
            registry.add_recognizer(
                SpacyRecognizer(supported_language="id", supported_entities=["PERSON"])
            )
        self.analyzer = AnalyzerEngine(
            registry=registry,
            nlp_engine=self.nlp_engine,
            supported_languages=["id"],
            default_score_threshold=0.3,
        )
        # The recognizers read raw text and do their own context windows: they get empty NLP
        # artifacts (tokenising for them would cost 40 % of a scan for nothing).
        self._pattern_entities = sorted(
            {e for r in registry.recognizers for e in r.supported_entities} - {"PERSON"}
        )
        self._empty_artifacts = NlpArtifacts(
            entities=[],
            tokens=[],
            tokens_indices=[],
            lemmas=[],
            nlp_engine=self.nlp_engine,
            language="id",
        )

    @property
    def model_version(self) -> str:
        return self.nlp_engine.version

    @property
    def rules_version(self) -> str:
        return self.rules.version

    def detect(
        self, segments: list[Segment], names: Callable[[list[Finding]], bool] | None = None
    ) -> list[Finding]:
        """Findings of all segments.

        Identifiers, secrets and rule cues come first; names of persons (the NER model, the
        costly part) only when ``names(findings)`` says they can matter — a name alone never
        changes a verdict, so a public press release is not run through the NER at all.
        """
        per_segment: list[list[Finding]] = [
            self._patterns(segments, i) + self.rules.scan(segment)
            for i, segment in enumerate(segments)
        ]
        flat = [f for found in per_segment for f in found]
        if self.uses_ner and (names is None or names(flat)):
            for i, artifacts in enumerate(self._nlp_artifacts(segments)):
                per_segment[i].extend(self._names(segments, i, artifacts))
        findings: list[Finding] = []
        for segment, found in zip(segments, per_segment, strict=True):
            # Snippets are made last, so that every value found in the segment is masked in
            # every other finding's snippet.
            others = tuple({f.text for f in found})
            for f in found:
                f.context = masked_snippet(segment.text, f.start, f.end, f.masked, others)
            findings.extend(found)
        return findings

    def _patterns(self, segments: list[Segment], i: int) -> list[Finding]:
        segment = segments[i]
        if not segment.text.strip():
            return []
        results = self.analyzer.analyze(
            segment.text,
            language="id",
            entities=self._pattern_entities,
            nlp_artifacts=self._empty_artifacts,
            return_decision_process=True,
        )
        return self._to_findings(segment, _resolve_overlaps(results), _neighbours(segments, i))

    def _names(self, segments: list[Segment], i: int, artifacts: NlpArtifacts) -> list[Finding]:
        segment = segments[i]
        if not segment.text.strip():
            return []
        results = self.analyzer.analyze(
            segment.text,
            language="id",
            entities=["PERSON"],
            nlp_artifacts=artifacts,
            return_decision_process=True,
        )
        return self._to_findings(segment, results, _neighbours(segments, i))

    def _nlp_artifacts(self, segments: list[Segment]) -> Iterator[NlpArtifacts]:
        texts = [s.text for s in segments]
        for _, artifacts in self.nlp_engine.process_batch(texts, language="id", batch_size=64):
            yield artifacts

    def _to_findings(
        self, segment: Segment, results: list[RecognizerResult], neighbours: tuple[str, str]
    ) -> list[Finding]:
        out = []
        for r in results:
            if r.entity_type not in self.entities and r.entity_type not in _NER_TYPES:
                continue
            text = segment.text[r.start : r.end]
            tags = set(
                r.recognition_metadata.get("saring_tags", []) if r.recognition_metadata else []
            )
            if r.entity_type == "PERSON":
                if is_official_context(segment.text, r.start, r.end, *neighbours):
                    tags.add("official")
            info = self.entities.get(r.entity_type, EntityInfo("personal_data", ""))
            out.append(
                Finding(
                    type=r.entity_type,
                    rule=_rule_id(r),
                    kind=info.kind,  # type: ignore[arg-type]
                    score=round(float(r.score), 3),
                    basis=info.basis,
                    location=segment.location_at(r.start),
                    layer=segment.layer,
                    text=text,
                    start=r.start,
                    end=r.end,
                    explanation=_explain(r),
                    tags=tags,
                )
            )
        return out


def _neighbours(segments: list[Segment], i: int) -> tuple[str, str]:
    """Text of the previous and next segment of the same layer (a signature block is often
    split over paragraphs: the office above the name, the NIP below it)."""
    layer = segments[i].layer
    before = segments[i - 1].text if i > 0 and segments[i - 1].layer == layer else ""
    after = segments[i + 1].text if i + 1 < len(segments) and segments[i + 1].layer == layer else ""
    return before[-200:], after[:200]


def _rule_id(result: RecognizerResult) -> str:
    name = ""
    if result.recognition_metadata:
        name = str(result.recognition_metadata.get("recognizer_name", ""))
    if not name and result.analysis_explanation:
        name = result.analysis_explanation.recognizer
    # IdNikRecognizer -> recognizer.id-nik
    base = name.removesuffix("Recognizer")
    kebab = "".join("-" + c.lower() if c.isupper() else c for c in base).lstrip("-")
    return f"recognizer.{kebab}" if kebab else "recognizer"


def _explain(result: RecognizerResult) -> dict[str, Any]:
    exp = result.analysis_explanation
    if exp is None:
        return {}
    out = {
        "recognizer": exp.recognizer,
        "pattern": exp.pattern_name,
        "original_score": exp.original_score,
        "score": exp.score,
        "context_word": exp.supportive_context_word or None,
        "validation": exp.validation_result,
        "text": exp.textual_explanation,
    }
    return {k: v for k, v in out.items() if v not in (None, "")}


def _resolve_overlaps(results: list[RecognizerResult]) -> list[RecognizerResult]:
    """Keep, for characters claimed by several recognizers, the best-scoring specific type."""
    ordered = sorted(
        results, key=lambda r: (-r.score, _RANK.get(r.entity_type, 99), r.start - r.end)
    )
    kept: list[RecognizerResult] = []
    for r in ordered:
        if any(r.start < k.end and k.start < r.end for k in kept):
            # An address or a name may legitimately contain a number claimed by another type.
            if r.entity_type not in ("ADDRESS", "PERSON"):
                continue
        kept.append(r)
    return sorted(kept, key=lambda r: r.start)
