import socket

import pytest

from scanner.recognizers import EmailRecognizer


@pytest.fixture(scope="module")
def recognizer():
    return EmailRecognizer()


@pytest.fixture(scope="module")
def entities():
    return ["EMAIL_ADDRESS"]


# fmt: off
@pytest.mark.parametrize(
    "text, expected_values",
    [
        ("E-mail: dodo_saputra@ymail.com ;", ["dodo_saputra@ymail.com"]),
        ("kirim ke nabila93@yahoo.co.id atau qori.nasyidah6@gmail.com.",
         ["nabila93@yahoo.co.id", "qori.nasyidah6@gmail.com"]),
        ("E-mail: diskominfotik@jemberkab.go.id", ["diskominfotik@jemberkab.go.id"]),
        # look-alikes: no TLD, handles, placeholders, bare domains
        ("user@localhost", []),
        ("ikuti @pemkot_bandung di instagram", []),
        ("contoh: nama@example.com", []),
        ("website diskominfotik.jemberkab.go.id", []),
    ],
)
# fmt: on
def test_email(text, expected_values, recognizer, entities, found):
    assert found(recognizer, entities, text) == expected_values


# fmt: off
@pytest.mark.parametrize(
    "value, institutional",
    [
        ("diskominfotik@jemberkab.go.id", True),
        ("humas@polri.go.id", True),
        ("admin@ugm.ac.id", True),
        ("tu@sman1.sch.id", True),
        ("pemdes@sukamaju.desa.id", True),
        ("puspen@tni.mil.id", True),
        ("warga@gmail.com", False),
        ("budi@go.id.penipu.net", False),
    ],
)
# fmt: on
def test_institutional(value, institutional, recognizer, entities, tagged):
    tags = tagged(recognizer, entities, f"Kontak: {value}")[value]
    assert ("institutional" in tags) is institutional


def test_no_network(recognizer, entities, monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("network access")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    assert recognizer.analyze("a.b@contoh-instansi.co.id", entities)
