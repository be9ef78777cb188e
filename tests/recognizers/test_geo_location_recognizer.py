import pytest

from scanner.recognizers import GeoLocationRecognizer


@pytest.fixture(scope="module")
def recognizer():
    return GeoLocationRecognizer()


@pytest.fixture(scope="module")
def entities():
    return ["GEO_LOCATION"]


# fmt: off
@pytest.mark.parametrize(
    "text, expected_values",
    [
        # valid: EXIF position written by the extractor, survey columns
        ("GPS -8.172350, 113.700150", ["-8.172350, 113.700150"]),
        ("Koordinat rumah: -7.2575, 112.7521", ["-7.2575, 112.7521"]),
        ("Titik koordinat ; -6.914744 ; 107.609810", ["-6.914744 ; 107.609810"]),
        # look-alikes: no coordinate label, outside Indonesia, amounts, versions
        ("Nilai -8.172350, 113.700150 pada tabel", []),
        ("GPS 48.858370, 2.294481", []),
        ("Lokasi anggaran 1.2500, 250.0000", []),
        ("versi 3.1415, 105.3333 rilis", []),
    ],
)
# fmt: on
def test_geo_location(text, expected_values, recognizer, entities, found):
    assert found(recognizer, entities, text) == expected_values
