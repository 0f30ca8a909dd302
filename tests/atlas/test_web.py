"""atlas/web.py: security headers on every response, health, limits, errors without details."""

from __future__ import annotations

import base64
import hashlib
import http.server
import json
import os
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest
from flask import Flask

from atlas import store
from atlas.settings import REPO_ROOT
from atlas.web import (
    MAX_REQUEST_BYTES,
    FrameAncestorsError,
    frame_ancestor_sources,
    geojson_url,
    register_routes,
    security_headers,
)

TRACE_MARKS = ("Traceback", 'File "', "site-packages", "/work/", '.py"', "line ")
HASH = re.compile(r"'sha256-[A-Za-z0-9+/]{43}='")


@pytest.fixture(scope="module")
def dash_app():
    from app import app

    return app


@pytest.fixture()
def client(dash_app, data_dir: Path, monkeypatch: pytest.MonkeyPatch):
    # The app reads the process's default reader; point it at the test database.
    monkeypatch.setattr(store, "_DEFAULT_READER", store.Reader(data_dir))
    return dash_app.server.test_client()


def _callback_body(client) -> dict:
    """A real request of the map callback, as the page sends it on a filter change."""
    deps = client.get("/_dash-dependencies").get_json()
    spec = next(d for d in deps if "map.figure" in d["output"])
    outputs = [dict(zip(("id", "property"), o.split("."), strict=True))
               for o in spec["output"].strip(".").split("...")]  # fmt: skip
    from atlas.viewstate import ViewState, state_to_dict

    return {
        "output": spec["output"],
        "outputs": outputs,
        "inputs": [{"id": "view-state", "property": "data", "value": state_to_dict(ViewState())}],
        "changedPropIds": ["view-state.data"],
        "state": [{"id": "map-drawn", "property": "data", "value": None}],
    }


def assert_secure(response, *, framable: bool = False) -> None:
    h = response.headers
    csp = h["Content-Security-Policy"]
    directives = dict(d.split(" ", 1) for d in csp.split("; "))
    assert directives["default-src"] == "'self'"
    script = directives["script-src"].split()
    assert script[0] == "'self'" and all(HASH.fullmatch(s) for s in script[1:]), script
    assert "'unsafe-inline'" not in script and "'unsafe-eval'" not in script
    assert directives["style-src"] == "'self' 'unsafe-inline'"
    assert directives["img-src"] == "'self' data: blob:"
    assert directives["connect-src"] == "'self'"
    assert directives["object-src"] == "'none'"
    if framable:
        assert directives["frame-ancestors"].startswith("'self'")
        assert "X-Frame-Options" not in h
    else:
        assert directives["frame-ancestors"] == "'none'"
        assert h["X-Frame-Options"] == "DENY"
    assert h["X-Content-Type-Options"] == "nosniff"
    assert h["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "camera=()" in h["Permissions-Policy"]
    assert h["X-Request-ID"]


def assert_no_details(response) -> None:
    text = response.get_data(as_text=True)
    for mark in TRACE_MARKS:
        assert mark not in text, f"{mark!r} leaked in {text[:300]!r}"


def test_page_has_headers_and_hashes_of_every_inline_script(client) -> None:
    response = client.get("/")
    assert response.status_code == 200
    assert_secure(response)
    html = re.sub(r"<!--.*?-->", "", response.get_data(as_text=True), flags=re.S)
    inline = re.findall(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>(.*?)</script>",
                        html, flags=re.S)  # fmt: skip
    allowed = set(HASH.findall(response.headers["Content-Security-Policy"]))
    assert inline
    for script in inline:  # each executable inline script is allowed by its hash
        digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in allowed, script[:80]


@pytest.mark.parametrize(
    "path",
    ["/", "/_dash-layout", "/_dash-dependencies", "/assets/atlas.css", "/healthz",
     "/no/such/page", "/_favicon.ico"],
)  # fmt: skip
def test_every_get_response_is_secured(client, path: str) -> None:
    client.get("/")  # Dash finishes its set-up on the first request
    response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    assert_secure(response)


def test_geometry_is_secured_and_cached(client) -> None:
    response = client.get(geojson_url("region"))
    assert response.status_code == 200
    assert response.mimetype == "application/geo+json"
    assert "immutable" in response.headers["Cache-Control"]
    assert_secure(response)


def test_callback_response_is_secured(client) -> None:
    client.get("/")
    response = client.post("/_dash-update-component", json=_callback_body(client))
    assert response.status_code == 200
    assert "map-caption" in response.get_json()["response"]
    assert_secure(response)


def test_embed_route_may_be_framed(client, dash_app) -> None:
    import dash

    client.get("/")
    if not any(p["path"] == "/embed" for p in dash.page_registry.values()):
        pytest.skip("the /embed page is not registered yet (its header rule is tested below)")
    response = client.get("/embed")
    assert response.status_code == 200
    assert_secure(response, framable=True)


def test_embed_header_rule() -> None:
    allowed = frame_ancestor_sources(["https://partner.example", "http://127.0.0.1:8092"])
    for path in ("/embed", "/embed/"):
        h = security_headers(path, ["'sha256-x'"], allowed)
        assert "X-Frame-Options" not in h
        assert h["Content-Security-Policy"].endswith(
            "frame-ancestors 'self' https://partner.example http://127.0.0.1:8092"
        )
    for path in ("/", "/embedded", "/x/embed", "/_dash-update-component"):
        h = security_headers(path, [], allowed)
        assert h["X-Frame-Options"] == "DENY"
        assert h["Content-Security-Policy"].endswith("frame-ancestors 'none'")


@pytest.mark.parametrize(
    "origin", ["https://a.example; script-src *", "javascript:alert(1)", "https://a/b", "*", ""]
)
def test_bad_frame_ancestor_is_refused(origin: str) -> None:
    with pytest.raises(FrameAncestorsError, match="ATLAS_FRAME_ANCESTORS"):
        frame_ancestor_sources([origin])


def test_healthz_reports_version_and_datasets(client, data_dir: Path) -> None:
    response = client.get("/healthz")
    body = response.get_json()
    assert response.status_code == 200 and body["status"] == "ok"
    assert body["data_version"] == store.resolve_current(data_dir).name
    assert body["default_dataset"] in body["datasets"]
    assert response.headers["Cache-Control"] == "no-store"


def test_healthz_without_data_is_503_without_paths(dash_app, tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(store, "_DEFAULT_READER", store.Reader(tmp_path / "empty"))
    response = dash_app.server.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.get_json()["status"] == "no-data"
    assert str(tmp_path) not in response.get_data(as_text=True)
    assert_secure(response)


@pytest.mark.parametrize(
    "path",
    ["/geo/region-000000000000.geojson", "/geo/..%5C..%5Cetc%5Cpasswd",
     "/_dash-component-suites/%3Cscript%3Ealert(1)%3C%2Fscript%3E/x.js",
     "/_dash-component-suites/dash/nope.js", "/assets/nope.css"],
)  # fmt: skip
def test_404_is_plain(client, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 404
    assert_no_details(response)
    assert "<script" not in response.get_data(as_text=True)
    assert_secure(response)


def test_traversal_never_reads_files(client) -> None:
    for path in ("/geo/../../etc/passwd", "/assets/../../../etc/passwd", "/geo/%2e%2e%2fapp.py"):
        text = client.get(path).get_data(as_text=True)
        assert "root:" not in text and "import dash" not in text


def test_callback_exception_is_500_without_traceback(client, caplog, monkeypatch) -> None:
    import callbacks.map_page

    def broken(*args, **kwargs):
        raise RuntimeError("secret detail /srv/atlas/x.py")

    monkeypatch.setattr(callbacks.map_page, "render_map", broken)  # the callback raises
    client.get("/")
    body = _callback_body(client)
    body["inputs"][0]["value"] = {"metric": "created"}  # a request no cache has seen
    response = client.post("/_dash-update-component", json=body)
    assert response.status_code == 500
    assert response.get_json() == {"error": "internal server error", "status": 500,
                                   "request_id": response.headers["X-Request-ID"]}  # fmt: skip
    assert_no_details(response)
    assert_secure(response)
    logged = [r for r in caplog.records if r.name == "atlas.web"]
    assert logged and logged[-1].exc_info  # the traceback goes to the log instead


@pytest.mark.parametrize(
    ("body", "status"),
    [(b"{not json", 400), (b'{"output": 1}', 500), (b"[]", 500)],
)
def test_malformed_callback_bodies_leak_nothing(client, body: bytes, status: int) -> None:
    response = client.post("/_dash-update-component", data=body,
                           content_type="application/json")  # fmt: skip
    assert response.status_code == status
    assert_no_details(response)
    assert_secure(response)


def test_oversized_body_is_413(client) -> None:
    payload = json.dumps({"output": "x" * (MAX_REQUEST_BYTES + 10)})
    response = client.post("/_dash-update-component", data=payload,
                           content_type="application/json")  # fmt: skip
    assert response.status_code == 413
    assert response.get_json()["error"] == "request too large"
    assert_secure(response)


def test_wrong_method_is_405(client) -> None:
    response = client.delete("/healthz")
    assert response.status_code == 405
    assert_secure(response)


def test_html_error_page_for_browsers() -> None:
    server = Flask("boom")

    def boom():
        raise RuntimeError("secret detail /etc/passwd")

    server.add_url_rule("/boom", "boom", boom)
    register_routes(server, app=_NoScripts())
    response = server.test_client().get("/boom", headers={"Accept": "text/html"})
    assert response.status_code == 500
    assert response.mimetype == "text/html"
    assert "secret detail" not in response.get_data(as_text=True)
    assert_no_details(response)
    assert response.headers["X-Frame-Options"] == "DENY"


def test_request_id_is_kept_only_when_safe(client) -> None:
    assert (
        client.get("/healthz", headers={"X-Request-ID": "lb-123"}).headers["X-Request-ID"]
        == "lb-123"
    )
    hostile = client.get("/healthz", headers={"X-Request-ID": "<script>x</script>"})
    assert re.fullmatch(r"[0-9a-f]{32}", hostile.headers["X-Request-ID"])


class _NoScripts:
    """A stand-in Dash app without inline scripts."""

    @staticmethod
    def csp_hashes() -> list[str]:
        return []


# ---------------------------------------------------------------- in a real browser

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]  # fmt: skip
# Recorded in the page: every CSP violation, whatever the console shows.
RECORD_VIOLATIONS = """
window.__csp = [];
document.addEventListener('securitypolicyviolation',
    e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class _Parent(http.server.BaseHTTPRequestHandler):
    """A page on another origin that frames /embed of the app (port in the query)."""

    def do_GET(self) -> None:
        app_port = self.path.rsplit("=", 1)[-1]
        body = f'<!doctype html><iframe id="f" src="http://127.0.0.1:{app_port}/embed" ' \
               'width="900" height="600"></iframe>'  # fmt: skip
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.end_headers()
        self.wfile.write(body.encode())

    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="module")
def browser_setup(data_dir: Path, tmp_path_factory: pytest.TempPathFactory):
    """(app URL, allowed parent URL, other parent URL, browser): gunicorn allows one parent."""
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian chromium is not installed (./dev test installs it)")
    sync_api = pytest.importorskip("playwright.sync_api")
    parents = [http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Parent) for _ in range(2)]
    for parent in parents:
        threading.Thread(target=parent.serve_forever, daemon=True).start()
    allowed, other = (f"http://127.0.0.1:{p.server_address[1]}" for p in parents)
    port = _free_port()
    env = {**os.environ, "ATLAS_DATA_DIR": str(data_dir), "ATLAS_BIND": f"127.0.0.1:{port}",
           "ATLAS_WORKERS": "1", "ATLAS_LOG_LEVEL": "warning",
           "ATLAS_FRAME_ANCESTORS": allowed}  # fmt: skip
    log = tmp_path_factory.mktemp("csp") / "gunicorn.log"
    with log.open("wb") as out:
        proc = subprocess.Popen([sys.executable, "-m", "gunicorn", "app:server"], cwd=REPO_ROOT,
                                env=env, stdout=out, stderr=subprocess.STDOUT)  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            assert proc.poll() is None, log.read_text()
            assert time.monotonic() < deadline, "gunicorn did not start in 60 s"
            try:
                with urllib.request.urlopen(url + "/healthz", timeout=10):
                    break
            except OSError:
                time.sleep(0.2)
        with sync_api.sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, headless=True,
                                        args=CHROMIUM_ARGS)  # fmt: skip
            yield url, allowed, other, browser
            browser.close()
    finally:
        proc.terminate()
        proc.wait(timeout=20)
        for parent in parents:
            parent.shutdown()


def _enforcing_page(browser):
    """A page that enforces the app's CSP (no bypass_csp) and records what it reports."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    context.add_init_script(RECORD_VIOLATIONS)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.on("pageerror", lambda e: errors.append(str(e)))
    return context, page, errors


@pytest.mark.parametrize("path", ["/", "/clusters", "/methodology", "/embed"])
def test_pages_render_under_the_csp(browser_setup, path: str) -> None:
    url, _, _, browser = browser_setup
    context, page, errors = _enforcing_page(browser)
    try:
        response = page.goto(url + path)
        assert "script-src 'self' 'sha256-" in response.headers["content-security-policy"]
        # A function, not a string: evaluating strings is what the policy forbids.
        page.wait_for_function("() => document.querySelector('#react-entry-point .js-plotly-plot,"
                               " #react-entry-point h1, #react-entry-point table')",
                               timeout=20_000)  # fmt: skip
        page.wait_for_load_state("networkidle")
        if path in ("/", "/embed"):
            page.wait_for_function(
                "() => document.querySelectorAll('path.choroplethlocation').length >= 8",
                timeout=20_000,
            )
        assert page.evaluate("() => window.__csp") == []
        assert [e for e in errors if "Content Security Policy" in e or "Refused" in e] == []
        assert errors == []
    finally:
        context.close()


def test_embed_renders_in_an_allowed_frame_only(browser_setup) -> None:
    url, allowed, other, browser = browser_setup
    port = url.rsplit(":", 1)[1]
    context, page, errors = _enforcing_page(browser)
    try:
        page.goto(f"{allowed}/?app={port}")
        frame = page.frame_locator("#f")
        frame.locator("path.choroplethlocation").first.wait_for(timeout=20_000)
        assert frame.locator("path.choroplethlocation").count() >= 8
        page.goto(f"{other}/?app={port}")
        page.wait_for_timeout(2_000)
        assert frame.locator(".js-plotly-plot").count() == 0
        assert any("frame-ancestors" in e for e in errors), errors
    finally:
        context.close()


# ---------------------------------------------------------------- what production does not tell


def test_a_missing_source_map_is_not_found_not_an_error(client) -> None:
    page = client.get("/").get_data(as_text=True)
    renderer = re.search(r'src="(/_dash-component-suites/dash/dash-renderer/[^"?]+\.js)', page)
    answer = client.get(f"{renderer.group(1)}.map")  # the package ships no .map for it
    assert answer.status_code == 404
    assert answer.get_json()["error"] == "not found"
    assert_secure(answer)
    assert_no_details(answer)


def test_the_hot_reload_poll_is_not_served_in_production(client) -> None:
    answer = client.get("/_reload-hash")
    assert answer.status_code == 404
    assert_secure(answer)


def test_the_page_names_no_software_versions(client) -> None:
    import dash

    page = client.get("/").get_data(as_text=True)
    config = json.loads(re.search(r'id="_dash-config"[^>]*>(.*?)</script>', page, re.S).group(1))
    assert not {"dash_version", "python_version", "plotly_version"} & set(config)
    assert sys.version not in page and f'"{dash.__version__}"' not in page
    assert config["serve_locally"] is True  # the rest of the renderer's config is intact
