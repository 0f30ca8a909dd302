"""Bytes on the wire: the app under gunicorn, `/` loaded in Debian chromium → tables.

Prints, for the first load of `/` and then for each filter change, every response with
its size as transferred (compressed), whether it was compressed, and the totals against
the 1 MB first-load budget. Measures and prints; asserts nothing.

    .venv/bin/python bench/payload.py                  # builds a database in a temp folder
    ATLAS_DATA_DIR=data/db .venv/bin/python bench/payload.py
    .venv/bin/python bench/payload.py --chdir /tmp/other-app --app app:server

Sizes come from Chrome DevTools Protocol events: "wire" is `encodedDataLength` of
Network.loadingFinished (every byte received, response headers included), "body" is that
minus the headers (`encodedDataLength` of Network.responseReceived), "decoded" is the body
after decompression (sum of Network.dataReceived `dataLength`).
The browser asks for `Accept-Encoding: gzip` only (`--encoding browser` keeps
Chromium's own `gzip, deflate, br, zstd`).
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from subprocess import Popen
from urllib.parse import urlparse

REPO_ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip
BUDGET_BYTES = 1_000_000  # first load, compressed (1 MB; 1 MiB would be 1 048 576)
SETTLE_SECONDS = 1.0  # quiet time after the last response before a phase counts as done
PHASE_TIMEOUT_SECONDS = 30.0
DASH_PLOTLY_JS = "/_dash-component-suites/plotly/"  # what dcc.Graph loads without window.Plotly


class BenchError(RuntimeError):
    """The app or the browser could not be brought up; the message says what to check."""


@dataclass
class Resource:
    """One response as Chromium saw it."""

    url: str
    method: str = "GET"
    status: int = 0
    mime: str = ""
    encoding: str = ""  # Content-Encoding ("" = sent uncompressed)
    headers: int = 0  # response header bytes (encodedDataLength when the response arrived)
    wire: int = 0  # encodedDataLength when loading finished: headers + body as received
    decoded: int = 0  # body bytes after decompression
    done: bool = False


@dataclass
class Recorder:
    """Collects Network.* events of one page, grouped into phases (first load, changes)."""

    resources: dict[str, Resource] = field(default_factory=dict)
    phase_ids: list[str] = field(default_factory=list)
    last_event: float = field(default_factory=time.monotonic)
    request_encoding: str = ""

    def attach(self, cdp) -> None:
        cdp.on("Network.requestWillBeSent", self._sent)
        cdp.on("Network.requestWillBeSentExtraInfo", self._sent_headers)
        cdp.on("Network.responseReceived", self._response)
        cdp.on("Network.dataReceived", self._data)
        cdp.on("Network.loadingFinished", self._finished)
        cdp.on("Network.loadingFailed", self._failed)
        cdp.send("Network.enable")

    def new_phase(self) -> None:
        self.phase_ids = []
        self.last_event = time.monotonic()

    def phase(self) -> list[Resource]:
        return [self.resources[i] for i in self.phase_ids]

    def wait_quiet(self, page) -> None:
        """Return once every request has finished and nothing happened for SETTLE_SECONDS."""
        deadline = time.monotonic() + PHASE_TIMEOUT_SECONDS
        while time.monotonic() < deadline:
            page.wait_for_timeout(100)
            pending = [r for r in self.phase() if not r.done]
            if not pending and time.monotonic() - self.last_event >= SETTLE_SECONDS:
                return
        raise BenchError(f"network still busy after {PHASE_TIMEOUT_SECONDS:.0f} s")

    def _touch(self) -> None:
        self.last_event = time.monotonic()

    def _sent(self, event: dict) -> None:
        request = event["request"]
        if request["url"].startswith("data:"):
            return
        self.resources[event["requestId"]] = Resource(request["url"], request["method"])
        self.phase_ids.append(event["requestId"])
        self._touch()

    def _sent_headers(self, event: dict) -> None:
        headers = {k.lower(): v for k, v in event.get("headers", {}).items()}
        self.request_encoding = headers.get("accept-encoding", self.request_encoding)

    def _response(self, event: dict) -> None:
        resource = self.resources.get(event["requestId"])
        if resource is None:
            return
        response = event["response"]
        headers = {k.lower(): v for k, v in response.get("headers", {}).items()}
        resource.status = response.get("status", 0)
        resource.mime = response.get("mimeType", "")
        resource.encoding = headers.get("content-encoding", "")
        resource.headers = int(response.get("encodedDataLength", 0))
        self._touch()

    def _data(self, event: dict) -> None:
        resource = self.resources.get(event["requestId"])
        if resource is not None:
            resource.decoded += event.get("dataLength", 0)

    def _finished(self, event: dict) -> None:
        resource = self.resources.get(event["requestId"])
        if resource is not None:
            resource.wire = int(event.get("encodedDataLength", 0))
            resource.done = True
        self._touch()

    def _failed(self, event: dict) -> None:
        resource = self.resources.get(event["requestId"])
        if resource is not None:
            resource.status = resource.status or -1
            resource.done = True
        self._touch()


# ---------------------------------------------------------------- the server


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _built_data_dir() -> Path:
    """A fresh database in a temp folder, built the way the README says."""
    folder = Path(tempfile.mkdtemp(prefix="atlas-payload-"))
    env = {**os.environ, "ATLAS_DATA_DIR": str(folder)}
    done = subprocess.run([sys.executable, "-m", "atlas", "build"], cwd=REPO_ROOT, env=env,
                          capture_output=True, text=True)  # fmt: skip
    if done.returncode != 0:
        raise BenchError(f"`python -m atlas build` failed:\n{done.stdout}{done.stderr}")
    return folder


def _start_gunicorn(app: str, chdir: Path, data_dir: Path, log: Path) -> tuple[Popen, str]:
    """gunicorn serving `app` on a free localhost port, once `/` answers 200."""
    port = _free_port()
    env = {**os.environ, "ATLAS_DATA_DIR": str(data_dir), "ATLAS_BIND": f"127.0.0.1:{port}",
           "ATLAS_WORKERS": "1", "ATLAS_LOG_LEVEL": "warning"}  # fmt: skip
    command = [sys.executable, "-m", "gunicorn", "--bind", f"127.0.0.1:{port}",
               "--access-logfile", "/dev/null", app]  # fmt: skip
    with log.open("wb") as out:
        proc = Popen(command, cwd=chdir, env=env, stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise BenchError(f"gunicorn exited with {proc.returncode}:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(url + "/", timeout=2) as response:
                if response.status == 200:
                    return proc, url
        except OSError:
            time.sleep(0.2)
    _stop(proc)
    raise BenchError(f"{url}/ did not answer within 30 s; see {log}")


def _stop(proc: Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()


# ---------------------------------------------------------------- the page


def _change_dropdown(page, nth: int) -> str | None:
    """Pick the nth unselected option of the first dcc.Dropdown; what changed, or None."""
    dropdowns = page.locator("button.dash-dropdown")
    if dropdowns.count() == 0:
        return None
    dropdown = dropdowns.first
    dropdown.click()
    options = page.locator(".dash-dropdown-options [role=option]")
    options.first.wait_for(timeout=5_000)
    others = page.locator(".dash-dropdown-options [role=option]:not([aria-selected=true])")
    if others.count() <= nth:
        page.keyboard.press("Escape")
        return None
    label = others.nth(nth).inner_text().strip()
    others.nth(nth).click()
    return f"#{dropdown.get_attribute('id')} → {label!r}"


def _change_radio(page, nth: int) -> str | None:
    """Pick the nth unselected option of the first dcc.RadioItems; what changed, or None."""
    groups = page.locator(".dash-radioitems")
    if groups.count() == 0:
        return None
    group = groups.first
    others = group.locator("[role=option]:not([aria-selected=true])")
    if others.count() <= nth:
        return None
    label = others.nth(nth).inner_text().strip()
    others.nth(nth).click()
    return f"#{group.get_attribute('id')} → {label!r}"


CHANGES = (_change_dropdown, _change_radio)


def _wait_for_graphs(page) -> None:
    """Every dcc.Graph of the layout has started drawing (so lazy chunks are in)."""
    page.wait_for_function(
        "() => [...document.querySelectorAll('.dash-graph')]"
        ".every(g => g.querySelector('.main-svg'))",
        timeout=PHASE_TIMEOUT_SECONDS * 1000,
    )


# ---------------------------------------------------------------- printing


def _name(url: str) -> str:
    path = urlparse(url).path.replace("/_dash-component-suites/", "…/")
    return path if len(path) <= 60 else "…" + path[-59:]


def _body(r: Resource) -> int:
    """Body bytes as sent (compressed if it was): what arrived minus the response headers."""
    return max(r.wire - r.headers, 0)


def _print_table(title: str, resources: list[Resource], budget: int | None) -> None:
    rows = sorted(resources, key=lambda r: r.wire, reverse=True)
    print(f"\n{title}")
    print(f"{'resource':<62} {'st':>3} {'wire B':>9} {'body B':>9} {'decoded B':>10}  enc")
    print("-" * 101)
    for r in rows:
        method = "" if r.method == "GET" else f"{r.method} "
        encoding = r.encoding or ("-" if r.decoded < 500 else "NONE")
        print(f"{method + _name(r.url):<62} {r.status:>3} {r.wire:>9,} {_body(r):>9,}"
              f" {r.decoded:>10,}  {encoding}")  # fmt: skip
    wire = sum(r.wire for r in rows)
    body = sum(_body(r) for r in rows)
    decoded = sum(r.decoded for r in rows)
    print("-" * 101)
    print(f"{f'total ({len(rows)} requests)':<62} {'':>3} {wire:>9,} {body:>9,} {decoded:>10,}")
    if budget:
        verdict = "within" if wire <= budget else "OVER"
        print(f"budget {budget:,} B: {verdict} ({wire / budget:.0%} used, wire bytes)")
    big_plain = [r for r in rows if not r.encoding and r.decoded >= 1_000]
    for r in big_plain:
        print(f"  not compressed: {_name(r.url)} ({r.decoded:,} B, {r.mime})")


# ---------------------------------------------------------------- main


def measure(url: str, changes: int, encoding: str) -> None:
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        raise BenchError(f"{CHROMIUM} is missing: apt-get install chromium")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        headers = {} if encoding == "browser" else {"Accept-Encoding": encoding}
        # bypass_csp: the app's CSP forbids the eval that Playwright's wait_for_function
        # uses; it changes no byte on the wire.
        context = browser.new_context(viewport={"width": 1400, "height": 900},
                                      extra_http_headers=headers, bypass_csp=True)  # fmt: skip
        page = context.new_page()
        recorder = Recorder()
        recorder.attach(context.new_cdp_session(page))

        recorder.new_phase()
        with page.expect_response(lambda r: "/_dash-layout" in r.url):
            page.goto(url + "/")
        _wait_for_graphs(page)
        recorder.wait_quiet(page)
        print(f"app: {url}/   Accept-Encoding sent: {recorder.request_encoding or '?'}")
        _print_table("First load of / (fresh browser cache)", recorder.phase(), BUDGET_BYTES)
        fetched = [r.url for r in recorder.phase() if DASH_PLOTLY_JS in r.url]
        print(f"Dash's own plotly.min.js fetched: {'YES ' + fetched[0] if fetched else 'no'}")

        for step in range(changes):
            change = CHANGES[step % len(CHANGES)]
            for nth in range(3):  # an option that fires no callback was no change: try the next
                recorder.new_phase()
                what = change(page, nth)
                if what is None:
                    break
                recorder.wait_quiet(page)
                if recorder.phase():
                    break
            if what is None:
                print(f"\nchange {step + 1}: no {change.__name__[8:]} option left to change")
                continue
            _print_table(f"Filter change {step + 1}: {what}", recorder.phase(), None)
        browser.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--app", default="app:server", help="gunicorn app (default app:server)")
    parser.add_argument("--chdir", type=Path, default=REPO_ROOT, help="folder of the app module")
    parser.add_argument("--changes", type=int, default=2, help="filter changes after the load")
    parser.add_argument("--encoding", default="gzip",
                        help="Accept-Encoding to send; 'browser': Chromium's own")  # fmt: skip
    args = parser.parse_args(argv)

    data_dir = Path(os.environ["ATLAS_DATA_DIR"]) if os.environ.get("ATLAS_DATA_DIR") else None
    if data_dir is None:
        data_dir = _built_data_dir()
        print(f"built a database in {data_dir}")
    log = Path(tempfile.mkstemp(prefix="atlas-payload-gunicorn-", suffix=".log")[1])
    proc, url = _start_gunicorn(args.app, args.chdir.resolve(), data_dir.resolve(), log)
    try:
        measure(url, args.changes, args.encoding)
    finally:
        _stop(proc)
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BenchError as exc:
        print(f"payload: {exc}", file=sys.stderr)
        sys.exit(1)
