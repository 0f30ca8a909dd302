"""atlas/logging.py: gunicorn's access and error logs and the app's records as JSON lines."""

from __future__ import annotations

import datetime as dt
import io
import json
import logging
import sys

from gunicorn.config import Config

from atlas.logging import MAX_FIELD_CHARS, GunicornLogger, JsonFormatter


class _Response:
    status = "200 OK"
    sent = 1234
    headers = (("Content-Type", "application/json"), ("X-Request-ID", "abc123"))


def _logger(stream: io.StringIO) -> GunicornLogger:
    cfg = Config()
    cfg.set("accesslog", "-")
    logger = GunicornLogger(cfg)
    for handler in logger.access_log.handlers:
        handler.setStream(stream)
    return logger


def test_access_record_is_one_json_object_per_request() -> None:
    stream = io.StringIO()
    environ = {"REMOTE_ADDR": "127.0.0.1", "REQUEST_METHOD": "GET", "PATH_INFO": "/healthz",
               "QUERY_STRING": 'x="\n{"fake": 1}', "HTTP_USER_AGENT": "test"}  # fmt: skip
    _logger(stream).access(_Response(), None, environ, dt.timedelta(milliseconds=12.5))
    lines = stream.getvalue().splitlines()
    assert len(lines) == 1  # a line break in the query cannot forge a second record
    record = json.loads(lines[0])
    assert record["logger"] == "gunicorn.access" and record["msg"] == "request"
    assert (record["method"], record["path"], record["status"]) == ("GET", "/healthz", 200)
    assert record["bytes"] == 1234 and record["duration_ms"] == 12.5
    assert record["request_id"] == "abc123" and record["query"].startswith('x="\n')


def test_exceptions_and_long_fields() -> None:
    try:
        raise ValueError("boom")
    except ValueError:
        record = logging.LogRecord("atlas.web", logging.ERROR, __file__, 1, "failed", (), None)
        record.exc_info = sys.exc_info()
    record.path = "/" + "x" * (MAX_FIELD_CHARS + 500)
    line = json.loads(JsonFormatter().format(record))
    assert line["level"] == "error" and "ValueError: boom" in line["exc"]
    assert len(line["path"]) < MAX_FIELD_CHARS + 50 and line["path"].endswith("chars)")
