"""The recognizers inside a Presidio AnalyzerEngine for language 'id' (blank spaCy, no network)."""

import socket

import pytest
import spacy
from presidio_analyzer import AnalyzerEngine, RecognizerRegistry
from presidio_analyzer.nlp_engine import SpacyNlpEngine

from scanner.recognizers import ENTITY_TYPES, all_recognizers


class BlankIndonesianNlpEngine(SpacyNlpEngine):
    """A spaCy engine over ``spacy.blank("id")``: tokens only, no model download."""

    def __init__(self):
        super().__init__(models=[{"lang_code": "id", "model_name": "blank:id"}])

    def load(self) -> None:
        self.nlp = {"id": spacy.blank("id")}


PARAGRAPH = (
    "Pemohon atas nama Siti Aminah, NIK 3573115412980402, No. KK 3573112701120018, "
    "NPWP 06.299.761.4-802.000, lahir pada 14 Desember 1998, tinggal di Jl. Mawar No. 5 "
    "RT 002/RW 003, Kel. Sukamaju. HP 0812-3456-7890, e-mail siti.aminah@gmail.com, "
    "No. Rekening BCA 1234567890, No. Kartu BPJS 0008176816884, No. Paspor C1234567.\n"
    "Informasi: ppid@jemberkab.go.id, Telp. (0331) 556650.\nDB_PASSWORD=Adm1n_2022$$"
)


@pytest.fixture(scope="module")
def engine():
    registry = RecognizerRegistry(supported_languages=["id"])
    for recognizer in all_recognizers():
        registry.add_recognizer(recognizer)
    return AnalyzerEngine(registry=registry, nlp_engine=BlankIndonesianNlpEngine(),
                          supported_languages=["id"])


def test_registry():
    recognizers = all_recognizers()
    assert len(recognizers) == len(ENTITY_TYPES) == len(set(ENTITY_TYPES))
    assert {e for r in recognizers for e in r.supported_entities} == set(ENTITY_TYPES)
    assert all(r.supported_language == "id" for r in recognizers)
    assert all_recognizers()[0] is not recognizers[0]


def test_engine_finds_indonesian_entities_offline(engine, monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("network access attempted")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    results = engine.analyze(PARAGRAPH, language="id", entities=list(ENTITY_TYPES),
                             return_decision_process=True)
    by_type = {}
    for r in results:
        by_type.setdefault(r.entity_type, set()).add(PARAGRAPH[r.start : r.end])
        assert r.analysis_explanation is not None
        assert r.analysis_explanation.textual_explanation
    assert by_type["ID_NIK"] == {"3573115412980402"}
    assert by_type["ID_KK"] == {"3573112701120018"}
    assert "06.299.761.4-802.000" in by_type["ID_NPWP"]
    assert "14 Desember 1998" in by_type["DATE_OF_BIRTH"]
    assert "0812-3456-7890" in by_type["PHONE_NUMBER"]
    assert {"siti.aminah@gmail.com", "ppid@jemberkab.go.id"} <= by_type["EMAIL_ADDRESS"]
    assert "1234567890" in by_type["ID_BANK_ACCOUNT"]
    assert "0008176816884" in by_type["ID_BPJS"]
    assert "C1234567" in by_type["ID_PASSPORT"]
    assert "Adm1n_2022$$" in by_type["SECRET"]
    assert any(a.startswith("Jl. Mawar No. 5") for a in by_type["ADDRESS"])
    # scores were set by the recognizers, not boosted again by Presidio's context enhancer
    nik = next(r for r in results if r.entity_type == "ID_NIK")
    assert nik.score == 0.95
