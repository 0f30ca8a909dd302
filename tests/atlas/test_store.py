"""atlas/store.py: versioned files, atomic swap, readers following `current.duckdb`."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

import duckdb
import pytest

from atlas.settings import REPO_ROOT
from atlas.store import (
    Reader,
    StoreBusy,
    StoreError,
    current_path,
    publish,
    resolve_current,
    versions,
    writer_lock,
)


def _version_builder(n: int):
    def build(con: duckdb.DuckDBPyConnection) -> None:
        con.execute("CREATE TABLE IF NOT EXISTS v (n INTEGER)")
        con.execute("DELETE FROM v")
        con.execute("INSERT INTO v VALUES (?)", [n])

    return build


def _read(reader: Reader) -> int:
    with reader.cursor() as cur:
        return cur.execute("SELECT n FROM v").fetchone()[0]


def test_publish_makes_a_new_current_version(tmp_path: Path) -> None:
    first = publish(_version_builder(1), tmp_path)
    second = publish(_version_builder(2), tmp_path)
    assert first != second
    assert resolve_current(tmp_path) == second
    assert current_path(tmp_path).is_symlink()
    assert not list(tmp_path.glob("*.tmp")) and not list(tmp_path.glob("*.wal"))


def test_failed_build_changes_nothing(tmp_path: Path) -> None:
    publish(_version_builder(1), tmp_path)
    reader = Reader(tmp_path)
    before = resolve_current(tmp_path)

    def broken(con: duckdb.DuckDBPyConnection) -> None:
        con.execute("CREATE TABLE w (n INTEGER)")
        raise RuntimeError("half-way")

    with pytest.raises(RuntimeError, match="half-way"):
        publish(broken, tmp_path, start_from_current=True)
    assert resolve_current(tmp_path) == before
    assert _read(reader) == 1
    assert len(versions(tmp_path)) == 1
    assert not list(tmp_path.glob("*.tmp*"))


def test_reader_follows_the_link(tmp_path: Path) -> None:
    publish(_version_builder(1), tmp_path)
    reader = Reader(tmp_path)
    assert _read(reader) == 1
    publish(_version_builder(2), tmp_path)
    assert _read(reader) == 2  # within one request of the swap


def test_start_from_current_copies_the_data(tmp_path: Path) -> None:
    publish(_version_builder(1), tmp_path)

    def add(con: duckdb.DuckDBPyConnection) -> None:
        con.execute("INSERT INTO v VALUES (5)")

    publish(add, tmp_path, start_from_current=True)
    with Reader(tmp_path).cursor() as cur:
        assert sorted(r[0] for r in cur.execute("SELECT n FROM v").fetchall()) == [1, 5]


def test_old_versions_are_pruned(tmp_path: Path) -> None:
    for n in range(5):
        publish(_version_builder(n), tmp_path, keep_versions=2)
    assert len(versions(tmp_path)) == 2


def test_missing_database_says_how_to_build(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="python -m atlas build"):
        _read(Reader(tmp_path))


def test_threads_reading_during_swaps_never_fail_or_go_back(tmp_path: Path) -> None:
    publish(_version_builder(0), tmp_path)
    reader = Reader(tmp_path)
    errors: list[BaseException] = []
    went_back: list[tuple[int, int]] = []
    stop = threading.Event()

    def hammer() -> None:
        last = 0
        while not stop.is_set():
            try:
                n = _read(reader)
            except BaseException as exc:
                errors.append(exc)
                return
            if n < last:
                went_back.append((last, n))
            last = n

    threads = [threading.Thread(target=hammer) for _ in range(6)]
    for th in threads:
        th.start()
    for n in range(1, 11):
        publish(_version_builder(n), tmp_path)
    stop.set()
    for th in threads:
        th.join()
    assert errors == []
    assert went_back == []
    assert _read(reader) == 10


# ---------------------------------------------------------------- the writer lock

_HOLD_LOCK = (
    "import sys\n"
    "from atlas.store import writer_lock\n"
    "with writer_lock(sys.argv[1]):\n"
    "    print('held', flush=True)\n"
    "    sys.stdin.read()\n"
)


def _lock_holding_process(folder: Path) -> subprocess.Popen:
    """Another process that holds the folder's writer lock until its stdin closes."""
    proc = subprocess.Popen(
        [sys.executable, "-c", _HOLD_LOCK, str(folder)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=REPO_ROOT,
        env={**os.environ, "PYTHONPATH": str(REPO_ROOT)},
    )
    assert proc.stdout.readline() == "held\n"
    return proc


def test_a_writer_that_gives_up_names_the_holder(tmp_path: Path) -> None:
    publish(_version_builder(1), tmp_path)
    before = resolve_current(tmp_path)
    proc = _lock_holding_process(tmp_path)
    try:
        with pytest.raises(StoreBusy) as caught:
            publish(_version_builder(2), tmp_path, wait=0.3)
        message = str(caught.value)
        assert f"pid {proc.pid} " in message and "writer_lock" in message  # its command line
        assert "since 20" in message and "gave up after waiting 0.3 s" in message
        assert resolve_current(tmp_path) == before  # nothing changed, nothing left behind
        assert not list(tmp_path.glob("*.tmp*"))
    finally:
        proc.kill()
        proc.wait(10)


def test_a_lock_left_by_a_killed_writer_does_not_block(tmp_path: Path) -> None:
    proc = _lock_holding_process(tmp_path)
    os.kill(proc.pid, signal.SIGKILL)  # dies holding the lock; its file still names it
    proc.wait(10)
    assert f'"pid": {proc.pid}' in (tmp_path / ".writer.lock").read_text()
    publish(_version_builder(1), tmp_path, wait=0)  # no waiting at all: the lock is free
    assert f'"pid": {proc.pid}' not in (tmp_path / ".writer.lock").read_text()


def test_threads_of_one_process_take_turns(tmp_path: Path) -> None:
    publish(_version_builder(1), tmp_path)
    outcome: list[BaseException | Path] = []

    def other_writer() -> None:
        try:
            outcome.append(publish(_version_builder(2), tmp_path, wait=0.2))
        except BaseException as exc:
            outcome.append(exc)

    with writer_lock(tmp_path):
        publish(_version_builder(3), tmp_path)  # re-entrant in the holding thread
        thread = threading.Thread(target=other_writer)
        thread.start()
        thread.join(30)
    assert len(outcome) == 1 and isinstance(outcome[0], StoreBusy)
    assert f"pid {os.getpid()} " in str(outcome[0])
    assert _read(Reader(tmp_path)) == 3


def test_a_long_build_merges_from_the_version_current_when_it_swaps(tmp_path: Path) -> None:
    """What another writer publishes while a build runs is what the build carries over."""
    publish(_version_builder(1), tmp_path)
    seen: list[Path] = []

    def slow_build(con: duckdb.DuckDBPyConnection) -> None:
        _version_builder(10)(con)
        # Meanwhile (the lock is not held while building) an import publishes a version.
        publish(lambda c: c.execute("INSERT INTO v VALUES (2)"), tmp_path, start_from_current=True)

    def carry_over(con: duckdb.DuckDBPyConnection, current: Path) -> None:
        seen.append(current)
        con.execute("ATTACH ? AS cur (READ_ONLY)", [str(current)])
        con.execute("INSERT INTO v SELECT n FROM cur.v WHERE n < 10")
        con.execute("DETACH cur")

    published = publish(slow_build, tmp_path, merge_current=carry_over)
    assert seen == [versions(tmp_path)[-2]]  # the import's version, not the one at the start
    assert resolve_current(tmp_path) == published == versions(tmp_path)[-1]
    with Reader(tmp_path).cursor() as cur:
        assert sorted(r[0] for r in cur.execute("SELECT n FROM v").fetchall()) == [1, 2, 10]
