import pytest

from scanner.recognizers import BankAccountRecognizer


@pytest.fixture(scope="module")
def recognizer():
    return BankAccountRecognizer()


@pytest.fixture(scope="module")
def entities():
    return ["ID_BANK_ACCOUNT"]


# fmt: off
@pytest.mark.parametrize(
    "text, expected_values",
    [
        # valid: labels, bank names, grouped digits, "a.n." after, table column
        ("Nama Bank: BNI ; Nomor Rekening: 9997561700 ; Gaji (Rp): 3.357.800", ["9997561700"]),
        ("transfer ke BRI 6820-43-930815-77-1", ["6820-43-930815-77-1"]),
        ("No. Rek 062-10-11-30814", ["062-10-11-30814"]),
        ("1234567890 a.n. Budi Santoso", ["1234567890"]),
        ("No Nama No. Rekening Bank\n1 Budi 653-138-1453 BCA\n2 Ani 7085245727 BNI\n",
         ["653-138-1453", "7085245727"]),
        # look-alikes: no bank context, amounts, VA, phone/NIK labels, too short
        ("Nomor 1234567890 pada surat", []),
        ("Total Rp 1.250.000.000 ke rekening", []),
        ("Kode Virtual Account : 9880008255161397", []),
        ("BCA HP: 081234567890", []),
        ("Rekening 123456789", []),
        ("Kode rekening 2.17.02.2.01", []),
    ],
)
# fmt: on
def test_bank_account(text, expected_values, recognizer, entities, found):
    assert found(recognizer, entities, text) == expected_values


def test_institutional_account(recognizer, entities, tagged):
    text = "Rekening Kas Daerah : BPD Bali 5719626865189"
    assert "institutional" in tagged(recognizer, entities, text)["5719626865189"]


def test_bank_name_that_is_a_person_name(recognizer, entities, found):
    assert found(recognizer, entities, "4 Novi Permata 6472.1768.0182.1880 Jl. Mawar") == []
    assert found(recognizer, entities, "Bank Mandiri 1230001234567") == ["1230001234567"]
    assert found(recognizer, entities, "Desa Mandiri 1230001234567") == []
