"""Data refresh while serving (atlas/store.py under a real gunicorn, 2 workers × 4 threads).

Client threads hammer ``/healthz`` and the map callback (``POST /_dash-update-component``)
while the database is swapped 10 times with `atlas.store.publish`. Each version changes
what the user sees (the source titles in the map caption get a ``[vN]`` mark) and
``meta.built_at`` (which ``/healthz`` reports). Every request records the version it saw;
none may fail, and none that started after a swap completed may see an older version.
"""

from __future__ import annotations

import contextlib
import http.client
import json
import os
import re
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest

from atlas.settings import REPO_ROOT
from atlas.store import publish, resolve_current
from tests.helpers import build_db

SWAPS = 10
CLIENTS = 6
MARK = re.compile(r" \[v(\d+)\]")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Served:
    port: int
    data_dir: Path
    proc: subprocess.Popen

    def workers(self) -> list[int]:
        children = Path(f"/proc/{self.proc.pid}/task/{self.proc.pid}/children")
        return [int(p) for p in children.read_text().split()]


def open_databases(pid: int) -> set[str]:
    """Names of the .duckdb files a process has open."""
    names = set()
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        with contextlib.suppress(OSError):
            target = os.readlink(fd)
            if ".duckdb" in target:
                names.add(Path(target).name)
    return names


def _start(tmp_path: Path, *, wait_for_health: bool = True) -> Served:
    """gunicorn with the production config on a fresh database."""
    data_dir = tmp_path / "db"
    build_db(data_dir)
    port = _free_port()
    env = {**os.environ, "ATLAS_DATA_DIR": str(data_dir), "ATLAS_BIND": f"127.0.0.1:{port}",
           "ATLAS_WORKERS": "2", "ATLAS_THREADS": "4", "ATLAS_LOG_LEVEL": "warning"}  # fmt: skip
    with (tmp_path / "gunicorn.log").open("wb") as log:
        proc = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "app:server", "--access-logfile", "/dev/null"],
        cwd=REPO_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    log.close()
    served = Served(port, data_dir, proc)
    deadline = time.monotonic() + 60
    while wait_for_health and _get_version(port) is None:
        assert proc.poll() is None, (tmp_path / "gunicorn.log").read_text()
        assert time.monotonic() < deadline, "gunicorn did not answer /healthz in 60 s"
        time.sleep(0.2)
    return served


@pytest.fixture()
def served(tmp_path: Path) -> Iterator[Served]:
    server = _start(tmp_path)
    try:
        yield server
    finally:
        server.proc.terminate()
        server.proc.wait(timeout=20)


def _get_version(port: int) -> int | None:
    try:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=20)
        conn.request("GET", "/healthz")
        response = conn.getresponse()
        body = response.read()
        conn.close()
    except OSError:
        return None
    return _healthz_version(body) if response.status == 200 else None


def _healthz_version(body: bytes) -> int:
    built_at = json.loads(body)["built_at"]
    return int(built_at.removeprefix("swap-")) if built_at.startswith("swap-") else 0


def _caption_version(body: bytes) -> int:
    caption = json.loads(body)["response"]["map-caption"]["children"]
    marks = {int(n) for n in MARK.findall(json.dumps(caption, ensure_ascii=False))}
    assert len(marks) <= 1, marks  # one answer never mixes two versions
    return marks.pop() if marks else 0


def version_builder(n: int):
    """A copy of the current version whose built_at and source titles say `n`."""

    def build(con: duckdb.DuckDBPyConnection) -> None:
        con.execute("UPDATE meta SET value = ? WHERE key = 'built_at'", [f"swap-{n}"])
        for column in ("title_ru", "title_en"):
            con.execute(f"UPDATE documents SET {column} = "
                        f"regexp_replace({column}, ' \\[v\\d+\\]$', '') || ' [v{n}]'")  # fmt: skip

    return build


def map_callback_body(port: int) -> bytes:
    """The map callback's request as the page sends it, built from `/_dash-dependencies`."""
    from atlas.viewstate import ViewState, state_to_dict

    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.request("GET", "/_dash-dependencies")
    deps = json.loads(conn.getresponse().read())
    conn.close()
    spec = next(d for d in deps if "map.figure" in d["output"])
    outputs = [dict(zip(("id", "property"), o.split("."), strict=True))
               for o in spec["output"].strip(".").split("...")]  # fmt: skip
    return json.dumps({
        "output": spec["output"], "outputs": outputs,
        "inputs": [{"id": "view-state", "property": "data", "value": state_to_dict(ViewState())}],
        "changedPropIds": ["view-state.data"],
        "state": [{"id": "map-drawn", "property": "data", "value": None}],
    }).encode()  # fmt: skip


@dataclass
class Seen:
    started: float
    kind: str
    version: int | None  # None = the request failed
    detail: str = ""


def _client(port: int, body: bytes, stop: threading.Event, seen: list[Seen]) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    headers = {"Content-Type": "application/json"}
    kinds = ("healthz", "callback")
    i = 0
    while not stop.is_set():
        kind = kinds[i % 2]
        i += 1
        started = time.monotonic()
        try:
            if kind == "healthz":
                conn.request("GET", "/healthz")
            else:
                conn.request("POST", "/_dash-update-component", body=body, headers=headers)
            response = conn.getresponse()
            data = response.read()
            if response.status != 200:
                seen.append(Seen(started, kind, None, f"{response.status} {data[:200]!r}"))
                continue
            version = _healthz_version(data) if kind == "healthz" else _caption_version(data)
            seen.append(Seen(started, kind, version))
        except (OSError, http.client.HTTPException, ValueError, KeyError) as exc:
            seen.append(Seen(started, kind, None, repr(exc)))
            conn.close()
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.close()


def _wait_for_answers_after(moment: float, seen: list[Seen], seconds: float = 30) -> None:
    """Until both kinds of request that started after `moment` have answered (a busy machine
    slows the load down; the swaps wait for it rather than outrun it)."""
    deadline = time.monotonic() + seconds
    while {s.kind for s in list(seen) if s.started > moment} != {"healthz", "callback"}:
        assert time.monotonic() < deadline, f"no answers {seconds} s after a swap"
        time.sleep(0.05)


def test_swaps_under_load_fail_nothing_and_never_go_back(served: Served) -> None:
    port, data_dir = served.port, served.data_dir
    body = map_callback_body(port)
    seen: list[Seen] = []
    stop = threading.Event()
    threads = [threading.Thread(target=_client, args=(port, body, stop, seen))
               for _ in range(CLIENTS)]  # fmt: skip
    for th in threads:
        th.start()
    switched: dict[int, float] = {0: time.monotonic()}
    try:
        for n in range(SWAPS + 1):
            if n:
                publish(version_builder(n), data_dir, start_from_current=True)
                switched[n] = time.monotonic()  # from here on, nobody may see an older version
            _wait_for_answers_after(switched[n], seen)
    finally:
        stop.set()
        for th in threads:
            th.join(timeout=30)

    failed = [s for s in seen if s.version is None]
    assert failed == [], failed[:5]
    stale = [(n, s) for s in seen for n, at in switched.items()
             if s.started > at and s.version < n]  # fmt: skip
    assert stale == [], stale[:5]
    kinds = {s.kind for s in seen}
    assert kinds == {"healthz", "callback"}
    # The load overlapped every swap: each version answered both kinds of request.
    for n in range(SWAPS + 1):
        answered = {s.kind for s in seen if s.version == n}
        assert answered == {"healthz", "callback"}, (n, answered, len(seen))
    # Old versions are closed once their last request is done: no file kept open per swap.
    # A worker that no request reached after the last swap still holds the version it
    # last served (it moves on at its next request), so each holds one file at most.
    current = resolve_current(data_dir).name
    held = {pid: open_databases(pid) for pid in served.workers()}
    assert all(len(names) <= 1 for names in held.values()), held
    assert current in set().union(*held.values()), (held, current)


def test_master_never_opens_the_database_and_workers_open_it_lazily(tmp_path: Path) -> None:
    server = _start(tmp_path, wait_for_health=False)
    try:
        deadline = time.monotonic() + 60
        while len(server.workers()) < 2 or not all(
            "duckdb" in Path(f"/proc/{pid}/maps").read_text() for pid in server.workers()
        ):  # each worker has imported the app (and DuckDB's library) after the fork
            assert time.monotonic() < deadline, "workers did not import the app in 60 s"
            time.sleep(0.1)
        time.sleep(0.5)
        assert all(open_databases(pid) == set() for pid in server.workers())
        for _ in range(20):
            assert _get_version(server.port) == 0
        current = resolve_current(server.data_dir).name
        assert {name for pid in server.workers() for name in open_databases(pid)} == {current}
        assert "duckdb" not in Path(f"/proc/{server.proc.pid}/maps").read_text()
        assert open_databases(server.proc.pid) == set()
    finally:
        server.proc.terminate()
        server.proc.wait(timeout=20)
