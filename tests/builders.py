"""Real documents for end-to-end tests, written by the real libraries (fake data only)."""

from __future__ import annotations

from pathlib import Path

import docx
import openpyxl
from fpdf import FPDF

# Structurally valid fake identifiers (province 35 Jawa Timur, kab 09, kec 12).
NIK_MAN = "3509122101640195"  # born 21-01-1964
NIK_WOMAN = "3509124307860287"  # born 03-07-1986, day + 40
KK = "3509120406190060"
MOBILE = "0812-3456-7890"
PRIVATE_EMAIL = "siti.aminah77@gmail.com"


def pdf(path: Path, pages: list[list[str]]) -> Path:
    doc = FPDF()
    doc.set_font("Helvetica", size=11)
    for lines in pages:
        doc.add_page()
        for line in lines:
            doc.cell(0, 7, line, new_x="LMARGIN", new_y="NEXT")
    doc.output(str(path))
    return path


def docx_file(path: Path, paragraphs: list[str], header: str = "") -> Path:
    d = docx.Document()
    if header:
        d.sections[0].header.paragraphs[0].text = header
    for p in paragraphs:
        d.add_paragraph(p)
    d.save(path)
    return path


def xlsx(path: Path, sheet: str, rows: list[list[object]]) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = sheet
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def press_release_html(path: Path) -> Path:
    path.write_text(
        "<html><body><h1>Pasar Murah di Empat Kecamatan</h1>"
        "<p>Kepala Dinas Koperasi, Drs. Bambang Haryono, M.Si., mengatakan 4.000 paket sembako "
        "disiapkan.</p><p>Informasi: Telp. (0331) 487215, e-mail diskopum@jemberkab.go.id, "
        "Jl. Kalimantan No. 42, Jember 68121.</p></body></html>",
        encoding="utf-8",
    )
    return path
