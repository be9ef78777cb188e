import pytest
from presidio_analyzer import AnalysisExplanation

from scanner.recognizers import IdNikRecognizer


@pytest.fixture(scope="module")
def recognizer():
    return IdNikRecognizer()


@pytest.fixture(scope="module")
def entities():
    return ["ID_NIK"]


# fmt: off
@pytest.mark.parametrize(
    "text, expected_values",
    [
        # valid: labelled, table-row style, dotted/spaced forms, female day + 40
        ("NIK: 3573115412980402", ["3573115412980402"]),
        ("Nama KPM: Kani ; Nomor Induk Kependudukan: 3573046009441976 ; Nomor Kartu Keluarga: "
         "3573040507110511", ["3573046009441976"]),
        ("No. KTP 6472.1666.0689.0667", ["6472.1666.0689.0667"]),
        ("NIK 3171 0101 9001 0001 milik pemohon", ["3171 0101 9001 0001"]),
        ("cek data: Garda Hakim / 3201030504932778 / 0855.4766.1477", ["3201030504932778"]),
        ("Papua Barat Daya 9671014107950001 dan Kaltara 6501010101010001",
         ["9671014107950001", "6501010101010001"]),
        # look-alikes: wrong province 20/99, month 13, day 32/72, serial 0000, masked, invoice
        ("NIK: 2073115412980402", []),
        ("NIK: 9973115412980402", []),
        ("3573111513980402", []),
        ("3573113212980402", []),
        ("3573117212980402", []),
        ("3573113102980402", []),
        ("3573115412980000", []),
        ("Samarkan NIK, misalnya 1212xxxxxxxx2078 atau 3171********0001.", []),
        ("Contoh nomor tagihan : 2023445191666307", []),
        ("Kode Virtual Account : 3573115412980402", []),
        ("No. Ref : 3573115412980402", []),
        ("Kode rekening 2.17.02.2.01 dan 5.1.02", []),
        ("NIP 197010282003011009", []),
        ("Rp 1.250.000.000", []),
        ("No. KK: 3573112701120018", []),
        ("NPWP: 3573115412980402", []),
        ("35731154129804021", []),
    ],
)
# fmt: on
def test_nik(text, expected_values, recognizer, entities, found):
    assert found(recognizer, entities, text) == expected_values


def test_scores_and_explanation(recognizer, entities):
    labelled = recognizer.analyze("NIK: 3573115412980402", entities)[0]
    bare = recognizer.analyze("data 3573115412980402", entities)[0]
    assert labelled.score >= 0.9 and 0.6 <= bare.score < labelled.score
    assert isinstance(labelled.analysis_explanation, AnalysisExplanation)
    assert labelled.analysis_explanation.supportive_context_word == "NIK"
    assert labelled.analysis_explanation.textual_explanation
    assert "context" in labelled.recognition_metadata["saring_tags"]
    assert "weak" in bare.recognition_metadata["saring_tags"]
    assert labelled.recognition_metadata["is_score_enhanced_by_context"] is True


def test_pdf_table_columns(recognizer, entities, found):
    text = (
        "No. Nama KPM Nomor Induk\nKependudukan\nNomor Kartu\nKeluarga\nAlamat\n"
        "1 Salsabila 6472.1666.0689.0667 6472.1624.0610.1201 Jl. Mawar No. 5\n"
        "2 Arsipatra 6472.1811.0291.4641 6472.1813.0518.0049 Gang Merdeka No.127\n"
    )
    assert found(recognizer, entities, text) == ["6472.1666.0689.0667", "6472.1811.0291.4641"]


def test_pdf_table_short_code_column_does_not_shift(recognizer, entities, found):
    text = "No Kode Desa Nama NIK Alamat\n1 A01 Budi 3573115412980402 Jl. Mawar No. 5\n"
    assert found(recognizer, entities, text) == ["3573115412980402"]


def test_pdf_table_negative_column(recognizer, entities, found):
    text = "No No. Tagihan Wajib Pajak Nominal\n1 3573115412980402 PT Abadi Rp 22.923.000\n"
    assert found(recognizer, entities, text) == []
