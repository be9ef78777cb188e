"""A findings database with known content, for the web and report tests and the screenshots.

Why synthetic FileResults instead of scanning real files: the counts the report tests assert
must not move when a recognizer or the policy changes; the store, the daemon's placement columns
and the held files on disk are real. The raw values below are planted on purpose: the privacy
test greps every page, export and database file for them and must not find any.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from scanner.masking import masked_snippet
from scanner.model import FileResult, Finding, Reason
from scanner.store import Store

# Raw values that exist only in the held documents on disk, never in the database.
RAW_NIK = "3174055708900007"
RAW_NIK_2 = "3578016402850003"
RAW_PHONE = "081298765432"
RAW_EMAIL = "siti.rahayu.planted@gmail.com"
RAW_VALUES = (RAW_NIK, RAW_NIK_2, RAW_PHONE, RAW_EMAIL)

PASSWORD = "rahasia-uji-123"
PERIOD = ("2026-10-01", "2026-11-30")


@dataclass
class Seeded:
    db: Path
    salt: Path
    config: Path
    review_dir: Path
    public_dir: Path
    ids: dict[str, int]


def _finding(type_: str, rule: str, kind: str, basis: str, text: str, line: str,
             location: dict, layer: str = "table", explanation: dict | None = None) -> Finding:
    f = Finding(type=type_, rule=rule, kind=kind, score=1.0, basis=basis, location=location,
                layer=layer, text=text, explanation=explanation or {}, tags={"action:block"})
    start = line.index(text)
    f.context = masked_snippet(line, start, start + len(text), f.masked, others=RAW_VALUES)
    return f


NIK_BASIS = "UU 24/2013 (Adminduk) Pasal 84; UU 27/2022 Pasal 4 ayat (3) huruf f"
PDP_BASIS = "UU 27/2022 Pasal 4 ayat (3) huruf f"
HEALTH_BASIS = "UU 27/2022 Pasal 4 ayat (2) huruf a; UU 14/2008 Pasal 17 huruf h angka 2"
MARK_BASIS = "UU 14/2008 Pasal 17 huruf c"


def _results() -> dict[str, FileResult]:
    row1 = f"Nama: Siti Rahayu ; NIK: {RAW_NIK} ; HP: {RAW_PHONE}"
    row2 = f"Nama: Budi Santoso ; NIK: {RAW_NIK_2} ; HP: -"
    health = f"Diagnosis: diabetes melitus tipe 2 ; kontak {RAW_EMAIL}"
    nik_exp = {"recognizer": "IdNikRecognizer", "pattern": "nik_16", "context_word": "nik",
               "validation": True, "text": "Identified as ID_NIK by nik_16",
               "near": "free text the UI must not show"}
    return {
        "bantuan": FileResult(
            path="/srv/incoming/daftar_penerima_bantuan.csv", sha256="a" * 64, mime="text/csv",
            size=2048, verdict="block",
            reasons=[Reason("id_nik", "NIK (Nomor Induk Kependudukan): 2 nilai ditemukan",
                            NIK_BASIS, "block")],
            findings=[
                _finding("ID_NIK", "recognizer.id-nik", "personal_data", NIK_BASIS, RAW_NIK,
                         row1, {"row": 2, "column": "NIK", "cell": "B2"}, explanation=nik_exp),
                _finding("ID_NIK", "recognizer.id-nik", "personal_data", NIK_BASIS, RAW_NIK_2,
                         row2, {"row": 3, "column": "NIK", "cell": "B3"}, explanation=nik_exp),
                _finding("PHONE_NUMBER", "recognizer.phone", "personal_data", PDP_BASIS,
                         RAW_PHONE, row1, {"row": 2, "column": "HP", "cell": "C2"}),
            ],
        ),
        "memo": FileResult(
            path="/srv/incoming/nota_dinas_anggaran.docx", sha256="b" * 64,
            mime="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            size=4096, verdict="flag",
            reasons=[Reason("marking", "Penanda klasifikasi: Sifat Rahasia", MARK_BASIS, "flag")],
            findings=[
                _finding("MARKING_RAHASIA", "marking-sifat-rahasia", "marking", MARK_BASIS,
                         "Sifat: Rahasia", "Nomor: 12/ND/2026 Sifat: Rahasia Lampiran: -",
                         {"part": "header"}, layer="header",
                         explanation={"title": "Sifat surat: Rahasia", "level": "high",
                                      "message": {"id": "Naskah bersifat rahasia.",
                                                  "en": "The document is classified."}}),
            ],
        ),
        "rekam": FileResult(
            path="/srv/incoming/rekam_medis_pasien.pdf", sha256="c" * 64,
            mime="application/pdf", size=8192, verdict="block",
            reasons=[Reason("pdp_health", "Data kesehatan seseorang", HEALTH_BASIS, "block")],
            findings=[
                _finding("PDP_HEALTH", "pdp-kesehatan-diagnosis", "personal_data",
                         HEALTH_BASIS, "Diagnosis: diabetes melitus", health, {"page": 2},
                         layer="body",
                         explanation={"title": "Diagnosis penyakit seseorang",
                                      "message": {"id": "Membuka diagnosis melanggar hak pasien.",
                                                  "en": "Disclosing a diagnosis harms the "
                                                        "patient."}}),
                _finding("EMAIL_ADDRESS", "recognizer.email", "personal_data", PDP_BASIS,
                         RAW_EMAIL, health, {"page": 2}, layer="body"),
            ],
        ),
        "laporan": FileResult(path="/srv/incoming/laporan_kinerja.pdf", sha256="d" * 64,
                              mime="application/pdf", size=1000, verdict="allow"),
        "lama": FileResult(
            path="/srv/incoming/arsip_lama.xlsx", sha256="e" * 64, mime="application/vnd.ms-excel",
            size=500, verdict="flag",
            reasons=[Reason("phone", "Nomor telepon pribadi: 1 nilai ditemukan", PDP_BASIS)],
            findings=[_finding("PHONE_NUMBER", "recognizer.phone", "personal_data", PDP_BASIS,
                               RAW_PHONE, f"HP {RAW_PHONE}", {"sheet": "Data", "cell": "D4"})],
        ),
    }


# file key -> (unit, uploader, scanned_at)
_META = {
    "bantuan": ("Dinsos", "andi.operator", "2026-10-05T08:00:00+00:00"),
    "memo": ("Dinkes", "rina.sekretariat", "2026-10-20T09:30:00+00:00"),
    "rekam": ("Dinkes", "rina.sekretariat", "2026-11-03T10:00:00+00:00"),
    "laporan": ("Dinsos", "andi.operator", "2026-11-10T07:00:00+00:00"),
    "lama": ("Dinsos", "andi.operator", "2026-08-01T07:00:00+00:00"),
}


def seed(root: Path) -> Seeded:
    """Create the database, held documents, a config file and three accounts under ``root``."""
    from scanner.watch.schema import ensure_schema
    from scanner.web import auth
    from scanner.web import db as web_db

    review, public = root / "review", root / "public"
    review.mkdir(parents=True)
    public.mkdir()
    db_path, salt = root / "saring.db", root / "saring.db.salt"
    store = Store(db_path, salt)
    ensure_schema(store.db)
    web_db.apply(store.db)
    scan_id = store.start_scan("test", {"version": "0.1.0", "rules": "t", "model": "none"})
    ids: dict[str, int] = {}
    results = _results()
    for key, result in results.items():
        unit, uploader, at = _META[key]
        file_id = store.record_file(scan_id, result, unit=unit, uploader=uploader)
        ids[key] = file_id
        name = Path(result.path).name
        held = review / name
        # The held document is the real thing: it contains the raw values (that is why it is held).
        held.write_text(
            "\n".join(f.text for f in result.findings) or "laporan", encoding="utf-8"
        )
        with store.db.conn:
            store.db["files"].update(file_id, {
                "scanned_at": at, "mode": "gate", "origin": result.path,
                "held_path": str(held) if result.verdict != "allow" else None,
                "public_path": str(public / name),
                "location": "review" if result.verdict != "allow" else "public",
            })
    store.finish_scan(scan_id, {"files": len(results)})
    # A reviewer already confirmed the medical record: its findings count as real leaks.
    store.db["files"].update(ids["rekam"], {"status": "confirmed"})
    store.add_decision("budi", "confirm", "Rekam medis, dikecualikan", file_id=ids["rekam"])
    with store.db.conn:
        store.db.execute("UPDATE findings SET is_leak = 1 WHERE file_id = ?", [ids["rekam"]])
        store.db.execute("UPDATE findings SET is_leak = 0 WHERE file_id = ?", [ids["memo"]])
    auth.add_user(store.db, "budi", PASSWORD, "reviewer")
    auth.add_user(store.db, "dina", PASSWORD, "reviewer", unit="Dinkes")
    auth.add_user(store.db, "vera", PASSWORD, "viewer")
    config = root / "saring.toml"
    config.write_text(json_toml({"db": str(db_path), "salt_file": str(salt), "use_ner": False}))
    store.db.conn.close()
    return Seeded(db_path, salt, config, review, public, ids)


def json_toml(values: dict) -> str:
    """A flat TOML document (strings, booleans) without a TOML writer dependency."""
    return "".join(f"{k} = {json.dumps(v)}\n" for k, v in values.items())
