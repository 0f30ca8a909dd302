"""The side panels and /methodology in a real browser, offline (tests layouts/profile.py,
layouts/rankings.py, layouts/compare.py, layouts/methodology_page.py and their callbacks)."""

from __future__ import annotations

import re

from atlas.store import Reader

PLOT = "document.querySelector('#{id} .js-plotly-plot')"


def _open_tab(page, name: str) -> None:
    page.locator("#side-tab label", has_text=name).click()


def _plot_traces(page, graph_id: str) -> list[dict]:
    page.wait_for_function(f"() => {PLOT.format(id=graph_id)}?.data?.length > 0", timeout=20_000)
    return page.evaluate(f"{PLOT.format(id=graph_id)}.data.map(t => ({{name: t.name, x: t.x}}))")


def test_profile_shows_the_subjects_clusters_with_source_lines(offline_page, server_url) -> None:
    page = offline_page.page
    page.goto(server_url + "/?selected=RU-TA")
    page.wait_for_selector("#profile-clusters .source-line", timeout=20_000)
    assert page.inner_text("#profile-name") == "Республика Татарстан"
    lines = page.locator("#profile-clusters .source-line").all_inner_texts()
    assert lines and all(re.fullmatch(r"\d{3}_[0-9a-f]{16}\.txt:\d+", s) for s in lines), lines
    assert "Источники всех цифр" in page.inner_text("#profile-panel")
    assert offline_page.blocked == [] and offline_page.console_errors == []


def test_profile_of_created_draws_tatarstan_and_russia(offline_page, server_url) -> None:
    page = offline_page.page
    page.goto(server_url + "/?selected=RU-TA&metric=created")
    traces = _plot_traces(page, "profile-chart")
    assert [t["name"] for t in traces] == ["Татарстан", "Россия"]  # no published VFD row
    assert "419 ед." in page.inner_text("#profile-panel")
    assert offline_page.console_errors == []


def test_rankings_table_lists_the_published_top_20(offline_page, server_url) -> None:
    page = offline_page.page
    page.goto(server_url + "/?metric=created")
    _open_tab(page, "Рейтинг")
    names = '#rankings-table td[data-dash-column="name"]'
    page.wait_for_function(
        f"() => document.querySelectorAll('{names}').length === 20", timeout=20_000
    )
    first = page.locator('#rankings-table td[data-dash-column="value"]').first.inner_text()
    assert first.strip() == "7\u202f413"  # Moscow, in the Russian number format
    assert len(_plot_traces(page, "rankings-chart")[0]["x"]) == 20
    # The native filter narrows the table as one types.
    page.locator('#rankings-table th[data-dash-column="name"] input[type="text"]').fill("Тат")
    page.keyboard.press("Enter")
    page.wait_for_function(
        f"() => document.querySelectorAll('{names}').length === 1", timeout=10_000
    )
    assert offline_page.console_errors == []


def test_compare_with_two_subjects_draws_two_lines(offline_page, server_url) -> None:
    page = offline_page.page
    page.goto(server_url + "/?metric=created&compare=RU-TA,RU-MOW")
    _open_tab(page, "Сравнение")
    traces = _plot_traces(page, "compare-chart")
    assert [t["name"] for t in traces] == ["Татарстан", "Москва"]
    assert "002_d8f5a7355f1388eb.txt" in page.inner_text("#compare-panel figcaption")
    assert offline_page.console_errors == []


def test_methodology_lists_every_document(offline_page, server_url, data_dir) -> None:
    with Reader(data_dir).cursor() as cur:
        files = [
            r[0] for r in cur.execute("SELECT source_file FROM documents ORDER BY 1").fetchall()
        ]
    page = offline_page.page
    page.goto(server_url + "/methodology?lang=en")
    page.wait_for_selector("#documents-table", timeout=20_000)
    rows = page.locator("#documents-table tbody tr").all_inner_texts()
    assert len(files) == 5 and len(rows) == 5
    assert all(f in row for f, row in zip(files, rows, strict=True))
    assert page.locator("h1").inner_text() == "Methodology and sources"
    assert "002_d8f5a7355f1388eb.txt:628" in page.inner_text("#coefficients")
    assert offline_page.blocked == [] and offline_page.console_errors == []
