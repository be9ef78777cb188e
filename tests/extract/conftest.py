"""Fixtures that build real files with the real libraries (python-docx, openpyxl, fpdf2)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from extract_consts import NIK, NIK2, PHONE


def _docx(path: Path) -> Path:
    import docx
    from docx.oxml.ns import qn
    from docx.oxml.parser import OxmlElement

    doc = docx.Document()
    doc.core_properties.comments = f"kontak warga Wasis; nik {NIK2}"
    doc.core_properties.author = "Admin Portal"
    doc.sections[0].header.paragraphs[0].text = "SANGAT RAHASIA - header text"
    doc.sections[0].footer.paragraphs[0].text = "footer halaman"
    doc.add_paragraph("Paragraf pertama tanpa data.")
    p = doc.add_paragraph(f"Warga bernama Siti dengan NIK {NIK}.")
    doc.add_comment(p.runs[0], text=f"hubungi {PHONE}", author="Reviewer", initials="RV")
    table = doc.add_table(rows=3, cols=3)
    for i, h in enumerate(("Nama", "NIK", "Alamat")):
        table.cell(0, i).text = h
    table.cell(1, 0).text = "Budi Santoso"
    table.cell(1, 1).text = NIK
    table.cell(1, 2).text = "Jl. Mawar 1"
    table.cell(2, 0).text = "Ani"
    table.cell(2, 2).text = "Jl. Melati 2"
    kv = doc.add_table(rows=2, cols=3)
    for r, (k, v) in enumerate((("Nama lengkap", "Siska Lailasari"), ("No. NIK", NIK2))):
        kv.cell(r, 0).text = k
        kv.cell(r, 1).text = ":"
        kv.cell(r, 2).text = v
    # Tracked changes, written as raw XML: a deletion and an insertion.
    para = doc.add_paragraph("Status: ")
    w_del = OxmlElement("w:del")
    w_del.set(qn("w:id"), "1")
    w_del.set(qn("w:author"), "Editor")
    run = OxmlElement("w:r")
    dt = OxmlElement("w:delText")
    dt.text = "NIK lama 3171999988887777"
    run.append(dt)
    w_del.append(run)
    para._p.append(w_del)
    w_ins = OxmlElement("w:ins")
    w_ins.set(qn("w:id"), "2")
    w_ins.set(qn("w:author"), "Editor")
    run = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.text = "diperbarui"
    run.append(t)
    w_ins.append(run)
    para._p.append(w_ins)
    # Hidden (vanish) run.
    hp = doc.add_paragraph("Terlihat. ")
    hidden_run = hp.add_run("rahasia tersembunyi 0899111222")
    hidden_run.font.hidden = True
    doc.save(path)
    return path


@pytest.fixture
def docx_file(tmp_path: Path) -> Path:
    return _docx(tmp_path / "surat.docx")


def _xlsx(path: Path) -> Path:
    import openpyxl
    from openpyxl.comments import Comment

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "daftar"
    ws["A1"] = "DAFTAR PENERIMA"
    ws.append([])
    ws.append(["No", "Nama", "NIK", "Alamat"])
    ws.append([1, "Siti Aminah", NIK, "Jl. Kenanga 3"])
    ws.append([2, "Budi", int(NIK2), "Jl. Anggrek 4"])
    ws.append([3, "Tersembunyi", "3171000011112222", "Jl. Rahasia"])
    ws.row_dimensions[6].hidden = True
    ws["B9"] = "catatan"
    ws["B9"].comment = Comment(f"permohonan a.n. Cornelia, KTP {NIK}", "ppid")
    ws.column_dimensions["F"].hidden = True
    ws["F4"] = "kolom tersembunyi 0811223344"
    h = wb.create_sheet("detail")
    h.append(["Nama Pegawai", "NIK"])
    h.append(["Elisa", "6472084209870664"])
    h.sheet_state = "hidden"
    vh = wb.create_sheet("ref")
    vh.append(["kunci", "nilai"])
    vh.append(["token", "s3cr3t"])
    vh.sheet_state = "veryHidden"
    wb.properties.creator = "Operator"
    wb.properties.description = f"catatan NIK {NIK2}"
    wb.save(path)
    return path


@pytest.fixture
def xlsx_file(tmp_path: Path) -> Path:
    return _xlsx(tmp_path / "data.xlsx")


def _pdf(path: Path, pages: list[str], **kw) -> Path:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_font("Helvetica", size=12)
    pdf.set_author(kw.get("author", "Pejabat PPID"))
    pdf.set_title("Dokumen Uji")
    for text in pages:
        pdf.add_page()
        pdf.multi_cell(0, 8, text)
    if kw.get("user_password"):
        pdf.set_encryption(owner_password="owner", user_password=kw["user_password"])
    pdf.output(str(path))
    return path


@pytest.fixture
def pdf_file(tmp_path: Path) -> Path:
    return _pdf(tmp_path / "dua.pdf", [f"Halaman satu NIK {NIK}", "Halaman dua tanpa data"])


@pytest.fixture
def redacted_pdf(tmp_path: Path) -> Path:
    """Text with a black filled rectangle drawn over the NIK (a failed redaction)."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=12)
    pdf.text(20, 30, "Nama: Siti Aminah")
    pdf.text(20, 40, f"NIK: {NIK}")
    pdf.text(20, 50, "Alamat: Jl. Kenanga 3")
    w = pdf.get_string_width(NIK)
    x = 20 + pdf.get_string_width("NIK: ")
    pdf.set_fill_color(0, 0, 0)
    pdf.rect(x - 1, 40 - 5, w + 2, 7, style="F")
    # Invisible text (render mode 3) and white text.
    with pdf.local_context(text_mode="INVISIBLE"):
        pdf.text(20, 70, "teks tak terlihat 0811999888")
    pdf.set_text_color(255, 255, 255)
    pdf.text(20, 80, "teks putih 0822333444")
    pdf.set_text_color(0, 0, 0)
    pdf.text_annotation(20, 90, "Catatan pemeriksa: cek NIK 3273061005938870", w=10, h=10)
    path = tmp_path / "redaksi.pdf"
    pdf.output(str(path))
    return path


@pytest.fixture
def encrypted_pdf(tmp_path: Path) -> Path:
    return _pdf(tmp_path / "kunci.pdf", ["rahasia"], user_password="sandi")


HTML = """<!doctype html><html><head><title>Portal PPID</title>
<meta name="author" content="Admin Portal"><meta name="description" content="Berita">
<style>.secret { display: none } #hid2 { visibility: hidden }</style>
<script>var nik = "9999999999999999";</script></head>
<body><h1>Judul Berita</h1><p>Paragraf publik pertama.</p>
<!-- catatan internal: NIK 3171234567890123 -->
<div style="display:none">sumber: Daliono, 3510082807703391</div>
<div class="secret box">kelas tersembunyi 0811000111</div>
<span id="hid2">id tersembunyi</span><p hidden>atribut hidden</p>
<img src="a.png" alt="foto KTP Siti">
<table><tr><th>Nama</th><th>NIK</th></tr><tr><td>Siti</td><td>3171234567890123</td></tr></table>
</body></html>"""


@pytest.fixture
def html_file(tmp_path: Path) -> Path:
    path = tmp_path / "berita.html"
    path.write_text(HTML, encoding="utf-8")
    return path


@pytest.fixture
def csv_cp1252(tmp_path: Path) -> Path:
    path = tmp_path / "data.csv"
    text = "No;Nama;NIK;Kota\r\n1;José Müller;3171234567890123;Depok\r\n2;Ani;;Bogor\r\n"
    path.write_bytes(text.encode("cp1252"))
    return path


@pytest.fixture
def nested_zip(tmp_path: Path) -> Path:
    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("inner.csv", f"Nama,NIK\nSiti,{NIK}\n")
    path = tmp_path / "paket.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("docs/catatan.txt", f"baris satu\nNIK {NIK2}\n")
        zf.writestr("inner.zip", inner.getvalue())
        zf.write(_docx(tmp_path / "s.docx"), "surat.docx")
    return path
