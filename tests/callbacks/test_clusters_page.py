"""callbacks/clusters_page.py, called in-process: picks, the table, the export and the profile."""

from __future__ import annotations

from contextvars import copy_context

import pytest
from dash._callback_context import context_value
from dash._utils import AttributeDict

from queries.cluster_directory import Filters
from tests.helpers import visible_text, walk


@pytest.fixture()
def callbacks_module(data_dir, monkeypatch):
    import callbacks.clusters_page as module
    from atlas.store import Reader

    monkeypatch.setattr(module, "default_reader", lambda: Reader(data_dir))
    return module


def _run(triggered: str, fn, *args):
    def call():
        context_value.set(AttributeDict(triggered_inputs=[{"prop_id": triggered, "value": 1}]))
        return fn(*args)

    return copy_context().run(call)


def test_pick_from_marker_and_button(callbacks_module) -> None:
    pick = callbacks_module.pick_cluster
    click = {"points": [{"customdata": ["kgd-amber"]}]}
    assert _run("cl-map.clickData", pick, click, []) == "kgd-amber"
    button = '{"at":"table-pnz-uas","cluster":"pnz-uas","type":"cl-pick"}.n_clicks'
    assert _run(button, pick, None, [1]) == "pnz-uas"


def test_table_callback_filters(callbacks_module) -> None:
    table, shown = callbacks_module.update_table(
        "зеленоград", [], [], None, None, [2015, 2025], 2015, 2025, "cluster", None, None, "ru"
    )
    rows = [n for n in walk(table) if type(n).__name__ == "Tr"][1:]
    assert [r.to_plotly_json()["props"]["data-cluster"] for r in rows] == ["mow-zelenograd"]
    assert shown.startswith("Показано")


def test_export_callback_sends_csv_and_xlsx(callbacks_module) -> None:
    args = ("", ["industrial"], [], None, None, [2015, 2025], 2015, 2025, "ru")
    sent = _run("cl-export-csv.n_clicks", callbacks_module.export_directory, 1, 0, *args)
    assert sent["filename"].endswith(".csv") and sent["base64"]
    sent = _run("cl-export-xlsx.n_clicks", callbacks_module.export_directory, 0, 1, *args)
    assert sent["filename"].endswith(".xlsx")


def test_profile_callback_handles_unknown_ids(callbacks_module) -> None:
    profile, notice, href = callbacks_module.show_profile("no-such", "ru")
    assert "no-such" in visible_text(notice) and href == "/clusters?lang=en"
    profile, notice, href = callbacks_module.show_profile("kgd-amber", "en")
    assert notice is None and href == "/clusters?cluster=kgd-amber"
    assert "000_fcbe2c7568999b02.txt:236" in visible_text(profile)


def test_filter_values_become_filters(callbacks_module) -> None:
    f = callbacks_module._filters(
        "x", ["industrial", "bogus"], None, "CFD", None, [2015, 2025], 2015, 2025
    )
    assert f == Filters(types=("industrial",), fd="CFD", search="x")


# ---------------------------------------------------------------- through the Dash endpoint


@pytest.fixture()
def client(data_dir, monkeypatch):
    from app import app
    from atlas import store

    monkeypatch.setattr(store, "_DEFAULT_READER", store.Reader(data_dir))
    return app.server.test_client()


def _filter_request(client, output: str, values: dict[str, object]) -> dict:
    """The body the page posts when a filter changes, for the callback whose output is `output`."""
    deps = client.get("/_dash-dependencies").get_json()
    spec = next(d for d in deps if d["output"].startswith(f"..{output}..") or d["output"] == output)

    def filled(items: list[dict]) -> list[dict]:
        return [{**i, "value": values.get(f"{i['id']}.{i['property']}")} for i in items]

    outputs = [dict(zip(("id", "property"), o.split("."), strict=True))
               for o in spec["output"].strip(".").split("...")]  # fmt: skip
    return {
        "output": spec["output"],
        "outputs": outputs if spec["output"].startswith("..") else outputs[0],
        "inputs": filled(spec["inputs"]),
        "state": filled(spec["state"]),
        "changedPropIds": ["cl-search.value"],
    }


NO_MATCH = {
    "cl-search.value": "zzz",
    "cl-type.value": [],
    "cl-status.value": [],
    "cl-years.value": [2015, 2025],
    "cl-years.min": 2015,
    "cl-years.max": 2025,
}


@pytest.mark.parametrize(
    ("lang", "message"),
    [("ru", "Ни один кластер не подходит под фильтры"), ("en", "No cluster matches the filters")],
)
def test_filters_that_leave_no_cluster_draw_an_empty_map_that_says_so(
    client, lang: str, message: str
) -> None:
    body = _filter_request(client, "cl-map.figure", {**NO_MATCH, "cl-lang.data": lang})
    answer = client.post("/_dash-update-component", json=body)
    assert answer.status_code == 200, answer.get_data(as_text=True)[:300]
    figure = answer.get_json()["response"]["cl-map"]["figure"]
    notes = [a["text"] for a in figure["layout"]["annotations"]]
    assert any(message in note for note in notes), notes
    markers = [tr for tr in figure["data"] if tr["type"] == "scattergeo" and tr.get("lon")]
    assert markers == []  # no cluster drawn, and no inset of nobody
    assert "geo2" not in figure["layout"]


def test_filters_that_leave_no_cluster_draw_no_empty_bars(client) -> None:
    body = _filter_request(client, "cl-chart.figure", {**NO_MATCH, "cl-lang.data": "en",
                                                       "cl-chart-by.value": "type"})  # fmt: skip
    answer = client.post("/_dash-update-component", json=body)
    assert answer.status_code == 200, answer.get_data(as_text=True)[:300]
    layout = answer.get_json()["response"]["cl-chart"]["figure"]["layout"]
    assert any("No cluster matches the filters" in a["text"] for a in layout["annotations"])
    assert layout["xaxis"]["visible"] is False and layout["yaxis"]["visible"] is False
