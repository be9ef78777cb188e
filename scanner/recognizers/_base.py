"""Common machinery: a PatternRecognizer whose context scoring is done in ``assess``.

Subclasses declare ``ENTITY``, ``PATTERNS`` (weak regexes) and ``CONTEXT`` and implement
``assess(text, match, pattern) -> Hit | None``. The base class runs the compiled regexes once,
builds the Presidio ``AnalysisExplanation`` and marks every result as already context-enhanced so
Presidio's lemma enhancer does not boost it again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from presidio_analyzer import AnalysisExplanation, Pattern, PatternRecognizer, RecognizerResult

TAGS_KEY = "saring_tags"


@dataclass
class Hit:
    """What ``assess`` decided about one regex match."""

    score: float
    reason: str
    start: int | None = None  # default: the match span (group "value" if present)
    end: int | None = None
    context_word: str | None = None
    validation: bool | None = None
    tags: set[str] = field(default_factory=set)
    entity: str | None = None  # default: the recognizer's ENTITY


class SaringRecognizer(PatternRecognizer):
    """Base class of Saring's regex recognizers (language ``id``)."""

    ENTITY: str = ""
    PATTERNS: list[Pattern] = []
    CONTEXT: list[str] = []
    REGEX_FLAGS: int = re.MULTILINE
    # Cheap pre-check: when set and absent from the text, no pattern can match (speed).
    TRIGGER: re.Pattern[str] | None = None

    def __init__(
        self,
        patterns: list[Pattern] | None = None,
        context: list[str] | None = None,
        supported_language: str = "id",
        name: str | None = None,
    ):
        super().__init__(
            supported_entity=self.ENTITY,
            name=name or type(self).__name__,
            supported_language=supported_language,
            patterns=patterns or self.PATTERNS,
            context=context or self.CONTEXT,
            global_regex_flags=self.REGEX_FLAGS,
        )
        self._compiled = [(p, re.compile(p.regex, self.REGEX_FLAGS)) for p in self.patterns]

    def assess(self, text: str, match: re.Match[str], pattern: Pattern) -> Hit | None:
        """Decide on one match; ``None`` drops it."""
        raise NotImplementedError

    def analyze(self, text, entities, nlp_artifacts=None, regex_flags=None):  # noqa: D102
        if entities and not set(entities) & set(self.supported_entities):
            return []
        if self.TRIGGER is not None and not self.TRIGGER.search(text):
            return []
        results: list[RecognizerResult] = []
        seen: set[tuple[int, int, str]] = set()
        for pattern, rx in self._compiled:
            for match in rx.finditer(text):
                hit = self.assess(text, match, pattern)
                if hit is None or hit.score <= 0:
                    continue
                entity = hit.entity or self.ENTITY
                if entities and entity not in entities:
                    continue
                if hit.start is None:
                    has_value = "value" in rx.groupindex and match.group("value") is not None
                    hit.start, hit.end = match.span("value") if has_value else match.span()
                key = (hit.start, hit.end, entity)
                if key in seen:
                    continue
                seen.add(key)
                results.append(self._result(entity, hit, pattern))
        return _drop_contained(results)

    def _result(self, entity: str, hit: Hit, pattern: Pattern) -> RecognizerResult:
        explanation = AnalysisExplanation(
            recognizer=self.name,
            original_score=pattern.score,
            pattern_name=pattern.name,
            pattern=pattern.regex,
            validation_result=hit.validation,
            textual_explanation=hit.reason,
        )
        explanation.set_improved_score(round(hit.score, 2))
        if hit.context_word:
            explanation.set_supportive_context_word(hit.context_word)
        tags = set(hit.tags)
        tags.add("context" if hit.context_word else "weak")
        return RecognizerResult(
            entity_type=entity,
            start=hit.start,
            end=hit.end,
            score=round(hit.score, 2),
            analysis_explanation=explanation,
            recognition_metadata={
                RecognizerResult.RECOGNIZER_NAME_KEY: self.name,
                RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id,
                RecognizerResult.IS_SCORE_ENHANCED_BY_CONTEXT_KEY: True,
                TAGS_KEY: sorted(tags),
            },
        )


def _drop_contained(results: list[RecognizerResult]) -> list[RecognizerResult]:
    """Drop a result lying inside a longer one of the same entity (two patterns, one value)."""
    if len(results) < 2:
        return results
    kept = []
    max_end: dict[str, int] = {}
    # identical spans were removed already, so an earlier (start, -end) reaching as far is longer
    for r in sorted(results, key=lambda r: (r.start, -r.end)):
        if max_end.get(r.entity_type, -1) >= r.end:
            continue
        max_end[r.entity_type] = r.end
        kept.append(r)
    return kept
