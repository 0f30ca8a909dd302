"""Data refreshes under load: the `bench/load.py` load on the app while the database is swapped.

The same client threads replay the map callback while the main thread publishes 10 new
versions with `atlas.store.publish` (each a copy of the current one whose source titles,
shown in the map caption, carry a ``[vN]`` mark). Every kept answer is read for its
mark; prints failed requests, answers from an older version after a swap had completed,
the time each swap took, and throughput and latency during the swaps.

    .venv/bin/python bench/refresh_under_load.py [--clients 8] [--swaps 10] [--interval 1.0]
"""

from __future__ import annotations

import argparse
import atexit
import json
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

from load import (
    REPO_ROOT,
    BenchError,
    app_filter_changes,
    built_data_dir,
    decoded,
    machine,
    print_runs,
    run_load,
    start_gunicorn,
    versions,
)

MARK = re.compile(r" \[v(\d+)\]")


def version_builder(n: int):
    """A copy of the current version whose built_at and source titles say `n`."""

    def build(con) -> None:
        con.execute("UPDATE meta SET value = ? WHERE key = 'built_at'", [f"swap-{n}"])
        for column in ("title_ru", "title_en"):
            con.execute(f"UPDATE documents SET {column} = "
                        f"regexp_replace({column}, ' \\[v\\d+\\]$', '') || ' [v{n}]'")  # fmt: skip

    return build


def answer_version(body: bytes, encoding: str) -> int:
    caption = json.loads(decoded(body, encoding))["response"]["map-caption"]["children"]
    marks = {int(n) for n in MARK.findall(json.dumps(caption, ensure_ascii=False))}
    if len(marks) > 1:
        raise BenchError(f"one answer mixes versions {sorted(marks)}")
    return marks.pop() if marks else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--swaps", type=int, default=10)
    parser.add_argument("--interval", type=float, default=1.0, help="seconds between swaps")
    args = parser.parse_args(argv)
    from atlas.store import publish

    data_dir = Path(tempfile.mkdtemp(prefix="atlas-refresh-"))
    atexit.register(shutil.rmtree, data_dir, ignore_errors=True)
    source = built_data_dir()
    shutil.copytree(source, data_dir, dirs_exist_ok=True, symlinks=True)
    print(f"machine: {machine()}\nversions: {versions()}\ndata: {data_dir}")
    server = start_gunicorn("app:server", REPO_ROOT, data_dir)
    switched: dict[int, float] = {}
    swap_seconds: list[float] = []

    def swaps() -> None:
        time.sleep(args.interval)
        for n in range(1, args.swaps + 1):
            begun = time.monotonic()
            publish(version_builder(n), data_dir, start_from_current=True)
            switched[n] = time.monotonic()
            swap_seconds.append(switched[n] - begun)
            time.sleep(args.interval)

    try:
        bodies = app_filter_changes(server.port, data_dir)
        seconds = args.interval * (args.swaps + 1)
        run = run_load("app+swaps", server.port, bodies, clients=args.clients, seconds=seconds,
                       keep_every=1, during=swaps)  # fmt: skip
    finally:
        server.stop()
    seen = [(s.started, answer_version(s.body, s.encoding)) for s in run.ok]
    stale = [(n, v) for started, v in seen for n, at in switched.items() if started > at and v < n]
    answered = sorted({v for _, v in seen})
    print(f"gunicorn: 2 workers × 4 threads, {args.clients} clients, {args.swaps} swaps "
          f"every {args.interval:.1f} s")  # fmt: skip
    print_runs([run])
    print(f"\nfailed requests: {run.errors}")
    print(f"answers from an older version after a swap completed: {len(stale)}")
    print(f"versions answered: {answered}")
    print(f"swap (copy + update + checkpoint + fsync + link) seconds: "
          f"min {min(swap_seconds):.2f}, max {max(swap_seconds):.2f}")  # fmt: skip
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BenchError as exc:
        print(f"refresh_under_load: {exc}", file=sys.stderr)
        sys.exit(1)
