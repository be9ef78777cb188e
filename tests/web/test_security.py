"""Nothing without login, CSRF refused, unit scoping, roles, rate limiting, headers, privacy."""

from __future__ import annotations

import httpx
from web_seed import PASSWORD, RAW_VALUES, Seeded
from web_server import Server, form_token, login

PAGES = ("/inbox", "/audit", "/report", "/users", "/files/1", "/report/export?format=csv")


def test_nothing_is_visible_without_login(server: Server):
    with httpx.Client(base_url=server.url) as anon:
        for path in PAGES:
            response = anon.get(path)
            assert response.status_code == 303, path
            assert response.headers["location"].startswith("/login?next=")
            assert "NIK" not in response.text
        posted = anon.post("/files/1/release", data={"justification": "x" * 20})
        assert posted.status_code == 401
        assert anon.get("/static/saring.css").status_code == 200  # only the stylesheet is public


def test_forged_csrf_requests_are_refused(server: Server, seeded: Seeded):
    client = login(server)
    url = f"/files/{seeded.ids['bantuan']}/release"
    good = form_token(client.get(f"/files/{seeded.ids['bantuan']}").text)
    reason = {"justification": "Rilis palsu dari situs lain"}
    assert client.post(url, data=reason).status_code == 403  # no token
    assert client.post(url, data={**reason, "csrftoken": "forged"}).status_code == 403
    cross_site = client.post(url, data={**reason, "csrftoken": good},
                             headers={"Origin": "http://evil.example", "Sec-Fetch-Site":
                                      "cross-site"})
    assert cross_site.status_code == 403
    null_origin = client.post(url, data={**reason, "csrftoken": good}, headers={"Origin": "null"})
    assert null_origin.status_code == 403
    # Another session's token does not work either (synchronizer token, bound to the session).
    other = login(server, "vera")
    foreign = form_token(other.get("/inbox").text)
    assert client.post(url, data={**reason, "csrftoken": foreign}).status_code == 403
    # Nothing happened.
    assert not (seeded.public_dir / "daftar_penerima_bantuan.csv").exists()
    assert "Rilis palsu" not in client.get("/audit").text
    # Login form too (login CSRF): without the pre-session cookie's token the post is refused.
    with httpx.Client(base_url=server.url) as anon:
        refused = anon.post("/login", data={"username": "budi", "password": PASSWORD})
        assert refused.status_code == 403


def test_session_cookie_flags_and_security_headers(server: Server):
    with httpx.Client(base_url=server.url) as client:
        token = form_token(client.get("/login").text)
        response = client.post("/login", data={"csrftoken": token, "username": "budi",
                                               "password": PASSWORD})
        cookie = next(v for k, v in response.headers.multi_items()
                      if k == "set-cookie" and v.startswith("saring_session="))
        assert "HttpOnly" in cookie and "SameSite=strict" in cookie
        page = client.get("/inbox")
        assert "script-src" not in page.headers["content-security-policy"]  # default-src 'none'
        assert page.headers["x-frame-options"] == "DENY"
        assert page.headers["cache-control"] == "no-store"
        # Logging out ends the session on the server, not only in the browser.
        client.post("/logout", data={"csrftoken": form_token(page.text)})
        assert client.get("/inbox").status_code == 303


def test_disabled_account_loses_its_session(server: Server, seeded: Seeded):
    import sqlite_utils

    from scanner.web.auth import disable_user

    client = login(server, "vera")
    assert client.get("/inbox").status_code == 200
    assert disable_user(sqlite_utils.Database(seeded.db), "vera")
    assert client.get("/inbox").status_code == 303


def test_login_is_rate_limited(server: Server):
    with httpx.Client(base_url=server.url) as client:
        token = form_token(client.get("/login").text)
        for _ in range(5):
            bad = client.post("/login", data={"csrftoken": token, "username": "budi",
                                              "password": "salah-sandi-x"})
            assert bad.status_code == 401
        # Even the right password is refused while the account is locked out.
        locked = client.post("/login", data={"csrftoken": token, "username": "budi",
                                             "password": PASSWORD})
        assert locked.status_code == 429


def test_unit_bound_reviewer_sees_only_their_unit(server: Server, seeded: Seeded):
    dina = login(server, "dina")  # unit Dinkes
    inbox = dina.get("/inbox?status=").text
    assert "nota_dinas_anggaran.docx" in inbox  # Dinkes
    assert "daftar_penerima_bantuan.csv" not in inbox  # Dinsos
    assert dina.get(f"/files/{seeded.ids['bantuan']}").status_code == 404
    token = form_token(dina.get(f"/files/{seeded.ids['memo']}").text)
    forbidden = dina.post(f"/files/{seeded.ids['bantuan']}/comment",
                          data={"csrftoken": token, "note": "bukan unit saya"})
    assert forbidden.status_code == 404
    report = dina.get("/report/export?from=2026-10-01&to=2026-11-30&format=csv").text
    assert "unit,Dinkes,total,2" in report and "Dinsos" not in report


def test_viewer_cannot_act(server: Server, seeded: Seeded):
    vera = login(server, "vera")
    page = vera.get(f"/files/{seeded.ids['bantuan']}").text
    assert "action-release" not in page
    response = vera.post(f"/files/{seeded.ids['bantuan']}/release",
                         data={"csrftoken": form_token(page),
                               "justification": "Pemirsa mencoba menerbitkan"})
    assert response.status_code == 403
    assert not (seeded.public_dir / "daftar_penerima_bantuan.csv").exists()
    assert vera.get("/users").status_code == 403


def test_release_requires_a_justification(server: Server, seeded: Seeded):
    client = login(server)
    token = form_token(client.get(f"/files/{seeded.ids['bantuan']}").text)
    response = client.post(f"/files/{seeded.ids['bantuan']}/release",
                           data={"csrftoken": token, "justification": "  "})
    assert response.status_code == 400
    assert "Justifikasi wajib" in response.text
    assert not (seeded.public_dir / "daftar_penerima_bantuan.csv").exists()


def test_audit_log_cannot_be_edited(seeded: Seeded):
    import sqlite3

    import pytest

    conn = sqlite3.connect(seeded.db)
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        conn.execute("UPDATE decisions SET note = 'diubah'")
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        conn.execute("DELETE FROM decisions")
    conn.close()


def test_no_raw_value_in_any_page_export_or_database_file(server: Server, seeded: Seeded):
    """Every page and export a reviewer can reach, and every database file, after actions."""
    client = login(server)
    bantuan = f"/files/{seeded.ids['bantuan']}"
    token = form_token(client.get(bantuan).text)
    first_finding = client.get(bantuan).text.split('id="finding-')[1].split('"')[0]
    client.post(f"/findings/{first_finding}/false-positive",
                data={"csrftoken": token, "note": "contoh"})
    client.post(f"{bantuan}/release", data={"csrftoken": token,
                                            "justification": "Sudah dianonimkan PPID"})
    bodies: list[bytes] = []
    for path in ("/inbox", "/inbox?status=", "/audit", "/report?from=2026-01-01&to=2026-12-31",
                 "/users", "/login"):
        bodies.append(client.get(path).content)
    for file_id in seeded.ids.values():
        bodies.append(client.get(f"/files/{file_id}").content)
    for fmt in ("html", "csv", "json", "xlsx"):
        export = client.get(f"/report/export?from=2026-01-01&to=2026-12-31&format={fmt}")
        assert export.status_code == 200
        bodies.append(export.content)
        if fmt == "xlsx":
            import io
            import zipfile

            with zipfile.ZipFile(io.BytesIO(export.content)) as book:
                bodies += [book.read(name) for name in book.namelist()]
    for path in seeded.db.parent.glob("saring.db*"):
        bodies.append(path.read_bytes())
    for raw in RAW_VALUES:
        for body in bodies:
            assert raw.encode() not in body, f"raw value {raw!r} leaked"
    # The planted values are really in the held documents (the test would be vacuous otherwise).
    on_disk = b"".join(p.read_bytes() for p in seeded.public_dir.parent.rglob("*.csv"))
    assert RAW_VALUES[0].encode() in on_disk


def test_explanations_are_whitelisted():
    from scanner.web.queries import safe_explanation

    shown = safe_explanation({"pattern": "nik_16", "near": "Nama: Siti", "text": "free text",
                              "message": {"id": "pesan"}})
    assert shown == {"pattern": "nik_16", "message": {"id": "pesan"}}


def test_secure_cookie_flag_is_configurable(monkeypatch):
    from scanner.config import Config
    from scanner.web.state import secure_cookies_setting

    monkeypatch.delenv("SARING_COOKIE_SECURE", raising=False)
    assert secure_cookies_setting(Config()) is False
    monkeypatch.setenv("SARING_COOKIE_SECURE", "1")
    assert secure_cookies_setting(Config()) is True


def test_audit_log_filters(server: Server, seeded: Seeded):
    client = login(server)
    confirms = client.get("/audit?action=confirm").text
    assert "Rekam medis, dikecualikan" in confirms
    assert "Rekam medis" not in client.get("/audit?action=release").text
    assert "Rekam medis" not in client.get("/audit?actor=someone-else").text
