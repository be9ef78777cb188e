import pytest

from scanner.recognizers import AddressRecognizer


@pytest.fixture(scope="module")
def recognizer():
    return AddressRecognizer()


@pytest.fixture(scope="module")
def entities():
    return ["ADDRESS"]


# fmt: off
@pytest.mark.parametrize(
    "text, expected_values",
    [
        # valid: the span covers the address as written
        ("tinggal di Gg. Rajiman 49, RT 14/10 sejak 2010", ["Gg. Rajiman 49, RT 14/10"]),
        ("Jl. Mawar No. 5 RT 002/RW 003, Kel. Sukamaju dan sekitarnya",
         ["Jl. Mawar No. 5 RT 002/RW 003, Kel. Sukamaju"]),
        ("1 Salsabila 6472.1666.0689.0667 Jl. M.H Thamrin No.104 RT.06 RW.07 Kebonsari Layak",
         ["Jl. M.H Thamrin No.104 RT.06 RW.07"]),
        ("Gang Jend. A. Yani No.28 RT.11 RW.07", ["Gang Jend. A. Yani No.28 RT.11 RW.07"]),
        ("Dusun Krajan RT 02/RW 05, Desa Sumberejo, Kecamatan Ambulu 68172",
         ["Dusun Krajan RT 02/RW 05, Desa Sumberejo, Kecamatan Ambulu 68172"]),
        ("warga RT 03 RW 07 Kelurahan Tegalgede", ["RT 03 RW 07 Kelurahan Tegalgede"]),
        ("Alamat Rumah : Perum Griya Asri Blok C-12, Sukabumi\nNo. KTP",
         ["Perum Griya Asri Blok C-12, Sukabumi"]),
        # look-alikes: street name only (public place), budget codes, amounts, no street word
        ("Parkir liar di Jl. Cihampelas Dinkes Closed\n3 29/10/2023", []),
        ("Kode 2.17.02.2.01 Rp 1.250.000.000", []),
        ("Rapat di Gedung Sate pukul 10.00", []),
        ("Alamat: -", []),
    ],
)
# fmt: on
def test_address(text, expected_values, recognizer, entities, found):
    assert found(recognizer, entities, text) == expected_values


def test_letterhead_address_is_office(recognizer, entities, tagged):
    text = ("PEMERINTAH KOTA SAMARINDA\nDINAS SOSIAL\nJalan Kesuma Bangsa Nomor 85, Samarinda, "
            "Kode Pos 26583, Telp. 0541 347545, Fax. 0541-738794")
    tags = tagged(recognizer, entities, text)
    assert any("office_contact" in t for t in tags.values())
