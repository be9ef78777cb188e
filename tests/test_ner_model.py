"""The shipped Indonesian NER pipeline (models/id_saring_ner): offline load, PER spans, guards."""

from __future__ import annotations

import socket

import pytest

from scanner.ner.guards import is_plausible_person, trim_person_span
from scanner.resources import data_dir

MODEL_DIR = data_dir("models") / "id_saring_ner"
ALLOWED_FILES = {
    "config.cfg",
    "meta.json",
    "tokenizer",
    "vocab",
    "tok2vec",
    "ner",
    "saring_caps_ner",
    "MODEL_CARD.md",
}


def _no_network(*_args, **_kwargs):
    raise AssertionError("network access attempted while loading/running the NER model")


@pytest.fixture(scope="module")
def nlp():
    import spacy

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(socket.socket, "connect", _no_network)
        mp.setattr(socket, "create_connection", _no_network)
        model = spacy.load(MODEL_DIR)
        # Run once inside the patch too: inference must not touch the network either.
        model("Yth. Bapak Ahmad Fauzi di Bogor")
        yield model


def persons(nlp, text: str) -> list[str]:
    """PER spans after the plausibility guards, trimmed of titles and degrees."""
    out = []
    for ent in nlp(text).ents:
        if ent.label_ != "PER" or not is_plausible_person(ent.text):
            continue
        start, end = trim_person_span(ent.text)
        out.append(ent.text[start:end])
    return out


def test_model_directory_is_clean_and_small():
    assert MODEL_DIR.is_dir(), MODEL_DIR
    names = {p.name for p in MODEL_DIR.iterdir()}
    assert names <= ALLOWED_FILES, names - ALLOWED_FILES
    assert {"config.cfg", "meta.json", "ner", "tok2vec", "MODEL_CARD.md"} <= names
    size = sum(p.stat().st_size for p in MODEL_DIR.rglob("*") if p.is_file())
    assert size <= 50 * 1024 * 1024


def test_pipeline_shape(nlp):
    assert nlp.lang == "id"
    assert nlp.pipe_names == ["tok2vec", "ner", "saring_caps_ner", "saring_ner_repair"]
    assert set(nlp.get_pipe("ner").labels) == {"PER", "LOC", "ORG"}


def test_static_vectors_are_keyed_by_lower_case(nlp):
    """The gazetteer/web vectors are looked up by LOWER, so ALL-CAPS form fields get them too.

    spaCy 3.8 forgets a non-default vectors key on save; training re-writes it
    (``vectors.persist_lower_attr``). Without it only lower-case tokens had features.
    """
    from spacy.attrs import LOWER

    vocab = nlp.vocab
    assert vocab.vectors.attr == LOWER
    assert vocab.vectors.shape[1] >= 64
    for word in ("Jakarta", "JAKARTA", "jakarta", "Surabaya", "SURABAYA"):
        assert vocab.has_vector(word), word
    assert (vocab.get_vector("JAKARTA") == vocab.get_vector("jakarta")).all()


CASES = [
    ("Yth. Bapak Ahmad Fauzi di Bogor", ["Ahmad Fauzi"]),
    ("NAMA : SITI AMINAH", ["SITI AMINAH"]),
    (
        "Kepala Dinas Komunikasi dan Informatika,\nttd\nDrs. BUDI SANTOSO, M.Si.\n"
        "NIP. 19700101 199503 1 001",
        ["BUDI SANTOSO"],
    ),
    ("Pelapor: Hj. Nur Aini binti Abdullah", ["Nur Aini binti Abdullah"]),
    ("1 Siti Aminah 3171010101900001 Jl. Mawar No. 5 RT 02/RW 05", ["Siti Aminah"]),
    ("Rapat dipimpin oleh Ir. Joko Susilo, M.T. selaku Kepala Bidang.", ["Joko Susilo"]),
    ("Menurut Rini Handayani, pendataan dilakukan di Kecamatan Depok.", ["Rini Handayani"]),
    ("Telah diterima dari Sdr. Bambang Wijaya uang sebesar Rp 500.000,-", ["Bambang Wijaya"]),
    ("DAFTAR PENERIMA BANTUAN SOSIAL TAHUN 2024", []),
    ("NIK 3171010101900001", []),
    ("2024-03-01 10:22:11 INFO [auth] user_id=3412 login ok ip=10.2.3.4", []),
    ("Kode Rekening 2.17.02.2.01", []),
    ("RT 02/RW 05", []),
    ("BERITA ACARA SERAH TERIMA", []),
    ("REKAPITULASI", []),
    ("NO NAMA NIK ALAMAT KETERANGAN", []),
    ("Jumlah penerima bantuan sebanyak 125 orang.", []),
    ("Dokumen ini telah ditandatangani secara elektronik.", []),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0][:40] for c in CASES])
def test_person_spans(nlp, text, expected):
    assert persons(nlp, text) == expected


def test_locations_and_organisations(nlp):
    doc = nlp("Kepala Dinas Kesehatan Kabupaten Sleman menghadiri rapat di Yogyakarta.")
    labels = {ent.label_ for ent in doc.ents}
    assert "ORG" in labels or "LOC" in labels


@pytest.mark.parametrize(
    ("span", "trimmed", "plausible"),
    [
        ("Bapak Drs. H. Budi Santoso, M.Si.", "Budi Santoso", True),
        ("Hj. Nur Aini binti Abdullah, S.E., Ak.", "Nur Aini binti Abdullah", True),
        ("Sdr. Rahmat S.Kom.", "Rahmat", True),
        ("Hengky Gosal, Sp.PD", "Hengky Gosal", True),
        ("SITI AMINAH", "SITI AMINAH", True),
        ("DAFTAR", "DAFTAR", False),
        ("DAFTAR PENERIMA", "DAFTAR PENERIMA", False),
        ("KECAMATAN", "KECAMATAN", False),
        ("NIK 3171010101900001", "NIK 3171010101900001", False),
        ("admin@dinas.go.id", "admin@dinas.go.id", False),
        ("2.17.02.2.01", "2.17.02.2.01", False),
        ("user_id", "user_id", False),
        ("Satu Dua Tiga Empat Lima Enam Tujuh", "Satu Dua Tiga Empat Lima Enam Tujuh", False),
    ],
)
def test_guards(span, trimmed, plausible):
    start, end = trim_person_span(span)
    assert span[start:end] == trimmed
    assert is_plausible_person(span) is plausible


def test_guards_title_only_is_rejected():
    assert trim_person_span("Ibu ")[0] == trim_person_span("Ibu ")[1]
    assert not is_plausible_person("Ibu")
    assert not is_plausible_person("NAMA")
