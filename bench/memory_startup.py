"""Start-up time and memory per gunicorn worker → figures.

Starts the app with the production `gunicorn.conf.py` (2 workers × 4 threads) several
times and prints the time from starting gunicorn to the first 200 on ``/healthz``, then
each worker's memory (RSS, and PSS, which shares pages common to both workers fairly)
right after start-up, after loading ``/`` and after a burst of map callbacks on every
metric (`bench/load.py`'s requests). Target: RSS ≤ 300 MB per worker.

    .venv/bin/python bench/memory_startup.py [--starts 3] [--requests 400]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

from load import (
    CALLBACK_PATH,
    REPO_ROOT,
    BenchError,
    app_filter_changes,
    built_data_dir,
    machine,
    request,
    run_load,
    start_gunicorn,
    versions,
)

RSS_TARGET_MB = 300


def memory_mb(pid: int) -> tuple[float, float]:
    """(RSS, PSS) of a process in MB (10^6 bytes), from /proc."""
    fields = {}
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()[1:]:
        name, value, *_ = line.split()
        fields[name.rstrip(":")] = int(value)
    return fields["Rss"] * 1024 / 1e6, fields["Pss"] * 1024 / 1e6


def print_memory(stage: str, pids: list[int]) -> float:
    readings = [memory_mb(pid) for pid in pids]
    cells = "  ".join(f"pid {pid}: RSS {rss:6.1f} MB, PSS {pss:6.1f} MB"
                      for pid, (rss, pss) in zip(pids, readings, strict=True))  # fmt: skip
    print(f"{stage:<28} {cells}")
    return max(rss for rss, _ in readings)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--starts", type=int, default=3, help="cold starts to time")
    parser.add_argument("--seconds", type=float, default=10.0, help="callback burst length")
    args = parser.parse_args(argv)
    data_dir = built_data_dir()
    print(f"machine: {machine()}\nversions: {versions()}\ndata: {data_dir}\n")

    startup: list[float] = []
    for n in range(args.starts):
        server = start_gunicorn("app:server", REPO_ROOT, data_dir)
        startup.append(server.ready - server.started)
        if n < args.starts - 1:
            server.stop()
    print("start-up to first 200 on /healthz: " + ", ".join(f"{s:.2f} s" for s in startup)
          + f" (median {statistics.median(startup):.2f} s)")  # fmt: skip

    try:
        pids = server.worker_pids()
        if not pids:
            raise BenchError("cannot list gunicorn's workers from /proc")
        time.sleep(1)
        peak = print_memory("after start-up (/healthz)", pids)
        for _ in range(4):
            request(server.port, "GET", "/")
        peak = max(peak, print_memory("after GET / ×4", pids))
        bodies = app_filter_changes(server.port, data_dir)
        run = run_load("burst", server.port, bodies, clients=8, seconds=args.seconds, warmup=0,
                       keep_every=0)  # fmt: skip
        peak = max(peak, print_memory(f"after {len(run.samples)} callbacks", pids))
        if run.errors:
            print(f"  ({run.errors} callbacks failed on {CALLBACK_PATH})")
    finally:
        server.stop()
    verdict = "ok" if peak <= RSS_TARGET_MB else "MISS"
    print(f"\n{verdict}: peak RSS per worker {peak:.0f} MB (target ≤ {RSS_TARGET_MB} MB)")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BenchError as exc:
        print(f"memory_startup: {exc}", file=sys.stderr)
        sys.exit(1)
