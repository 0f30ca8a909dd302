"""Slow clients against a real gunicorn (1 worker × 2 threads), alone and behind nginx.

More connections than threads each announce a 500 000-byte body and send one byte. Without
a deadline on the body they hold every thread and `/healthz` waits for them (issue 13); with
`ATLAS_BODY_TIMEOUT=2` (atlas/body_deadline.py) each is answered 408 and its thread is free
again. Behind Debian's nginx with `deploy/nginx.conf` (the compose file's proxy) they never
reach gunicorn at all, even with a body timeout far longer than the test.
"""

from __future__ import annotations

import contextlib
import os
import shutil
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


@contextlib.contextmanager
def _gunicorn(data_dir: Path, tmp_path: Path, body_timeout: int):
    """gunicorn with the production config; yields its port."""
    port = _free_port()
    env = {**os.environ, "ATLAS_DATA_DIR": str(data_dir), "ATLAS_BIND": f"127.0.0.1:{port}",
           "ATLAS_WORKERS": "1", "ATLAS_THREADS": "2", "ATLAS_LOG_LEVEL": "warning",
           "ATLAS_BODY_TIMEOUT": str(body_timeout)}  # fmt: skip
    log = tmp_path / "gunicorn.log"
    with log.open("wb") as out:
        proc = subprocess.Popen([sys.executable, "-m", "gunicorn", "app:server"], cwd=REPO_ROOT,
                                env=env, stdout=out, stderr=subprocess.STDOUT)  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        while True:
            assert proc.poll() is None, log.read_text()
            assert time.monotonic() < deadline, "gunicorn did not start in 60 s"
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=10):
                    break
            except OSError:
                time.sleep(0.2)
        yield port
    finally:
        proc.terminate()  # the master stops its worker first (a kill would orphan it)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)


@pytest.fixture()
def gunicorn_url(data_dir: Path, tmp_path: Path):
    with _gunicorn(data_dir, tmp_path, BODY_TIMEOUT) as port:
        yield port


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


NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
# One process (no master and workers), so that killing it leaves no worker behind.
_NGINX_MAIN = """daemon off;
master_process off;
pid {prefix}/nginx.pid;
error_log {prefix}/error.log warn;
events {{ worker_connections 256; }}
http {{
    access_log off;
    client_body_temp_path {prefix}/body;
    proxy_temp_path {prefix}/proxy;
    fastcgi_temp_path {prefix}/fastcgi;
    uwsgi_temp_path {prefix}/uwsgi;
    scgi_temp_path {prefix}/scgi;
    include {prefix}/server.conf;
}}
"""


@contextlib.contextmanager
def _nginx(tmp_path: Path, upstream_port: int):
    """Debian's nginx with deploy/nginx.conf (its two placeholders filled in); yields its port."""
    port = _free_port()
    prefix = tmp_path / "nginx"
    prefix.mkdir()
    server = (REPO_ROOT / "deploy" / "nginx.conf").read_text()
    server = server.replace("${NGINX_PORT}", f"127.0.0.1:{port}")
    server = server.replace("${ATLAS_UPSTREAM}", f"127.0.0.1:{upstream_port}")
    (prefix / "server.conf").write_text(server)
    (prefix / "nginx.conf").write_text(_NGINX_MAIN.format(prefix=prefix))
    proc = subprocess.Popen([NGINX, "-p", str(prefix), "-c", str(prefix / "nginx.conf")],
                            stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)  # fmt: skip
    try:
        deadline = time.monotonic() + 30
        while True:
            error_log = prefix / "error.log"
            assert proc.poll() is None, error_log.read_text() if error_log.exists() else ""
            assert time.monotonic() < deadline, "nginx did not start in 30 s"
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.1)
        yield port
    finally:
        proc.kill()
        proc.wait(timeout=20)


@pytest.mark.skipif(not Path(NGINX).exists(), reason="Debian nginx is not installed (./dev test)")
def test_behind_nginx_slow_clients_never_reach_the_app(data_dir: Path, tmp_path: Path) -> None:
    # A body timeout longer than the test: only nginx can keep the threads free here.
    with _gunicorn(data_dir, tmp_path, 600) as app_port, _nginx(tmp_path, app_port) as port:
        clients = [_slow_client(port) for _ in range(SLOW_CLIENTS * 2)]
        try:
            url = f"http://127.0.0.1:{port}/healthz"
            # Within less than nginx's own client_body_timeout (10 s), which would free the
            # threads by itself: the answer must not wait for the slow clients at all.
            with urllib.request.urlopen(url, timeout=5) as answer:
                assert answer.status == 200
                assert answer.headers["X-Content-Type-Options"] == "nosniff"  # passed as is
            with urllib.request.urlopen(
                f"http://127.0.0.1:{app_port}/healthz", timeout=BOUND
            ) as answer:
                assert answer.status == 200  # the app's threads are free as well
        finally:
            for sock in clients:
                sock.close()
