"""layouts/export_bar.py + callbacks/exports.py, through Dash's callback endpoint (Flask client).

The view state comes from the browser, so a tampered store must still give the defaults'
files, never an error.
"""

from __future__ import annotations

import base64
import csv
import io
from pathlib import Path

import pytest
from plotly.io.json import to_json_plotly

from atlas import store
from atlas.viewstate import ViewState, state_to_dict
from layouts.export_bar import FILE_BUTTONS, export_bar


@pytest.fixture()
def client(data_dir: Path, monkeypatch: pytest.MonkeyPatch):
    from app import app

    monkeypatch.setattr(store, "_DEFAULT_READER", store.Reader(data_dir))
    client = app.server.test_client()
    client.get("/")
    return client


def _call(client, output_ids: list[str], inputs: list[dict], state: list[dict]) -> dict:
    deps = client.get("/_dash-dependencies").get_json()
    spec = next(d for d in deps if all(o in d["output"] for o in output_ids))
    outputs = [
        dict(zip(("id", "property"), o.split("."), strict=True))
        for o in spec["output"].strip(".").split("...")
    ]
    body = {
        "output": spec["output"],
        "outputs": outputs,
        "inputs": inputs,
        "state": state,
        "changedPropIds": [f"{inputs[0]['id']}.{inputs[0]['property']}"],
    }
    response = client.post("/_dash-update-component", json=body)
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    return response.get_json()["response"]


def _download(client, button: str, stored: object, size: str = "slide") -> dict:
    inputs = [{"id": b, "property": "n_clicks", "value": int(b == button)} for b, _ in FILE_BUTTONS]
    state = [
        {"id": "export-size", "property": "value", "value": size},
        {"id": "view-state", "property": "data", "value": stored},
        {"id": "url", "property": "href", "value": "https://atlas.example/?x=1"},
    ]
    inputs.insert(0, inputs.pop(next(i for i, d in enumerate(inputs) if d["id"] == button)))
    return _call(client, ["export-download.data"], inputs, state)


def test_the_bar_has_every_button_and_copy_target() -> None:
    text = to_json_plotly(export_bar(ViewState(lang="en")))
    for component_id in [b for b, _ in FILE_BUTTONS] + [
        "copy-link",
        "copy-embed",
        "export-size",
        "permalink-text",
        "embed-code",
        "citation-text",
        "export-download",
    ]:
        assert f'"id":"{component_id}"' in text
    assert "square (1080×1080)" in text and "Copy link" in text


def test_links_and_citations_follow_the_state(client) -> None:
    stored = state_to_dict(ViewState(metric="created", year=2024, lang="en"))
    out = _call(
        client,
        ["permalink-text.value", "embed-code.value"],
        [{"id": "view-state", "property": "data", "value": stored}],
        [{"id": "url", "property": "href", "value": "https://atlas.example/whatever"}],
    )
    link = out["permalink-text"]["value"]
    assert link == "https://atlas.example/?lang=en&metric=created&year=2024"
    assert out["embed-code"]["value"].startswith(
        '<iframe src="https://atlas.example/embed?lang=en&amp;metric=created&amp;year=2024"'
    )
    assert "002_d8f5a7355f1388eb.txt" in str(out["citation-text"]["children"])


def test_csv_download_of_the_view(client) -> None:
    stored = state_to_dict(ViewState(metric="created", lang="en"))
    data = _download(client, "export-csv", stored)["export-download"]["data"]
    assert data["filename"] == "cluster-atlas_created_region_2024.csv" and data["base64"]
    rows = list(csv.reader(io.StringIO(base64.b64decode(data["content"]).decode("utf-8-sig"))))
    assert rows[0][0] == "Title" and "https://atlas.example/?lang=en&metric=created" in str(rows)


@pytest.mark.parametrize(
    "stored",
    [
        None,
        "nonsense",
        {"metric": "<script>", "year": "x" * 5000, "compare": [1, None, {"a": 1}]},
        {"industries": [["nested"]], "lang": 7, "unknown": True},
    ],
)
def test_a_tampered_state_gives_the_default_view(client, stored) -> None:
    data = _download(client, "export-xlsx", stored)["export-download"]["data"]
    assert data["filename"] == "cluster-atlas_clusters_region.xlsx"
