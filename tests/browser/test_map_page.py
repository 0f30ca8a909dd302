"""The map page in a real browser, offline (tests layouts/map_page.py + callbacks/map_page.py)."""

from __future__ import annotations

MAP_PATHS = "#map path.choroplethlocation"


def _wait_for_map(page, count: int) -> None:
    page.wait_for_function(
        f"document.querySelectorAll('{MAP_PATHS}').length === {count}", timeout=20_000
    )


def _fills(page) -> list[str]:
    return page.eval_on_selector_all(MAP_PATHS, "ps => ps.map(p => getComputedStyle(p).fill)")


def test_map_draws_85_subjects_offline(offline_page, server_url) -> None:
    page = offline_page.page
    page.goto(server_url + "/")
    _wait_for_map(page, 85)
    trace_locations = page.evaluate(
        "document.querySelector('#map .js-plotly-plot').data.flatMap(t => t.locations)"
    )
    assert len(set(trace_locations)) == 85
    assert offline_page.blocked == []  # nothing fetched from outside (no CDN, no topojson host)
    assert offline_page.console_errors == []


def test_hover_names_the_source(offline_page, server_url) -> None:
    page = offline_page.page
    page.goto(server_url + "/")
    _wait_for_map(page, 85)
    hovers = page.evaluate("document.querySelector('#map .js-plotly-plot').data[1].customdata")
    assert any("_" in h and ".txt:" in h for h in hovers), hovers[:3]


def test_switching_to_districts_draws_8(offline_page, server_url) -> None:
    page = offline_page.page
    page.goto(server_url + "/")
    _wait_for_map(page, 85)
    before = _fills(page)
    page.get_by_label("Федеральные округа (8)").check()
    _wait_for_map(page, 8)
    assert len(_fills(page)) == 8 and before
    assert offline_page.console_errors == []
