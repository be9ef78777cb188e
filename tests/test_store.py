"""The findings store: migrations, WAL, masked values only, append-only decisions."""

from __future__ import annotations

import sqlite3
import stat

import pytest

from scanner.model import FileResult, Finding, Reason
from scanner.store import Store

RAW = ["3509122101642195", "0812-3456-7890", "siti.aminah@gmail.com"]


def _result() -> FileResult:
    findings = [
        Finding(
            type="ID_NIK",
            rule="recognizer.id-nik",
            kind="personal_data",
            score=1.0,
            basis="UU 27/2022",
            location={"sheet": "Data", "cell": "C5"},
            layer="table",
            text=RAW[0],
            context="NIK: [3509********2195]",
            tags={"action:block"},
        ),
        Finding(
            type="PHONE_NUMBER",
            rule="recognizer.phone",
            kind="personal_data",
            score=0.8,
            basis="",
            location={"page": 2},
            layer="comment",
            text=RAW[1],
        ),
        Finding(
            type="EMAIL_ADDRESS",
            rule="recognizer.email",
            kind="personal_data",
            score=0.8,
            basis="",
            location={"page": 2},
            layer="body",
            text=RAW[2],
        ),
    ]
    return FileResult(
        path="data/bantuan.xlsx",
        sha256="ab" * 32,
        mime="x",
        verdict="block",
        reasons=[Reason("id_nik", "NIK ditemukan", "UU 27/2022", "block")],
        findings=findings,
    )


def test_store_holds_no_raw_value(tmp_path) -> None:
    store = Store(tmp_path / "f.db")
    scan = store.start_scan("cli", {"version": "t"})
    file_id = store.record_file(scan, _result())
    store.finish_scan(scan, {"files": 1, "block": 1})
    store.db.conn.commit()
    # Every byte of the database, its WAL and its shared memory file.
    blob = b"".join(p.read_bytes() for p in tmp_path.iterdir() if p.name.startswith("f.db"))
    for raw in RAW:
        assert raw.encode() not in blob
    rows = list(store.db["findings"].rows_where("file_id = ?", [file_id]))
    assert [r["masked"] for r in rows][0] == "3509********2195"
    assert all(len(r["value_hash"]) == 64 for r in rows)
    assert store.db.journal_mode == "wal"


def test_salt_is_private_and_stable(tmp_path) -> None:
    s1 = Store(tmp_path / "f.db")
    mode = stat.S_IMODE((tmp_path / "f.db.salt").stat().st_mode)
    assert mode == 0o600
    s2 = Store(tmp_path / "f.db")
    assert s1.salt == s2.salt
    assert s1.salt.hex() not in b"".join(
        p.read_bytes()
        for p in tmp_path.iterdir()
        if p.name.startswith("f.db") and p.suffix != ".salt"
    ).decode("latin-1")


def test_fingerprint_ignores_location(tmp_path) -> None:
    store = Store(tmp_path / "f.db")
    scan = store.start_scan("cli", {})
    a = store.record_file(scan, _result())
    moved = _result()
    moved.findings[0].location = {"sheet": "Data", "cell": "C99"}
    b = store.record_file(scan, moved)
    fp = [
        list(store.db["findings"].rows_where("file_id = ? and type = 'ID_NIK'", [i]))[0][
            "fingerprint"
        ]
        for i in (a, b)
    ]
    assert fp[0] == fp[1]


def test_decisions_are_append_only(tmp_path) -> None:
    store = Store(tmp_path / "f.db")
    decision = store.add_decision("ani", "release", "surat sudah disensor", file_id=1)
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        store.db.execute("UPDATE decisions SET note = 'x' WHERE id = ?", [decision])
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        store.db.execute("DELETE FROM decisions")


def test_migrations_are_recorded_and_idempotent(tmp_path) -> None:
    Store(tmp_path / "f.db")
    store = Store(tmp_path / "f.db")
    names = [r["name"] for r in store.db["_sqlite_migrations"].rows]
    assert names == ["m001_initial"]
