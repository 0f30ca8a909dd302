"""Slow clients (atlas/body_deadline.py) against a real gunicorn: 1 worker × 2 threads.

More connections than threads each announce a 500 000-byte body and send one byte. Without
a deadline on the body they hold every thread and `/healthz` waits for them (issue 13); with
`ATLAS_BODY_TIMEOUT=2` each is answered 408 and its thread is free again.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from atlas.settings import REPO_ROOT

SLOW_CLIENTS = 6  # three times the threads
BODY_TIMEOUT = 2
BOUND = 30  # seconds: every wait below ends by then, so a regression fails instead of hanging


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture()
def gunicorn_url(data_dir: Path, tmp_path: Path):
    port = _free_port()
    env = {**os.environ, "ATLAS_DATA_DIR": str(data_dir), "ATLAS_BIND": f"127.0.0.1:{port}",
           "ATLAS_WORKERS": "1", "ATLAS_THREADS": "2", "ATLAS_LOG_LEVEL": "warning",
           "ATLAS_BODY_TIMEOUT": str(BODY_TIMEOUT)}  # fmt: skip
    log = tmp_path / "gunicorn.log"
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
        yield port
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def _slow_client(port: int) -> socket.socket:
    sock = socket.create_connection(("127.0.0.1", port), timeout=BOUND)
    sock.sendall(
        b"POST /_dash-update-component HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        b"Content-Type: application/json\r\nContent-Length: 500000\r\n\r\n{"
    )
    return sock


def test_slow_bodies_get_408_and_do_not_starve_healthz(gunicorn_url: int) -> None:
    clients = [_slow_client(gunicorn_url) for _ in range(SLOW_CLIENTS)]
    try:
        with urllib.request.urlopen(
            f"http://127.0.0.1:{gunicorn_url}/healthz", timeout=BOUND
        ) as answer:
            assert answer.status == 200
        for sock in clients:  # each is answered 408 once its deadline passed, then closed
            head = sock.recv(4096).decode("latin-1")
            assert head.startswith("HTTP/1.1 408"), head[:200]
            assert "request body too slow" in head
    finally:
        for sock in clients:
            sock.close()
