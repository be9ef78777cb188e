"""OCR of scanned letters and photographed KTPs (Tesseract, Indonesian), and fail-closed
behaviour without an OCR engine."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from builders import NIK_WOMAN
from fpdf import FPDF
from PIL import Image, ImageDraw, ImageFont

needs_tesseract = pytest.mark.skipif(shutil.which("tesseract") is None,
                                     reason="tesseract-ocr is not installed (.ci/run installs it)")
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


def _picture(lines: list[str], path: Path) -> Path:
    """Text drawn into a picture: what a scanner or a phone camera produces (no text layer)."""
    font = ImageFont.truetype(FONT, 36) if Path(FONT).exists() else ImageFont.load_default(36)
    img = Image.new("RGB", (1654, 2339), "white")  # an A4 page at 200 dpi
    draw = ImageDraw.Draw(img)
    for i, line in enumerate(lines):
        draw.text((60, 60 + 60 * i), line, fill="black", font=font)
    img.save(path)
    return path


def _scanned_pdf(picture: Path, path: Path) -> Path:
    pdf = FPDF()
    pdf.add_page()
    pdf.image(str(picture), x=0, y=0, w=210)
    pdf.output(str(path))
    return path


LETTER = ["PEMERINTAH KABUPATEN JEMBER", "Nomor : 005/117/35.09/2026", "Sifat : Rahasia",
          "Hal : Pemeriksaan khusus bendahara", f"NIK pelapor : {NIK_WOMAN}"]
KTP = ["PROVINSI JAWA TIMUR", "KABUPATEN JEMBER", f"NIK : {NIK_WOMAN}", "Nama : SITI AMINAH",
       "Tempat/Tgl Lahir : JEMBER, 03-07-1986", "Status Perkawinan : KAWIN",
       "Berlaku Hingga : SEUMUR HIDUP"]


def scan(path: Path, env: dict | None = None) -> dict:
    proc = subprocess.run([sys.executable, "-m", "scanner.cli", "scan", str(path), "--format",
                           "json", "--no-db", "--no-ner"], capture_output=True, text=True,
                          timeout=300, env={**os.environ, **(env or {})})
    assert proc.returncode in (0, 1, 2), proc.stderr
    return json.loads(proc.stdout)["files"][0]


@needs_tesseract
def test_scanned_letter_is_read_by_ocr(tmp_path) -> None:
    pdf = _scanned_pdf(_picture(LETTER, tmp_path / "scan.png"), tmp_path / "surat_scan.pdf")
    result = scan(pdf)
    assert result["verdict"] == "block"
    ocr = [f for f in result["findings"] if f["layer"] == "ocr"]
    assert {"ID_NIK", "MARKING_RAHASIA"} <= {f["type"] for f in ocr}, result["findings"]
    assert all(f["location"].get("page") == 1 for f in ocr)


@needs_tesseract
def test_photographed_ktp_is_specific_personal_data(tmp_path) -> None:
    result = scan(_picture(KTP, tmp_path / "foto_ktp.jpg"))
    assert result["verdict"] == "block"
    types = {f["type"] for f in result["findings"] if f["layer"] == "ocr"}
    assert "KIP_17J_UNDANG_UNDANG" in types, result["findings"]  # the KTP/KK copy rule
    assert "ID_NIK" in types


def test_image_only_page_without_ocr_is_flagged_not_allowed(tmp_path) -> None:
    pdf = _scanned_pdf(_picture(["Pengumuman biasa tanpa data pribadi"], tmp_path / "p.png"),
                       tmp_path / "pindaian.pdf")
    result = scan(pdf, env={"SARING_OCR_LANGS": "no-such-language"})
    assert result["verdict"] == "flag"
    assert "unscanned_images" in [r["code"] for r in result["reasons"]]
    assert result["unscanned"] == {"images": 1}
