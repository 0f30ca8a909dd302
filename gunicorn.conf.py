"""gunicorn settings: `gunicorn app:server` reads this file from the working directory.

One worker process per usable core, each with a few threads (gthread). The app is not
preloaded: each worker imports it after the fork and opens DuckDB lazily on its first
request (atlas.store.Reader), read-only, one connection per process with one DuckDB
thread, so workers x DuckDB threads = cores. Logs are JSON lines on stdout/stderr.
"""

import os
from pathlib import Path


def usable_cores() -> int:
    """Cores this process may run on: CPU affinity, capped by a cgroup v2 CPU quota (Docker)."""
    cores = len(os.sched_getaffinity(0))
    try:
        quota, period = Path("/sys/fs/cgroup/cpu.max").read_text().split()
        if quota != "max":
            cores = min(cores, max(1, int(quota) // int(period)))
    except (OSError, ValueError):
        pass
    return max(1, cores)


bind = os.environ.get("ATLAS_BIND", "0.0.0.0:8050")
workers = int(os.environ.get("ATLAS_WORKERS", usable_cores()))
worker_class = "gthread"
threads = int(os.environ.get("ATLAS_THREADS", 4))
preload_app = False  # never open DuckDB (or anything with threads) in the master
timeout = 30
graceful_timeout = 20
keepalive = 5
# No control socket: its default path ($HOME/.gunicorn/gunicorn.ctl) is shared by every
# gunicorn of the user, so a second master on one host would take the first one's over.
control_socket_disable = True
if Path("/dev/shm").is_dir():
    worker_tmp_dir = "/dev/shm"  # heartbeat files off a possibly slow container overlay

# Request limits: callbacks travel in POST bodies (Flask's MAX_CONTENT_LENGTH, atlas.web);
# URLs only carry view state (atlas.viewstate reads at most 2000 characters of it).
limit_request_line = 4094  # longer request line → 414 from gunicorn, before the app
limit_request_fields = 100
limit_request_field_size = 8190

accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("ATLAS_LOG_LEVEL", "info")
logger_class = "atlas.logging.GunicornLogger"  # JSON lines, one structured record per request
