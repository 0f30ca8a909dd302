"""Log records (gunicorn's access and error logs, the app's own) → one JSON object per line.

Each line carries ``ts``, ``level``, ``logger``, ``pid`` and ``msg``, plus the fields a
caller passed with ``extra=`` (``request_id``, ``path``, …). Tracebacks are logged here,
on the server side, as the ``exc`` field, and never sent to the client (see `atlas.web`).

gunicorn uses it through `gunicorn.conf.py`: ``logger_class = "atlas.logging.GunicornLogger"``.
That logger also sends the root logger (so Flask's, Dash's and the app's records) to stderr
as JSON, in the master before the workers fork.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import sys

from gunicorn.glogging import Logger

# LogRecord attributes that are plumbing, not fields worth a column of their own.
_STANDARD = frozenset(logging.makeLogRecord({}).__dict__) | {"message", "asctime", "taskName"}
MAX_FIELD_CHARS = 2000  # a hostile query string or agent is cut, never written whole
_OURS = "_atlas_json"


def _clip(value: object) -> object:
    if isinstance(value, str) and len(value) > MAX_FIELD_CHARS:
        return value[:MAX_FIELD_CHARS] + f"…(+{len(value) - MAX_FIELD_CHARS} chars)"
    return value


class JsonFormatter(logging.Formatter):
    """A record → one line of JSON (control characters escaped, so no log injection).

    Examples
    --------
    >>> record = logging.makeLogRecord({"name": "atlas.web", "levelname": "INFO",
    ...                                 "msg": "swap %s", "args": ("v2",), "request_id": "r1"})
    >>> line = json.loads(JsonFormatter().format(record))
    >>> line["msg"], line["request_id"], line["logger"]
    ('swap v2', 'r1', 'atlas.web')
    """

    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, object] = {
            "ts": dt.datetime.fromtimestamp(record.created, dt.UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname.lower(),
            "logger": record.name,
            "pid": record.process,
            "msg": _clip(record.getMessage()),
        }
        for key, value in record.__dict__.items():
            if key not in _STANDARD and not key.startswith("_"):
                line[key] = _clip(value)
        if record.exc_info:
            line["exc"] = self.formatException(record.exc_info)
        return json.dumps(line, ensure_ascii=False, default=str)


def json_handler(stream=None) -> logging.Handler:
    """A stream handler (stderr by default) that writes JSON lines."""
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.setFormatter(JsonFormatter())
    setattr(handler, _OURS, True)
    return handler


def configure_root(level: int | str = logging.INFO) -> None:
    """Send the root logger (every library and app record) to stderr as JSON; idempotent."""
    root = logging.getLogger()
    if not any(getattr(h, _OURS, False) for h in root.handlers):
        root.addHandler(json_handler())
    root.setLevel(level)


class GunicornLogger(Logger):
    """gunicorn's logger with JSON lines: one structured record per request, JSON errors."""

    def setup(self, cfg) -> None:
        super().setup(cfg)
        for log in (self.error_log, self.access_log):
            for handler in log.handlers:
                handler.setFormatter(JsonFormatter())
        configure_root(self.loglevel)

    def access(self, resp, req, environ, request_time) -> None:
        if not self.access_log_enabled:
            return
        status = resp.status.split(None, 1)[0] if isinstance(resp.status, str) else resp.status
        headers = {k.lower(): v for k, v in (resp.headers or [])}
        fields = {
            "remote": environ.get("REMOTE_ADDR", "-"),
            "method": environ.get("REQUEST_METHOD"),
            "path": environ.get("PATH_INFO"),
            "query": environ.get("QUERY_STRING") or None,
            "status": int(status) if str(status).isdigit() else status,
            "bytes": getattr(resp, "sent", None),
            "duration_ms": round(request_time.total_seconds() * 1000, 2),
            "request_id": headers.get("x-request-id"),
            "agent": environ.get("HTTP_USER_AGENT"),
            "referer": environ.get("HTTP_REFERER"),
        }
        try:
            self.access_log.info(
                "request", extra={k: v for k, v in fields.items() if v is not None}
            )
        except Exception:  # a log line must never fail a request
            self.error_log.exception("access log failed")
