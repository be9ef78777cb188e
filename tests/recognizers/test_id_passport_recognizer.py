import pytest

from scanner.recognizers import IdPassportRecognizer


@pytest.fixture(scope="module")
def recognizer():
    return IdPassportRecognizer()


@pytest.fixture(scope="module")
def entities():
    return ["ID_PASSPORT"]


# fmt: off
@pytest.mark.parametrize(
    "text, expected_values",
    [
        # valid: label, table header of a flattened PDF table
        ("No. Paspor: C1234567", ["C1234567"]),
        ("Passport No. X4184725", ["X4184725"]),
        ("No Nama Jabatan TTL Nomor Paspor Masa Berlaku\n"
         "1 Wardaya Staf Ahli Bandung, 22-06-1992 X4184725 22-03-2027\n"
         "2 Elon Kepala Bagian Banyuwangi, 1994-11-14 E0681945 12-05-2028\n",
         ["X4184725", "E0681945"]),
        # look-alikes: no passport context, plates, codes, lower-case
        ("Kode C1234567 pada sistem", []),
        ("Nomor polisi B 1234 XYZ", []),
        ("ID paket A12345678", []),
        ("paspor c1234567", []),
    ],
)
# fmt: on
def test_passport(text, expected_values, recognizer, entities, found):
    assert found(recognizer, entities, text) == expected_values
