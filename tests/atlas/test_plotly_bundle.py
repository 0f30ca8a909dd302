"""assets/vendor/plotly-atlas.min.js (built by tools/plotly-bundle): pinned, four traces, small.

dcc.Graph uses `window.Plotly` when a script already defined it, and only then skips
fetching Dash's own 4.8 MB plotly.min.js; these tests keep that true.

Two checks run in a child interpreter (`python -m tests.atlas.test_plotly_bundle shell|draw`):
a second Dash() in this process would become `dash.get_app()` for later tests, and a second
Playwright cannot start while tests/browser's session browser is running.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from plotly.offline import get_plotlyjs_version

from atlas.settings import REPO_ROOT

ASSETS = REPO_ROOT / "assets"
VENDOR = ASSETS / "vendor"
BUNDLE = VENDOR / "plotly-atlas.min.js"
TOOL = REPO_ROOT / "tools" / "plotly-bundle"
FULL_PLOTLY = Path(__import__("plotly").__file__).parent / "package_data" / "plotly.min.js"
TRACES = {"choropleth", "scattergeo", "bar", "scatter"}
# How every plotly.js trace module declares itself; the minifier keeps these literals.
TRACE_MODULE = re.compile(r'moduleType:"trace",name:"(\w+)"')
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]  # fmt: skip


def _in_child(what: str):
    """Run `_shell_scripts` or `_draw_in_chromium` in a fresh interpreter; its JSON result."""
    run = subprocess.run([sys.executable, "-m", "tests.atlas.test_plotly_bundle", what],
                         cwd=REPO_ROOT, capture_output=True, text=True, timeout=120)  # fmt: skip
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout.splitlines()[-1])


def test_bundle_readme_and_licences_are_committed() -> None:
    for name in ("plotly-atlas.min.js", "README.md", "plotly.js-LICENSE.txt",
                 "plotly-atlas.licenses.txt"):  # fmt: skip
        assert (VENDOR / name).is_file(), f"{VENDOR / name} is missing: run {TOOL}/build.sh"
    assert "MIT" in (VENDOR / "plotly.js-LICENSE.txt").read_text()


def test_bundle_is_the_plotly_js_version_python_plotly_ships() -> None:
    version = get_plotlyjs_version()  # what Dash would serve from the plotly package
    header = BUNDLE.read_text()[:400]
    assert f"plotly.js v{version} " in header, header
    assert f"v{version}" in (VENDOR / "README.md").read_text()
    package = json.loads((TOOL / "package.json").read_text())
    assert package["devDependencies"]["plotly.js"] == version  # exact pin, no range
    lock = json.loads((TOOL / "package-lock.json").read_text())
    assert lock["packages"]["node_modules/plotly.js"]["version"] == version


def test_bundle_registers_exactly_the_four_traces() -> None:
    assert set(TRACE_MODULE.findall(BUNDLE.read_text())) == TRACES
    assert len(TRACE_MODULE.findall(FULL_PLOTLY.read_text())) > 40  # the pattern still matches


def test_bundle_is_under_half_of_the_full_plotly_js() -> None:
    assert BUNDLE.stat().st_size < 0.5 * FULL_PLOTLY.stat().st_size


def test_app_serves_the_bundle_and_lets_graphs_use_it() -> None:
    from app import app

    assert Path(app.config.assets_folder).resolve() == ASSETS
    assert app.config.include_assets_files
    ignore = app.config.assets_ignore
    assert not (ignore and re.search(ignore, "vendor/plotly-atlas.min.js"))
    # eager_loading=True makes Dash add its own plotly.min.js as a script after ours.
    assert not app.config.eager_loading


def _shell_scripts() -> list[str]:
    """The <script src> list of the page Dash serves for an app with our assets folder."""
    from dash import Dash, html

    shell = Dash(__name__, assets_folder=str(ASSETS), serve_locally=True)
    shell.layout = html.Div()
    return re.findall(r'<script src="([^"]+)"', shell.server.test_client().get("/").text)


def test_dash_puts_the_bundle_before_the_renderer_and_not_its_plotly_js() -> None:
    scripts = _in_child("shell")
    ours = [i for i, src in enumerate(scripts) if "/assets/vendor/plotly-atlas.min.js" in src]
    renderer = [i for i, src in enumerate(scripts) if "dash_renderer" in src]
    assert ours and renderer and ours[0] < renderer[0], scripts
    assert not [src for src in scripts if "/_dash-component-suites/plotly/" in src], scripts


_PAGE = """<html><body><div id="map"></div><div id="bars"></div><div id="lines"></div>
<script src="/plotly.js"></script></body></html>"""
_DRAW = """async () => {
  const geojson = {type: "FeatureCollection", features: ["A", "B"].map((id, i) => ({
    type: "Feature", id, properties: {}, geometry: {type: "Polygon",
    coordinates: [[[40 + 30 * i, 50], [40 + 30 * i, 60], [70 + 30 * i, 60], [70 + 30 * i, 50],
                   [40 + 30 * i, 50]]]}}))};
  const config = {topojsonURL: "/topojson/"};
  await Plotly.newPlot("map", [
    {type: "choropleth", geojson, featureidkey: "id", locations: ["A", "B"], z: [1, 2]},
    {type: "scattergeo", lon: [55, 85], lat: [55, 55], mode: "markers"}],
    {geo: {fitbounds: false, lonaxis: {range: [30, 110]}, lataxis: {range: [40, 70]}}}, config);
  await Plotly.newPlot("bars", [{type: "bar", x: ["a", "b", "c"], y: [3, 1, 2]}], {}, config);
  await Plotly.newPlot("lines", [{type: "scatter", x: [1, 2, 3], y: [2, 3, 1]}], {}, config);
  const n = (s) => document.querySelectorAll(s).length;
  return {version: Plotly.version, traces: Object.keys(Plotly.PlotSchema.get().traces),
          regions: n("#map path.choroplethlocation"), markers: n("#map .scattergeo path.point"),
          bars: n("#bars .bars path"), lines: n("#lines path.js-line")};
}"""


def _draw_in_chromium() -> dict:
    """What the bundle drew in Chromium on a page that loads nothing else (plus page errors)."""
    from playwright.sync_api import sync_playwright

    files = {
        "/plotly.js": BUNDLE,
        "/topojson/world_110m.json": ASSETS / "topojson" / "world_110m.json",
    }

    def serve(route) -> None:  # an origin that exists only inside this browser
        path = "/" + route.request.url.split("/", 3)[3]
        if path == "/":
            route.fulfill(body=_PAGE, content_type="text/html")
        elif path in files:
            route.fulfill(path=files[path])
        else:
            route.fulfill(status=404)

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            page.route("http://atlas.test/**", serve)
            errors: list[str] = []
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.goto("http://atlas.test/")
            return {**page.evaluate(_DRAW), "errors": errors}
        finally:
            browser.close()


def test_bundle_draws_the_four_traces_in_chromium() -> None:
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian chromium is not installed (./dev test installs it)")
    drawn = _in_child("draw")
    assert drawn["version"] == get_plotlyjs_version()
    assert set(drawn["traces"]) == TRACES
    assert (drawn["regions"], drawn["markers"], drawn["bars"], drawn["lines"]) == (2, 2, 3, 1)
    assert drawn["errors"] == []


if __name__ == "__main__":
    print(json.dumps({"shell": _shell_scripts, "draw": _draw_in_chromium}[sys.argv[1]]()))
