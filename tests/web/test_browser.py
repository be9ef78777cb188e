"""The officer's path through the UI in a real browser (Debian chromium + Playwright)."""

from __future__ import annotations

from web_seed import PASSWORD, RAW_VALUES, Seeded
from web_server import Server


def _sign_in(page, server: Server, name: str = "budi") -> None:  # noqa: ANN001 - playwright Page
    page.goto(server.url + "/inbox")
    assert page.url.startswith(server.url + "/login"), "the inbox must ask for a login first"
    page.fill("input[name=username]", name)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(server.url + "/inbox")


def test_release_a_blocked_file_with_justification(browser, server: Server, seeded: Seeded):
    page = browser.new_page()
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    _sign_in(page, server)

    # Inbox: the open flagged/blocked files, with verdict, unit and uploader.
    rows = page.locator("table.inbox tbody tr")
    assert rows.count() == 3  # bantuan, memo, lama (open); rekam is already confirmed
    inbox_text = page.inner_text("table.inbox")
    assert "daftar_penerima_bantuan.csv" in inbox_text and "DIBLOKIR" in inbox_text
    assert "Dinsos" in inbox_text and "andi.operator" in inbox_text

    # Each row unfolds (no JavaScript: <details>) to its findings: type, masked snippet,
    # location and legal basis.
    row = page.locator("table.inbox tbody tr", has_text="daftar_penerima_bantuan.csv")
    row.locator("details.preview summary").click()
    preview = row.locator("details.preview ul").inner_text()
    assert "3174********0007" in preview and "baris 2, kolom NIK" in preview
    assert "UU 24/2013 (Adminduk) Pasal 84" in preview

    page.click("text=daftar_penerima_bantuan.csv")
    page.wait_for_url(f"{server.url}/files/{seeded.ids['bantuan']}")
    detail = page.inner_text("main")
    assert "3174********0007" in detail  # masked value
    assert "baris 2, kolom NIK" in detail  # location
    assert "UU 24/2013 (Adminduk) Pasal 84" in detail  # legal basis
    for raw in RAW_VALUES:
        assert raw not in page.content()

    # The justification is mandatory: the browser refuses an empty one (required + minlength).
    page.click("form.action-release button[type=submit]")
    assert page.url == f"{server.url}/files/{seeded.ids['bantuan']}"
    assert not (seeded.public_dir / "daftar_penerima_bantuan.csv").exists()

    reason = "Data sudah dianonimkan ulang oleh PPID; lampiran publik sesuai SK 12/2026"
    page.fill("form.action-release textarea[name=justification]", reason)
    page.click("form.action-release button[type=submit]")
    page.wait_for_selector(".alert-ok")
    assert "Berkas diterbitkan" in page.inner_text(".alert-ok")
    assert "diterbitkan" in page.inner_text("dd.status")

    # Published through the daemon's mechanism: the held file moved to the public folder.
    published = seeded.public_dir / "daftar_penerima_bantuan.csv"
    assert published.is_file()
    assert not (seeded.review_dir / "daftar_penerima_bantuan.csv").exists()

    # And in the audit log, with who and why.
    page.click("nav >> text=Log audit")
    page.wait_for_url(server.url + "/audit")
    first = page.locator("table.audit tbody tr").first
    entry = first.inner_text()
    assert "budi" in entry and "terbitkan" in entry and reason in entry
    assert problems == [], f"browser console errors (CSP?): {problems}"
    page.close()


def test_mark_false_positive_and_comment(browser, server: Server, seeded: Seeded):
    page = browser.new_page()
    _sign_in(page, server)
    page.goto(f"{server.url}/files/{seeded.ids['bantuan']}")
    first = page.locator("article.finding").first
    first.locator("input[name=note]").fill("Nomor contoh pada formulir kosong")
    first.locator("text=Tandai positif palsu").click()
    page.wait_for_selector(".alert-ok")
    assert "positif palsu" in page.locator("article.finding").first.inner_text()
    page.fill("form.action-comment textarea[name=note]", "Mohon cek ulang kolom HP")
    page.click("form.action-comment button[type=submit]")
    page.wait_for_selector(".alert-ok")
    history = page.inner_text("table.audit")
    assert "Mohon cek ulang kolom HP" in history and "positif palsu" in history
    page.close()


def test_english_switch_and_unauthenticated_redirect(browser, server: Server):
    page = browser.new_page()
    page.goto(server.url + "/report")
    assert "/login?next=/report" in page.url
    page.click("text=EN")
    assert page.locator("h1").inner_text() == "Sign in"
    page.fill("input[name=username]", "budi")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(server.url + "/report")
    assert "Saring report" in page.inner_text("h1")
    assert page.locator("main svg.chart").count() >= 4
    page.close()
