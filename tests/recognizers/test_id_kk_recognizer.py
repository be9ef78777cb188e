import pytest

from scanner.recognizers import IdKkRecognizer


@pytest.fixture(scope="module")
def recognizer():
    return IdKkRecognizer()


@pytest.fixture(scope="module")
def entities():
    return ["ID_KK"]


# fmt: off
@pytest.mark.parametrize(
    "text, expected_values",
    [
        # valid: KK label or KK table column
        ("No. KK: 3573112701120018", ["3573112701120018"]),
        ("Nomor Induk Kependudukan: 3573046009441976 ; Nomor Kartu Keluarga: 3573040507110511",
         ["3573040507110511"]),
        ("NKK 6472.1624.0610.1201", ["6472.1624.0610.1201"]),
        ("No Nama NIK No. KK Alamat\n1 Kani 3573115412980402 3573112701120018 Gg. Peta 1\n",
         ["3573112701120018"]),
        # not KK: no label (reported as NIK instead), NIK label, bad region, invoice
        ("3573112701120018", []),
        ("NIK: 3573112701120018", []),
        ("No. KK: 2073112701120018", []),
        ("No. KK: 9973112701120018", []),
        ("No. Tagihan KK 2023245335693484", []),
        ("No. KK: 3573********0018", []),
    ],
)
# fmt: on
def test_kk(text, expected_values, recognizer, entities, found):
    assert found(recognizer, entities, text) == expected_values
