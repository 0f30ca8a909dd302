"""atlas/store.py: versioned files, atomic swap, readers following `current.duckdb`."""

from __future__ import annotations

import threading
from pathlib import Path

import duckdb
import pytest

from atlas.store import Reader, StoreError, current_path, publish, resolve_current, versions


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
