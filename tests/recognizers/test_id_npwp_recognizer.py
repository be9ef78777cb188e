import pytest

from scanner.recognizers import IdNpwpRecognizer


@pytest.fixture(scope="module")
def recognizer():
    return IdNpwpRecognizer()


@pytest.fixture(scope="module")
def entities():
    return ["ID_NPWP"]


# fmt: off
@pytest.mark.parametrize(
    "text, expected_values",
    [
        # valid: formatted 15 (Luhn ok) with and without label, plain 15 with label,
        # 16-digit '0' + 15, NIK used as NPWP (label only)
        ("NPWP: 06.299.761.4-802.000", ["06.299.761.4-802.000"]),
        ("terdaftar dengan 06.299.761.4-802.000 di KPP", ["06.299.761.4-802.000"]),
        ("NIP: 198709022015032010 ; NPWP: 092558774802000 ; Nama Bank: BNI",
         ["092558774802000"]),
        ("NPWP 16 digit: 0062997614802000", ["0062997614802000"]),
        ("NPWP: 6472 0747 0182 6027", ["6472 0747 0182 6027"]),
        # look-alikes: bad check digit, NIK without NPWP label, bare 15 digits, amounts
        ("NPWP: 06.299.761.5-802.000", []),
        ("06.299.761.5-802.000", []),
        ("NIK: 6472074701826027", []),
        ("Nomor seri 123456789012345", []),
        ("Rp 1.250.000.000", []),
        ("Kode billing 092558774802000", []),
    ],
)
# fmt: on
def test_npwp(text, expected_values, recognizer, entities, found):
    assert found(recognizer, entities, text) == expected_values
