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
