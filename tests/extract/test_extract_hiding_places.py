"""Less common hiding places: off-page PDF text, cells hidden by format, embedded workbooks,
JSON-LD, mailto links, CSV title lines, unreadable archive members."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

from extract_consts import NIK, NIK2, PHONE

from scanner.extract import ExtractStats, extract

DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def segs(path, mime, **kw):
    out = list(extract(Path(path), mime, **kw))
    for s in out:
        json.dumps(s.location)
    return out


def find(out, needle, layer=None):
    hits = [s for s in out if needle in s.text and (layer is None or s.layer == layer)]
    assert hits, f"{needle!r} not in {layer}: {[(s.layer, s.location, s.text) for s in out]}"
    return hits[0]


def test_pdf_off_page_text_and_bookmarks(tmp_path):
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=12)
    pdf.start_section("Lampiran data warga")
    pdf.text(20, 20, "Isi surat biasa")
    pdf.text(20, 400, f"di luar halaman {NIK}")  # y=400 mm: below an A4 page
    path = tmp_path / "off.pdf"
    pdf.output(str(path))
    out = segs(path, "application/pdf")
    hid = find(out, NIK, "hidden")
    assert hid.location == {"page": 1, "part": "hidden", "hidden": "off_page_text"}
    assert not [s for s in out if NIK in s.text and s.layer == "body"]
    assert find(out, "Lampiran data warga", "metadata").location == {"part": "bookmarks"}


def test_xlsx_cells_hidden_by_format(tmp_path):
    import openpyxl
    from openpyxl.styles import Font

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Data"
    ws.append(["Nama", "NIK", "Catatan"])
    ws.append(["Siti", NIK, "biasa"])
    ws["C2"].number_format = ";;;"
    ws["C2"] = f"tersembunyi {PHONE}"
    ws.append(["Ani", NIK2, "putih"])
    ws["C3"].font = Font(color="FFFFFFFF")
    path = tmp_path / "fmt.xlsx"
    wb.save(path)
    out = segs(path, XLSX_MIME)
    row = find(out, NIK, "table")
    assert row.text == f"Nama: Siti ; NIK: {NIK}"
    hid = find(out, PHONE, "hidden")
    assert hid.location == {"sheet": "Data", "row": 2, "hidden": "format"}
    assert hid.text == f"Catatan: tersembunyi {PHONE}"
    white = find(out, "putih", "hidden")
    assert white.location_at(white.text.index("putih"))["hidden"] == "white_text"


def test_docx_with_embedded_workbook(tmp_path, docx_file, xlsx_file):
    path = tmp_path / "embed.docx"
    with zipfile.ZipFile(docx_file) as src, zipfile.ZipFile(path, "w") as dst:
        for item in src.infolist():
            dst.writestr(item, src.read(item))
        dst.write(xlsx_file, "word/embeddings/Microsoft_Excel_Worksheet.xlsx")
        ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600)
        dst.writestr("word/embeddings/oleObject1.bin", ole)
    stats = ExtractStats()
    out = segs(path, DOCX_MIME, stats=stats)
    row = find(out, "Siti Aminah", "attachment")
    assert row.location["member"] == "word/embeddings/Microsoft_Excel_Worksheet.xlsx"
    assert row.location["sheet"] == "daftar"
    hidden = find(out, "6472084209870664", "hidden")  # hidden sheet of the embedded workbook
    assert hidden.location["member"].endswith(".xlsx")
    assert any("oleObject1.bin" in n for n in stats.notes)


def test_html_json_ld_and_mailto(tmp_path):
    html = (
        '<html><head><script type="application/ld+json">{"author": "Siti", "telephone": "'
        + PHONE
        + '"}</script></head><body><p>Hubungi <a href="mailto:siti.warga@gmail.com">kami</a>'
        "</p></body></html>"
    )
    path = tmp_path / "a.html"
    path.write_text(html)
    out = segs(path, "text/html")
    assert find(out, PHONE, "metadata").location["part"] == "data_script"
    mail = find(out, "siti.warga@gmail.com", "metadata")
    assert mail.location == {"part": "attribute", "attribute": "href", "element": "a"}


def test_csv_title_lines_above_header(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text(f"DAFTAR PENERIMA;;\n;;\nNama;NIK;Desa\nSiti;{NIK};Cibinong\n")
    out = segs(path, "text/csv")
    assert out[0].text == "DAFTAR PENERIMA" and out[0].location == {"row": 1}
    row = find(out, NIK)
    assert row.text == f"Nama: Siti ; NIK: {NIK} ; Desa: Cibinong"
    assert row.location == {"row": 4}


def test_zip_unknown_member_is_noted(tmp_path):
    path = tmp_path / "a.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("prog.exe", b"MZ\x90\x00" + bytes(200))
        zf.writestr("a.txt", f"NIK {NIK}")
    stats = ExtractStats()
    out = segs(path, "application/zip", stats=stats)
    assert find(out, NIK).location == {"line": 1, "member": "a.txt"}
    assert any("prog.exe" in n for n in stats.notes)


def test_pdf_tiny_text(tmp_path):
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=12)
    pdf.text(20, 20, "Isi surat - biasa - dengan tanda hubung")
    pdf.set_font_size(0.5)
    pdf.text(20, 40, f"kecil {NIK}")
    path = tmp_path / "tiny.pdf"
    pdf.output(str(path))
    out = segs(path, "application/pdf")
    hid = [s for s in out if s.layer == "hidden"]
    assert len(hid) == 1 and NIK in hid[0].text
    assert hid[0].location["hidden"] == "tiny_text"


def test_pdf_scanned_page_is_counted(tmp_path):
    from fpdf import FPDF
    from PIL import Image

    img = tmp_path / "scan.png"
    Image.new("RGB", (200, 280), "white").save(img)
    pdf = FPDF()
    pdf.add_page()
    pdf.image(str(img), x=0, y=0, w=210, h=297)
    path = tmp_path / "scan.pdf"
    pdf.output(str(path))
    stats = ExtractStats()
    out = segs(path, "application/pdf", stats=stats)
    assert not [s for s in out if s.layer == "body"]
    # Read by OCR when Tesseract is installed, otherwise counted as unscannable (fail closed).
    assert stats.image_only_pages + stats.ocr_pages == 1 and stats.pages == 1
    if stats.image_only_pages:
        assert any("OCR" in n for n in stats.notes)


def test_octet_stream_text_is_read(tmp_path):
    path = tmp_path / "data.csv"
    path.write_text(f"Nama,NIK\nSiti,{NIK}\n")
    out = segs(path, "application/octet-stream")
    assert find(out, NIK).text == f"Nama: Siti ; NIK: {NIK}"


def test_docx_two_pairs_per_row_form_table(tmp_path):
    import docx

    doc = docx.Document()
    table = doc.add_table(rows=2, cols=6)
    for r, cells in enumerate(
        (("Nama", ":", "Siti", "NIK", ":", NIK), ("Alamat", ":", "Jl. Kenanga 3", "HP", ":", PHONE))
    ):
        for c, text in enumerate(cells):
            table.cell(r, c).text = text
    path = tmp_path / "form.docx"
    doc.save(path)
    out = segs(path, DOCX_MIME)
    row = find(out, NIK, "table")
    assert row.text == f"Nama: Siti ; NIK: {NIK}"
    assert row.location_at(row.text.index(NIK)) == {
        "part": "table",
        "table": 1,
        "row": 1,
        "cell": 6,
        "column": "NIK",
    }
    assert find(out, PHONE, "table").text == f"Alamat: Jl. Kenanga 3 ; HP: {PHONE}"


def test_pdf_white_out_and_white_on_dark_label(tmp_path):
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=12)
    # A dark header band with white text on it: visible, not hidden.
    pdf.set_fill_color(20, 40, 120)
    pdf.rect(15, 10, 120, 10, style="F")
    pdf.set_text_color(255, 255, 255)
    pdf.text(20, 17, "JUDUL TABEL")
    pdf.set_text_color(0, 0, 0)
    # A light table-cell background drawn before its text: not a cover.
    pdf.set_fill_color(230, 230, 230)
    pdf.rect(15, 30, 120, 10, style="F")
    pdf.text(20, 37, "Sel berlatar abu-abu")
    # A white-out box drawn over a NIK: failed redaction.
    pdf.text(20, 60, f"NIK: {NIK}")
    x = 20 + pdf.get_string_width("NIK: ")
    pdf.set_fill_color(255, 255, 255)
    pdf.rect(x - 1, 55, pdf.get_string_width(NIK) + 2, 7, style="F")
    path = tmp_path / "whiteout.pdf"
    pdf.output(str(path))
    out = segs(path, "application/pdf")
    assert not [s for s in out if s.layer == "hidden"]
    red = [s for s in out if s.layer == "redacted"]
    assert len(red) == 1 and red[0].text == NIK and red[0].location["fill"] == "light"


def test_pdf_previous_revision_keeps_removed_text(tmp_path):
    """Text removed by an incremental update is still in the file (earlier revision)."""
    import pypdfium2 as pdfium
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=12)
    pdf.text(20, 20, "Nama: Siti")
    pdf.text(20, 30, f"NIK: {NIK}")
    v1 = tmp_path / "v1.pdf"
    pdf.output(str(v1))
    doc = pdfium.PdfDocument(str(v1))
    page = doc[0]
    textpage = page.get_textpage()
    for obj in list(page.get_objects()):
        if obj.type == pdfium.raw.FPDF_PAGEOBJ_TEXT:
            if NIK in textpage.get_text_bounded(*obj.get_bounds()):
                page.remove_obj(obj)
    textpage.close()
    page.gen_content()
    v2 = tmp_path / "v2.pdf"
    doc.save(str(v2), flags=pdfium.raw.FPDF_INCREMENTAL)
    page.close()
    doc.close()
    out = segs(v2, "application/pdf")
    assert not [s for s in out if NIK in s.text and s.layer == "body"]
    old = find(out, NIK, "hidden")
    assert old.location == {"part": "previous_revision", "revision": 1, "page": 1}
    assert "Nama: Siti" not in old.text


def test_xlsx_zero_height_row_and_docx_doc_vars(tmp_path, docx_file):
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Nama", "NIK"])
    ws.append(["Siti", NIK])
    raw = tmp_path / "raw.xlsx"
    wb.save(raw)
    path = tmp_path / "z.xlsx"
    with zipfile.ZipFile(raw) as src, zipfile.ZipFile(path, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b'<row r="2"', b'<row r="2" ht="0" customHeight="1"')
            dst.writestr(item, data)
    out = segs(path, XLSX_MIME)
    assert find(out, NIK, "hidden").location == {"sheet": "Sheet", "row": 2, "hidden": "row"}

    dpath = tmp_path / "vars.docx"
    settings_ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    with zipfile.ZipFile(docx_file) as src, zipfile.ZipFile(dpath, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "word/settings.xml":
                data = (
                    f"<w:settings {settings_ns}><w:docVars>"
                    f'<w:docVar w:name="pemohon" w:val="Siti NIK {NIK2}"/>'
                    "</w:docVars></w:settings>"
                ).encode()
            dst.writestr(item, data)
    out = segs(dpath, DOCX_MIME)
    var = find(out, f"Siti NIK {NIK2}", "metadata")
    assert var.location == {"part": "document_variable", "field": "pemohon"}


def test_xlsx_chart_text(tmp_path):
    import openpyxl
    from openpyxl.chart import BarChart, Reference

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Nama", "Nilai"])
    ws.append(["Siti", 3])
    chart = BarChart()
    chart.title = "Grafik penerima Siti Aminah"
    chart.add_data(Reference(ws, min_col=2, min_row=1, max_row=2), titles_from_data=True)
    ws.add_chart(chart, "D2")
    path = tmp_path / "chart.xlsx"
    wb.save(path)
    out = segs(path, XLSX_MIME)
    seg = find(out, "Grafik penerima Siti Aminah", "body")
    assert seg.location == {"part": "chart", "chart": "chart1.xml"}


def test_docx_table_with_title_row_above_header(tmp_path):
    import docx

    doc = docx.Document()
    table = doc.add_table(rows=3, cols=3)
    title = table.cell(0, 0).merge(table.cell(0, 2))
    title.text = "DAFTAR PESERTA"
    for c, text in enumerate(("Nama", "NIK", "Desa")):
        table.cell(1, c).text = text
    for c, text in enumerate(("Siti", NIK, "Cibinong")):
        table.cell(2, c).text = text
    path = tmp_path / "title.docx"
    doc.save(path)
    out = segs(path, DOCX_MIME)
    assert find(out, "DAFTAR PESERTA", "table").text == "DAFTAR PESERTA"
    row = find(out, NIK, "table")
    assert row.text == f"Nama: Siti ; NIK: {NIK} ; Desa: Cibinong"
    assert row.location == {"part": "table", "table": 1, "row": 3}


def test_pdf_xmp_metadata(tmp_path):
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=12)
    pdf.text(20, 20, "Isi")
    pdf.set_xmp_metadata(
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        '<rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/">'
        "<dc:creator><rdf:Seq><rdf:li>Siti Aminah</rdf:li></rdf:Seq></dc:creator>"
        f'<dc:description><rdf:Alt><rdf:li xml:lang="x-default">NIK {NIK}</rdf:li></rdf:Alt>'
        "</dc:description><xmpMM:DocumentID>uuid:1234</xmpMM:DocumentID>"
        "</rdf:Description></rdf:RDF>"
    )
    path = tmp_path / "xmp.pdf"
    pdf.output(str(path))
    out = segs(path, "application/pdf")
    assert find(out, "Siti Aminah", "metadata").location == {"part": "xmp", "field": "creator"}
    assert find(out, NIK, "metadata").location == {"part": "xmp", "field": "description"}
    assert not [s for s in out if "uuid:1234" in s.text]
