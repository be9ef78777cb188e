"""Regenerate the bundled sample documents in samples/ (fake data only).

    python scripts/make_samples.py      # needs the test extras (fpdf2, faker)

Every name, NIK, phone and address here is invented (Faker id_ID, seed 7); the NIKs follow the
real structure so that the scanner treats them as it would real ones.
"""

from __future__ import annotations

import csv
import random
from pathlib import Path

import docx
import openpyxl
from faker import Faker
from fpdf import FPDF

HERE = Path(__file__).resolve().parent.parent / "samples"
fake = Faker("id_ID")
Faker.seed(7)
rng = random.Random(7)


def nik(female: bool = False) -> str:
    day = rng.randint(1, 28) + (40 if female else 0)
    month, year, serial = rng.randint(1, 12), rng.randint(60, 99), rng.randint(1, 2999)
    return f"350912{day:02d}{month:02d}{year:02d}{serial:04d}"


def kk() -> str:
    day, month = rng.randint(1, 28), rng.randint(1, 12)
    year, serial = rng.randint(10, 23), rng.randint(1, 999)
    return f"350912{day:02d}{month:02d}{year:02d}{serial:04d}"


def mobile() -> str:
    return f"0812-{rng.randint(1000, 9999)}-{rng.randint(1000, 9999)}"


def press_release() -> None:
    (HERE / "siaran_pers_pasar_murah.html").write_text(
        """<!doctype html><html lang="id"><head><meta charset="utf-8">
<title>Pasar Murah Digelar di Empat Kecamatan</title></head><body>
<h1>Pasar Murah Digelar di Empat Kecamatan</h1>
<p>JEMBER – Dinas Koperasi dan Usaha Mikro Kabupaten Jember menggelar pasar murah di empat
kecamatan mulai Senin. Kepala Dinas Koperasi, Drs. Bambang Haryono, M.Si., mengatakan
sebanyak 4.000 paket sembako disiapkan dengan harga terjangkau.</p>
<p>Informasi lebih lanjut: Telp. (0331) 487215, e-mail diskopum@jemberkab.go.id,
Jl. Kalimantan No. 42, Jember 68121.</p></body></html>
""",
        encoding="utf-8",
    )


def aid_list() -> None:
    with (HERE / "daftar_penerima_bantuan.csv").open("w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh, delimiter=";")
        out.writerow(["No", "Nama KPM", "NIK", "Nomor KK", "Alamat"])
        for i in range(1, 9):
            female = i % 2 == 0
            name = fake.name_female() if female else fake.name_male()
            street = fake.street_name().removeprefix("Jl. ")
            rt, rw = rng.randint(1, 9), rng.randint(1, 9)
            address = f"Gg. {street} {rng.randint(1, 90)}, RT {rt:03d}/RW {rw:03d}"
            out.writerow([i, name, nik(female), kk(), address])


def secret_memo() -> None:
    doc = docx.Document()
    doc.sections[0].header.paragraphs[0].text = "RAHASIA"
    doc.add_paragraph("NOTA DINAS")
    for line in (
        "Kepada : Bupati Jember",
        "Dari : Kepala Badan Kesatuan Bangsa dan Politik",
        "Nomor : 300/112/415.2/2026",
        "Sifat : Rahasia",
        "Hal : Hasil Pemantauan Kerawanan Menjelang Pilkada",
    ):
        doc.add_paragraph(line)
    doc.add_paragraph(
        "Bersama ini kami laporkan hasil pemantauan kerawanan di tiga kecamatan beserta rencana "
        "pengamanan dan penempatan personel. Mohon tidak disebarluaskan."
    )
    doc.add_paragraph(
        "Kepala Badan Kesbangpol,\nttd\nIr. Sutrisno Wibowo, M.M.\nNIP. 19690412 199503 1 004"
    )
    doc.save(HERE / "nota_dinas_rahasia.docx")


def complaints() -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "aduan"
    ws.append(["No", "Nama Pelapor", "Nomor WA", "E-mail", "Isi Aduan"])
    topics = [
        "Jalan rusak di depan sekolah",
        "Lampu PJU mati",
        "Sampah menumpuk",
        "Drainase tersumbat",
    ]
    for i in range(1, 6):
        name = fake.name()
        user = name.split()[0].lower()
        ws.append([i, name, mobile(), f"{user}{rng.randint(10, 99)}@gmail.com", rng.choice(topics)])
    wb.save(HERE / "rekap_aduan_warga.xlsx")


def tender_notice() -> None:
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    lines = [
        "PEMERINTAH KABUPATEN JEMBER",
        "DINAS PEKERJAAN UMUM BINA MARGA",
        "Jl. Danau Toba No. 6, Jember 68124, Telp. (0331) 486213",
        "",
        "PENGUMUMAN TENDER",
        "Nomor: 027/45/35.09.311/2026",
        "",
        "Paket: Rehabilitasi Jalan Kecamatan Sumbersari",
        "Nilai total HPS: Rp 2.450.000.000,00",
        "Kode tender: 10045123000",
        "Pendaftaran melalui LPSE Kabupaten Jember.",
        "",
        "Kepala Dinas Pekerjaan Umum Bina Marga,",
        "ttd",
        "Ir. Hendra Kusuma, M.T.",
        "NIP. 19720315 199803 1 006",
    ]
    for line in lines:
        pdf.cell(0, 7, line, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(HERE / "pengumuman_tender.pdf"))


if __name__ == "__main__":
    press_release()
    aid_list()
    secret_memo()
    complaints()
    tender_notice()
    print("samples written to", HERE)
