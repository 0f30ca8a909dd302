"""callbacks/import_page.py through Dash's real callback endpoint: token, size, dry run, publish."""

from __future__ import annotations

import base64
import dataclasses
import json
from pathlib import Path

import pytest

import atlas.settings
import atlas.store
import atlas.web
from atlas.store import Reader, resolve_current
from tests.helpers import build_db, tree_json, visible_text

FIXTURE = Path(__file__).parents[1] / "data" / "import" / "orgs_fixture.csv"
TOKEN = "s3cret-token-for-tests"


@pytest.fixture()
def client(tmp_path, monkeypatch):
    build_db(tmp_path)
    settings = dataclasses.replace(
        atlas.settings.SETTINGS, admin_token=TOKEN, import_max_mb=1, data_dir=tmp_path
    )
    monkeypatch.setattr(atlas.settings, "SETTINGS", settings)
    monkeypatch.setattr(atlas.web, "SETTINGS", settings)
    previous = atlas.store._DEFAULT_READER
    atlas.store._DEFAULT_READER = Reader(tmp_path)
    import app
    import callbacks.import_page

    callbacks.import_page.LIMITER.reset()
    test_client = app.server.test_client()
    test_client.get("/")
    yield test_client, app.app, tmp_path
    atlas.store._DEFAULT_READER = previous


def _call(client, name: str, values: dict[str, object], changed: str) -> dict:
    test_client, dash_app, _ = client
    key, spec = next((k, v) for k, v in dash_app.callback_map.items()
                     if getattr(v.get("callback"), "__name__", "") == name)  # fmt: skip
    outputs = [
        {"id": p.split(".")[0], "property": p.split(".")[1].split("@")[0]}
        for p in key.strip(".").split("...")
    ]

    def fill(items):
        return [{**i, "value": values.get(f"{i['id']}.{i['property']}")} for i in items]

    body = {"output": key, "outputs": outputs, "inputs": fill(spec["inputs"]),
            "state": fill(spec["state"]), "changedPropIds": [changed]}  # fmt: skip
    response = test_client.post("/_dash-update-component", json=body)
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    return json.loads(response.get_data())["response"]


def _upload(client, data: bytes, token: str | None = TOKEN, **extra) -> dict:
    values = {
        "imp-upload.contents": "data:text/csv;base64," + base64.b64encode(data).decode(),
        "imp-upload.filename": "../Мои орг\u202e.csv",
        "imp-token.value": token,
        "imp-lang.data": "en",
        **extra,
    }
    return _call(client, "dry_run", values, "imp-upload.contents")


def _text(response: dict) -> str:
    return json.dumps(response, ensure_ascii=False)


def test_token_missing_wrong_and_bounded(client) -> None:
    data = FIXTURE.read_bytes()
    assert "imp_token_missing" in _text(_upload(client, data, token=None))
    for _ in range(10):
        assert "imp_token_wrong" in _text(_upload(client, data, token="guess"))
    # the 11th attempt within a minute is not even compared, even with the right token
    assert "imp_token_blocked" in _text(_upload(client, data, token=TOKEN))


def test_off_without_admin_token(client, monkeypatch) -> None:
    off = dataclasses.replace(atlas.settings.SETTINGS, admin_token="")
    monkeypatch.setattr(atlas.settings, "SETTINGS", off)
    assert "imp_off" in _text(_upload(client, FIXTURE.read_bytes()))
    import callbacks.import_page

    page = callbacks.import_page.page(lang="en")
    assert "ATLAS_ADMIN_TOKEN" in visible_text(page)
    assert "imp-upload" not in tree_json(page)
    publish = {"imp-publish.n_clicks": 1, "imp-file.data": {"handle": "0" * 32, "name": "x"},
               "imp-token.value": TOKEN, "imp-lang.data": "en"}  # fmt: skip
    assert "imp_off" in _text(_call(client, "publish", publish, "imp-publish.n_clicks"))


def test_refused_file_is_reported_and_not_kept(client) -> None:
    response = _upload(client, "ИНН,Регион\n1,Москва\n".encode())
    assert "no column for" in _text(response) and response["imp-publish"]["disabled"] is True


def test_size_limit_checked_before_saving(client) -> None:
    response = _upload(client, b"x" * 1_100_000)
    assert "too_large" in _text(response)
    assert response["imp-file"]["data"] is None


def test_dry_run_then_publish(client) -> None:
    response = _upload(client, FIXTURE.read_bytes(), **{"imp-dataset-id.value": "web-orgs"})
    counts = {
        c["props"]["data-key"]: c["props"]["children"]
        for c in _walk(response["imp-report"]["children"])
        if isinstance(c, dict) and "data-key" in c.get("props", {})
    }
    assert counts["imp_rows_read"] == "27" and counts["imp_rows_rejected"] == "0"
    assert "2016–2023" in _text(response) and "4 of 85" in _text(response)
    assert response["imp-publish"]["disabled"] is False
    saved = response["imp-file"]["data"]
    assert saved["name"] == "Мои орг.csv"
    before = resolve_current(client[2]).name
    done = _call(client, "publish", {"imp-publish.n_clicks": 1, "imp-file.data": saved,
                                     "imp-token.value": TOKEN, "imp-dataset-id.value": "web-orgs",
                                     "imp-lang.data": "en"}, "imp-publish.n_clicks")  # fmt: skip
    after = resolve_current(client[2])
    assert after.name != before and after.name in _text(done)
    assert "dataset=web-orgs" in _text(done)
    import duckdb

    con = duckdb.connect(str(after), read_only=True)
    row = con.execute("SELECT file_name, rows_read FROM datasets WHERE dataset_id = 'web-orgs'")
    assert row.fetchall() == [("Мои орг.csv", 27)]
    con.close()
    # the temp file is gone and cannot be published twice
    again = _call(client, "publish", {"imp-publish.n_clicks": 2, "imp-file.data": saved,
                                      "imp-token.value": TOKEN, "imp-lang.data": "en"},
                  "imp-publish.n_clicks")  # fmt: skip
    assert "imp_no_file" in _text(again)


def _walk(node):
    yield node
    if isinstance(node, dict):
        children = node.get("props", {}).get("children")
        for child in children if isinstance(children, list) else [children]:
            yield from _walk(child)
    elif isinstance(node, list):
        for child in node:
            yield from _walk(child)
