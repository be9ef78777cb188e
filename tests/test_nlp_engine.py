"""The Presidio NLP engine for Indonesian: offline, PER/LOC/ORG mapped, tokenizer as trained."""

from __future__ import annotations

import pytest
import spacy

from scanner.config import load_config
from scanner.detect.nlp import IndonesianNlpEngine

MODEL = load_config().resolved_model_dir()
needs_model = pytest.mark.skipif(MODEL is None, reason="no NER model in models/")
TEXT = ("Kepala Dinas Kominfo Kab. Jember, Drs. H. Budi Santoso, M.Si. menerima SITI AMINAH "
        "binti SUPRIYADI di Jl. Mawar No. 5 RT 02/RW 03, Kel. Sumbersari, tgl. 12-05-1990.")


@needs_model
def test_model_tokenises_like_the_saved_tokenizer() -> None:
    saved = spacy.load(MODEL)
    engine = IndonesianNlpEngine(MODEL)
    engine.load()
    assert [t.text for t in engine.nlp["id"](TEXT)] == [t.text for t in saved(TEXT)]


@needs_model
def test_entities_are_mapped_to_presidio_names(no_network) -> None:
    engine = IndonesianNlpEngine(MODEL)
    engine.load()
    artifacts = engine.process_text(TEXT, "id")
    labels = {e.label_ for e in artifacts.entities}
    assert "PERSON" in labels
    assert labels <= {"PERSON", "LOCATION", "ORGANIZATION"}
    assert artifacts.lemmas[0] == "kepala"  # lower-cased text stands in for lemmas


def test_blank_engine_without_a_model(no_network) -> None:
    engine = IndonesianNlpEngine(None)
    engine.load()
    assert engine.version == "blank-id"
    assert list(engine.process_text(TEXT, "id").entities) == []
