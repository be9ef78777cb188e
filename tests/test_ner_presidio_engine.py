"""Presidio NLP engine wrapping the Saring Indonesian NER pipeline."""

from __future__ import annotations

import socket

import pytest

from scanner.ner.presidio_engine import build_nlp_engine, default_model_dir


def _no_network(*_args, **_kwargs):
    raise AssertionError("network access attempted")


@pytest.fixture(scope="module")
def engine():
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(socket.socket, "connect", _no_network)
        yield build_nlp_engine(default_model_dir())


def test_entities_are_mapped_and_guarded(engine):
    text = "Yth. Bapak Drs. Ahmad Fauzi, M.Si. di Kabupaten Bogor"
    art = engine.process_text(text, "id")
    found = {(e.text, e.label_) for e in art.entities}
    assert ("Ahmad Fauzi", "PERSON") in found
    assert {label for _, label in found} <= {"PERSON", "LOCATION", "ORGANIZATION"}
    assert len(art.scores) == len(art.entities)
    # blank Indonesian pipeline has no lemmatizer: lemmas are the lower-cased tokens
    assert art.lemmas == [t.lower_ for t in art.tokens]
    assert "ahmad" in art.keywords


def test_heading_is_not_a_person(engine):
    art = engine.process_text("DAFTAR PENERIMA BANTUAN SOSIAL TAHUN 2024", "id")
    assert [e for e in art.entities if e.label_ == "PERSON"] == []


def test_supported(engine):
    assert engine.get_supported_languages() == ["id"]
    assert set(engine.get_supported_entities()) == {"PERSON", "LOCATION", "ORGANIZATION"}
    assert engine.is_loaded()


def test_blank_engine_without_model():
    blank = build_nlp_engine(None)
    art = blank.process_text("Budi Santoso tinggal di Jl. Mawar", "id")
    assert art.entities == []
    assert [t.text for t in art.tokens][:2] == ["Budi", "Santoso"]
    assert art.lemmas[0] == "budi"


def test_batch(engine):
    out = list(engine.process_batch(["NAMA : SITI AMINAH", "RT 02/RW 05"], "id"))
    assert len(out) == 2
    assert [e.text for e in out[0][1].entities if e.label_ == "PERSON"] == ["SITI AMINAH"]
