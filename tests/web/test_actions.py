"""Reviewer actions over HTTP: false positive feeds the baseline, confirm labels the findings."""

from __future__ import annotations

import sqlite_utils
from web_seed import RAW_NIK, Seeded
from web_server import Server, form_token, login

from scanner.model import Finding
from scanner.store import Store


def test_false_positive_is_not_flagged_again(server: Server, seeded: Seeded):
    client = login(server)
    page = client.get(f"/files/{seeded.ids['bantuan']}").text
    finding_id = int(page.split('id="finding-')[1].split('"')[0])
    done = client.post(f"/findings/{finding_id}/false-positive",
                       data={"csrftoken": form_token(page), "note": "NIK contoh formulir"})
    assert done.status_code == 303
    db = sqlite_utils.Database(seeded.db)
    row = db["findings"].get(finding_id)
    assert row["is_leak"] == 0
    decision = list(db["decisions"].rows_where("finding_id = ?", [finding_id]))[0]
    assert (decision["actor"], decision["action"], decision["note"]) == (
        "budi", "false_positive", "NIK contoh formulir")
    # The next scan of the same file finds the same value by the same rule: suppressed.
    store = Store(seeded.db, seeded.salt)
    again = Finding(type="ID_NIK", rule="recognizer.id-nik", kind="personal_data", score=1.0,
                    basis="", location={"row": 9}, layer="table", text=RAW_NIK)
    assert store.suppressor()("/srv/incoming/daftar_penerima_bantuan.csv", again)
    assert not store.suppressor()("/srv/incoming/lain.csv", again)  # another file: still found


def test_confirm_keeps_the_block_and_labels_findings(server: Server, seeded: Seeded):
    client = login(server)
    page = client.get(f"/files/{seeded.ids['memo']}").text
    client.post(f"/files/{seeded.ids['memo']}/confirm",
                data={"csrftoken": form_token(page), "note": "Naskah rahasia"})
    db = sqlite_utils.Database(seeded.db)
    assert db["files"].get(seeded.ids["memo"])["status"] == "confirmed"
    assert not (seeded.public_dir / "nota_dinas_anggaran.docx").exists()
    assert (seeded.review_dir / "nota_dinas_anggaran.docx").exists()
    actions = [d["action"] for d in db["decisions"].rows_where("file_id = ?",
                                                              [seeded.ids["memo"]])]
    assert actions == ["confirm"]
    # A second confirmation is refused by the daemon's rule (already decided).
    page = client.get(f"/files/{seeded.ids['memo']}").text
    assert "action-confirm" not in page
    again = client.post(f"/files/{seeded.ids['memo']}/confirm",
                        data={"csrftoken": form_token(page)})
    assert again.status_code == 409


def test_comment_requires_text(server: Server, seeded: Seeded):
    client = login(server)
    page = client.get(f"/files/{seeded.ids['memo']}").text
    empty = client.post(f"/files/{seeded.ids['memo']}/comment",
                        data={"csrftoken": form_token(page), "note": "   "})
    assert empty.status_code == 400
