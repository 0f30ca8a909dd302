"""atlas/response_cache.py: repeats of deterministic callbacks answered from a bounded cache."""

from __future__ import annotations

import json

from flask import Flask, jsonify, request

from atlas.response_cache import UPDATE_PATH, ResponseCache, install


def test_lru_is_bounded_by_entries_and_bytes() -> None:
    cache = ResponseCache(max_entries=2, max_bytes=10)
    cache.put(("v", "a"), b"12345")
    cache.put(("v", "b"), b"12345")
    assert cache.get(("v", "a")) == b"12345"  # a is now the most recent
    cache.put(("v", "c"), b"1")
    assert cache.get(("v", "b")) is None  # b was the least recent: evicted
    assert cache.get(("v", "a")) == b"12345"
    cache.put(("v", "d"), b"1234567890")
    assert cache.get(("v", "a")) is None and cache.get(("v", "d")) is not None


def _app(version: list[str]) -> tuple[Flask, ResponseCache, list[int]]:
    server = Flask(__name__)
    calls: list[int] = []

    @server.post(UPDATE_PATH)
    def update():
        calls.append(1)
        body = request.get_json()
        return jsonify(answer=len(calls), output=body["output"], version=version[0])

    cache = install(server, lambda: ["..map.figure.."], lambda: version[0])
    return server, cache, calls


def test_repeats_are_served_from_the_cache_per_data_version() -> None:
    version = ["v1"]
    server, cache, calls = _app(version)
    client = server.test_client()
    body = {"output": "..map.figure..", "inputs": [{"id": "metric", "value": "created"}]}
    first = client.post(UPDATE_PATH, json=body).get_json()
    second = client.post(UPDATE_PATH, json=body).get_json()
    assert first == second and len(calls) == 1 and cache.hits == 1
    version[0] = "v2"  # a new database version: never an answer from the old one
    third = client.post(UPDATE_PATH, json=body).get_json()
    assert third["version"] == "v2" and len(calls) == 2


def test_other_callbacks_and_inputs_are_not_cached() -> None:
    server, _cache, calls = _app(["v1"])
    client = server.test_client()
    export = {"output": "download.data", "inputs": []}
    client.post(UPDATE_PATH, json=export)
    client.post(UPDATE_PATH, json=export)
    assert len(calls) == 2  # not on the list: runs every time
    a = {"output": "..map.figure..", "inputs": [{"id": "metric", "value": "a"}]}
    b = {"output": "..map.figure..", "inputs": [{"id": "metric", "value": "b"}]}
    answers = [client.post(UPDATE_PATH, json=x).get_json()["answer"] for x in (a, b)]
    assert answers == [3, 4]


def test_errors_are_not_remembered() -> None:
    server = Flask(__name__)
    calls: list[int] = []

    @server.post(UPDATE_PATH)
    def update():
        calls.append(1)
        return ("boom", 500) if len(calls) == 1 else jsonify(ok=True)

    install(server, lambda: ["x"], lambda: "v")
    client = server.test_client()
    body = json.dumps({"output": "x"})
    assert client.post(UPDATE_PATH, data=body, content_type="application/json").status_code == 500
    assert client.post(UPDATE_PATH, data=body, content_type="application/json").status_code == 200
    assert len(calls) == 2
