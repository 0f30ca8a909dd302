"""Permalinks, the embed page and exports, against a real gunicorn and in Debian chromium.

Tests callbacks/embed_page.py, layouts/embed_page.py, layouts/export_bar.py and
callbacks/exports.py end to end. A second local origin (a tiny http.server) plays the
partner site that ATLAS_FRAME_ANCESTORS allows to frame `/embed` — and not `/`.
"""

from __future__ import annotations

import http.client
import http.server
import json
import random
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest
from PIL import Image
from playwright.sync_api import expect

from atlas.viewstate import ViewState
from tests.browser.conftest import _free_port, served_app, wait_for_places

FULL_STATE = ViewState(
    lang="en",
    level="region",
    metric="created",
    method="quantile",
    fixed_breaks=True,
    selected="RU-TOM",
    focus_fd="SIBFD",
    compare=("RU-SPE", "RU-MOW"),
    clusters_layer=False,
    cluster_types=("creative",),
    year=2024,
)
HOSTILE = [
    "metric=<script>alert(1)</script>",
    'q="><script>alert(1)</script>',
    'q="><img%20src=x%20onerror=alert(1)>',
    "metric=%3Cscript%3Ealert(1)%3C%2Fscript%3E",
    "lang=%22%3E%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E",
    "year=99999999999999999999999999",
    "year=-1&year=1e309&year=NaN",
    "compare=RU-MOW,javascript:alert(1)",
    "selected=%00&focus_fd=%00%00",
    "metric=%ZZ&level=%E0%A4%A",
    "industries=" + "music," * 300,
    "selected=" + "x" * 5000,
    "metric=created&" * 60,
    "%3Cscript%3E=1",
    "lang=%F0%9F%99%82%F0%9F%99%82&metric=%D0%9C%D0%BE%D1%81%D0%BA%D0%B2%D0%B0",
    "chart=%3Csvg%20onload%3Dalert(1)%3E",
    "fixed_breaks=2&clusters_layer=true&method=%27%3B%20DROP%20TABLE%20regions%3B--",
]
MARKERS = ("<script>alert", "onerror=alert", "onload=alert", "javascript:alert", "x" * 200)
# Dash Pages puts the request URL, attribute-escaped, into <meta property="twitter:url">;
# what must never reach an HTML page is markup that a browser would parse as such.
RAW_MARKUP = ("<script>alert", "<img src=x", "<img%20src", "<svg onload", "<svg%20onload")


# ---------------------------------------------------------------- servers


def _parent_handler(app_url: str):
    pages = {
        "/frames-embed.html": f"{app_url}/embed?{FULL_STATE.to_query().lstrip('?')}",
        "/frames-map.html": f"{app_url}/",
    }

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            src = pages.get(self.path)
            if src is None:
                self.send_error(404)
                return
            body = (
                f'<!doctype html><meta charset="utf-8"><title>partner</title>'
                f'<iframe id="atlas" src="{src}" width="900" height="520"></iframe>'
            )
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write(body.encode())

        def log_message(self, *args) -> None:
            pass

    return Handler


@pytest.fixture(scope="module")
def servers(data_dir: Path) -> Iterator[tuple[str, str]]:
    """(app URL, partner URL): gunicorn allowing the partner origin to frame /embed."""
    app_port, parent_port = _free_port(), _free_port()
    app_url, parent_url = f"http://127.0.0.1:{app_port}", f"http://127.0.0.1:{parent_port}"
    parent = http.server.ThreadingHTTPServer(("127.0.0.1", parent_port), _parent_handler(app_url))
    threading.Thread(target=parent.serve_forever, daemon=True).start()
    try:
        with served_app(
            data_dir, app_port, "gunicorn-embed.log", ATLAS_FRAME_ANCESTORS=parent_url
        ) as url:
            yield url, parent_url
    finally:
        parent.shutdown()


@pytest.fixture()
def page(browser, servers):
    context = browser.new_context(viewport={"width": 1400, "height": 900}, accept_downloads=True)
    page = context.new_page()
    page.console = []
    page.dialogs = []
    page.on("console", lambda m: page.console.append(m.text))
    page.on("dialog", lambda d: (page.dialogs.append(d.message), d.dismiss()))
    yield page
    context.close()


# ---------------------------------------------------------------- framing


def test_partner_origin_frames_the_embed_and_it_renders(page, servers) -> None:
    _, parent_url = servers
    page.goto(parent_url + "/frames-embed.html")
    page.locator("#atlas").wait_for()
    wait_for_places(page.frame(url=lambda u: "/embed" in u), "#embed-map", 85)
    frame = page.frame_locator("#atlas")
    link = frame.locator("#embed-open")
    expect(link).to_have_attribute("target", "_top")
    expect(link).to_have_attribute("href", "/" + FULL_STATE.to_query())
    assert not [m for m in page.console if "frame-ancestors" in m]


def test_the_same_partner_cannot_frame_the_full_view(page, servers) -> None:
    app_url, parent_url = servers
    conn = http.client.HTTPConnection(urlsplit(app_url).netloc, timeout=10)
    conn.request("GET", "/")
    headers = dict(conn.getresponse().getheaders())
    csp = headers.get("Content-Security-Policy", "")
    assert "frame-ancestors 'none'" in csp and headers.get("X-Frame-Options") == "DENY"
    page.goto(parent_url + "/frames-map.html")
    page.wait_for_timeout(3000)  # time enough for the app to render, were it allowed
    frame = next(f for f in page.frames if f != page.main_frame)
    assert frame.url.startswith("chrome-error://") or frame.locator("#map").count() == 0
    assert any("frame-ancestors" in m or "X-Frame-Options" in m for m in page.console), page.console


# ---------------------------------------------------------------- permalinks


def test_a_permalink_restores_every_control(page, servers) -> None:
    app_url, _ = servers
    query = FULL_STATE.to_query()
    page.goto(app_url + "/" + query)
    wait_for_places(page, "#map", 85)
    expect(page.locator("#permalink-text")).to_have_value(app_url + "/" + query, timeout=15_000)
    assert page.evaluate("window.location.search") == query
    expect(page.locator("#notices .notice")).to_have_count(0)
    code = page.locator("#embed-code").input_value()
    assert code.startswith(f'<iframe src="{app_url}/embed?lang=en&amp;') and 'height="520"' in code


def test_copy_link_puts_the_permalink_on_the_clipboard(browser, servers) -> None:
    app_url, _ = servers
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(app_url + "/?metric=created&lang=en")
    expect(page.locator("#permalink-text")).not_to_have_value("", timeout=30_000)
    page.locator("#copy-link").click()
    copied = page.evaluate("navigator.clipboard.readText()")
    context.close()
    assert copied == app_url + "/?lang=en&metric=created&year=2024"


def test_hostile_url_shows_a_notice_runs_nothing_and_reflects_nothing(page, servers) -> None:
    app_url, _ = servers
    page.goto(app_url + "/?" + "&".join(HOSTILE[:7]))
    wait_for_places(page, "#map", 85)
    expect(page.locator("#notices .notice")).to_be_visible()
    text = page.inner_text("body")
    assert page.dialogs == []
    assert page.locator("img[src='x']").count() == 0
    for marker in MARKERS:
        assert marker not in text


# ---------------------------------------------------------------- exports in the browser


def test_png_and_csv_downloads(page, servers) -> None:
    app_url, _ = servers
    page.goto(app_url + "/?metric=created&lang=en")
    wait_for_places(page, "#map", 85)
    page.get_by_label("square (1080×1080)").check()
    with page.expect_download(timeout=60_000) as download:
        page.locator("#export-png").click()
    assert download.value.suggested_filename == "cluster-atlas_created_region_2024_square.png"
    image = Image.open(download.value.path())
    assert image.size == (1080, 1080)
    with page.expect_download(timeout=30_000) as download:
        page.locator("#export-csv").click()
    text = Path(download.value.path()).read_text(encoding="utf-8-sig")
    assert text.startswith("Title,") and "002_d8f5a7355f1388eb.txt" in text


# ---------------------------------------------------------------- fuzzing over HTTP


def _random_queries(n: int, seed: int = 20251125) -> list[str]:
    rng = random.Random(seed)
    names = [*ViewState.__dataclass_fields__, "chart", "", "x"]
    alphabet = "abcRU-MOW0123456789,;&=%<>\"' \x00\t\nабв🙂"
    out = []
    for _ in range(n):
        pairs = []
        for _ in range(rng.randint(1, 6)):
            value = "".join(rng.choices(alphabet, k=rng.randint(0, 40)))
            safe = "" if rng.random() < 0.7 else "%<>\"'"  # some markup sent raw
            pairs.append(f"{rng.choice(names)}={quote(value, safe=safe)}")
        out.append("&".join(pairs))
    return out


def _router_body(app_url: str) -> dict:
    netloc = urlsplit(app_url).netloc
    conn = http.client.HTTPConnection(netloc, timeout=10)
    conn.request("GET", "/")
    conn.getresponse().read()
    conn.request("GET", "/_dash-dependencies")
    deps = json.loads(conn.getresponse().read())
    spec = next(d for d in deps if "_pages_content.children" in d["output"])
    outputs = [
        dict(zip(("id", "property"), o.split("."), strict=True))
        for o in spec["output"].strip(".").split("...")
    ]
    return {"output": spec["output"], "outputs": outputs, "changedPropIds": [], "state": []}


def _get(netloc: str, path: str) -> tuple[int, str]:
    conn = http.client.HTTPConnection(netloc, timeout=30)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        return response.status, response.read().decode("utf-8", "replace")
    finally:
        conn.close()


def _route(netloc: str, body: dict, path: str, query: str) -> tuple[int, str]:
    inputs = [
        {"id": "_pages_location", "property": "pathname", "value": path},
        {"id": "_pages_location", "property": "search", "value": "?" + query},
    ]
    payload = json.dumps({**body, "inputs": inputs, "changedPropIds": ["_pages_location.search"]})
    conn = http.client.HTTPConnection(netloc, timeout=30)
    try:
        conn.request(
            "POST",
            "/_dash-update-component",
            payload.encode(),
            {"Content-Type": "application/json"},
        )
        response = conn.getresponse()
        return response.status, response.read().decode("utf-8", "replace")
    finally:
        conn.close()


def test_many_parameters_on_the_embed_page(servers) -> None:
    netloc = urlsplit(servers[0]).netloc
    query = "&".join(f"k{i}=1" for i in range(60))
    assert _route(netloc, _router_body(servers[0]), "/embed", query)[0] == 200


def test_many_parameters_on_the_map_page(servers) -> None:
    netloc = urlsplit(servers[0]).netloc
    query = "&".join(f"k{i}=1" for i in range(60))
    assert _route(netloc, _router_body(servers[0]), "/", query)[0] == 200


def test_fuzzed_queries_never_give_5xx_nor_reflect_input(servers) -> None:
    app_url, _ = servers
    netloc = urlsplit(app_url).netloc
    body = _router_body(app_url)
    seen = set()
    for query in [*HOSTILE, *_random_queries(60)]:
        for path in ("/", "/embed"):
            status, text = _get(netloc, f"{path}?{query}")
            seen.add(status)
            assert status < 500, (path, query, status)
            assert all(m not in text for m in RAW_MARKUP), (path, query)
            status, text = _route(netloc, body, path, query)
            assert status < 500, (path, query, status, text[:300])
            assert all(m not in text for m in MARKERS), (path, query)
            if status == 200:
                assert "\\u003cscript" not in text.lower() and "<img" not in text
    assert 200 in seen
