"""Take the README's screenshots of the review UI (inbox, a finding's detail, the report).

Usage: python scripts/screenshots.py [OUT_DIR]   (default docs/screenshots/)

Why a script and not hand-made images: the pictures stay true to the templates. It seeds the
same fake database as the web tests (tests/web/web_seed.py: fake people, masked values only),
starts the UI on a free 127.0.0.1 port and drives Debian's chromium headless through Playwright.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests" / "web"))

from web_seed import PASSWORD, PERIOD, seed  # noqa: E402
from web_server import CHROMIUM, CHROMIUM_ARGS, Server  # noqa: E402


def main(out: Path) -> None:
    from playwright.sync_api import sync_playwright

    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        seeded = seed(Path(tmp))
        server = Server(seeded.config)
        try:
            with sync_playwright() as pw:
                browser = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                                             args=CHROMIUM_ARGS)
                page = browser.new_page(viewport={"width": 1280, "height": 800})
                page.goto(server.url + "/login")
                page.fill("input[name=username]", "budi")
                page.fill("input[name=password]", PASSWORD)
                page.click("button[type=submit]")
                page.wait_for_url(server.url + "/inbox")
                page.goto(server.url + "/inbox?status=")
                page.locator("table.inbox tbody tr", has_text="daftar_penerima_bantuan.csv") \
                    .locator("details.preview summary").click()
                page.screenshot(path=str(out / "inbox.png"), full_page=True)
                page.goto(f"{server.url}/files/{seeded.ids['bantuan']}")
                page.fill("form.action-comment textarea[name=note]",
                          "Kolom NIK dan HP harus dihapus sebelum terbit; hubungi Dinsos.")
                page.click("form.action-comment button[type=submit]")
                page.wait_for_selector(".alert-ok")
                page.screenshot(path=str(out / "finding-detail.png"), full_page=True)
                page.goto(f"{server.url}/report?from={PERIOD[0]}&to={PERIOD[1]}")
                page.screenshot(path=str(out / "report.png"), full_page=True)
                browser.close()
        finally:
            server.stop()
    for name in ("inbox.png", "finding-detail.png", "report.png"):
        print(out / name)


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else REPO / "docs" / "screenshots")
