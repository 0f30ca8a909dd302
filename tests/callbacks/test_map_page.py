"""callbacks/map_page.py through Dash's real callback endpoint, for every metric and method."""

from __future__ import annotations

import copy
import json

import pytest

import atlas.store
from atlas.store import Reader
from atlas.viewstate import ViewState, state_to_dict
from queries.classify import METHODS
from queries.metrics import METRICS
from tests.helpers import drawn_hovers

DATASETS = {"hse-2025": "published", "synthetic-demo": "synthetic"}


@pytest.fixture(scope="module")
def client(data_dir):
    previous = atlas.store._DEFAULT_READER
    atlas.store._DEFAULT_READER = Reader(data_dir)
    import app

    test_client = app.server.test_client()
    test_client.get("/")  # Dash registers its routes on the first request
    yield test_client, app.app
    atlas.store._DEFAULT_READER = previous


def _call(client, name: str, values: dict[str, object], changed: str) -> dict:
    test_client, dash_app = client
    key, spec = next(
        (k, v)
        for k, v in dash_app.callback_map.items()
        if getattr(v.get("callback"), "__name__", "") == name
    )
    outputs = [
        {"id": p.split(".")[0], "property": p.split(".")[1]} for p in key.strip(".").split("...")
    ]

    def fill(items):
        return [{**i, "value": values.get(f"{i['id']}.{i['property']}")} for i in items]

    body = {
        "output": key,
        "outputs": outputs,
        "inputs": fill(spec["inputs"]),
        "state": fill(spec["state"]),
        "changedPropIds": [changed],
    }
    response = test_client.post("/_dash-update-component", json=body)
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    return json.loads(response.get_data())["response"]


def _map(client, state: ViewState, drawn: str | None = None) -> dict:
    values = {"view-state.data": state_to_dict(state), "map-drawn.data": drawn}
    return _call(client, "draw_map", values, "view-state.data")


def _cases():
    for metric in METRICS.values():
        for level in metric.levels:
            for dataset in DATASETS:
                for method in METHODS:
                    yield pytest.param(metric.id, level, dataset, method,
                                       id=f"{metric.id}-{level}-{dataset}-{method}")  # fmt: skip


@pytest.mark.parametrize(("metric", "level", "dataset", "method"), list(_cases()))
def test_every_metric_level_and_method_draws(client, metric, level, dataset, method) -> None:
    state = ViewState(metric=metric, level=level, dataset=dataset, method=method)
    out = _map(client, state)
    figure = out["map"]["figure"]
    no_data, data = (drawn_hovers(trace) for trace in figure["data"][:2])
    places = 85 if level == "region" else 8
    assert len(no_data) + len(data) == places
    assert set(no_data).isdisjoint(data)
    ticks = figure["data"][1]["colorbar"]["ticktext"]
    counted = sum(int(t.rsplit("(", 1)[1].rstrip(")")) for t in ticks) if ticks else 0
    assert counted == len(data)  # the legend counts every coloured place once
    for hover in no_data.values():
        assert "нет опубликованных данных" in hover or "не называют" in hover
    for hover in data.values():
        assert "Место:" in hover
        assert ".txt:" in hover or ".parquet" in hover or ".csv" in hover, hover


def test_unpublished_places_say_so_rather_than_zero(client) -> None:
    """Published 'created' 2024: the top-20 are coloured; the other 65 say no published data."""
    out = _map(client, ViewState(metric="created", dataset="hse-2025"))
    no_data, data = (drawn_hovers(trace) for trace in out["map"]["figure"]["data"][:2])
    assert len(data) == 20 and len(no_data) == 65
    moscow = data["RU-MOW"]
    assert "7\u202f413" in moscow and "002_d8f5a7355f1388eb.txt:579" in moscow


def _apply(figure: dict, patch: dict) -> dict:
    """The figure after the renderer applies the Patch (this map's patches only Assign)."""
    out = copy.deepcopy(figure)
    for op in patch["operations"]:
        assert op["operation"] == "Assign", op
        *path, last = op["location"]
        node = out
        for part in path:
            node = node.setdefault(part, {}) if isinstance(node, dict) else node[part]
        node[last] = op["params"]["value"]
    return out


@pytest.mark.parametrize("level", ["region", "fd"])
def test_same_geometry_gets_a_patch_that_equals_a_fresh_draw(client, level) -> None:
    first = _map(client, ViewState(metric="creation_coef", level=level))
    key = first["map-drawn"]["data"]
    after = ViewState(
        metric="clusters", level=level, selected="RU-MOW" if level == "region" else None
    )
    patched = _map(client, after, drawn=key)
    patch = patched["map"]["figure"]
    assert "__dash_patch_update" in patch and "geojson" not in json.dumps(patch)
    assert patched["map-drawn"]["data"] == key
    assert len(json.dumps(patched, ensure_ascii=False, separators=(",", ":")).encode()) < 8_000
    shown = _apply(first["map"]["figure"], patch)
    fresh = _map(client, after)["map"]["figure"]
    for trace in (0, 1):
        assert drawn_hovers(shown["data"][trace]) == drawn_hovers(fresh["data"][trace])
    for trace in (1, 2):
        assert shown["data"][trace]["z"] == fresh["data"][trace]["z"]
        assert shown["data"][trace].get("locations") == fresh["data"][trace].get("locations")
    assert shown["data"][1]["colorbar"] == fresh["data"][1]["colorbar"]
    assert shown["layout"]["title"] == fresh["layout"]["title"]
    assert shown["layout"].get("annotations", []) == fresh["layout"].get("annotations", [])


def test_synthetic_dataset_raises_the_banner(client) -> None:
    out = _map(client, ViewState(metric="creation_coef", dataset="synthetic-demo", year=2020))
    assert "СИНТЕТИЧЕСКИЕ" in json.dumps(out["dataset-banner"], ensure_ascii=False)
    assert "СИНТЕТИЧЕСКИЕ" in out["map-caption"]["children"]


def test_several_industries_are_noted_in_the_caption(client) -> None:
    state = ViewState(
        metric="creation_coef", dataset="synthetic-demo", industries=("design", "music")
    )
    out = _map(client, state)
    assert "учтена в каждой" in out["map-caption"]["children"]


def test_a_tampered_state_from_the_browser_still_draws(client) -> None:
    """The view-state store comes back from the client: nonsense falls back, never a 500."""
    hostile = {"level": "xx", "metric": "nope", "dataset": "../../etc", "lang": "de",
               "method": "<b>", "year": 99999, "industries": ["design"]}  # fmt: skip
    out = _call(client, "draw_map", {"view-state.data": hostile}, "view-state.data")
    no_data, data = (drawn_hovers(trace) for trace in out["map"]["figure"]["data"][:2])
    assert len(no_data) + len(data) == 85
