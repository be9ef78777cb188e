"""`saring scan` end to end on real PDF/DOCX/XLSX/HTML/TXT/CSV files: verdicts, locations,
the JSON contract, masking, the database and every exit code."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from builders import (
    KK,
    MOBILE,
    NIK_MAN,
    NIK_WOMAN,
    PRIVATE_EMAIL,
    docx_file,
    pdf,
    press_release_html,
    xlsx,
)


def saring(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "scanner.cli", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=300,
    )


@pytest.fixture(scope="module")
def docs(tmp_path_factory) -> dict[str, Path]:
    d = tmp_path_factory.mktemp("docs")
    return {
        "pdf": pdf(
            d / "rekap_bantuan.pdf",
            [
                ["REKAPITULASI PENERIMA BANTUAN", "Halaman pertama tanpa data pribadi."],
                ["No Nama NIK", f"1 Siti Aminah NIK {NIK_WOMAN}", f"2 Budi Santoso NIK {NIK_MAN}"],
            ],
        ),
        "docx": docx_file(
            d / "memo.docx",
            ["Pemberitahuan jadwal rapat koordinasi."],
            header=f"Pemohon: Siti Aminah, NIK: {NIK_WOMAN}",
        ),
        "xlsx": xlsx(
            d / "data.xlsx",
            "Data",
            [
                ["No", "Nama", "NIK", "Nomor KK"],
                [1, "Siti Aminah", NIK_WOMAN, KK],
            ],
        ),
        "html": press_release_html(d / "siaran_pers.html"),
        "txt": _write(
            d / "aduan.txt",
            f"Aduan warga tentang jalan rusak.\nPelapor dapat dihubungi di HP {MOBILE}.\n",
        ),
        "csv": _write(
            d / "penerima.csv",
            f"Nama;NIK;Alamat\nSiti Aminah;{NIK_WOMAN};Gg. Mawar 4, RT 002/RW 003\n",
        ),
    }


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def scanned(docs, tmp_path_factory) -> tuple[dict, subprocess.CompletedProcess, Path]:
    db = tmp_path_factory.mktemp("db") / "t.db"
    proc = saring("scan", *map(str, docs.values()), "--format", "json", "--db", str(db))
    return json.loads(proc.stdout), proc, db


def by_name(report: dict, name: str) -> dict:
    return next(f for f in report["files"] if Path(f["path"]).name == name)


def test_json_contract(scanned) -> None:
    report, proc, _ = scanned
    assert proc.returncode == 2, proc.stderr
    assert set(report) == {"tool", "files", "summary"}
    assert report["tool"]["name"] == "saring" and report["tool"]["rules"]
    assert report["summary"]["files"] == 6
    assert sum(report["summary"][v] for v in ("allow", "flag", "block")) == 6
    for f in report["files"]:
        assert {"path", "sha256", "mime", "verdict", "reasons", "findings"} <= set(f)
        assert len(f["sha256"]) == 64
        for finding in f["findings"]:
            assert {"type", "rule", "kind", "score", "basis", "location", "layer", "masked"} <= set(
                finding
            )
            assert "text" not in finding  # only with --reveal


@pytest.mark.parametrize(
    "name, verdict, type_, location",
    [
        ("rekap_bantuan.pdf", "block", "ID_NIK", {"page": 2}),
        ("memo.docx", "block", "ID_NIK", {"part": "header"}),
        ("data.xlsx", "block", "ID_NIK", {"sheet": "Data", "cell": "C2"}),
        ("data.xlsx", "block", "ID_KK", {"sheet": "Data", "cell": "D2"}),
        ("penerima.csv", "block", "ID_NIK", {"row": 2, "column": "NIK"}),
        ("aduan.txt", "flag", "PHONE_NUMBER", {"line": 2}),
    ],
)
def test_verdict_and_location(scanned, name: str, verdict: str, type_: str, location: dict) -> None:
    f = by_name(scanned[0], name)
    assert f["verdict"] == verdict
    hits = [x for x in f["findings"] if x["type"] == type_]
    assert hits, f["findings"]
    assert any(location.items() <= x["location"].items() for x in hits), hits


def test_public_press_release_is_allowed(scanned) -> None:
    f = by_name(scanned[0], "siaran_pers.html")
    assert f["verdict"] == "allow", f["reasons"]
    assert f["findings"] == []


def test_no_raw_value_without_reveal(scanned) -> None:
    report, proc, db = scanned
    for raw in (NIK_MAN, NIK_WOMAN, KK, MOBILE):
        assert raw not in proc.stdout
    blob = b"".join(
        p.read_bytes()
        for p in db.parent.iterdir()
        if p.name.startswith("t.db") and not p.name.endswith(".salt")
    )
    for raw in (NIK_MAN, NIK_WOMAN, KK, MOBILE, PRIVATE_EMAIL):
        assert raw.encode() not in blob


def test_reveal_shows_the_value(docs) -> None:
    proc = saring("scan", str(docs["csv"]), "--format", "json", "--no-db", "--reveal")
    finding = json.loads(proc.stdout)["files"][0]["findings"][0]
    assert NIK_WOMAN in [x.get("text") for x in json.loads(proc.stdout)["files"][0]["findings"]]
    assert finding["masked"] != finding["text"]


def test_text_output_in_indonesian_and_english(docs) -> None:
    proc = saring("scan", str(docs["csv"]), "--no-db")
    assert proc.returncode == 2
    assert "DIBLOKIR" in proc.stdout and "kolom NIK" in proc.stdout
    assert NIK_WOMAN not in proc.stdout
    proc = saring("scan", str(docs["csv"]), "--no-db", "--lang", "en")
    assert "BLOCK" in proc.stdout and "column NIK" in proc.stdout


def test_folder_is_scanned_recursively(docs) -> None:
    folder = docs["html"].parent
    (folder / "sub").mkdir(exist_ok=True)
    (folder / "sub" / "~$lock.docx").write_bytes(b"lock file of Word")
    proc = saring("scan", str(folder), "--format", "json", "--no-db", "-q")
    names = {Path(f["path"]).name for f in json.loads(proc.stdout)["files"]}
    assert names == {p.name for p in docs.values()}


@pytest.mark.parametrize("key, code", [("html", 0), ("txt", 1), ("csv", 2)])
def test_exit_codes_follow_the_verdict(docs, key: str, code: int) -> None:
    assert saring("scan", str(docs[key]), "--no-db").returncode == code


def test_exit_66_for_missing_input(tmp_path) -> None:
    proc = saring("scan", str(tmp_path / "tidak-ada.pdf"), "--no-db")
    assert proc.returncode == 66
    assert "tidak ditemukan" in proc.stderr and "Traceback" not in proc.stderr


@pytest.mark.parametrize("args", [["scan", "--no-such-option", "x"], ["scan"], ["hapus"]])
def test_exit_64_for_usage_errors(args: list[str]) -> None:
    proc = saring(*args)
    assert proc.returncode == 64
    assert "Traceback" not in proc.stderr


def test_exit_64_for_a_broken_config(docs, tmp_path) -> None:
    cfg = tmp_path / "saring.toml"
    cfg.write_text("timeout_s = -3\n")
    proc = saring("scan", str(docs["html"]), "--config", str(cfg), "--no-db")
    assert proc.returncode == 64
    assert "timeout_s" in proc.stderr and "Traceback" not in proc.stderr


def test_exit_64_for_a_broken_rule_pack(docs, tmp_path) -> None:
    rules = tmp_path / "rules" / "markings"
    rules.mkdir(parents=True)
    (rules / "rusak.yaml").write_text("id: rusak\ntitle: [tidak ditutup\n")
    cfg = tmp_path / "saring.toml"
    cfg.write_text('rules_dir = "rules"\n')
    proc = saring("scan", str(docs["html"]), "--config", str(cfg), "--no-db")
    assert proc.returncode == 64
    assert "rusak" in proc.stderr and "Traceback" not in proc.stderr


def test_exit_70_for_an_internal_error(docs, monkeypatch, capsys) -> None:
    from scanner import cli, pipeline

    def boom(self, path, display_path=None):  # noqa: ANN001
        raise RuntimeError("simulated parser bug")

    monkeypatch.setattr(pipeline.Scanner, "scan_file", boom)
    with pytest.raises(SystemExit) as exit_info:
        cli.main(["scan", str(docs["html"]), "--no-db"])
    assert exit_info.value.code == 70
    err = capsys.readouterr().err
    assert "simulated parser bug" in err and "Traceback" not in err


def test_unreadable_file_is_flagged_not_allowed(tmp_path) -> None:
    broken = tmp_path / "rusak.pdf"
    broken.write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog >>\n")  # truncated
    proc = saring("scan", str(broken), "--format", "json", "--no-db")
    f = json.loads(proc.stdout)["files"][0]
    assert f["verdict"] != "allow" and f["error"]
    assert proc.returncode in (1, 2)


def test_lying_extension_is_reported(tmp_path, docs) -> None:
    fake_pdf = tmp_path / "laporan.pdf"
    fake_pdf.write_bytes(docs["xlsx"].read_bytes())
    proc = saring("scan", str(fake_pdf), "--format", "json", "--no-db")
    f = json.loads(proc.stdout)["files"][0]
    assert "FILE_TYPE_MISMATCH" in [x["type"] for x in f["findings"]]
    assert "ID_NIK" in [x["type"] for x in f["findings"]]  # still read as the spreadsheet it is
