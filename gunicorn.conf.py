"""gunicorn settings: `gunicorn app:server` reads this file from the working directory."""

import multiprocessing
import os

bind = os.environ.get("ATLAS_BIND", "0.0.0.0:8050")
# Two cores here: one worker per core, threads for concurrent requests. DuckDB connections
# are opened lazily in each worker after fork (atlas.store.Reader), never in the master.
workers = int(os.environ.get("ATLAS_WORKERS", multiprocessing.cpu_count()))
worker_class = "gthread"
threads = int(os.environ.get("ATLAS_THREADS", 4))
preload_app = False
timeout = 30
graceful_timeout = 20
keepalive = 5
limit_request_line = 8190  # an oversized query string gets 414, not a worker
limit_request_fields = 100
limit_request_field_size = 8190
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("ATLAS_LOG_LEVEL", "info")
access_log_format = (
    '{"remote": "%(h)s", "request": "%(r)s", "status": %(s)s, "bytes": %(B)s, '
    '"duration_us": %(D)s, "agent": "%(a)s"}'
)
