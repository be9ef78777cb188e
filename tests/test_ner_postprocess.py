"""The components after ``ner`` in the shipped pipeline: span repair, truecasing, ALL-CAPS view."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc, Span

from scanner.ner import caps_view, repair, truecase
from scanner.resources import data_dir

MODEL_DIR = data_dir("models") / "id_saring_ner"


def make_doc(words: list[str], ents: list[tuple[int, int, str]]) -> Doc:
    doc = Doc(spacy.blank("id").vocab, words=words)
    doc.ents = [Span(doc, s, e, label=label) for s, e, label in ents]
    return doc


def spans(doc: Doc) -> list[tuple[str, str]]:
    return [(e.text, e.label_) for e in doc.ents]


# --- repair ---------------------------------------------------------------------------------


def test_repair_joins_a_name_split_at_an_initial():
    doc = make_doc(
        "karya Arifin C . Noer di Cirebon".split(), [(1, 3, "PER"), (4, 5, "PER"), (6, 7, "LOC")]
    )
    assert spans(repair.repair_entities(doc)) == [("Arifin C . Noer", "PER"), ("Cirebon", "LOC")]


def test_repair_joins_an_initial_token_that_carries_its_dot():
    doc = make_doc(["Stephen", "R.", "Covey", "menulis"], [(0, 2, "PER"), (2, 3, "PER")])
    assert spans(repair.repair_entities(doc)) == [("Stephen R. Covey", "PER")]


def test_repair_keeps_two_people_apart_when_no_initial_joins_them():
    words = "Budi . Ani datang".split()
    doc = make_doc(words, [(0, 1, "PER"), (2, 3, "PER")])
    assert spans(repair.repair_entities(doc)) == [("Budi", "PER"), ("Ani", "PER")]
    # An initial followed by something else than a PER is left alone too.
    doc = make_doc("Budi S . datang".split(), [(0, 2, "PER")])
    assert spans(repair.repair_entities(doc)) == [("Budi S", "PER")]


def test_repair_moves_titles_out_of_the_person():
    doc = make_doc("mendukung Drs Sabarani sebagai kepala".split(), [(1, 3, "PER")])
    assert spans(repair.repair_entities(doc)) == [("Sabarani", "PER")]
    doc = make_doc("oleh Dr . Budi Santoso".split(), [(1, 5, "PER")])
    assert spans(repair.repair_entities(doc)) == [("Budi Santoso", "PER")]


def test_repair_drops_lower_case_persons_in_cased_text_only():
    words = "Ia menyanyikan lagu pop , ghazal , dan musik India .".split()
    doc = make_doc(words, [(5, 6, "PER"), (9, 10, "LOC")])
    assert spans(repair.repair_entities(doc)) == [("India", "LOC")]
    # Name particles may open a name.
    doc = make_doc("lagu karya Chris de Burgh dan de Burgh sendiri".split(), [(6, 8, "PER")])
    assert spans(repair.repair_entities(doc)) == [("de Burgh", "PER")]
    # In all-lower-case text case says nothing: the person stays.
    doc = make_doc("nama saya siti aminah dari bogor".split(), [(2, 4, "PER")])
    assert spans(repair.repair_entities(doc)) == [("siti aminah", "PER")]
    # Casing is judged per line / table cell, not over the whole page.
    words = ["Daftar", "Penerima", "Bantuan", "\n", "1", "\t", "siti", "aminah", "\t", "Bogor"]
    doc = make_doc(words, [(6, 8, "PER"), (9, 10, "LOC")])
    assert spans(repair.repair_entities(doc)) == [("siti aminah", "PER"), ("Bogor", "LOC")]


# --- truecasing -----------------------------------------------------------------------------


def test_case_table_learns_in_sentence_forms_and_adds_names():
    nlp = spacy.blank("id")
    docs = [
        nlp("Kantor DPR di Jakarta dibuka oleh Budi pada pagi hari ."),
        nlp("Pagi itu Budi datang ke DPR ."),
        nlp("Dia membeli iPhone di Jakarta pada pagi hari ."),
    ]
    table = truecase.build_table(docs, names=["Aminah", "Budi"])
    assert table["dpr"] == "upper"
    assert table["jakarta"] == "title"
    assert table["pagi"] == "lower"  # "Pagi" opens a sentence: its capital is not counted
    assert table["iphone"] == "iPhone"
    assert table["aminah"] == "title"  # from the names only
    assert "kantor" not in table  # only ever sentence-initial
    assert list(table) == sorted(table)


def test_truecaser_uses_table_then_sastrawi_then_title_case():
    caser = truecase.Truecaser({"dpr": "upper", "siti": "title", "nama": "lower", "iphone": "iPhone"})
    assert caser.word("DPR") == "DPR"
    assert caser.word("SITI") == "Siti"
    assert caser.word("NAMA") == "nama"
    assert caser.word("IPHONE") == "iPhone"
    assert caser.word("DIRESMIKAN") == "diresmikan"  # stem "resmi" is an Indonesian root
    assert caser.word("BERLAWANAN") == "berlawanan"
    assert caser.word("WIBISONO") == "Wibisono"  # unknown: a name most likely
    assert caser.word("2024") == "2024"
    assert caser.word(":") == ":"


def test_caps_runs_need_two_capitalised_words_and_survive_punctuation():
    nlp = spacy.blank("id")
    doc = nlp("Nama : SITI AMINAH , NIK 3171 dan kata DPR saja")
    runs = caps_view.caps_runs(doc)
    assert [doc[s:e].text for s, e in runs] == ["SITI AMINAH , NIK"]
    assert caps_view.caps_runs(nlp("semua huruf kecil di sini")) == []
    whole = nlp("DAFTAR PENERIMA : BUDI")
    assert caps_view.caps_runs(whole) == [(0, len(whole))]


def test_second_pass_windows_widen_runs_and_merge_overlaps():
    view = caps_view.CapsView(spacy.blank("id"), "caps")
    ctx = caps_view.CONTEXT
    assert view._windows([(2, 4)], 100) == [(0, 4 + ctx)]
    assert view._windows([(30, 32), (35, 37), (80, 90)], 95) == [
        (30 - ctx, 37 + ctx),
        (80 - ctx, 95),
    ]


# --- the shipped pipeline -------------------------------------------------------------------


@pytest.fixture(scope="module")
def nlp():
    return spacy.load(MODEL_DIR)


def test_shipped_pipeline_carries_a_case_table(nlp):
    table = nlp.get_pipe("saring_caps_ner").truecaser.table
    assert len(table) > 10_000
    assert table["jakarta"] == "title" and table["dan"] == "lower"


@pytest.mark.parametrize(
    "text",
    [
        "Menurut Rini Handayani, pendataan dilakukan di Kecamatan Depok.",
        "Rapat dipimpin oleh Joko Susilo di Bandung pada hari Senin.",
        "Bantuan diserahkan kepada Siti Aminah dan Bambang Wijaya di Bogor.",
    ],
)
def test_all_caps_sentence_gets_the_persons_of_the_cased_one(nlp, text):
    cased = [e.text for e in nlp(text).ents if e.label_ == "PER"]
    upper = [e.text for e in nlp(text.upper()).ents if e.label_ == "PER"]
    assert cased
    assert upper == [p.upper() for p in cased]


def test_text_without_capitals_runs_is_left_to_the_model(nlp):
    text = "Menurut Rini Handayani, pendataan dilakukan di Kecamatan Depok oleh Dinas Sosial."
    with nlp.select_pipes(disable=["saring_caps_ner"]):
        plain = spans(nlp(text))
    assert spans(nlp(text)) == plain


def test_a_capitals_run_inside_a_long_page_is_found_like_on_its_own(nlp):
    field = "NAMA : SITI AMINAH TINGGAL DI DESA SUKAMAJU"
    filler = "Surat ini dibuat dengan sebenarnya untuk dipergunakan sebagaimana mestinya. " * 20
    alone = [e.text for e in nlp(field).ents if e.label_ == "PER"]
    inside = [e.text for e in nlp(filler + field + " " + filler).ents if e.label_ == "PER"]
    assert alone == ["SITI AMINAH"]
    assert inside == alone


def test_caps_view_keeps_places_and_organisations_of_the_original_view(nlp):
    doc = nlp("BANTUAN DISERAHKAN OLEH DINAS SOSIAL KABUPATEN BOGOR KEPADA SITI AMINAH")
    assert ("SITI AMINAH", "PER") in spans(doc)
    with nlp.select_pipes(disable=["saring_caps_ner", "saring_ner_repair"]):
        raw = [s for s in spans(nlp(doc.text)) if s[1] != "PER"]
    assert [s for s in spans(doc) if s[1] != "PER"] == raw
