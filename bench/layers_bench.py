"""Cost of the hidden-layer checks and of OCR.

Usage:
    python bench/layers_bench.py [--pages 30] [--ocr-pages 3]

- PDF: a generated text PDF (N pages), extracted with all layers (metadata, annotations, hidden
  text, covers/failed redaction, earlier revisions) vs page text alone with pypdfium2.
- OCR: image-only pages (A4 at 200 dpi) read by Tesseract (ind+eng): pages/s.
(DOCX/XLSX hidden parts are read in the same pass over the package's XML: no separate cost.)
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from fpdf import FPDF

from scanner.extract import ExtractStats, extract

TEXT = ("Pemerintah Kabupaten Jember menyampaikan laporan kegiatan pelayanan informasi publik "
        "tahun anggaran 2026 kepada masyarakat. ") * 6


def _time(fn, repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def text_pdf(path: Path, pages: int) -> Path:
    pdf = FPDF()
    pdf.set_font("Helvetica", size=11)
    for i in range(pages):
        pdf.add_page()
        pdf.multi_cell(0, 6, f"Halaman {i + 1}. " + TEXT * 3)
    pdf.output(str(path))
    return path


def scanned_pdf(path: Path, pages: int) -> Path:
    from PIL import Image, ImageDraw, ImageFont

    font_path = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
    font = ImageFont.truetype(font_path, 30) if Path(font_path).exists() else None
    pdf = FPDF()
    for i in range(pages):
        img = Image.new("L", (1654, 2339), 255)
        draw = ImageDraw.Draw(img)
        words = (f"Halaman {i + 1}. " + TEXT).split()
        for row in range(40):
            draw.text((80, 80 + row * 52), " ".join(words[row * 8 % len(words):][:8]), fill=0,
                      font=font)
        png = path.with_suffix(f".{i}.png")
        img.save(png)
        pdf.add_page()
        pdf.image(str(png), x=0, y=0, w=210, h=297)
    pdf.output(str(path))
    return path


def run_extract(path: Path, mime: str) -> ExtractStats:
    stats = ExtractStats()
    for _ in extract(path, mime, stats=stats):
        pass
    return stats


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pages", type=int, default=30)
    ap.add_argument("--ocr-pages", type=int, default=3)
    args = ap.parse_args()
    import pypdfium2

    with tempfile.TemporaryDirectory() as tmp:
        tmpdir = Path(tmp)
        pdf = text_pdf(tmpdir / "teks.pdf", args.pages)

        def plain() -> None:
            doc = pypdfium2.PdfDocument(str(pdf))
            for page in doc:
                page.get_textpage().get_text_bounded()

        t_plain = _time(plain)
        t_all = _time(lambda: run_extract(pdf, "application/pdf"))
        print(f"PDF {args.pages} pages: page text only {args.pages / t_plain:7.1f} pages/s; "
              f"all layers {args.pages / t_all:7.1f} pages/s "
              f"(layers add {1000 * (t_all - t_plain) / args.pages:.2f} ms/page)")

        from scanner.extract import ocr

        if ocr.available():
            scan = scanned_pdf(tmpdir / "pindaian.pdf", args.ocr_pages)
            t0 = time.perf_counter()
            stats = run_extract(scan, "application/pdf")
            t_ocr = time.perf_counter() - t0
            print(f"OCR (Tesseract {ocr.OCR_LANGS}, {ocr.RENDER_DPI} dpi): {stats.ocr_pages} "
                  f"pages in {t_ocr:.2f} s = {stats.ocr_pages / t_ocr:.2f} pages/s "
                  f"({t_ocr / max(1, stats.ocr_pages):.2f} s/page)")
        else:
            print("OCR: tesseract with Indonesian data not installed")


if __name__ == "__main__":
    main()
