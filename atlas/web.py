"""Server-side routes and policies beside Dash: geometry files, the health check, security
headers on every response, request limits, and errors without details.

`register_routes(server)` wires all of it into the Flask server of the Dash app:

- ``/geo/<level>-<digest>.geojson``: the boundary layers under content-addressed names
  (cached for a year);
- ``/healthz``: the data version this worker answers from and its datasets (503 without data);
- headers on every response (pages, callbacks, assets, geometry, errors): a Content
  Security Policy whose only scripts are our own files and the hashes of Dash's inline
  scripts (`Dash.csp_hashes`), ``frame-ancestors 'none'`` and ``X-Frame-Options: DENY``
  everywhere except the embed page, which the origins in ``ATLAS_FRAME_ANCESTORS`` may frame;
- request bodies above `MAX_REQUEST_BYTES` get 413 (query strings are limited by gunicorn);
- a request body that does not arrive within ATLAS_BODY_TIMEOUT seconds gets 408
  (`atlas.body_deadline`), so slow clients cannot hold every gunicorn thread;
- any error answers a short JSON (or HTML) message with a request id; the traceback goes to
  the JSON log only.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import re
import threading
import uuid
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING

from dash.exceptions import DependencyException, InvalidResourceError
from flask import Flask, Response, abort, g, jsonify, request
from werkzeug.exceptions import HTTPException

from atlas.body_deadline import TIMED_OUT, BodyDeadline
from atlas.settings import SETTINGS
from atlas.store import StoreError, default_reader
from geodata.boundaries import layer_path

GEO_LEVELS = ("region", "fd")
_LAYER_OF = {"region": "region", "fd": "district"}
EMBED_PATH = "/embed"
MAX_REQUEST_BYTES = 1_000_000  # a callback body is a few KB; nothing here uploads files
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=()"
)
_ORIGIN = re.compile(r"^https?://(\*\.)?[A-Za-z0-9.-]+(:\d{1,5})?$")
_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")
_API_PREFIXES = ("/_dash-", "/healthz", "/geo/", "/_reload-hash")

if TYPE_CHECKING:
    from dash import Dash

log = logging.getLogger(__name__)


class FrameAncestorsError(ValueError):
    """ATLAS_FRAME_ANCESTORS holds something that is not an origin like https://example.org."""


# ---------------------------------------------------------------- geometry and health


@functools.cache
def _layer_bytes(level: str) -> tuple[bytes, str]:
    data = layer_path(_LAYER_OF[level]).read_bytes()
    return data, hashlib.sha256(data).hexdigest()[:12]


def geojson_url(level: str) -> str:
    """A content-addressed URL, so browsers may cache the geometry for a year."""
    return f"/geo/{level}-{_layer_bytes(level)[1]}.geojson"


def _serve_layer(name: str) -> Response:
    level, _, digest = name.removesuffix(".geojson").partition("-")
    if level not in GEO_LEVELS or digest != _layer_bytes(level)[1]:
        abort(404)
    response = Response(_layer_bytes(level)[0], mimetype="application/geo+json")
    response.headers["Cache-Control"] = "public, max-age=31536000, immutable"
    return response


_VERSION_SQL = "SELECT path FROM duckdb_databases() WHERE database_name = current_database()"


def _healthz() -> Response:
    """The version this worker's connection reads (not merely where the link points now)."""
    try:
        with default_reader().cursor() as cur:
            path = cur.execute(_VERSION_SQL).fetchone()[0]
            meta = dict(cur.execute("SELECT key, value FROM meta").fetchall())
            datasets = [r[0] for r in cur.execute("SELECT dataset_id FROM datasets ORDER BY 1")
                        .fetchall()]  # fmt: skip
    except StoreError:
        log.warning("health check: no database", exc_info=True)
        response = jsonify(status="no-data", error="no database version is available")
        response.status_code = 503
    else:
        response = jsonify(status="ok", data_version=path.rsplit("/", 1)[-1], datasets=datasets,
                           default_dataset=meta.get("default_dataset"),
                           built_at=meta.get("built_at"))  # fmt: skip
    response.headers["Cache-Control"] = "no-store"
    return response


# ---------------------------------------------------------------- security headers


def frame_ancestor_sources(origins: Sequence[str]) -> tuple[str, ...]:
    """Checked CSP sources for the embed page: ``'self'`` and each allowed origin.

    Examples
    --------
    >>> frame_ancestor_sources(["https://partner.example", "https://*.gov.example:8443"])
    ("'self'", 'https://partner.example', 'https://*.gov.example:8443')
    >>> frame_ancestor_sources(["https://a.example;"])  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    atlas.web.FrameAncestorsError: ATLAS_FRAME_ANCESTORS: 'https://a.example;' is not an origin...
    """
    for origin in origins:
        if not _ORIGIN.match(origin):
            raise FrameAncestorsError(
                f"ATLAS_FRAME_ANCESTORS: {origin!r} is not an origin like "
                "https://partner.example (scheme://host[:port], no path); fix or remove it"
            )
    return ("'self'", *origins)


def content_security_policy(script_hashes: Sequence[str], frame_ancestors: Sequence[str]) -> str:
    """The policy: scripts only from us (+ Dash's inline scripts by hash), no foreign hosts."""
    return "; ".join([
        "default-src 'self'",
        "script-src " + " ".join(["'self'", *script_hashes]),
        "style-src 'self' 'unsafe-inline'",  # plotly.js and dcc inject <style> elements
        "img-src 'self' data: blob:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "worker-src 'self' blob:",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors " + (" ".join(frame_ancestors) if frame_ancestors else "'none'"),
    ])  # fmt: skip


def is_embed_path(path: str) -> bool:
    """Whether `path` is the embeddable page (with or without a trailing slash)."""
    return path.rstrip("/") == EMBED_PATH


def security_headers(
    path: str, script_hashes: Sequence[str], embed_ancestors: Sequence[str] = ("'self'",)
) -> dict[str, str]:
    """The security headers of a response to `path` (`embed_ancestors` only apply to /embed).

    Examples
    --------
    >>> h = security_headers("/", ["'sha256-abc='"])
    >>> h["X-Frame-Options"], h["Content-Security-Policy"].rsplit("; ", 1)[1]
    ('DENY', "frame-ancestors 'none'")
    >>> h = security_headers("/embed", [], ("'self'", "https://partner.example"))
    >>> "X-Frame-Options" in h, h["Content-Security-Policy"].rsplit("; ", 1)[1]
    (False, "frame-ancestors 'self' https://partner.example")
    """
    embed = is_embed_path(path)
    headers = {
        "Content-Security-Policy": content_security_policy(
            script_hashes, embed_ancestors if embed else ()
        ),
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "strict-origin-when-cross-origin",
        "Permissions-Policy": PERMISSIONS_POLICY,
        "Cross-Origin-Opener-Policy": "same-origin",
    }
    if not embed:  # X-Frame-Options cannot list origins; CSP frame-ancestors does it on /embed
        headers["X-Frame-Options"] = "DENY"
    return headers


class _ScriptHashes:
    """Dash's inline-script hashes, computed once Dash has registered its last inline script.

    Dash Pages adds a clientside callback (an inline script) during the first request, so
    the hashes are computed late and recomputed for every HTML page: hashing a few short
    strings costs microseconds, and a stale list would block the page's own scripts.
    """

    def __init__(self, hashes_of: Callable[[], Sequence[str]]) -> None:
        self._hashes_of = hashes_of
        self._lock = threading.Lock()
        self._hashes: tuple[str, ...] | None = None

    def get(self, fresh: bool) -> tuple[str, ...]:
        if fresh or self._hashes is None:
            with self._lock:
                self._hashes = tuple(self._hashes_of())
        return self._hashes


# ---------------------------------------------------------------- request ids and errors


def _request_id() -> str:
    incoming = request.headers.get("X-Request-ID", "")
    return incoming if _REQUEST_ID.match(incoming) else uuid.uuid4().hex


def _wants_json() -> bool:
    if request.path.startswith(_API_PREFIXES) or request.method != "GET":
        return True
    accept = request.accept_mimetypes
    return accept.best_match(["application/json", "text/html"]) == "application/json"


def error_response(status: int, message: str) -> Response:
    """A plain error answer: status, a fixed message, the request id; never a traceback."""
    rid = getattr(g, "request_id", "")
    if _wants_json():
        response = jsonify(error=message, status=status, request_id=rid)
    else:
        body = (f"<!doctype html><meta charset=utf-8><title>{status}</title>"
                f"<h1>{status}</h1><p>{message}</p><p>request id: {rid}</p>")  # fmt: skip
        response = Response(body, mimetype="text/html")
    response.status_code = status
    response.headers["Cache-Control"] = "no-store"
    return response


_MESSAGES = {
    400: "bad request",
    408: "request body too slow",
    404: "not found",
    405: "method not allowed",
    413: "request too large",
    414: "request line too long",
    431: "request headers too large",
}


def _on_http_error(exc: HTTPException) -> Response:
    status = exc.code or 500
    return error_response(status, _MESSAGES.get(status, exc.name.lower()))


def _on_missing_resource(_exc: Exception) -> Response:
    # Dash's own handler would echo the requested name back as text/html.
    return error_response(404, _MESSAGES[404])


def _on_missing_file(exc: FileNotFoundError) -> Response:
    # A component file Dash names but the package does not ship (a source map): not found.
    if request.path.startswith("/_dash-component-suites/"):
        return error_response(404, _MESSAGES[404])
    return _on_exception(exc)


# What the renderer's config would tell every visitor about the server's software.
_VERSION_KEYS = ("dash_version", "python_version", "dash_version_url", "ddk_version",
                 "plotly_version")  # fmt: skip


def hide_versions(app: Dash) -> None:
    """Leave software versions out of the page's renderer config (a JSON block, not a script,
    so the CSP hashes of the inline scripts stay as they are)."""
    config = app._config

    def without_versions() -> dict:
        return {k: v for k, v in config().items() if k not in _VERSION_KEYS}

    app._config = without_versions


def _on_exception(exc: Exception) -> Response:
    log.error("unhandled exception", exc_info=exc,
              extra={"request_id": getattr(g, "request_id", ""), "path": request.path})  # fmt: skip
    return error_response(500, "internal server error")


# ---------------------------------------------------------------- wiring


def register_routes(server: Flask, app: Dash | None = None) -> None:
    """Add the routes, headers, limits and error handlers to the Dash app's Flask server.

    `app` is the Dash app whose inline scripts the policy allows; by default the one
    `dash.get_app()` returns at the first request (after every page and callback exists).
    """
    embed_ancestors = frame_ancestor_sources(SETTINGS.frame_ancestors)  # fails at start-up
    server.config["MAX_CONTENT_LENGTH"] = MAX_REQUEST_BYTES
    server.wsgi_app = BodyDeadline(server.wsgi_app, SETTINGS.body_timeout, MAX_REQUEST_BYTES)
    server.config["PROPAGATE_EXCEPTIONS"] = False

    def hashes_of() -> Sequence[str]:
        import dash

        return (app or dash.get_app()).csp_hashes()

    hashes = _ScriptHashes(hashes_of)

    @server.before_request
    def _tag_request() -> None:
        g.request_id = _request_id()
        if request.environ.get(TIMED_OUT):  # atlas.body_deadline: the body did not arrive
            abort(408)
        # Dash's hot-reload poll exists for `app.run(debug=True)` only.
        if request.path.endswith("/_reload-hash"):
            import dash

            if not (app or dash.get_app())._dev_tools.hot_reload:
                abort(404)
        # The import page's upload travels base64-encoded (a third larger) in one callback.
        if SETTINGS.admin_token and request.path == "/_dash-update-component":
            request.max_content_length = SETTINGS.import_max_mb * 1_400_000 + MAX_REQUEST_BYTES

    @server.after_request
    def _headers(response: Response) -> Response:
        html = response.mimetype == "text/html"
        response.headers.update(security_headers(request.path, hashes.get(fresh=html),
                                                 embed_ancestors))  # fmt: skip
        response.headers["X-Request-ID"] = getattr(g, "request_id", "") or uuid.uuid4().hex
        return response

    server.register_error_handler(HTTPException, _on_http_error)
    server.register_error_handler(Exception, _on_exception)
    server.register_error_handler(FileNotFoundError, _on_missing_file)
    for missing in (InvalidResourceError, DependencyException):
        server.register_error_handler(missing, _on_missing_resource)
    server.add_url_rule("/geo/<name>", "geo_layer", _serve_layer)
    server.add_url_rule("/healthz", "healthz", _healthz)


def deterministic_outputs(app: Dash, names: Iterable[str]) -> list[str]:
    """The output keys of the named callbacks (their answers depend on inputs and data only)."""
    wanted = set(names)
    return [
        key
        for key, spec in app.callback_map.items()
        if getattr(spec.get("callback"), "__name__", None) in wanted
    ]
