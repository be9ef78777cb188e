"""Step-3 formats: PPTX, ODT/ODS, RTF, e-mail, JSON, XML, images, PDF attachments."""

from __future__ import annotations

import io
import json
import zipfile
from email.message import EmailMessage
from pathlib import Path

import pytest
from extract_consts import NIK, NIK2, PHONE

from scanner.extract import ExtractionError, extract, family_for
from scanner.model import LAYERS

PPTX_MIME = "application/vnd.openxmlformats-officedocument.presentationml.presentation"


def segs(path, mime):
    out = list(extract(Path(path), mime))
    for s in out:
        assert s.layer in LAYERS
        json.dumps(s.location)
    return out


def find(out, needle, layer=None):
    hits = [s for s in out if needle in s.text and (layer is None or s.layer == layer)]
    assert hits, f"{needle!r} not in {layer}: {[(s.layer, s.location, s.text) for s in out]}"
    return hits[0]


A = 'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"'
P = 'xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"'
R = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
PR = "http://schemas.openxmlformats.org/package/2006/relationships"
RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def _slide(text: str, show: str = "1", extra: str = "") -> str:
    return (
        f'<p:sld {A} {P} {R} show="{show}"><p:cSld><p:spTree>'
        '<p:sp><p:nvSpPr><p:cNvPr id="2" name="t" descr="foto KTP"/></p:nvSpPr>'
        f"<p:txBody><a:p><a:r><a:t>{text}</a:t></a:r></a:p></p:txBody></p:sp>{extra}"
        "</p:spTree></p:cSld></p:sld>"
    )


@pytest.fixture
def pptx_file(tmp_path: Path) -> Path:
    path = tmp_path / "paparan.pptx"
    table = (
        "<p:graphicFrame><a:graphic><a:graphicData><a:tbl>"
        "<a:tr><a:tc><a:txBody><a:p><a:r><a:t>Nama</a:t></a:r></a:p></a:txBody></a:tc>"
        "<a:tc><a:txBody><a:p><a:r><a:t>NIK</a:t></a:r></a:p></a:txBody></a:tc></a:tr>"
        "<a:tr><a:tc><a:txBody><a:p><a:r><a:t>Siti</a:t></a:r></a:p></a:txBody></a:tc>"
        f"<a:tc><a:txBody><a:p><a:r><a:t>{NIK}</a:t></a:r></a:p></a:txBody></a:tc></a:tr>"
        "</a:tbl></a:graphicData></a:graphic></p:graphicFrame>"
    )
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        zf.writestr(
            "ppt/presentation.xml",
            f'<p:presentation {P} {R}><p:sldIdLst><p:sldId id="256" r:id="rId1"/>'
            '<p:sldId id="257" r:id="rId2"/></p:sldIdLst></p:presentation>',
        )
        zf.writestr(
            "ppt/_rels/presentation.xml.rels",
            f'<Relationships xmlns="{PR}">'
            f'<Relationship Id="rId1" Type="{RT}/slide" Target="slides/slide1.xml"/>'
            f'<Relationship Id="rId2" Type="{RT}/slide" Target="slides/slide2.xml"/>'
            "</Relationships>",
        )
        zf.writestr("ppt/slides/slide1.xml", _slide("Judul paparan", extra=table))
        zf.writestr("ppt/slides/slide2.xml", _slide(f"slide tersembunyi {NIK2}", show="0"))
        zf.writestr(
            "ppt/slides/_rels/slide1.xml.rels",
            f'<Relationships xmlns="{PR}">'
            f'<Relationship Id="rId5" Type="{RT}/notesSlide" '
            'Target="../notesSlides/notesSlide1.xml"/>'
            f'<Relationship Id="rId6" Type="{RT}/comments" Target="../comments/comment1.xml"/>'
            "</Relationships>",
        )
        zf.writestr(
            "ppt/notesSlides/notesSlide1.xml",
            f"<p:notes {A} {P}><p:cSld><p:spTree><p:sp><p:txBody><a:p><a:r>"
            f"<a:t>catatan pembicara {PHONE}</a:t></a:r></a:p></p:txBody></p:sp>"
            "</p:spTree></p:cSld></p:notes>",
        )
        zf.writestr(
            "ppt/comments/comment1.xml",
            f'<p:cmLst {P}><p:cm authorId="0"><p:text>cek NIK pemohon</p:text></p:cm></p:cmLst>',
        )
        zf.writestr(
            "ppt/commentAuthors.xml",
            f'<p:cmAuthorLst {P}><p:cmAuthor id="0" name="Reviewer"/></p:cmAuthorLst>',
        )
        zf.writestr(
            "docProps/core.xml",
            '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/'
            'metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/">'
            "<dc:creator>Operator</dc:creator></cp:coreProperties>",
        )
    return path


def test_pptx(pptx_file):
    assert family_for(pptx_file, "application/zip") == "pptx"
    out = segs(pptx_file, PPTX_MIME)
    assert find(out, "Judul paparan", "body").location == {"slide": 1}
    row = find(out, NIK, "table")
    assert row.text == f"Nama: Siti ; NIK: {NIK}"
    assert row.location == {"slide": 1, "part": "table", "table": 1, "row": 2}
    hid = find(out, NIK2, "hidden")
    assert hid.location == {"slide": 2, "hidden": "slide"}
    assert find(out, PHONE, "comment").location == {"slide": 1, "part": "notes"}
    com = find(out, "cek NIK", "comment")
    assert com.location == {"slide": 1, "part": "comment", "comment": 1, "author": "Reviewer"}
    assert find(out, "Operator", "metadata").location["part"] == "core_properties"
    assert find(out, "foto KTP", "metadata").location["part"] == "alt_text"


OFFICE = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" '
    'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"'
)


def _odf(path: Path, mimetype: str, body: str, meta: str = "") -> Path:
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("mimetype", mimetype)
        zf.writestr(
            "content.xml",
            f"<office:document-content {OFFICE}><office:body>{body}</office:body>"
            "</office:document-content>",
        )
        zf.writestr(
            "meta.xml",
            f"<office:document-meta {OFFICE}><office:meta>{meta}</office:meta>"
            "</office:document-meta>",
        )
    return path


def test_odt(tmp_path):
    body = (
        "<office:text><text:p>Paragraf satu</text:p>"
        f"<text:p>NIK warga {NIK}<office:annotation><dc:creator>Editor</dc:creator>"
        f"<text:p>telepon {PHONE}</text:p></office:annotation></text:p>"
        '<table:table table:name="T1"><table:table-row><table:table-cell><text:p>Nama</text:p>'
        "</table:table-cell><table:table-cell><text:p>NIK</text:p></table:table-cell>"
        "</table:table-row><table:table-row><table:table-cell><text:p>Ani</text:p>"
        f"</table:table-cell><table:table-cell><text:p>{NIK2}</text:p></table:table-cell>"
        "</table:table-row></table:table></office:text>"
    )
    path = _odf(
        tmp_path / "a.odt",
        "application/vnd.oasis.opendocument.text",
        body,
        "<dc:title>Judul</dc:title><dc:description>rahasia 0811</dc:description>",
    )
    assert family_for(path, "application/zip") == "odt"
    out = segs(path, "application/vnd.oasis.opendocument.text")
    p = find(out, NIK, "body")
    assert p.location == {"part": "body", "paragraph": 2}
    assert PHONE not in p.text
    com = find(out, PHONE, "comment")
    assert com.location["author"] == "Editor"
    row = find(out, NIK2, "table")
    assert row.text == f"Nama: Ani ; NIK: {NIK2}"
    assert find(out, "rahasia 0811", "metadata").location == {
        "part": "metadata",
        "field": "description",
    }


def test_ods_hidden_row(tmp_path):
    body = (
        '<office:spreadsheet><table:table table:name="Data">'
        "<table:table-row><table:table-cell><text:p>Nama</text:p></table:table-cell>"
        "<table:table-cell><text:p>NIK</text:p></table:table-cell></table:table-row>"
        "<table:table-row><table:table-cell><text:p>Siti</text:p></table:table-cell>"
        f"<table:table-cell><text:p>{NIK}</text:p></table:table-cell></table:table-row>"
        '<table:table-row table:visibility="collapse"><table:table-cell><text:p>Rahasia</text:p>'
        f"</table:table-cell><table:table-cell><text:p>{NIK2}</text:p></table:table-cell>"
        "</table:table-row></table:table></office:spreadsheet>"
    )
    path = _odf(tmp_path / "a.ods", "application/vnd.oasis.opendocument.spreadsheet", body)
    out = segs(path, "application/vnd.oasis.opendocument.spreadsheet")
    row = find(out, NIK, "table")
    assert row.text == f"Nama: Siti ; NIK: {NIK}"
    assert row.location == {"sheet": "Data", "row": 2}
    assert row.location_at(row.text.index(NIK))["cell"] == "B2"
    hid = find(out, NIK2, "hidden")
    assert hid.location == {"sheet": "Data", "row": 3, "hidden": "row"}


def test_rtf(tmp_path):
    rtf = (
        r"{\rtf1\ansi\ansicpg1252\deff0{\fonttbl{\f0 Arial;}}"
        r"{\info{\title Surat}{\author Pak Budi}}"
        r"\pard Kepada Yth. Jos\'e9\par NIK: " + NIK + r"\par "
        r"{\v teks tersembunyi " + NIK2 + r"}\par "
        r"Caf\u233?\par "
        r"{\*\annotation catatan " + PHONE + r"}"
        r"}"
    )
    path = tmp_path / "a.rtf"
    path.write_text(rtf, encoding="ascii")
    assert family_for(path, "text/rtf") == "rtf"
    out = segs(path, "text/rtf")
    body = find(out, NIK, "body")
    assert body.location_at(body.text.index(NIK)) == {"line": 2}
    assert find(out, "José", "body")
    assert find(out, "Café", "body")
    assert find(out, NIK2, "hidden")
    assert find(out, PHONE, "comment")
    assert find(out, "Pak Budi", "metadata").location == {"part": "metadata", "field": "author"}
    assert not [s for s in out if "Arial" in s.text]


def test_eml_with_attachment(tmp_path):
    msg = EmailMessage()
    msg["From"] = "Siti <siti.pribadi@gmail.com>"
    msg["To"] = "ppid@kab.go.id"
    msg["Subject"] = "Permohonan informasi"
    msg.set_content(f"Yth. PPID,\nNIK saya {NIK}\n")
    msg.add_alternative(
        f"<p>NIK saya {NIK}</p><div style='display:none'>{PHONE}</div>", subtype="html"
    )
    msg.add_attachment(
        f"Nama,NIK\nAni,{NIK2}\n".encode(), maintype="text", subtype="csv", filename="lampiran.csv"
    )
    path = tmp_path / "a.eml"
    path.write_bytes(bytes(msg))
    assert family_for(path, "message/rfc822") == "eml"
    out = segs(path, "message/rfc822")
    assert find(out, "siti.pribadi@gmail.com", "metadata").location == {
        "part": "email_header",
        "field": "From",
    }
    assert find(out, NIK, "body")
    assert find(out, PHONE, "hidden")
    att = find(out, NIK2)
    assert att.layer == "attachment"
    assert att.location == {"row": 2, "member": "lampiran.csv"}


def test_json_and_xml(tmp_path):
    data = {"pemohon": [{"nama": "Siti", "nik": NIK, "umur": 30}], "catatan": "ok"}
    path = tmp_path / "a.json"
    path.write_text(json.dumps(data))
    assert family_for(path, "application/json") == "json"
    assert family_for(path, "text/plain") == "json"
    out = segs(path, "application/json")
    rec = find(out, NIK)
    assert rec.text == f"nama: Siti ; nik: {NIK} ; umur: 30"
    assert rec.location == {"path": "pemohon[0]"}
    assert rec.location_at(rec.text.index(NIK)) == {"path": "pemohon[0].nik"}
    xml = (
        f'<?xml version="1.0"?><data><warga id="1"><nama>Siti</nama><nik>{NIK}</nik></warga></data>'
    )
    xpath = tmp_path / "a.xml"
    xpath.write_text(xml)
    out = segs(xpath, "text/xml")
    rec = find(out, NIK)
    assert rec.text == f"id: 1 ; nama: Siti ; nik: {NIK}"
    assert rec.location == {"path": "/data/warga[1]"}


def test_xml_entity_bomb_rejected(tmp_path):
    bomb = (
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;">]><lolz>&lol2;</lolz>'
    )
    path = tmp_path / "bomb.xml"
    path.write_text(bomb)
    with pytest.raises(ExtractionError) as exc:
        list(extract(path, "text/xml"))
    assert exc.value.code == "corrupt"


def test_image_metadata(tmp_path):
    from PIL import Image
    from PIL.PngImagePlugin import PngInfo

    info = PngInfo()
    info.add_text("Comment", f"KTP {NIK}")
    path = tmp_path / "a.png"
    Image.new("RGB", (4, 4)).save(path, pnginfo=info)
    out = segs(path, "image/png")
    assert find(out, NIK, "metadata").location == {"part": "metadata", "field": "Comment"}


def test_pdf_embedded_attachment(tmp_path):
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=12)
    pdf.text(20, 20, "Surat dengan lampiran")
    pdf.embed_file(basename="data.csv", bytes=f"Nama,NIK\nSiti,{NIK}\n".encode())
    path = tmp_path / "lamp.pdf"
    pdf.output(str(path))
    out = segs(path, "application/pdf")
    att = find(out, NIK)
    assert att.layer == "attachment"
    assert att.location == {"row": 2, "member": "data.csv"}


def test_zip_in_memory_member_is_not_written(tmp_path):
    """A member with a traversal name is only read into memory."""
    path = tmp_path / "t.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("../../evil.txt", f"NIK {NIK}")
    out = segs(path, "application/zip")
    assert find(out, NIK).location["member"] == "../../evil.txt"
    assert not (tmp_path.parent.parent / "evil.txt").exists()
    assert isinstance(io.BytesIO, type)


def test_tar_gz_and_gzip(tmp_path):
    import gzip
    import tarfile

    csv_bytes = f"Nama,NIK\nSiti,{NIK}\n".encode()
    tpath = tmp_path / "arsip.tar.gz"
    with tarfile.open(tpath, "w:gz") as tf:
        info = tarfile.TarInfo("data/warga.csv")
        info.size = len(csv_bytes)
        tf.addfile(info, io.BytesIO(csv_bytes))
    assert family_for(tpath, "application/gzip") == "tar"
    out = segs(tpath, "application/gzip")
    assert find(out, NIK).location == {"row": 2, "member": "data/warga.csv"}
    gpath = tmp_path / "warga.csv.gz"
    gpath.write_bytes(gzip.compress(csv_bytes))
    out = segs(gpath, "application/gzip")
    assert find(out, NIK).location == {"row": 2, "member": "warga.csv"}
