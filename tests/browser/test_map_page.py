"""The map page in a real browser, offline (tests layouts/map_page.py + callbacks/map_page.py)."""

from __future__ import annotations

from tests.browser.conftest import DRAWN_PLACES, wait_for_places


def _wait_for_map(page, count: int) -> None:
    wait_for_places(page, "#map", count, timeout=20_000)


def _fills(page) -> list[str]:
    """Fill of every place on the map, in trace order (what the viewer sees)."""
    return page.evaluate(f"({DRAWN_PLACES})('#map').map(p => getComputedStyle(p).fill)")


def test_map_draws_85_subjects_offline(offline_page, server_url) -> None:
    page = offline_page.page
    page.goto(server_url + "/")
    _wait_for_map(page, 85)
    trace_locations = page.evaluate(  # a place is drawn by the trace where its z is a number
        "document.querySelector('#map .js-plotly-plot').data.slice(0, 2)"
        ".flatMap(t => t.locations.filter((_, i) => t.z[i] !== null))"
    )
    assert len(trace_locations) == len(set(trace_locations)) == 85
    assert offline_page.blocked == []  # nothing fetched from outside (no CDN, no topojson host)
    assert offline_page.console_errors == []


def _middle(page, pick: str, arg: object = None) -> tuple[float, float]:
    """Page coordinates of the middle of the drawn place that `pick` (JS: (paths, arg) => path)
    chooses."""
    return page.evaluate(
        f"(arg) => {{ const p = ({pick})(({DRAWN_PLACES})('#map'), arg).getBoundingClientRect();"
        " return [p.x + p.width / 2, p.y + p.height / 2]; }",
        arg,
    )


def _hover_over(page, place: str) -> str:
    """The hover label plotly shows with the mouse over the middle of `place`."""
    box = _middle(page, "(paths, place) => paths.find(p => p.__data__.loc === place)", place)
    page.mouse.move(box[0], box[1])
    label = page.locator("#map .hoverlayer .hovertext")
    label.wait_for(timeout=10_000)
    return label.text_content() or ""


def test_hover_shows_value_rank_and_source_line(offline_page, server_url) -> None:
    page = offline_page.page
    page.goto(server_url + "/?metric=created&clusters_layer=0")  # no marker over the middle
    _wait_for_map(page, 85)
    text = _hover_over(page, "RU-TA")
    # Table 1 of seed 002: Tatarstan created 419 creative organisations in 2024, rank 4 (line 582).
    assert "Татарстан" in text and "419" in text, text
    assert "Место: 4 из 20" in text and "002_d8f5a7355f1388eb.txt:582" in text, text


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
    area = "(p) => { const r = p.getBoundingClientRect(); return r.width * r.height; }"
    x, y = _middle(page, f"(paths) => paths.reduce((a, c) => ({area})(c) > ({area})(a) ? c : a)")
    page.mouse.click(x, y)
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
        "() => document.querySelector('#map .js-plotly-plot').data[1].hovertemplate"
        ".includes('Rank')",
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


def _wait_for_change(page, before: list[str]) -> list[str]:
    page.wait_for_function(
        f"(before) => {{ const now = ({DRAWN_PLACES})('#map').map(p => getComputedStyle(p).fill);"
        " return now.length === before.length && now.some((c, i) => c !== before[i]); }",
        arg=before,
        timeout=15_000,
    )
    return _fills(page)


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
    before = _fills(page)
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


def test_russia_fills_the_map_frame_and_nothing_is_cut(offline_page, server_url) -> None:
    page = offline_page.page
    page.goto(server_url + "/?clusters_layer=0")
    _wait_for_map(page, 85)
    frame, union = page.evaluate(
        # The frame plotly clips the map to, in page pixels (a clip rect has no box of its own).
        "() => { const r = document.querySelector('#map clipPath rect');"
        " const m = document.querySelector('#map [clip-path]').getScreenCTM();"
        " const x = +r.getAttribute('x'), y = +r.getAttribute('y');"
        " const clip = {left: m.e + x, top: m.f + y, right: m.e + x + +r.getAttribute('width'),"
        "               bottom: m.f + y + +r.getAttribute('height')};"
        f" const boxes = ({DRAWN_PLACES})('#map').map(p => p.getBoundingClientRect());"
        " const u = [Math.min(...boxes.map(b => b.left)), Math.min(...boxes.map(b => b.top)),"
        "            Math.max(...boxes.map(b => b.right)), Math.max(...boxes.map(b => b.bottom))];"
        " return [[clip.left, clip.top, clip.right, clip.bottom], u]; }"
    )
    left, top, right, bottom = frame
    assert union[0] >= left and union[1] >= top and union[2] <= right and union[3] <= bottom
    assert (union[2] - union[0]) / (right - left) > 0.8  # not a small map in a large frame
