"""Report figures against the seeded database: HTML, CSV, JSON, XLSX, CLI and the UI page."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
import sqlite_utils
from web_seed import PERIOD, RAW_VALUES, Seeded
from web_server import Server, login

from scanner.report import build_report, render, to_csv

START, END = (date.fromisoformat(d) for d in PERIOD)


def _report(seeded: Seeded, **kw):  # noqa: ANN202
    return build_report(sqlite_utils.Database(seeded.db), START, END, **kw)


def _csv(text: str) -> dict[tuple[str, str, str], str]:
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows[0] == ["section", "key", "metric", "value"]
    return {(s, k, m): v for s, k, m, v in rows[1:]}


def test_counts_by_verdict_unit_month_type_and_article(seeded: Seeded):
    rep = _report(seeded)
    assert rep.files == 4  # arsip_lama.xlsx (August) is outside the period
    assert rep.by_verdict == {"allow": 1, "flag": 1, "block": 2}
    assert rep.by_status == {"open": 2, "released": 0, "confirmed": 1, "none": 1}
    assert {r["unit"]: r["total"] for r in rep.by_unit} == {"Dinkes": 2, "Dinsos": 2}
    assert [(r["month"], r["flag"], r["block"], r["allow"]) for r in rep.by_month] == [
        ("2026-10", 1, 1, 0), ("2026-11", 0, 1, 1)]
    types = {r["type"]: r["findings"] for r in rep.by_type}
    assert types == {"ID_NIK": 2, "PHONE_NUMBER": 1, "MARKING_RAHASIA": 1, "PDP_HEALTH": 1,
                     "EMAIL_ADDRESS": 1}
    articles = {r["basis"]: r["findings"] for r in rep.by_basis}
    assert articles["UU 27/2022 Pasal 4 ayat (3) huruf f"] == 4  # NIK x2, phone, e-mail
    assert articles["UU 14/2008 Pasal 17 huruf c"] == 1
    assert rep.top_rules[0] == {"rule": "recognizer.id-nik", "findings": 2, "files": 1}


def test_precision_turnaround_and_exempt_list(seeded: Seeded):
    rep = _report(seeded)
    precision = {r["rule"]: r for r in rep.precision}
    assert precision["recognizer.email"]["precision"] == 1.0
    assert precision["marking-sifat-rahasia"]["precision"] == 0.0
    assert "recognizer.id-nik" not in precision  # nothing labelled yet
    assert rep.turnaround["decided"] == 1 and rep.turnaround["median_h"] > 0
    assert len(rep.exempt) == 2  # rekam_medis_pasien.pdf: health data and e-mail
    health = next(r for r in rep.exempt if "Pasal 17 huruf h" in r["dasar_hukum"])
    assert "rekam_medis_pasien.pdf" in health["informasi"]
    assert health["konsekuensi"] == "Membuka diagnosis melanggar hak pasien."
    assert "Pasal 18" in health["jangka_waktu"]


def test_unit_filter(seeded: Seeded):
    rep = _report(seeded, unit="Dinkes")
    assert rep.files == 2 and rep.by_verdict == {"allow": 0, "flag": 1, "block": 1}


def test_csv_html_json_xlsx(seeded: Seeded):
    rep = _report(seeded)
    rows = _csv(to_csv(rep))
    assert rows[("total", "files", "files")] == "4"
    assert rows[("verdict", "block", "files")] == "2"
    assert rows[("unit", "Dinkes", "total")] == "2"
    assert rows[("month", "2026-10", "total")] == "2"
    assert rows[("type", "ID_NIK", "findings")] == "2"
    assert rows[("precision", "recognizer.email", "precision")] == "1.0"
    assert rows[("dik", "1", "jangka_waktu")]
    html = render(rep, "html").decode()
    assert html.startswith("<!doctype html>") and "<script" not in html
    assert html.count("<svg") == 5 and "<polyline" in html and "<rect" in html
    assert 'data-key="verdict-block">2<' in html and 'data-key="files">4<' in html
    assert "Daftar Informasi yang Dikecualikan" in html and "<style>" in html
    assert "http://" not in html.replace('xmlns="http://www.w3.org/2000/svg"', "")  # offline
    assert json.loads(render(rep, "json"))["by_verdict"]["block"] == 2
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(render(rep, "xlsx")))
    assert book.sheetnames == ["ringkasan", "DIK"]
    assert book["DIK"].max_row == 3  # header + 2 rows
    for fmt in ("html", "csv", "json"):
        for raw in RAW_VALUES:
            assert raw not in render(rep, fmt).decode()


def test_english_report(seeded: Seeded):
    html = render(_report(seeded, lang="en"), "html").decode()
    assert "Files by verdict" in html and "Exempt information list" in html


def test_csv_neutralises_formulas():
    from scanner.report import _safe_cell

    assert _safe_cell("=HYPERLINK(1)") == "'=HYPERLINK(1)"
    assert _safe_cell("Dinkes") == "Dinkes"


def _saring(*args: str, stdin: str = "") -> subprocess.CompletedProcess:
    # Not ``-m scanner.cli``: as __main__ its CliError would be a different class from the one
    # scanner.cli_review raises, exactly as in the installed ``saring`` entry point it is not.
    code = "import sys; from scanner.cli import main; main(sys.argv[1:])"
    return subprocess.run([sys.executable, "-c", code, *args], input=stdin,
                          capture_output=True, text=True, timeout=120)


def test_cli_report_and_user_commands(seeded: Seeded, tmp_path: Path):
    out = tmp_path / "laporan.csv"
    done = _saring("report", "--from", PERIOD[0], "--to", PERIOD[1], "--format", "csv",
                   "--output", str(out), "--db", str(seeded.db))
    assert done.returncode == 0, done.stderr
    assert _csv(out.read_text(encoding="utf-8-sig"))[("verdict", "block", "files")] == "2"
    html = _saring("report", "--from", PERIOD[0], "--to", PERIOD[1], "--db", str(seeded.db),
                   "--lang", "en")
    assert html.returncode == 0 and "Files by verdict" in html.stdout
    bad = _saring("report", "--from", "2026-13-01", "--to", PERIOD[1], "--db", str(seeded.db))
    assert bad.returncode == 64
    missing = _saring("report", "--from", PERIOD[0], "--to", PERIOD[1], "--db",
                      str(tmp_path / "nope.db"))
    assert missing.returncode == 66
    added = _saring("user", "add", "sari", "--role", "admin", "--unit", "Dinsos",
                    "--password-stdin", "--db", str(seeded.db), stdin="sandi-yang-panjang\n")
    assert added.returncode == 0, added.stderr
    listed = _saring("user", "list", "--db", str(seeded.db))
    assert "sari\tadmin\tDinsos" in listed.stdout
    short = _saring("user", "add", "x", "--password-stdin", "--db", str(seeded.db), stdin="pendek\n")
    assert short.returncode == 64 and "minimal 10" in short.stderr
    stored = sqlite_utils.Database(seeded.db)["users"].get(4)["password_hash"]
    assert stored.startswith("$argon2id$")
    assert _saring("user", "disable", "sari", "--db", str(seeded.db)).returncode == 0
    assert "sari\tadmin\tDinsos (nonaktif)" in _saring("user", "list", "--db",
                                                        str(seeded.db)).stdout
    assert _saring("user", "disable", "nobody", "--db", str(seeded.db)).returncode == 66


@pytest.mark.parametrize("lang,title", [("id", "Laporan Saring"), ("en", "Saring report")])
def test_report_page_in_the_ui(server: Server, lang: str, title: str):
    client = login(server)
    client.get(f"/lang?to={lang}")
    page = client.get(f"/report?from={PERIOD[0]}&to={PERIOD[1]}").text
    assert title in page and page.count("<svg") == 5
    assert 'data-key="verdict-block">2<' in page
    export = client.get(f"/report/export?from={PERIOD[0]}&to={PERIOD[1]}&format=csv")
    assert export.headers["content-disposition"].endswith('.csv"')
    assert _csv(export.text)[("unit", "Dinsos", "total")] == "2"
