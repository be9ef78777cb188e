import pytest

from scanner.recognizers import CreditCardRecognizer


@pytest.fixture(scope="module")
def recognizer():
    return CreditCardRecognizer()


@pytest.fixture(scope="module")
def entities():
    return ["CREDIT_CARD"]


# fmt: off
@pytest.mark.parametrize(
    "text, expected_values",
    [
        # valid: labelled, grouped, Amex, bare Luhn-valid Visa
        ("No. kartu     : 4338721338914886", ["4338721338914886"]),
        ("Kartu kredit 4111 1111 1111 1111 exp 09/28", ["4111 1111 1111 1111"]),
        ("AMEX 3782-822463-10005", ["3782-822463-10005"]),
        ("dibayar dengan 5500-0000-0000-0004", ["5500-0000-0000-0004"]),
        # look-alikes: Luhn fails, no IIN, NIK, VA/invoice labels, KK label
        ("Kartu kredit 4111 1111 1111 1112", []),
        ("No. kartu 1234 5678 9012 3452", []),
        ("NIK 3573115412980402", []),
        ("Kode Virtual Account : 4111111111111111", []),
        ("Nomor Kartu Keluarga: 4111111111111111", []),
        ("Rp 4.111.111.111", []),
    ],
)
# fmt: on
def test_credit_card(text, expected_values, recognizer, entities, found):
    assert found(recognizer, entities, text) == expected_values
