"""A real gunicorn serving the app on a built database, and Playwright on Debian chromium."""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest

from atlas.settings import REPO_ROOT

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# Without these, headless chromium tries Google's hosts at start (this machine has no internet).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


# The places a map draws (JS, given the selector of the graph): paths of its two colour
# traces (the third outlines the selection) bound to a place. Plotly keeps a path without a
# place for each entry whose z is null, and drops the geometry of places out of view.
DRAWN_PLACES = (
    "(root) => Array.from(document.querySelectorAll("
    "root + ' g.trace.choropleth:nth-of-type(-n+2) path.choroplethlocation'))"
    ".filter(p => p.__data__ && p.__data__.loc !== null)"
)


def wait_for_places(target, root: str, count: int, timeout: float = 30_000) -> None:
    """Until the map under `root` draws `count` places (`target`: a page or a frame)."""
    target.wait_for_function(f"(root) => ({DRAWN_PLACES})(root).length === {count}",
                             arg=root, timeout=timeout)  # fmt: skip


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_until_up(url: str, proc: subprocess.Popen, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(url + "/healthz", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise TimeoutError(f"{url} did not answer within {seconds} s")


@contextlib.contextmanager
def served_app(data_dir: Path, port: int, log_name: str, **extra_env: str) -> Iterator[str]:
    """The app under gunicorn (one worker) on 127.0.0.1:`port`, reading `data_dir`, with its
    log in `data_dir / log_name`; yields its URL once it answers, and stops it after."""
    env = {
        **os.environ,
        "ATLAS_DATA_DIR": str(data_dir),
        "ATLAS_BIND": f"127.0.0.1:{port}",
        "ATLAS_WORKERS": "1",
        "ATLAS_LOG_LEVEL": "warning",
        **extra_env,
    }
    log = open(data_dir / log_name, "wb")  # noqa: SIM115 - closed below
    proc = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "app:server", "--access-logfile", "/dev/null"],
        cwd=REPO_ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(url, proc)
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=20)
        log.close()


@pytest.fixture(scope="session")
def server_url(data_dir: Path) -> Iterator[str]:
    with served_app(data_dir, _free_port(), "gunicorn.log") as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian chromium is not installed (./dev test installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class OfflinePage:
    """A page that may only reach the app's own origin; it records everything else it tried."""

    def __init__(self, browser, base_url: str) -> None:
        # The app's CSP stays on: a page that breaks it fails the console-error checks.
        self.context = browser.new_context(viewport={"width": 1400, "height": 900})
        self.page = self.context.new_page()
        self.blocked: list[str] = []
        self.console_errors: list[str] = []
        host = urlparse(base_url).netloc
        self.context.route("**/*", self._route(host))
        self.page.on("console", lambda m: m.type == "error" and self.console_errors.append(m.text))
        self.page.on("pageerror", lambda e: self.console_errors.append(str(e)))

    def _route(self, host: str):
        def handle(route) -> None:
            if urlparse(route.request.url).netloc == host:
                route.continue_()
            else:
                self.blocked.append(route.request.url)
                route.abort()

        return handle

    def close(self) -> None:
        self.context.close()


@pytest.fixture()
def offline_page(browser, server_url: str) -> Iterator[OfflinePage]:
    page = OfflinePage(browser, server_url)
    yield page
    page.close()
