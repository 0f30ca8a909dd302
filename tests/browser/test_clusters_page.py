"""The cluster explorer in a real browser, offline (layouts/ + callbacks/clusters_page.py)."""

from __future__ import annotations

import re

MAIN_MARKERS = "#cl-map g.geo:not(.geo2) .scattergeo path.point"
TABLE_ROWS = "#cl-table tbody tr"
PROFILE_SOURCE = "#cl-profile-source"
TIMEOUT = 20_000


def _open(page, url: str) -> None:
    page.goto(url)
    page.wait_for_selector(MAIN_MARKERS, timeout=TIMEOUT)
    page.wait_for_selector(TABLE_ROWS, timeout=TIMEOUT)


def _table_clusters(page) -> list[str]:
    return page.eval_on_selector_all(TABLE_ROWS, "rows => rows.map(r => r.dataset.cluster)")


def _wait_for_rows(page, expected: list[str]) -> None:
    page.wait_for_function(
        "ids => JSON.stringify([...document.querySelectorAll('#cl-table tbody tr')]"
        ".map(r => r.dataset.cluster)) === JSON.stringify(ids)",
        arg=expected,
        timeout=TIMEOUT,
    )


def _search(page, text: str) -> None:
    page.fill("#cl-search", text)
    page.press("#cl-search", "Enter")


def test_page_places_every_cluster_offline(offline_page, server_url, cur) -> None:
    page = offline_page.page
    _open(page, server_url + "/clusters")
    on_map = cur.execute("SELECT count(*) FROM clusters WHERE NOT outside_map").fetchone()[0]
    total = cur.execute("SELECT count(*) FROM clusters").fetchone()[0]
    drawn = page.evaluate(
        "document.querySelector('#cl-map .js-plotly-plot').data"
        ".filter(t => t.type === 'scattergeo' && (t.geo || 'geo') === 'geo' && t.customdata)"
        ".flatMap(t => t.customdata.map(c => c[0]))"
    )
    assert len(drawn) == len(set(drawn)) == on_map
    assert len(_table_clusters(page)) == total
    assert "Донецкая Народная Республика" in page.inner_text("#cl-outside")
    assert offline_page.blocked == []  # no CDN, no tile or topojson host
    assert offline_page.console_errors == []


def test_search_then_marker_click_opens_the_profile(offline_page, server_url) -> None:
    page = offline_page.page
    _open(page, server_url + "/clusters")
    # lower case and «е» for the «мёд» the source prints
    _search(page, "органический мед")
    _wait_for_rows(page, ["kya-organic"])
    page.wait_for_function(
        f"() => document.querySelectorAll('{MAIN_MARKERS}').length === 1", timeout=TIMEOUT
    )
    box = page.locator(MAIN_MARKERS).first.bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(x, y)  # plotly's geo click follows its hover
    page.mouse.click(x, y)
    page.wait_for_selector(
        f"{PROFILE_SOURCE}:has-text('000_fcbe2c7568999b02.txt:514')", timeout=TIMEOUT
    )
    assert "органический кластер" in page.inner_text("#cl-profile-name")
    page.wait_for_url(re.compile(r"cluster=kya-organic"), timeout=TIMEOUT)
    assert offline_page.console_errors == []


def test_row_click_opens_the_profile_and_marks_the_row(offline_page, server_url) -> None:
    page = offline_page.page
    _open(page, server_url + "/clusters")
    _search(page, "зеленоград")
    _wait_for_rows(page, ["mow-zelenograd"])
    page.click("#cl-table tbody tr[data-cluster='mow-zelenograd'] button")
    page.wait_for_selector(
        f"{PROFILE_SOURCE}:has-text('003_2798292aea7c5742.txt:48')", timeout=TIMEOUT
    )
    page.wait_for_selector(
        "#cl-table tr[aria-selected='true'][data-cluster='mow-zelenograd']", timeout=TIMEOUT
    )
    assert "соответствует" in page.inner_text("#cl-profile")  # ≥ 40 organisations: > 120


def test_profile_address_in_english(offline_page, server_url) -> None:
    page = offline_page.page
    _open(page, server_url + "/clusters?cluster=ta-kamsky-innovative&lang=en")
    page.wait_for_selector(
        f"{PROFILE_SOURCE}:has-text('003_2798292aea7c5742.txt:99')", timeout=TIMEOUT
    )
    profile = page.inner_text("#cl-profile")
    assert "Official criteria" in profile and "not enough data" in profile
    assert "meets" not in profile.replace("not enough data", "")
    assert page.get_attribute("#cl-lang-link", "href") == ("/clusters?cluster=ta-kamsky-innovative")


def test_csv_export_downloads_the_shown_rows(offline_page, server_url) -> None:
    page = offline_page.page
    _open(page, server_url + "/clusters")
    _search(page, "зеленоград")
    _wait_for_rows(page, ["mow-zelenograd"])
    with page.expect_download(timeout=TIMEOUT) as download:
        page.click("#cl-export-csv")
    text = open(download.value.path(), encoding="utf-8-sig").read()  # noqa: SIM115
    assert text.startswith("Атлас кластеров")
    assert "003_2798292aea7c5742.txt" in text.split("cluster_id,")[0]  # header block
    assert text.count("mow-zelenograd") == 1
