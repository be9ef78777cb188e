import pytest

from scanner.recognizers import IdBpjsRecognizer


@pytest.fixture(scope="module")
def recognizer():
    return IdBpjsRecognizer()


@pytest.fixture(scope="module")
def entities():
    return ["ID_BPJS"]


# fmt: off
@pytest.mark.parametrize(
    "text, expected_values",
    [
        # valid: labelled, JKN-KIS column, table header, bare with leading zeros (low score)
        ("Nomor JKN-KIS: 0008176816884", ["0008176816884"]),
        ("No. Kartu BPJS 0001 1336 52659", ["0001 1336 52659"]),
        ("No Nama No. JKN\n1 Kani 1234567890123\n2 Budi 0006894436597\n",
         ["1234567890123", "0006894436597"]),
        ("0002176605023", ["0002176605023"]),
        # look-alikes: bare 13 digits, NIB, bank account, amounts, 14 digits
        ("1234567890123", []),
        ("NIB: 9120001234567", []),
        ("Rekening Kas Daerah : BPD Bali 5719626865189", []),
        ("Rp 1.250.000.000", []),
        ("No. Kartu BPJS 00081768168841", []),
    ],
)
# fmt: on
def test_bpjs(text, expected_values, recognizer, entities, found):
    assert found(recognizer, entities, text) == expected_values


def test_low_score_without_context(recognizer, entities):
    bare = recognizer.analyze("0002176605023", entities)[0]
    labelled = recognizer.analyze("BPJS: 0002176605023", entities)[0]
    assert bare.score < 0.5 < labelled.score


# fmt: off
@pytest.mark.parametrize(
    "text, expected_values",
    [
        ("No. KPJ: 12345678901", ["12345678901"]),
        ("BPJS Ketenagakerjaan 12345678901", ["12345678901"]),
        ("Nomor 12345678901", []),
        ("BPJS Kesehatan 12345678901", []),
    ],
)
# fmt: on
def test_bpjs_ketenagakerjaan(text, expected_values, recognizer, entities, found):
    assert found(recognizer, entities, text) == expected_values
