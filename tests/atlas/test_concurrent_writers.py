"""Writers of one data folder run at once as real processes, and no dataset is lost.

`python -m atlas build` (the longest writer: it regenerates the sources and the synthetic
demo) is started first; while it is building, several `python -m atlas import` runs with
different dataset ids and a `python -m atlas synthetic` run start. Before the writer lock,
the build swapped in a version carried over from the one it saw at its start, deleting the
imports that had published meanwhile (issue 13). Whatever order they end in, every dataset
must be in the final current version and in what `/healthz` reports.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from atlas import store
from atlas.settings import REPO_ROOT

FIXTURE = REPO_ROOT / "tests" / "data" / "import" / "orgs_fixture.csv"
IMPORT_IDS = ("t-race-1", "t-race-2", "t-race-3")
WAIT_SECONDS = 120  # every bound below: a writer that hangs fails the test, never stalls it


def _atlas(data_dir: Path, *args: str) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT), "ATLAS_DATA_DIR": str(data_dir)}
    return subprocess.Popen(
        [sys.executable, "-m", "atlas", *args],
        cwd=REPO_ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def _finish(proc: subprocess.Popen) -> str:
    out, _ = proc.communicate(timeout=WAIT_SECONDS)
    assert proc.returncode == 0, f"{proc.args}: exit {proc.returncode}\n{out}"
    return out


def _wait_for_build_to_start(data_dir: Path, build: subprocess.Popen) -> None:
    """Until the build's new version file exists (it is building), or the build has ended."""
    deadline = time.monotonic() + WAIT_SECONDS
    while not list(data_dir.glob("*.duckdb.tmp")) and build.poll() is None:
        assert time.monotonic() < deadline, "the build never started writing"
        time.sleep(0.02)


@pytest.fixture()
def client(data_dir_with_writers: Path, monkeypatch: pytest.MonkeyPatch):
    from app import app

    monkeypatch.setattr(store, "_DEFAULT_READER", store.Reader(data_dir_with_writers))
    return app.server.test_client()


@pytest.fixture(scope="module")
def data_dir_with_writers(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data_dir = tmp_path_factory.mktemp("writers")
    _finish(_atlas(data_dir, "build", "--no-synthetic"))
    _finish(_atlas(data_dir, "import", str(FIXTURE), "--dataset-id", "t-before"))
    procs = [_atlas(data_dir, "build")]
    try:
        _wait_for_build_to_start(data_dir, procs[0])
        procs += [_atlas(data_dir, "import", str(FIXTURE), "--dataset-id", i) for i in IMPORT_IDS]
        procs.append(_atlas(data_dir, "synthetic", "--orgs", "2000"))
        outputs = [_finish(proc) for proc in procs]
    finally:
        for proc in procs:
            if proc.poll() is None:
                proc.kill()
                proc.wait(10)
    assert all("published as" in out for out in outputs[1:4])
    return data_dir


def test_every_dataset_survives_in_the_current_version(data_dir_with_writers: Path) -> None:
    with store.Reader(data_dir_with_writers).cursor() as cur:
        rows = dict(
            cur.execute(
                "SELECT d.dataset_id, count(o.dataset_id) FROM datasets d "
                "LEFT JOIN observations o USING (dataset_id) GROUP BY ALL"
            ).fetchall()
        )
    expected = {"hse-2025", "synthetic-demo", "t-before", *IMPORT_IDS}
    assert set(rows) == expected
    assert all(rows[d] > 0 for d in expected), rows
    # Each import of the same file holds the same cube: none was cut short by another writer.
    assert len({rows[d] for d in ("t-before", *IMPORT_IDS)}) == 1


def test_healthz_reports_every_dataset(client) -> None:
    answer = client.get("/healthz")
    assert answer.status_code == 200
    body = answer.get_json()
    assert body["status"] == "ok"
    assert set(body["datasets"]) == {"hse-2025", "synthetic-demo", "t-before", *IMPORT_IDS}
