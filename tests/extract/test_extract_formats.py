"""Extraction from real files: text, locations and layers for every format and hidden layer."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest
from extract_consts import NIK, NIK2, PHONE

from scanner.extract import (
    SUPPORTED_MIME,
    ExtractionError,
    ExtractStats,
    Limits,
    extract,
    family_for,
    page_count,
)
from scanner.model import LAYERS

DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CORPUS = Path("/work/shared/corpus-dev")


def segs(path, mime, **kw):
    out = list(extract(Path(path), mime, **kw))
    for s in out:
        assert s.layer in LAYERS, s
        json.dumps(s.location)  # JSON-serialisable
        for p in s.parts:
            assert 0 <= p.start <= p.end <= len(s.text)
            json.dumps(p.location)
    return out


def find(out, needle, layer=None):
    hits = [s for s in out if needle in s.text and (layer is None or s.layer == layer)]
    assert hits, f"{needle!r} not found in layer {layer}: {[(s.layer, s.text) for s in out]}"
    return hits[0]


# ---------------------------------------------------------------------------------- PDF


def test_pdf_pages_and_metadata(pdf_file):
    stats = ExtractStats()
    out = segs(pdf_file, "application/pdf", stats=stats)
    s = find(out, NIK, "body")
    assert s.location == {"page": 1}
    assert find(out, "Halaman dua", "body").location == {"page": 2}
    meta = find(out, "Pejabat PPID", "metadata")
    assert meta.location == {"part": "metadata", "field": "Author"}
    assert stats.pages == 2 and stats.family == "pdf"
    assert page_count(pdf_file, "application/pdf") == 2


def test_pdf_failed_redaction_hidden_text_and_annotation(redacted_pdf):
    out = segs(redacted_pdf, "application/pdf")
    red = [s for s in out if s.layer == "redacted"]
    assert len(red) == 1
    assert red[0].text == NIK
    assert red[0].location["page"] == 1 and red[0].location["part"] == "under_box"
    assert "Siti" not in red[0].text and "Alamat" not in red[0].text
    inv = find(out, "0811999888", "hidden")
    assert inv.location["hidden"] == "invisible_text"
    white = find(out, "0822333444", "hidden")
    assert white.location["hidden"] == "white_text"
    ann = find(out, "3273061005938870", "annotation")
    assert ann.location == {"page": 1, "part": "annotation"}


def test_pdf_without_boxes_has_no_redacted_layer(pdf_file):
    assert not [s for s in segs(pdf_file, "application/pdf") if s.layer in ("redacted", "hidden")]


def test_pdf_encrypted(encrypted_pdf):
    with pytest.raises(ExtractionError) as exc:
        list(extract(encrypted_pdf, "application/pdf"))
    assert exc.value.code == "encrypted"


def test_pdf_corrupt(pdf_file, tmp_path):
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(pdf_file.read_bytes()[:300])
    with pytest.raises(ExtractionError) as exc:
        list(extract(bad, "application/pdf"))
    assert exc.value.code == "corrupt"


def test_pdf_page_limit(pdf_file):
    with pytest.raises(ExtractionError) as exc:
        list(extract(pdf_file, "application/pdf", Limits(max_pages=1)))
    assert exc.value.code == "limit"


def test_pdf_form_field(tmp_path):
    import pypdfium2 as pdfium

    # fpdf2 cannot create form fields: build a minimal AcroForm PDF by hand.
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [4 0 R] >> >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 300] /Annots [4 0 R] >>",
        b"<< /Type /Annot /Subtype /Widget /FT /Tx /T (nik_pemohon) /V (3171234567890123)"
        b" /Rect [10 10 200 40] /P 3 0 R >>",
    ]
    data = bytearray(b"%PDF-1.7\n")
    offsets = []
    for i, body in enumerate(objs, 1):
        offsets.append(len(data))
        data += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(data)
    data += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for off in offsets:
        data += b"%010d 00000 n \n" % off
    data += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    path = tmp_path / "form.pdf"
    path.write_bytes(bytes(data))
    assert len(pdfium.PdfDocument(str(path))) == 1
    out = segs(path, "application/pdf")
    s = find(out, NIK, "annotation")
    assert s.location == {"page": 1, "part": "form_field", "field": "nik_pemohon"}


# ---------------------------------------------------------------------------------- DOCX


def test_docx_body_tables_header_footer(docx_file):
    out = segs(docx_file, DOCX_MIME)
    p = find(out, f"NIK {NIK}", "body")
    assert p.location == {"part": "body", "paragraph": 2}
    row = next(s for s in out if s.location.get("table") == 1 and s.location.get("row") == 2)
    assert row.layer == "table"
    assert row.text == f"Nama: Budi Santoso ; NIK: {NIK} ; Alamat: Jl. Mawar 1"
    assert row.location == {"part": "table", "table": 1, "row": 2}
    start = row.text.index(NIK)
    assert row.location_at(start) == {
        "part": "table",
        "table": 1,
        "row": 2,
        "cell": 2,
        "column": "NIK",
    }
    assert [row.text[q.start : q.end] for q in row.parts] == ["Budi Santoso", NIK, "Jl. Mawar 1"]
    # Empty values are skipped.
    row3 = next(s for s in out if s.location.get("table") == 1 and s.location.get("row") == 3)
    assert row3.text == "Nama: Ani ; Alamat: Jl. Melati 2"
    # Key-value form tables: "label : value" -> "label: value".
    kv = find(out, NIK2, "table")
    assert kv.text == f"No. NIK: {NIK2}"
    assert kv.location_at(kv.text.index(NIK2))["column"] == "No. NIK"
    hdr = find(out, "SANGAT RAHASIA", "header")
    assert hdr.location == {"part": "header", "section": 1}
    assert find(out, "footer halaman", "footer").location == {"part": "footer", "section": 1}


def test_docx_hidden_layers(docx_file):
    out = segs(docx_file, DOCX_MIME)
    com = find(out, PHONE, "comment")
    assert com.location["part"] == "comment" and com.location["author"] == "Reviewer"
    assert com.location["comment"] == 1
    dele = find(out, "3171999988887777", "tracked_change")
    assert dele.location["kind"] == "deletion" and dele.location["author"] == "Editor"
    assert not [s for s in out if "3171999988887777" in s.text and s.layer == "body"]
    ins = find(out, "diperbarui", "tracked_change")
    assert ins.location["kind"] == "insertion"
    core = find(out, NIK2, "metadata")
    assert core.location == {"part": "core_properties", "field": "comments"}
    hid = find(out, "0899111222", "hidden")
    assert hid.location["hidden"] == "vanish"
    assert not [s for s in out if "0899111222" in s.text and s.layer == "body"]


def test_docx_footnote_and_textbox(tmp_path, docx_file):
    """Footnotes and text boxes, injected as raw XML into a python-docx file."""
    src = zipfile.ZipFile(docx_file)
    wns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    footnotes = (
        f'<?xml version="1.0"?><w:footnotes {wns}>'
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
        f'<w:footnote w:id="1"><w:p><w:r><w:t>Sumber: NIK {NIK}</w:t></w:r></w:p></w:footnote>'
        "</w:footnotes>"
    )
    doc_xml = src.read("word/document.xml").decode()
    box = (
        '<w:p><w:r><w:pict><v:shape xmlns:v="urn:schemas-microsoft-com:vml"><v:textbox>'
        "<w:txbxContent><w:p><w:r><w:t>kotak teks 0812000999</w:t></w:r></w:p></w:txbxContent>"
        "</v:textbox></v:shape></w:pict></w:r></w:p>"
    )
    doc_xml = doc_xml.replace("<w:body>", "<w:body>" + box, 1)
    out_path = tmp_path / "fn.docx"
    with zipfile.ZipFile(out_path, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "word/document.xml":
                data = doc_xml.encode()
            dst.writestr(item, data)
        dst.writestr("word/footnotes.xml", footnotes)
    out = segs(out_path, DOCX_MIME)
    fn = find(out, NIK, "footnote")
    assert fn.location == {"part": "footnote", "footnote": 1}
    tb = find(out, "0812000999", "body")
    assert tb.location == {"part": "textbox", "textbox": 1}


def test_docx_corrupt(docx_file, tmp_path):
    bad = tmp_path / "bad.docx"
    bad.write_bytes(docx_file.read_bytes()[:500])
    with pytest.raises(ExtractionError) as exc:
        list(extract(bad, DOCX_MIME))
    assert exc.value.code in ("corrupt", "unsupported")


def test_docx_detected_from_zip_or_octet_mime(docx_file):
    for mime in ("application/zip", "application/octet-stream", DOCX_MIME):
        assert family_for(docx_file, mime) == "docx"


# ---------------------------------------------------------------------------------- XLSX


def test_xlsx_rows_headers_and_hidden(xlsx_file):
    stats = ExtractStats()
    out = segs(xlsx_file, XLSX_MIME, stats=stats)
    row = find(out, "Siti Aminah", "table")
    assert row.text == f"No: 1 ; Nama: Siti Aminah ; NIK: {NIK} ; Alamat: Jl. Kenanga 3"
    assert row.location == {"sheet": "daftar", "row": 4}
    assert row.location_at(row.text.index(NIK)) == {
        "sheet": "daftar",
        "row": 4,
        "cell": "C4",
        "column": "NIK",
    }
    # Numbers stored as numbers come back without ".0".
    assert find(out, NIK2, "table").text.startswith("No: 2 ; Nama: Budi ; NIK: 3273061005938870")
    title = find(out, "DAFTAR PENERIMA")
    assert title.location == {"sheet": "daftar", "row": 1} and title.text == "DAFTAR PENERIMA"
    hr = find(out, "3171000011112222", "hidden")
    assert hr.location == {"sheet": "daftar", "row": 6, "hidden": "row"}
    hc = find(out, "0811223344", "hidden")
    assert hc.location == {"sheet": "daftar", "row": 4, "hidden": "column"}
    assert not [s for s in out if "0811223344" in s.text and s.layer == "table"]
    hs = find(out, "6472084209870664", "hidden")
    assert hs.location == {"sheet": "detail", "row": 2, "hidden": "sheet"}
    assert hs.text == "Nama Pegawai: Elisa ; NIK: 6472084209870664"
    vh = find(out, "s3cr3t", "hidden")
    assert vh.location["hidden"] == "sheet" and vh.location["state"] == "veryHidden"
    assert stats.segments == len(out)


def test_xlsx_comment_properties_defined_names(xlsx_file, tmp_path):
    import openpyxl
    from openpyxl.workbook.defined_name import DefinedName

    wb = openpyxl.load_workbook(xlsx_file)
    wb.defined_names["kontak"] = DefinedName("kontak", attr_text='"0813555666"')
    path = tmp_path / "named.xlsx"
    wb.save(path)
    out = segs(path, XLSX_MIME)
    com = find(out, "KTP", "comment")
    assert com.location == {"sheet": "daftar", "cell": "B9", "part": "comment", "author": "ppid"}
    meta = find(out, NIK2, "metadata")
    assert meta.location == {"part": "core_properties", "field": "comments"}
    dn = find(out, "0813555666", "metadata")
    assert dn.location == {"part": "defined_name", "name": "kontak"}


def test_xlsx_cell_limit(xlsx_file):
    with pytest.raises(ExtractionError) as exc:
        list(extract(xlsx_file, XLSX_MIME, Limits(max_cells=5)))
    assert exc.value.code == "limit"


# ---------------------------------------------------------------------------------- HTML


def test_html_layers(html_file):
    out = segs(html_file, "text/html")
    assert find(out, "Paragraf publik", "body").location["part"] == "body"
    assert not [s for s in out if "9999999999999999" in s.text]  # <script> dropped
    assert find(out, "catatan internal", "comment").location["part"] == "comment"
    div = find(out, "3510082807703391", "hidden")
    assert div.location == {"part": "hidden", "element": "div", "hidden": "style"}
    assert find(out, "0811000111", "hidden").location["element"] == "div.secret.box"
    assert find(out, "id tersembunyi", "hidden").location["element"] == "span#hid2"
    assert find(out, "atribut hidden", "hidden")
    for needle in ("0811000111", "3510082807703391", "id tersembunyi", "atribut hidden"):
        assert not [s for s in out if needle in s.text and s.layer == "body"]
    assert find(out, "Admin Portal", "metadata").location == {"part": "meta", "field": "author"}
    assert find(out, "Portal PPID", "metadata").location == {"part": "title"}
    assert find(out, "foto KTP", "metadata").location["attribute"] == "alt"
    row = find(out, NIK, "table")
    assert row.text == f"Nama: Siti ; NIK: {NIK}"


# ---------------------------------------------------------------------------------- TXT / CSV


def test_csv_cp1252_semicolon(csv_cp1252):
    out = segs(csv_cp1252, "text/plain")
    row = find(out, NIK)
    assert row.layer == "table"
    assert row.text == f"No: 1 ; Nama: José Müller ; NIK: {NIK} ; Kota: Depok"
    assert row.location == {"row": 2}
    assert row.location_at(row.text.index(NIK)) == {"row": 2, "column": "NIK", "cell": "C2"}
    part = next(p for p in row.parts if p.location["column"] == "Nama")
    assert row.text[part.start : part.end] == "José Müller"
    row3 = find(out, "Ani")
    assert row3.text == "No: 2 ; Nama: Ani ; Kota: Bogor" and row3.location == {"row": 3}


@pytest.mark.parametrize("delim", [",", "\t", "|"])
def test_csv_delimiters(tmp_path, delim):
    path = tmp_path / "x.csv"
    path.write_text(delim.join(["Nama", "NIK"]) + "\n" + delim.join(["Siti", NIK]) + "\n")
    out = segs(path, "application/csv")
    assert find(out, NIK).text == f"Nama: Siti ; NIK: {NIK}"


@pytest.mark.parametrize("enc", ["utf-8", "utf-16", "cp1252", "utf-8-sig"])
def test_txt_encodings_and_lines(tmp_path, enc):
    path = tmp_path / "surat.txt"
    text = "Kepada Yth. Bapak Müller\nPerihal: data\n\nNIK pemohon: 3171234567890123\n"
    path.write_bytes(text.encode(enc))
    out = segs(path, "text/plain")
    s = find(out, NIK, "body")
    assert s.location_at(s.text.index(NIK)) == {"line": 4}
    assert find(out, "Müller").location == {"line": 1}


def test_txt_blocks_are_split(tmp_path):
    path = tmp_path / "big.txt"
    path.write_text("\n".join(f"baris {i}" for i in range(1, 201)))
    out = segs(path, "text/plain")
    assert len(out) == 4 and out[1].location == {"line": 61}
    assert out[1].location_at(out[1].text.index("baris 70")) == {"line": 70}


# ---------------------------------------------------------------------------------- ZIP


def test_nested_zip(nested_zip):
    stats = ExtractStats()
    out = segs(nested_zip, "application/zip", stats=stats)
    row = find(out, NIK, "table")
    assert row.location == {"row": 2, "member": "inner.zip!inner.csv"}
    assert find(out, NIK2, "body").location["member"] == "docs/catatan.txt"
    com = find(out, PHONE, "comment")
    assert com.location["member"] == "surat.docx"
    assert stats.members == 4


def test_zip_limits(nested_zip, tmp_path):
    with pytest.raises(ExtractionError) as exc:
        list(extract(nested_zip, "application/zip", Limits(max_archive_members=2)))
    assert exc.value.code == "limit"
    with pytest.raises(ExtractionError) as exc:
        list(extract(nested_zip, "application/zip", Limits(max_archive_depth=1)))
    assert exc.value.code == "limit"
    bomb = tmp_path / "bomb.zip"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("zeros.txt", b"0" * (30 * 2**20))
    with pytest.raises(ExtractionError) as exc:
        list(extract(bomb, "application/zip"))
    assert exc.value.code == "limit"
    with pytest.raises(ExtractionError) as exc:
        list(
            extract(bomb, "application/zip", Limits(max_ratio=10**6, max_total_uncompressed=2**20))
        )
    assert exc.value.code == "limit"


def test_zip_encrypted_member(tmp_path):
    path = tmp_path / "enc.zip"
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("a.txt", "rahasia")
    raw = bytearray(buf.getvalue())
    # Set the "encrypted" flag bit in the local and central headers.
    for sig in (b"PK\x03\x04", b"PK\x01\x02"):
        i = raw.find(sig)
        off = i + (6 if sig == b"PK\x03\x04" else 8)
        raw[off] |= 1
    path.write_bytes(bytes(raw))
    with pytest.raises(ExtractionError) as exc:
        list(extract(path, "application/zip"))
    assert exc.value.code == "encrypted"


def test_corrupt_zip(tmp_path):
    path = tmp_path / "bad.zip"
    path.write_bytes(b"PK\x03\x04garbage")
    with pytest.raises(ExtractionError):
        list(extract(path, "application/zip"))


# ---------------------------------------------------------------------------------- families


def test_family_for(tmp_path, csv_cp1252, html_file, pdf_file, xlsx_file):
    assert family_for(csv_cp1252, "text/plain") == "csv"
    assert family_for(csv_cp1252, "application/csv") == "csv"
    assert family_for(html_file, "text/html") == "html"
    assert family_for(pdf_file, "application/pdf") == "pdf"
    assert family_for(pdf_file, "application/octet-stream") == "pdf"
    assert family_for(xlsx_file, "application/zip") == "xlsx"
    txt = tmp_path / "a.txt"
    txt.write_text("halo")
    assert family_for(txt, "text/plain") == "text"
    exe = tmp_path / "a.bin"
    exe.write_bytes(b"\x7fELF\x02\x01\x01" + bytes(100))
    assert family_for(exe, "application/x-executable") is None
    with pytest.raises(ExtractionError) as exc:
        list(extract(exe, "application/x-executable"))
    assert exc.value.code == "unsupported"
    ole = tmp_path / "enc.docx"
    ole.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "EncryptedPackage".encode("utf-16-le"))
    with pytest.raises(ExtractionError) as exc:
        list(extract(ole, "application/encrypted"))
    assert exc.value.code == "encrypted"
    assert SUPPORTED_MIME["application/pdf"] == "pdf"


def test_extract_is_lazy(tmp_path):
    path = tmp_path / "big.txt"
    path.write_text("baris\n\n" * 1000)
    it = extract(path, "text/plain")
    assert next(it).text == "baris"


# ---------------------------------------------------------------------------------- corpus


@pytest.mark.skipif(not CORPUS.is_dir(), reason="development corpus not present")
def test_dev_corpus_every_file_yields_segments():
    import magic

    files = [p for p in sorted(CORPUS.iterdir()) if p.name not in ("truth.jsonl", "README.md")]
    assert files
    for path in files:
        mime = magic.from_file(str(path), mime=True)
        out = segs(path, mime)
        assert out, path.name


@pytest.mark.skipif(not CORPUS.is_dir(), reason="development corpus not present")
def test_dev_corpus_planted_values_are_extracted():
    """Every planted value (and its hiding place) is found in some segment's text."""
    import magic

    layer_for = [
        ("core properties", "metadata"),
        ("comment", "comment"),
        ("hidden", "hidden"),
        ("header", "header"),
    ]
    for line in (CORPUS / "truth.jsonl").read_text().splitlines():
        item = json.loads(line)
        path = CORPUS / item["file"]
        out = segs(path, magic.from_file(str(path), mime=True))
        blob = "\n".join(s.text for s in out)
        flat = " ".join(blob.split())
        for planted in item["planted"]:
            value = planted["value"]
            assert value in blob or " ".join(value.split()) in flat, (item["file"], planted)
            for key, layer in layer_for:
                if key in planted["where"]:
                    assert any(value in s.text for s in out if s.layer == layer), (
                        item["file"],
                        planted,
                    )
                    break


def test_mutated_files_raise_only_extraction_errors(
    tmp_path, docx_file, xlsx_file, pdf_file, html_file, csv_cp1252, nested_zip
):
    """Truncated / bit-flipped files: either segments or ExtractionError, nothing else."""
    import random

    import magic

    rng = random.Random(7)
    for seed in (docx_file, xlsx_file, pdf_file, html_file, csv_cp1252, nested_zip):
        data = seed.read_bytes()
        for i in range(25):
            buf = bytearray(data)
            if i % 2:
                buf = buf[: rng.randrange(1, len(buf))]
            else:
                for _ in range(rng.randint(1, 20)):
                    buf[rng.randrange(len(buf))] = rng.randrange(256)
            path = tmp_path / f"m{i}{seed.suffix}"
            path.write_bytes(bytes(buf))
            mime = magic.from_file(str(path), mime=True)
            try:
                if family_for(path, mime) is not None:
                    list(extract(path, mime, Limits(max_pages=20)))
            except ExtractionError as exc:
                assert exc.code in ExtractionError.CODES
