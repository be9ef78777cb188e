"""Officials named in their public role are recognised; private persons are not."""

from __future__ import annotations

import pytest

from scanner.detect.roles import is_official_context


def check(text: str, name: str, before: str = "", after: str = "") -> bool:
    start = text.index(name)
    return is_official_context(text, start, start + len(name), before, after)


# fmt: off
@pytest.mark.parametrize("text, name, before, after, official", [
    ("Kepala Dinas Kominfo,\nttd\nBudi Santoso\nNIP. 197001011995031001", "Budi Santoso", "", "", True),
    ("Hj. Fathonah Lala, M.Kes.\nPembina Utama Madya / IV.d\nNIP. 197901072012042014", "Fathonah Lala", "", "", True),
    ('"Cukup bawa fotokopi akta," ujar Kani Lala Agustina, S.H., Kepala Dinas Dukcapil.', "Kani Lala Agustina", "", "", True),
    ("saya Aipda Wadi Lazuardi, penyidik pembantu, memeriksa", "Wadi Lazuardi", "", "", True),
    ("Dokter Pemeriksa\ndr. Jaya Sitompul\nSIP. 442/423/DINKES/2020", "Jaya Sitompul", "", "", True),
    ("Dra. Yessi Sabrina Maryati", "Yessi Sabrina Maryati", "Kepala Badan Kesbangpol", "NIP. 196901011990032001", True),
    # private persons
    ("Nama Pelapor : Siti Aminah ; Nomor WA : 0812-3456-7890", "Siti Aminah", "", "", False),
    ("1 Budi Santoso 3509122101640195 Gg. Mawar 4", "Budi Santoso", "", "", False),
    ("Pasien atas nama Lanang Mustofa, umur 34 tahun, didiagnosis asma.", "Lanang Mustofa", "", "", False),
    ("Siti Aminah", "Siti Aminah", "No. 3 ; Nama: ", "NIK: 3509124307860287", False),
])
# fmt: on
def test_official_context(text, name, before, after, official) -> None:
    assert check(text, name, before, after) is official
