"""The map page in a real browser, offline (tests layouts/map_page.py + callbacks/map_page.py)."""

from __future__ import annotations

MAP_PATHS = "#map path.choroplethlocation"


def _wait_for_map(page, count: int) -> None:
    page.wait_for_function(
        f"() => document.querySelectorAll('{MAP_PATHS}').length === {count}", timeout=20_000
    )


def _fills(page) -> list[str]:
    return page.eval_on_selector_all(MAP_PATHS, "ps => ps.map(p => getComputedStyle(p).fill)")


def test_map_draws_85_subjects_offline(offline_page, server_url) -> None:
    page = offline_page.page
    page.goto(server_url + "/")
    _wait_for_map(page, 85)
    trace_locations = page.evaluate(
        "document.querySelector('#map .js-plotly-plot').data"
        ".filter(t => t.type === 'choropleth').flatMap(t => t.locations)"
    )
    assert len(trace_locations) == len(set(trace_locations)) == 85
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


def test_clicking_a_district_drills_into_its_subjects(offline_page, server_url) -> None:
    page = offline_page.page
    page.goto(server_url + "/?level=fd")
    _wait_for_map(page, 8)
    # The biggest district on screen is the Far Eastern one; click the middle of its shape.
    boxes = page.eval_on_selector_all(
        MAP_PATHS, "ps => ps.map(p => { const b = p.getBBox(); return b.width * b.height; })"
    )
    page.locator(MAP_PATHS).nth(boxes.index(max(boxes))).click(force=True)
    page.wait_for_function("() => location.search.includes('focus_fd=FEFD')", timeout=15_000)
    _wait_for_map(page, 85)
    assert page.locator("#back").is_visible()
    lon_range = page.evaluate(
        "document.querySelector('#map .js-plotly-plot').layout.geo.lonaxis.range"
    )
    assert lon_range[0] > 90 and lon_range[1] > 180  # zoomed to the Far East
    page.locator("#back").click()
    _wait_for_map(page, 8)
    assert "focus_fd" not in page.evaluate("location.search")
    assert offline_page.console_errors == []


def test_language_switch_changes_labels(offline_page, server_url) -> None:
    page = offline_page.page
    page.goto(server_url + "/")
    _wait_for_map(page, 85)
    assert page.locator("#app-title").inner_text() == "Атлас кластеров"
    page.locator("#lang-toggle").click()
    page.wait_for_function(
        "() => document.querySelector('#app-title').innerText === 'Cluster Atlas'", timeout=10_000
    )
    assert page.get_by_label("Federal districts (8)").count() == 1
    page.wait_for_function(
        "() => document.querySelector('#map .js-plotly-plot').data[1].customdata"
        ".some(h => h.includes('Rank'))",
        timeout=10_000,
    )
    assert "lang=en" in page.evaluate("location.search")
    assert offline_page.console_errors == []


def test_permalink_reopens_the_same_view(offline_page, server_url) -> None:
    page = offline_page.page
    page.goto(server_url + "/?level=fd&metric=creation_coef&lang=en")
    _wait_for_map(page, 8)
    assert page.locator("#metric").inner_text().strip() == "Creation coefficient"
    title = page.evaluate("document.querySelector('#map .js-plotly-plot').layout.title.text")
    assert title == "Creation coefficient, 2024"
    # Southern 8.5 and North Caucasian 8.0 and Northwestern 6.0 are moderate; 5 are low.
    ticks = page.evaluate(
        "document.querySelector('#map .js-plotly-plot').data[1].colorbar.ticktext"
    )
    assert ticks == ["low (5)", "moderate (3)", "high (0)"]


SYNTHETIC_VIEW = "/?dataset=synthetic-demo&metric=creation_coef&year=2020"


def _colours(page) -> list[str]:
    """Fill of every subject on screen, in trace order (what the viewer sees)."""
    return page.evaluate(
        "Array.from(document.querySelectorAll('#map path.choroplethlocation'))"
        ".map(p => getComputedStyle(p).fill)"
    )


def _wait_for_change(page, before: list[str]) -> list[str]:
    page.wait_for_function(
        "(before) => { const now = Array.from(document.querySelectorAll("
        "'#map path.choroplethlocation')).map(p => getComputedStyle(p).fill);"
        " return now.length === before.length && now.some((c, i) => c !== before[i]); }",
        arg=before,
        timeout=15_000,
    )
    return _colours(page)


def test_synthetic_view_says_synthetic(offline_page, server_url) -> None:
    page = offline_page.page
    page.goto(server_url + SYNTHETIC_VIEW)
    _wait_for_map(page, 85)
    assert "СИНТЕТИЧЕСКИЕ" in page.locator("#dataset-banner").inner_text()
    assert "СИНТЕТИЧЕСКИЕ" in page.locator("#map-caption").inner_text()


def test_year_and_industry_recolour_the_map(offline_page, server_url) -> None:
    page = offline_page.page
    page.goto(server_url + SYNTHETIC_VIEW)
    _wait_for_map(page, 85)
    before = _colours(page)
    thumb = page.locator("#year [role=slider]")  # keyboard use of the year slider
    thumb.focus()
    for _ in range(3):
        thumb.press("ArrowRight")
    after_year = _wait_for_change(page, before)
    page.wait_for_function("() => location.search.includes('year=2023')", timeout=15_000)
    page.click("#industries")
    page.get_by_role("option", name="Дизайн", exact=True).click()
    page.keyboard.press("Escape")
    _wait_for_change(page, after_year)
    assert "industries=design" in page.evaluate("location.search")
    assert offline_page.console_errors == []
