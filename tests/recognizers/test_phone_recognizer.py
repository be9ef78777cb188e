import pytest

from scanner.recognizers import PhoneRecognizer


@pytest.fixture(scope="module")
def recognizer():
    return PhoneRecognizer()


@pytest.fixture(scope="module")
def entities():
    return ["PHONE_NUMBER"]


# fmt: off
@pytest.mark.parametrize(
    "text, expected_values",
    [
        # valid mobiles and landlines as people write them
        ("HP: 0812-3456-7890", ["0812-3456-7890"]),
        ("hubungi +62 812 3456 7890 atau 62812345678", ["+62 812 3456 7890", "62812345678"]),
        ("Nomor WA: +62-812-2357-26010", ["+62-812-2357-26010"]),
        ("telp 0814.5814.41363", ["0814.5814.41363"]),
        ("Telp. (0274) 512345", ["(0274) 512345"]),
        ("Kantor 021-5551234", ["021-5551234"]),
        ("pelapor 087857863485 qori@gmail.com", ["087857863485"]),
        ("Nama: Budi ; No HP: 81234567890", ["81234567890"]),   # spreadsheet dropped the 0
        # look-alikes: amounts, years, dates, times, NIK, BPJS, account numbers, too short
        ("Pagu : Rp 17.572.000.000", []),
        ("Rp 0812345678", []),
        ("Tahun 2024 dan 2025", []),
        ("Tanggal 08/12/2023 pukul 10:00", []),
        ("NIK 3573115412980402", []),
        ("Nomor JKN-KIS: 0008176816884", []),
        ("Nomor Rekening: 0642383766", []),
        ("0812345", []),
        ("Jumlah: 81234567890", []),                              # bare number, no phone label
        ("Nomor surat 005/0812/2024", []),
    ],
)
# fmt: on
def test_phone(text, expected_values, recognizer, entities, found):
    assert found(recognizer, entities, text) == expected_values


# fmt: off
@pytest.mark.parametrize(
    "text, value, expected_tags, absent_tags",
    [
        ("PEMERINTAH KABUPATEN JEMBER\nJalan Gajah Mada Nomor 84, Jember, Kode Pos 39417, "
         "Telp. 0331 784436, Fax. (0331) 556650", "(0331) 556650",
         {"landline", "office_contact"}, set()),
        ("PEMERINTAH KABUPATEN JEMBER\nTelp. 0331 784436", "0331 784436",
         {"landline", "office_contact"}, set()),
        ("Call Center 0811-1234-5678", "0811-1234-5678", {"mobile", "office_contact"}, set()),
        ("\n" * 10 + "Informasi: Sekretariat Pokja (061) 4077831", "(061) 4077831",
         {"landline", "office_contact"}, set()),
        ("\n" * 10 + "Pelapor: Budi ; HP: 0812-3456-7890", "0812-3456-7890", {"mobile"},
         {"office_contact"}),
    ],
)
# fmt: on
def test_tags(text, value, expected_tags, absent_tags, recognizer, entities, tagged):
    tags = tagged(recognizer, entities, text)[value]
    assert expected_tags <= tags and not (absent_tags & tags)
