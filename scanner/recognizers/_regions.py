"""Kemendagri/Dukcapil region codes (the first digits of NIK and Nomor KK).

Source: Kepmendagri 300.2.2-2138/2025 (38 provinces), see docs/legal-reference.md section 6.
stdnum's loc.dat is NOT used: it lacks 65 and 92-96 and uses BPS codes for Papua.
"""

from __future__ import annotations

PROVINCES: frozenset[int] = frozenset(
    [*range(11, 20), 21, *range(31, 37), 51, 52, 53, *range(61, 66), *range(71, 77), 81, 82]
    + list(range(91, 97))
)


def valid_province(code: str) -> bool:
    """Two-digit province code is one of the 38 Kemendagri provinces."""
    return len(code) == 2 and code.isdigit() and int(code) in PROVINCES


def valid_region(code: str) -> bool:
    """Six-digit kode wilayah: province, kabupaten 01-69 / kota 71-99, kecamatan 01-99."""
    if len(code) != 6 or not code.isdigit() or not valid_province(code[:2]):
        return False
    kab = int(code[2:4])
    return (1 <= kab <= 69 or 71 <= kab <= 99) and code[4:6] != "00"
