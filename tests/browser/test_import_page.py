"""The /import page in Debian chromium under the app's CSP: drop a file, dry run, publish, map."""

from __future__ import annotations

from pathlib import Path

from tests.browser.conftest import OfflinePage, _free_port, served_app
from tests.helpers import build_db

FIXTURE = Path(__file__).parents[1] / "data" / "import" / "orgs_fixture.csv"
TOKEN = "browser-test-token"


def test_upload_dry_run_publish_and_map(browser, tmp_path) -> None:
    build_db(tmp_path)
    with served_app(tmp_path, _free_port(), "import.log", ATLAS_ADMIN_TOKEN=TOKEN) as url:
        tab = OfflinePage(browser, url)
        page = tab.page
        try:
            page.goto(url + "/import?lang=en")
            page.fill("#imp-token", TOKEN)
            page.fill("#imp-dataset-id", "browser-orgs")
            page.fill("#imp-label", "Browser test orgs")
            page.set_input_files("#imp-upload input[type=file]", str(FIXTURE))
            page.wait_for_selector("#imp-counts", timeout=30_000)
            assert page.locator('[data-key="imp_rows_read"]').inner_text() == "27"
            assert "2016–2023" in page.locator("#imp-years").inner_text()
            page.click("#imp-publish")
            page.wait_for_selector("#imp-map-link", timeout=30_000)
            assert "atlas-" in page.locator("#imp-done").inner_text()
            page.click("#imp-map-link")
            page.wait_for_selector("#dataset", timeout=30_000)
            assert "Browser test orgs" in page.locator("#dataset").inner_text()
            assert tab.console_errors == [] and tab.blocked == []
        finally:
            tab.close()
