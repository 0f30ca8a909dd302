"""Versioned DuckDB files behind an atomically swapped `current.duckdb` link; per-process readers.

Writers never touch a file that readers have open: every change builds a new
`atlas-<version>.duckdb`, checkpoints and fsyncs it, then swaps the `current.duckdb`
symlink with one `os.replace`. Every writer (build, import, synthetic demo, browser import)
goes through `publish`, which holds the folder's one writer lock while it reads the current
version and swaps in its own, so no writer publishes a version built on an outdated one.
Readers resolve the link on every request and open a new read-only connection when it
points elsewhere: DuckDB's Python client caches database instances by path, so re-opening
the same path after an in-place replace would keep serving the old data (see the stack notes, §3.1).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import json
import os
import shlex
import shutil
import sys
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import duckdb

CURRENT_NAME = "current.duckdb"
LOCK_NAME = ".writer.lock"
_PREFIX = "atlas-"
_POLL_SECONDS = 0.1


class StoreError(RuntimeError):
    """The database store is missing or unusable; the message says which command fixes it."""


class StoreBusy(StoreError):
    """Another writer held the data folder for longer than this one may wait."""


def current_path(data_dir: Path) -> Path:
    """The `current.duckdb` link of a data folder (it may not exist yet)."""
    return Path(data_dir) / CURRENT_NAME


def resolve_current(data_dir: Path) -> Path:
    """The real file `current.duckdb` points at, or StoreError if there is none."""
    link = current_path(data_dir)
    if not link.exists():
        raise StoreError(
            f"no database at {link}; build it with `python -m atlas build` "
            "(or set ATLAS_DATA_DIR to a folder that has one)"
        )
    return Path(os.path.realpath(link))


def _new_version_name(data_dir: Path) -> str:
    stamp = time.strftime("%Y%m%dT%H%M%S", time.gmtime())
    for n in range(1000):
        name = f"{_PREFIX}{stamp}-{os.getpid()}-{n:03d}.duckdb"
        if not (data_dir / name).exists():
            return name
    raise StoreError(f"cannot find a free version name in {data_dir}")


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def publish(
    build: Callable[[duckdb.DuckDBPyConnection], None],
    data_dir: Path,
    *,
    start_from_current: bool = False,
    merge_current: Callable[[duckdb.DuckDBPyConnection, Path], None] | None = None,
    keep_versions: int = 3,
    wait: float | None = None,
) -> Path:
    """Build a new database version with `build` and make it current atomically.

    With `start_from_current` the new version is a copy of the current one that `build`
    changes; the folder's writer lock is held from the copy to the swap. Otherwise `build`
    runs on an empty file without the lock (a long build blocks nobody), and the lock is
    taken afterwards: `merge_current(con, current_file)`, if given, then copies what must
    survive from the version current *at that moment* (not the one current when the build
    began), and the swap follows under the same lock. The lock is waited for up to `wait`
    seconds (default: the ATLAS_WRITE_WAIT setting), then StoreBusy names its holder.

    If anything raises, nothing changes: the half-built file is deleted and the previous
    version stays current. Returns the new version's path.
    """
    data_dir = Path(data_dir)
    data_dir.mkdir(parents=True, exist_ok=True)
    # The version's name is given under the lock, so names sort in the order of the swaps.
    tmp = data_dir / f"{_PREFIX}{uuid.uuid4().hex}.duckdb.tmp"
    with contextlib.ExitStack() as locked:
        try:
            if start_from_current:
                locked.enter_context(writer_lock(data_dir, wait=wait))
                shutil.copyfile(resolve_current(data_dir), tmp)
            con = duckdb.connect(str(tmp))
            try:
                build(con)
                if not start_from_current:
                    locked.enter_context(writer_lock(data_dir, wait=wait))
                    if merge_current is not None and current_path(data_dir).exists():
                        merge_current(con, resolve_current(data_dir))
                con.execute("CHECKPOINT")
            finally:
                con.close()
            _fsync(tmp)
            final = data_dir / _new_version_name(data_dir)
            os.rename(tmp, final)
        except BaseException:
            for leftover in (tmp, Path(f"{tmp}.wal")):
                leftover.unlink(missing_ok=True)
            raise
        _swap_current(data_dir, final)
        _prune(data_dir, keep_versions)
    return final


# ---------------------------------------------------------------- the writer lock

_HELD = threading.local()  # data folders this thread holds the lock of (publish inside a lock)


def _default_wait() -> float:
    from atlas.settings import SETTINGS

    return float(SETTINGS.write_wait)


@contextlib.contextmanager
def writer_lock(data_dir: Path, *, wait: float | None = None) -> Iterator[None]:
    """Hold the data folder's one writer lock; re-entrant within a thread.

    An `fcntl.flock` on `LOCK_NAME`: the kernel drops it when its holder exits, however
    it exits, so a crashed writer never blocks the folder. While held, the file names the
    holder (pid, command line, since when) for the message of a writer that gives up
    after `wait` seconds with StoreBusy. Threads of one process exclude each other too
    (each opens the file anew, and flock locks belong to the open file).
    """
    data_dir = Path(data_dir)
    data_dir.mkdir(parents=True, exist_ok=True)
    key = os.path.realpath(data_dir)
    held: set[str] = _HELD.__dict__.setdefault("folders", set())
    if key in held:
        yield
        return
    fd = os.open(data_dir / LOCK_NAME, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    try:
        _acquire(fd, data_dir, _default_wait() if wait is None else wait)
        _write_holder(fd)
        held.add(key)
        try:
            yield
        finally:
            held.discard(key)
            os.ftruncate(fd, 0)
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def _acquire(fd: int, data_dir: Path, wait: float) -> None:
    deadline = time.monotonic() + wait
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            left = deadline - time.monotonic()
            if left <= 0:
                raise StoreBusy(
                    f"{data_dir} is being written by {lock_holder(data_dir)}; "
                    f"gave up after waiting {wait:g} s; try again when it has finished"
                ) from None
            time.sleep(min(_POLL_SECONDS, left))


def _write_holder(fd: int) -> None:
    holder = {
        "pid": os.getpid(),
        "command": shlex.join(sys.orig_argv),
        "since": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
    }
    os.ftruncate(fd, 0)
    os.pwrite(fd, json.dumps(holder).encode(), 0)


def lock_holder(data_dir: Path) -> str:
    """Who holds the writer lock, as its file says: 'pid 12 (`python -m atlas build`, since …)'."""
    try:
        holder = json.loads((Path(data_dir) / LOCK_NAME).read_text(encoding="utf-8"))
        return f"pid {holder['pid']} (`{holder['command']}`, since {holder['since']})"
    except (OSError, ValueError, KeyError, TypeError):
        return "another process (it has not said which yet)"


def _swap_current(data_dir: Path, target: Path) -> None:
    tmp_link = data_dir / f".{CURRENT_NAME}.{os.getpid()}.tmp"
    tmp_link.unlink(missing_ok=True)
    os.symlink(target.name, tmp_link)
    os.replace(tmp_link, current_path(data_dir))
    _fsync(data_dir)


def versions(data_dir: Path) -> list[Path]:
    """Database versions in the folder, oldest first."""
    return sorted(Path(data_dir).glob(f"{_PREFIX}*.duckdb"))


def _prune(data_dir: Path, keep: int) -> None:
    # Old versions stay a while: a reader that resolved the link a moment ago may
    # still be opening one. Deleting an open file is safe on POSIX anyway.
    current = resolve_current(data_dir)
    old = [p for p in versions(data_dir) if p != current]
    for path in old[: max(0, len(old) - (keep - 1))]:
        path.unlink(missing_ok=True)


class Reader:
    """One read-only DuckDB connection per process, re-opened when `current.duckdb` moves.

    Use `with reader.cursor() as cur:` per request; a cursor is never shared between
    threads (a shared connection returns wrong rows under concurrency).
    """

    def __init__(self, data_dir: Path) -> None:
        self._data_dir = Path(data_dir)
        self._lock = threading.Lock()
        self._key: tuple[int, Path] | None = None
        self._con: duckdb.DuckDBPyConnection | None = None

    @property
    def data_dir(self) -> Path:
        return self._data_dir

    def _connection(self) -> duckdb.DuckDBPyConnection:
        # A version resolved a moment ago may be pruned before we open it: resolve again.
        for attempt in range(5):
            try:
                return self._open_current()
            except duckdb.IOException:
                if attempt == 4:
                    raise
        raise AssertionError("unreachable")

    def _open_current(self) -> duckdb.DuckDBPyConnection:
        # The pid is part of the key so that a forked worker never uses its parent's instance.
        key = (os.getpid(), resolve_current(self._data_dir))
        with self._lock:
            if key != self._key or self._con is None:
                # The old connection is not closed here: requests in flight may still
                # hold cursors of it; it is freed when the last of them is gone.
                self._con = duckdb.connect(str(key[1]), read_only=True, config={"threads": 1})
                self._key = key
            return self._con

    @contextlib.contextmanager
    def cursor(self) -> Iterator[duckdb.DuckDBPyConnection]:
        cur = self._connection().cursor()
        try:
            yield cur
        finally:
            cur.close()

    def current_file(self) -> Path:
        """The version file `current.duckdb` points at now (no query: one `realpath`)."""
        return resolve_current(self._data_dir)

    def version(self) -> str:
        """The file name of the version this process reads now."""
        return resolve_current(self._data_dir).name


_DEFAULT_READER: Reader | None = None


def default_reader() -> Reader:
    """The process's reader of the configured data folder (created on first use, after fork)."""
    global _DEFAULT_READER
    if _DEFAULT_READER is None:
        from atlas.settings import SETTINGS

        _DEFAULT_READER = Reader(SETTINGS.data_dir)
    return _DEFAULT_READER
