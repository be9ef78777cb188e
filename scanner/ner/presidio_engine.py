"""Presidio NLP engine for Indonesian backed by the Saring NER pipeline (models/id_saring_ner).

``build_nlp_engine(model_dir)`` returns a loaded :class:`SaringSpacyNlpEngine` for language
``id``. With ``model_dir=None`` the engine wraps a blank ``id`` pipeline (tokenizer only, no
entities), which keeps the pattern recognizers working when no model is installed.

* labels: PER -> PERSON, LOC -> LOCATION, ORG -> ORGANIZATION;
* lemmas: the blank Indonesian pipeline has no lemmatizer, so the lower-cased token text is used
  as lemma (Presidio's context enhancement compares lemmas with context words);
* PER spans go through :mod:`scanner.ner.guards` (implausible spans dropped, titles/degrees
  trimmed) unless ``apply_guards=False``.

Nothing is downloaded: ``load()`` only calls ``spacy.load`` on a local directory.
"""

from __future__ import annotations

from pathlib import Path

import spacy
from presidio_analyzer.nlp_engine import NerModelConfiguration, NlpArtifacts, SpacyNlpEngine
from spacy.tokens import Doc, Span

from scanner.ner.guards import is_plausible_person, trim_person_span

LANGUAGE = "id"
ENTITY_MAPPING = {"PER": "PERSON", "LOC": "LOCATION", "ORG": "ORGANIZATION"}


def default_model_dir() -> Path:
    from scanner.resources import data_dir

    return data_dir("models") / "id_saring_ner"


class SaringSpacyNlpEngine(SpacyNlpEngine):
    """``SpacyNlpEngine`` that loads a local directory (or a blank ``id`` pipeline)."""

    engine_name = "saring_spacy"

    def __init__(self, model_dir: Path | None, apply_guards: bool = True) -> None:
        super().__init__(
            models=[{"lang_code": LANGUAGE, "model_name": str(model_dir or "blank:id")}],
            ner_model_configuration=NerModelConfiguration(
                model_to_presidio_entity_mapping=dict(ENTITY_MAPPING),
                labels_to_ignore=[],
                low_score_entity_names=[],
            ),
        )
        self.model_dir = Path(model_dir) if model_dir is not None else None
        self.apply_guards = apply_guards

    def load(self) -> None:
        if self.model_dir is None:
            nlp = spacy.blank(LANGUAGE)
        else:
            if not (self.model_dir / "config.cfg").is_file():
                raise FileNotFoundError(f"no spaCy pipeline in {self.model_dir}")
            # The saved tokenizer is the default Indonesian one; rebuilding it from the
            # language defaults instead of re-reading it halves the load time.
            nlp = spacy.load(self.model_dir, exclude=["tokenizer"])
        nlp.max_length = 5_000_000  # long documents arrive as one segment per page/block
        self.nlp = {LANGUAGE: nlp}

    @property
    def version(self) -> str:
        """Model name and version for the JSON output's ``tool.model``."""
        if self.model_dir is None:
            return "blank-id"
        meta = self.nlp[LANGUAGE].meta if self.nlp else {}
        return f"{meta.get('name', self.model_dir.name)}-{meta.get('version', '0')}"

    def _get_entities(self, doc: Doc) -> list[Span]:
        if not self.apply_guards:
            return list(doc.ents)
        out = []
        for ent in doc.ents:
            if ent.label_ != "PER":
                out.append(ent)
                continue
            if not is_plausible_person(ent.text):
                continue
            start, end = trim_person_span(ent.text)
            span = doc.char_span(
                ent.start_char + start, ent.start_char + end, label="PER", alignment_mode="expand"
            )
            if span is not None and len(span):
                out.append(span)
        return out

    def _doc_to_nlp_artifact(self, doc: Doc, language: str) -> NlpArtifacts:
        entities = self._get_entities(doc)
        scores = [self.ner_model_configuration.default_score] * len(entities)
        entities, scores = self._get_updated_entities(entities, scores)
        return NlpArtifacts(
            entities=entities,
            tokens=doc,
            tokens_indices=[token.idx for token in doc],
            lemmas=[token.lower_ for token in doc],
            nlp_engine=self,
            language=language,
            scores=scores,
        )


def build_nlp_engine(model_dir: Path | None, apply_guards: bool = True) -> SaringSpacyNlpEngine:
    """A loaded Presidio NLP engine for ``id`` (blank pipeline when ``model_dir`` is None)."""
    engine = SaringSpacyNlpEngine(model_dir, apply_guards=apply_guards)
    engine.load()
    return engine
