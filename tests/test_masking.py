"""Masking and hashing: what may be shown and stored instead of a raw value."""

from __future__ import annotations

import pytest

from scanner.masking import mask, masked_snippet, normalise, value_hash


# fmt: off
@pytest.mark.parametrize("value, type_, expected", [
    ("3509122101642195", "ID_NIK", "3509********2195"),
    ("3509 1221 0164 2195", "ID_NIK", "3509 **** **** 2195"),
    ("0812-3456-7890", "PHONE_NUMBER", "0812-****-7890"),
    ("siti.aminah@gmail.com", "EMAIL_ADDRESS", "s***@gmail.com"),
    ("Siti Aminah", "PERSON", "S**i A****h"),
    ("ghp_abcdefghijklmnop", "SECRET", "gh************"),
    ("", "ID_NIK", ""),
])
# fmt: on
def test_mask(value: str, type_: str, expected: str) -> None:
    assert mask(value, type_) == expected


def test_masked_value_never_contains_the_middle_digits() -> None:
    raw = "3171014506900003"
    assert raw[4:12] not in mask(raw, "ID_NIK")


def test_hash_is_salted_and_normalised() -> None:
    a = value_hash("3509 1221 0164 2195", b"salt-1")
    assert a == value_hash("3509122101642195", b"salt-1")  # same number, other spacing
    assert a != value_hash("3509122101642195", b"salt-2")  # other institution, other hash
    assert normalise("+62 812-3456-7890") == "6281234567890"


def test_snippet_masks_the_neighbours_too() -> None:
    text = ("Nama KPM: Kani Lestari ; NIK: 3573115412980402 ; Nomor KK: 3573112701120018 ; "
            "Email: kani@gmail.com")
    start = text.index("3573115412980402")
    snippet = masked_snippet(text, start, start + 16, mask("3573115412980402"))
    for raw in ("3573115412980402", "3573112701120018", "kani@gmail.com", "Kani Lestari"):
        assert raw not in snippet
    assert "NIK" in snippet and "[3573********0402]" in snippet
