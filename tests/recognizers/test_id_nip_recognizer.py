import pytest

from scanner.recognizers import IdNipRecognizer


@pytest.fixture(scope="module")
def recognizer():
    return IdNipRecognizer()


@pytest.fixture(scope="module")
def entities():
    return ["ID_NIP"]


# fmt: off
@pytest.mark.parametrize(
    "text, expected_values",
    [
        # valid: labelled, spaced, plain without label
        ("Nama: Ivan ; NIP: 19810703 200601 1 003 ; Tgl Lahir: 03-07-1981",
         ["19810703 200601 1 003"]),
        ("NIP 197906032002012009", ["197906032002012009"]),
        ("pegawai 19700101 199503 1 001 dimutasi", ["19700101 199503 1 001"]),
        ("198305202013011009", ["198305202013011009"]),
        # look-alikes: birth 1930, month 13, appointment before 17, sex digit 3, serial 000,
        # NOP/NIK labels, 19 digits, timestamps
        ("NIP 193001012003011009", []),
        ("NIP 197013012003011009", []),
        ("NIP 197001011980011009", []),
        ("NIP 197001012003013009", []),
        ("NIP 197001012003011000", []),
        ("NIK: 197001012003011009", []),
        ("1970010120030110091", []),
        ("2024-05-24T10:00:00Z 20240524100000", []),
    ],
)
# fmt: on
def test_nip(text, expected_values, recognizer, entities, found):
    assert found(recognizer, entities, text) == expected_values


# fmt: off
@pytest.mark.parametrize(
    "text, value, is_signature",
    [
        ("Kepala UPT, Drs. Heri Susanto, M.M. NIP 19700512 199803 1 004",
         "19700512 199803 1 004", True),
        ("Banyuwangi, 28 Desember 2023\nKepala Bagian Protokol\nGandewa Gunarto, S.E., M.M.\n"
         "Pembina Utama Madya / IV.d\nNIP. 197602042003121005\nhal. 1",
         "197602042003121005", True),
        ("Plt. Camat Sukajadi\n\n\nDrs. Budi\nNIP : 19680824 199803 1 010", "19680824 199803 1 010",
         True),
        ("Penguasa Informasi: NIP. 197003191993011015", "197003191993011015", True),
        ("No: 1 ; Nama Pegawai: Elvina ; NIP: 199405032016012015 ; NIK: 6472164305940417",
         "199405032016012015", False),
        ("Pegawai atas nama Budi, NIP 199405032016012015 dimutasi.", "199405032016012015", False),
        ("No: 1 ; Nama: Budi ; NIP/NRP: NIP. 199405032016012015 ; Jabatan: Staf",
         "199405032016012015", False),
    ],
)
# fmt: on
def test_signature_tag(text, value, is_signature, recognizer, entities, tagged):
    tags = tagged(recognizer, entities, text)
    assert ("signature" in tags[value]) is is_signature
