"""Server-side routes beside Dash: fingerprinted geometry, the health check, response headers."""

from __future__ import annotations

import functools
import hashlib
import json

from flask import Flask, Response, abort, jsonify

from atlas.store import StoreError, default_reader
from geodata.boundaries import layer_path

GEO_LEVELS = ("region", "fd")
_LAYER_OF = {"region": "region", "fd": "district"}


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


def _healthz() -> Response:
    try:
        reader = default_reader()
        with reader.cursor() as cur:
            meta = dict(cur.execute("SELECT key, value FROM meta").fetchall())
            datasets = [r[0] for r in cur.execute("SELECT dataset_id FROM datasets").fetchall()]
        return jsonify(status="ok", data_version=reader.version(), datasets=datasets,
                       default_dataset=meta.get("default_dataset"), built_at=meta.get("built_at"))
    except StoreError as exc:
        return Response(json.dumps({"status": "no-data", "error": str(exc)}), status=503,
                        mimetype="application/json")  # fmt: skip


def register_routes(server: Flask) -> None:
    server.add_url_rule("/geo/<name>", "geo_layer", _serve_layer)
    server.add_url_rule("/healthz", "healthz", _healthz)
