"""The spaCy NLP engine Presidio runs for Indonesian.

Why a subclass: Presidio's ``SpacyNlpEngine`` loads models by package name (and may try to
download them); Saring loads a model *directory* shipped in ``models/`` or, without one, a blank
Indonesian tokenizer, and never touches the network. The blank pipeline has no lemmas, so the
lower-cased token text stands in for them (context words are matched against lemmas).
"""

from __future__ import annotations

from pathlib import Path

import spacy
from presidio_analyzer.nlp_engine import NerModelConfiguration, NlpArtifacts, SpacyNlpEngine

ENTITY_MAPPING = {"PER": "PERSON", "LOC": "LOCATION", "ORG": "ORGANIZATION"}


class IndonesianNlpEngine(SpacyNlpEngine):
    """spaCy engine for language ``id`` from a local directory or a blank pipeline."""

    def __init__(self, model_dir: Path | None = None):
        self.model_dir = model_dir
        super().__init__(
            models=[{"lang_code": "id", "model_name": str(model_dir or "blank:id")}],
            ner_model_configuration=NerModelConfiguration(
                model_to_presidio_entity_mapping=ENTITY_MAPPING,
                labels_to_ignore=[],
                low_score_entity_names=[],
                default_score=0.85,
            ),
        )

    def load(self) -> None:
        if self.model_dir is None:
            nlp = spacy.blank("id")
        else:
            # The model was trained on spaCy's own Indonesian tokenizer (spacy.blank("id")), which
            # the language class builds anyway; reading the saved copy of its ~32,000 special
            # cases again from disk doubled the load time (tests/test_nlp_engine.py checks that
            # both tokenise alike).
            nlp = spacy.load(
                self.model_dir, exclude=["tokenizer", "parser", "tagger", "lemmatizer"]
            )
        nlp.max_length = 5_000_000
        self.nlp = {"id": nlp}

    @property
    def version(self) -> str:
        if self.model_dir is None:
            return "blank-id"
        meta = self.nlp["id"].meta if self.nlp else {}
        return f"{meta.get('name', self.model_dir.name)}-{meta.get('version', '0')}"

    def _doc_to_nlp_artifact(self, doc, language: str) -> NlpArtifacts:  # noqa: ANN001
        artifacts = super()._doc_to_nlp_artifact(doc, language)
        artifacts.lemmas = [token.lower_ for token in doc]
        return artifacts
