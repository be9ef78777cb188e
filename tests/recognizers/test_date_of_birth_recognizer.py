import pytest

from scanner.recognizers import DateOfBirthRecognizer


@pytest.fixture(scope="module")
def recognizer():
    return DateOfBirthRecognizer()


@pytest.fixture(scope="module")
def entities():
    return ["DATE_OF_BIRTH"]


# fmt: off
@pytest.mark.parametrize(
    "text, expected_values",
    [
        # valid: labels, TTL, Tempat/Tgl Lahir, "lahir pada", age after, table with TTL column
        ("Tanggal Lahir: 12 Mei 1990", ["12 Mei 1990"]),
        ("Tempat, tgl lahir : Bandung, 17-04-1969", ["17-04-1969"]),
        ("TTL : Jember, 25 Juni 2011", ["25 Juni 2011"]),
        ("Tgl. Lahir / Umur : 12 Oktober 1956 (66 th)", ["12 Oktober 1956"]),
        ("yang bersangkutan lahir pada 12/05/1990 di Medan", ["12/05/1990"]),
        ("Nama: Ani ; Tgl Lahir: 1994-11-14 ; IQ: 115", ["1994-11-14"]),
        ("Tanggal lahir: 12-Mei-1990", ["12-Mei-1990"]),
        ("Umur pasien 01-09-1984 (40 th)", ["01-09-1984"]),
        ("No Nama Jabatan TTL Nomor Paspor Masa Berlaku\n"
         "1 Wardaya Staf Ahli Bandung, 22-06-1992 X4184725 22-03-2027\n",
         ["22-06-1992"]),
        # look-alikes: letter dates, validity/due dates, impossible dates, timestamps, years
        ("Banyuwangi, 28 Desember 2023\nKepala Bagian Protokol", []),
        ("Masa berlaku: 22-03-2027", []),
        ("Jatuh tempo : 4 Maret 2023", []),
        ("Tanggal lahir: 31-02-1990", []),
        ("Tanggal lahir: 12-13-1990", []),
        ("2024-05-24T10:00:00Z", []),
        ("Tahun 1990", []),
        ("Rapat pada 12 Mei 2024 di aula", []),
        ("Tanggal Lahir: 12 Mei 2990", []),
    ],
)
# fmt: on
def test_dob(text, expected_values, recognizer, entities, found):
    assert found(recognizer, entities, text) == expected_values


def test_flattened_table_columns(recognizer, entities, found):
    text = (
        "No Nama Tanggal Lahir Tanggal Masuk Alamat\n"
        "1 Budi 12-05-1990 01-02-2015 Jl. Mawar No. 5\n"
        "2 Ani 03/04/1993 01/03/2016 Gg. Melati 7\n"
    )
    assert found(recognizer, entities, text) == ["12-05-1990", "03/04/1993"]
