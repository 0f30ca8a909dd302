"""Remembered answers of deterministic Dash callbacks, per database version.

A filter change posts the same few callback requests again and again (every viewer of
the same view asks the same question). For callbacks whose answer depends only on their
inputs and the data version, the serialised answer is kept in a bounded LRU keyed by
(data version, request body): a repeat is answered without running the callback. A new
database version is a new key, so no answer outlives the data it came from. Callbacks
with side effects or time in their answer (exports) are never cached.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable

from flask import Flask, Response, g, request

UPDATE_PATH = "/_dash-update-component"
MAX_ENTRIES = 4000
MAX_BYTES = 64 * 1024 * 1024


class ResponseCache:
    """A thread-safe LRU of response bodies, bounded by count and bytes."""

    def __init__(self, max_entries: int = MAX_ENTRIES, max_bytes: int = MAX_BYTES) -> None:
        self._items: OrderedDict[tuple[str, str], bytes] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()
        self._max_entries, self._max_bytes = max_entries, max_bytes
        self.hits = self.misses = 0

    def get(self, key: tuple[str, str]) -> bytes | None:
        with self._lock:
            body = self._items.get(key)
            if body is None:
                self.misses += 1
                return None
            self._items.move_to_end(key)
            self.hits += 1
            return body

    def put(self, key: tuple[str, str], body: bytes) -> None:
        with self._lock:
            if key in self._items:
                return
            self._items[key] = body
            self._bytes += len(body)
            while self._items and (
                len(self._items) > self._max_entries or self._bytes > self._max_bytes
            ):
                _, old = self._items.popitem(last=False)
                self._bytes -= len(old)


def _output_key(body: bytes) -> str | None:
    """The callback's output id string, read cheaply from the JSON body."""
    import orjson

    try:
        return orjson.loads(body).get("output")
    except (orjson.JSONDecodeError, AttributeError):
        return None


def install(
    server: Flask,
    cacheable_outputs: Callable[[], Iterable[str]],
    data_version: Callable[[], str],
    cache: ResponseCache | None = None,
) -> ResponseCache:
    """Serve repeated requests of the cacheable callbacks from the cache.

    `cacheable_outputs` names the callbacks (their Dash output keys), read at the first
    request, after every callback is registered.
    """
    if cache is None:
        from atlas.settings import SETTINGS

        if SETTINGS.response_cache_entries == 0:
            return ResponseCache(max_entries=0)  # off: nothing is installed
        cache = ResponseCache(max_entries=SETTINGS.response_cache_entries)
    allowed: set[str] = set()

    def _key() -> tuple[str, str] | None:
        if request.path != UPDATE_PATH or request.method != "POST":
            return None
        if not allowed:
            allowed.update(cacheable_outputs())
        body = request.get_data(cache=True)
        if _output_key(body) not in allowed:
            return None
        return data_version(), hashlib.sha256(body).hexdigest()

    @server.before_request
    def _answer_from_cache() -> Response | None:
        key = _key()
        g.response_cache_key = key
        if key is None:
            return None
        body = cache.get(key)
        if body is None:
            return None
        g.response_cache_key = None  # nothing to store again
        return Response(body, mimetype="application/json")

    # Registered after Flask-Compress (inside Dash()), so this runs before compression.
    @server.after_request
    def _remember(response: Response) -> Response:
        key = getattr(g, "response_cache_key", None)
        if key is not None and response.status_code == 200 and not response.direct_passthrough:
            cache.put(key, response.get_data())
        return response

    return cache
