"""End to end: personal data in hidden layers is found, located and blocked; failed redaction
is blocked; an encrypted file is flagged, never allowed."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import docx
import openpyxl
import pytest
from builders import MOBILE, NIK_WOMAN
from fpdf import FPDF

from scanner.config import load_config
from scanner.pipeline import Scanner


@pytest.fixture(scope="module")
def scanner() -> Scanner:
    s = Scanner(load_config(use_ner=False))
    yield s
    s.close()


def black_box_pdf(path: Path) -> Path:
    """A NIK 'blacked out' by drawing a filled rectangle over it: the text is still there."""
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=12)
    pdf.text(20, 30, "Surat keterangan untuk warga")
    pdf.text(20, 40, f"NIK: {NIK_WOMAN}")
    x = 20 + pdf.get_string_width("NIK: ")
    pdf.set_fill_color(0, 0, 0)
    pdf.rect(x - 1, 35, pdf.get_string_width(NIK_WOMAN) + 2, 7, style="F")
    pdf.output(str(path))
    return path


def tracked_deletion_docx(path: Path) -> Path:
    """A NIK typed and then deleted with Track Changes on: still inside the file."""
    d = docx.Document()
    d.add_paragraph("Siaran pers: layanan KTP keliling.")
    d.save(path)
    with zipfile.ZipFile(path) as zin:
        parts = {n: zin.read(n) for n in zin.namelist()}
    xml = parts["word/document.xml"].decode()
    deletion = ('<w:p><w:del w:id="9" w:author="Operator" w:date="2026-11-20T10:00:00Z"><w:r>'
                f'<w:delText>Pemohon NIK {NIK_WOMAN}</w:delText></w:r></w:del></w:p>')
    xml = re.sub(r"(<w:body>)", r"\1" + deletion, xml, count=1)
    parts["word/document.xml"] = xml.encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for name, data in parts.items():
            zout.writestr(name, data)
    return path


def very_hidden_sheet_xlsx(path: Path) -> Path:
    wb = openpyxl.Workbook()
    wb.active.title = "Ringkasan"
    wb.active.append(["Kecamatan", "Jumlah penerima"])
    wb.active.append(["Sumbersari", 120])
    detail = wb.create_sheet("detail")
    detail.append(["Nama", "NIK"])
    detail.append(["Siti Aminah", NIK_WOMAN])
    detail.sheet_state = "veryHidden"
    wb.save(path)
    return path


def comment_docx(path: Path) -> Path:
    d = docx.Document()
    para = d.add_paragraph("Kegiatan bakti sosial berjalan lancar.")
    d.add_comment(para.runs[0] if para.runs else para.add_run(""), text=f"hubungi warga {MOBILE}",
                  author="Editor")
    d.save(path)
    return path


def hidden_div_html(path: Path) -> Path:
    path.write_text(f'<html><body><p>Berita kegiatan.</p><div style="display:none">'
                    f'narasumber NIK {NIK_WOMAN}</div></body></html>', encoding="utf-8")
    return path


@pytest.mark.parametrize("build, name, verdict, layer, type_", [
    (black_box_pdf, "sensor.pdf", "block", "redacted", "ID_NIK"),
    (tracked_deletion_docx, "rilis.docx", "block", "tracked_change", "ID_NIK"),
    (very_hidden_sheet_xlsx, "rekap.xlsx", "block", "hidden", "ID_NIK"),
    (comment_docx, "berita.docx", "flag", "comment", "PHONE_NUMBER"),
    (hidden_div_html, "berita.html", "block", "hidden", "ID_NIK"),
])
def test_hidden_layer_is_found_located_and_decided(tmp_path, scanner, build, name, verdict,
                                                   layer, type_) -> None:
    result = scanner.scan_file(build(tmp_path / name))
    assert result.verdict == verdict, [(r.code, r.verdict) for r in result.reasons]
    hits = [f for f in result.findings if f.type == type_ and f.layer == layer]
    assert hits, [(f.type, f.layer, f.location) for f in result.findings]
    assert "hidden_layer" in [r.code for r in result.reasons]
    assert hits[0].location  # a person can find it
    # The body copy of a value already found in a hidden layer is not reported twice.
    assert len([f for f in result.findings if f.type == type_ and f.text == hits[0].text]) == 1


def test_very_hidden_sheet_location_names_the_sheet(tmp_path, scanner) -> None:
    result = scanner.scan_file(very_hidden_sheet_xlsx(tmp_path / "rekap.xlsx"))
    nik = next(f for f in result.findings if f.type == "ID_NIK")
    assert nik.location["sheet"] == "detail" and nik.location["cell"] == "B2"


def test_encrypted_pdf_is_flagged_with_the_reason(tmp_path, scanner) -> None:
    pdf = FPDF()
    pdf.set_encryption(owner_password="pemilik", user_password="sandi")
    pdf.add_page()
    pdf.set_font("Helvetica", size=12)
    pdf.text(20, 30, f"NIK {NIK_WOMAN}")
    path = tmp_path / "terkunci.pdf"
    pdf.output(str(path))
    result = scanner.scan_file(path)
    assert result.verdict == "flag"
    assert result.error == "encrypted"
    assert result.reasons[0].code == "unreadable_encrypted"


def test_photo_with_gps_position_is_flagged(tmp_path, scanner) -> None:
    """A survey photo of a house: the EXIF position is where the person lives."""
    from PIL import Image

    exif = Image.Exif()
    exif[0x8825] = {1: "S", 2: (8.0, 10.0, 20.46), 3: "E", 4: (113.0, 42.0, 0.54)}
    path = tmp_path / "foto_rumah.jpg"
    Image.new("RGB", (64, 48), "white").save(path, exif=exif.tobytes())
    result = scanner.scan_file(path)
    gps = [f for f in result.findings if f.type == "GEO_LOCATION"]
    assert gps and gps[0].layer == "metadata" and gps[0].location["field"] == "GPS"
    assert result.verdict == "flag"
