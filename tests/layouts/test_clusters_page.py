"""Tests for layouts/clusters_page.py (components, figures and export bytes as data) and, called
in-process, the callbacks of callbacks/clusters_page.py."""

from __future__ import annotations

import csv
import doctest
import io
from contextvars import copy_context

import openpyxl
import pandas as pd
import pytest
from dash._callback_context import context_value
from dash._utils import AttributeDict

import layouts.clusters_page
from layouts import theme
from layouts.clusters_page import (
    SELECTION_TRACE,
    clusters_map_figure,
    counts_block,
    directory_table,
    export_csv,
    export_header,
    export_xlsx,
    fd_bar_figure,
    figure_text,
    layout,
    next_sort,
    page_href,
    profile_panel,
    selection_patch,
    sort_rows,
    table_columns,
    table_rows,
)
from layouts.figures import MapView
from queries.cluster_directory import (
    Filters,
    by_subject,
    cluster_points,
    cluster_profile,
    directory,
    district_names,
    stated_counts,
    type_status_by_fd,
)
from queries.documents import documents


def _walk(component):
    yield component
    children = getattr(component, "children", None)
    for child in children if isinstance(children, list | tuple) else [children]:
        if child is not None and not isinstance(child, str | int | float):
            yield from _walk(child)


def _text(component) -> str:
    if isinstance(component, list):
        return " ".join(_text(c) for c in component if c is not None)
    parts = []
    for node in _walk(component):
        children = getattr(node, "children", None)
        items = children if isinstance(children, list | tuple) else [children]
        parts += [str(c) for c in items if isinstance(c, str | int | float)]
    return " ".join(parts)


def _view() -> MapView:
    return MapView(
        geojson_url="/geo/region-x.geojson",
        locations=["RU-MOW"],
        names=["Москва"],
        class_index=[0],
        class_labels=["1"],
        class_counts=[1],
        colorscale="Greys",
        hover=["Москва"],
        title="Фон",
        caption="Границы",
        legend_title="ед.",
        no_data_label="нет",
    )


def test_doctests() -> None:
    assert doctest.testmod(layouts.clusters_page).failed == 0


def test_layout_builds_without_arguments_and_prefixes_its_ids() -> None:
    ids = [node.id for node in _walk(layout()) if getattr(node, "id", None)]
    assert ids and all(isinstance(i, dict) or i.startswith("cl-") for i in ids)
    assert len(ids) == len(set(map(str, ids)))


def test_layout_reads_language_and_cluster_from_the_address() -> None:
    page = layout(lang="en", cluster="mow-zelenograd", utm_source="x")
    nodes = {node.id: node for node in _walk(page) if isinstance(getattr(node, "id", None), str)}
    assert nodes["cl-selected"].data == "mow-zelenograd"
    assert nodes["cl-lang"].data == "en"
    assert nodes["cl-lang-link"].href == "/clusters?cluster=mow-zelenograd"
    assert "Cluster explorer" in _text(page)


def test_every_label_the_page_needs_exists_in_both_languages(cur) -> None:
    from layouts.i18n import STRINGS
    from queries.cluster_directory import COUNTERPARTS, STATUSES, TYPES

    frameworks = {r[0] for r in cur.execute("SELECT framework FROM cluster_criteria").fetchall()}
    keys = [f"cl_type_{k}" for k in TYPES] + [f"cl_status_{k}" for k in STATUSES]
    keys += [f"cl_scope_{k}" for k in ("regional", "interregional", "international")]
    keys += [f"cl_framework_{k}" for k in frameworks]
    keys += [f"cl_{p}_{m}" for m in COUNTERPARTS for p in ("count", "counterpart")]
    for key in keys:
        assert STRINGS[key]["ru"] and STRINGS[key]["en"], key


def test_page_href() -> None:
    assert page_href("ru") == "/clusters"
    assert page_href("en", "kgd-amber") == "/clusters?cluster=kgd-amber&lang=en"


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ((None, "count", None, "ru"), "—"),
        ((120.0, "count", ">", "ru"), "> 120"),
        ((55.0, "rub_bn", "", "ru"), "55 млрд руб."),
        ((3.5, "rub_bn", "", "en"), "3.5 RUB bn"),
        ((2015.0, "year", "", "ru"), "2015"),
    ],
)
def test_figure_text(args, expected: str) -> None:
    assert figure_text(*args) == expected


def test_table_has_every_cluster_with_dashes_where_nothing_is_published(cur) -> None:
    tb = directory(cur).tb
    rows = {r["id"]: r for r in table_rows(tb, "ru")}
    assert len(rows) == len(tb)
    assert rows["mow-zelenograd"]["participants"] == "> 120"
    assert rows["mow-zelenograd"]["source"].startswith("003_2798292aea7c5742.txt:48")
    assert rows["alt-zori"]["investment"] == "—"
    assert "(основной)" in rows["tam-oil-gas-equipment"]["subjects"]


def test_subject_rows_say_where_else_the_cluster_is(cur) -> None:
    tb = directory(cur).tb
    rows = table_rows(by_subject(tb, "RU-RYA"), "en", "subject")
    assert [r["cluster_id"] for r in rows] == ["tam-oil-gas-equipment"]
    assert rows[0]["id"] == "tam-oil-gas-equipment@RU-RYA"
    assert "also in: Tambov Obl." in rows[0]["subjects"]


def test_sorting_uses_the_numbers_and_puts_missing_last(cur) -> None:
    tb = directory(cur).tb
    ordered = sort_rows(tb, {"column": "participants", "direction": "desc"}, "ru")
    values = ordered["participants"].tolist()
    known = [v for v in values if pd.notna(v)]
    assert known == sorted(known, reverse=True) and pd.isna(values[-1])
    default = sort_rows(tb, None, "ru")
    on_map = default[~default["outside_map"]]
    assert on_map["subjects_ru"].is_monotonic_increasing
    assert default.iloc[-1]["outside_map"]


def test_next_sort_flips_and_starts_numbers_high_first() -> None:
    assert next_sort(None, "participants") == {"column": "participants", "direction": "desc"}
    assert next_sort(None, "name") == {"column": "name", "direction": "asc"}
    assert next_sort({"column": "name", "direction": "asc"}, "name")["direction"] == "desc"


def test_directory_table_is_an_accessible_table(cur) -> None:
    tb = directory(cur).tb
    sort = {"column": "participants", "direction": "desc"}
    table = directory_table(
        table_rows(tb, "en"),
        table_columns("en", "cluster"),
        sort,
        "kgd-amber",
        "67 of 67 clusters shown",
    )
    nodes = list(_walk(table))
    heads = [n for n in nodes if type(n).__name__ == "Th"]
    assert all(h.scope == "col" for h in heads)
    assert [h.to_plotly_json()["props"]["aria-sort"] for h in heads].count("descending") == 1
    picks = [
        n.id
        for n in nodes
        if isinstance(getattr(n, "id", None), dict) and n.id["type"] == "cl-pick"
    ]
    assert len(picks) == len(tb) == len({p["at"] for p in picks})
    chosen = [
        n
        for n in nodes
        if type(n).__name__ == "Tr" and n.to_plotly_json()["props"].get("aria-selected") == "true"
    ]
    assert len(chosen) == 1


def test_map_figure_puts_markers_over_the_base_and_a_ring_on_the_pick(cur) -> None:
    points = cluster_points(cur).tb
    fig = clusters_map_figure(_view(), points, "ru", selected="mow-zelenograd")
    assert [tr.type for tr in fig.data[:SELECTION_TRACE]] == ["choropleth", "choropleth"]
    ring = fig.data[SELECTION_TRACE]
    assert ring.name == "selected" and len(ring.lon) == 1
    drawn = [
        c[0]
        for tr in fig.data
        if tr.type == "scattergeo" and tr.geo in (None, "geo") and tr.customdata is not None
        for c in tr.customdata
    ]
    assert sorted(drawn) == sorted(points["cluster_id"])
    inset = {
        c[0]
        for tr in fig.data
        if tr.geo == "geo2" and tr.customdata is not None
        for c in tr.customdata
    }
    assert "mow-zelenograd" in inset and "tom-chemical" not in inset
    assert fig.layout.geo2.domain.x[0] > fig.layout.geo.domain.x[1]


def test_selection_patch_moves_only_the_ring() -> None:
    patch = selection_patch({"a": [37.6, 55.7]}, "a").to_plotly_json()
    assert {tuple(op["location"]) for op in patch["operations"]} == {
        ("data", SELECTION_TRACE, "lon"),
        ("data", SELECTION_TRACE, "lat"),
    }


@pytest.mark.parametrize("by", ["type", "status"])
def test_district_bars_add_up(cur, by: str) -> None:
    tb = directory(cur).tb
    districts = district_names(cur)
    counts = type_status_by_fd(tb, districts)
    fig = fd_bar_figure(counts, districts, by, "ru")
    assert sum(sum(tr.x) for tr in fig.data) == counts["clusters"].sum()
    assert all(len(tr.y) == 8 for tr in fig.data) and fig.layout.barmode == "stack"
    assert fig.layout.font.family == theme.FONT_FAMILY


def test_profile_shows_sources_criteria_and_history(cur) -> None:
    profile = cluster_profile(cur, "mow-zelenograd")
    panel = profile_panel(profile, documents(cur, profile.citations), "en")
    text = _text(panel)
    assert "003_2798292aea7c5742.txt:48" in text
    assert "003_2798292aea7c5742.txt:79" in text  # the participants figure
    assert "meets" in text and "Status across the documents" in text
    assert "Strategy for the development of Moscow" in text


def test_every_cluster_has_a_profile_that_cites_its_first_line(cur) -> None:
    rows = cur.execute("SELECT cluster_id, source_file, source_line FROM clusters").fetchall()
    for i, (cluster_id, file, line) in enumerate(rows):
        lang = ("ru", "en")[i % 2]  # both languages, each cluster once
        profile = cluster_profile(cur, cluster_id)
        text = _text(profile_panel(profile, documents(cur, profile.citations), lang))
        assert f"{file}:{line}" in text, (cluster_id, lang)


def test_profile_without_participants_says_not_enough_data(cur) -> None:
    profile = cluster_profile(cur, "ta-kamsky-innovative")
    text = _text(profile_panel(profile, documents(cur, profile.citations), "ru"))
    assert "недостаточно данных" in text and "соответствует" not in text


def test_counts_block_sets_stated_beside_directory(cur) -> None:
    text = _text(counts_block(stated_counts(cur).tb, "en"))
    assert "118" in text and "98" in text and "no estimate of the total" in text


def _export_input(cur, tb=None):
    result = directory(cur)
    header = export_header(documents(cur, result.citations), "type=industrial", "2026-01-01", "en")
    return (result.tb if tb is None else tb), header


def test_csv_export_has_a_header_block_and_neutralised_text(cur) -> None:
    tb, header = _export_input(cur)
    tb = tb.copy()
    tb.loc[0, "name_en"] = '=HYPERLINK("x")'
    tb.loc[1, "specialisation_en"] = "+7 cells"
    data = export_csv(tb, header)
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0][0].startswith("Cluster Atlas")
    for file in ("000_fcbe2c7568999b02.txt", "003_2798292aea7c5742.txt"):
        assert any(r and r[0].startswith(file) for r in rows[: len(header)]), file
    table = rows[len(header) + 1 :]
    columns = table[0]
    assert {"participants_source", "source", "all_sources"} <= set(columns)
    body = [dict(zip(columns, r, strict=True)) for r in table[1:]]
    assert len(body) == len(tb)
    assert body[0]["name_en"].startswith("'=") and body[1]["specialisation_en"].startswith("'+")
    assert not any(v.startswith(("=", "+", "-", "@")) for r in body for v in r.values())


def test_xlsx_export_keeps_numbers_and_names_the_documents(cur) -> None:
    tb, header = _export_input(cur)
    book = openpyxl.load_workbook(io.BytesIO(export_xlsx(tb, header)))
    sheet = book.active
    assert sheet.cell(1, 1).value.startswith("Cluster Atlas")
    head_row = len(header) + 2
    columns = [c.value for c in sheet[head_row]]
    assert sheet.cell(head_row, 1).font.bold
    participants = columns.index("participants") + 1
    values = [sheet.cell(r, participants).value for r in range(head_row + 1, sheet.max_row + 1)]
    assert any(isinstance(v, float | int) for v in values)
    assert sheet.max_row == head_row + len(tb)


# --- callbacks/clusters_page.py, called in-process -----------------------------------------


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
    rows = [n for n in _walk(table) if type(n).__name__ == "Tr"][1:]
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
    assert "no-such" in _text(notice) and href == "/clusters?lang=en"
    profile, notice, href = callbacks_module.show_profile("kgd-amber", "en")
    assert notice is None and href == "/clusters?cluster=kgd-amber"
    assert "000_fcbe2c7568999b02.txt:236" in _text(profile)


def test_filter_values_become_filters(callbacks_module) -> None:
    f = callbacks_module._filters(
        "x", ["industrial", "bogus"], None, "CFD", None, [2015, 2025], 2015, 2025
    )
    assert f == Filters(types=("industrial",), fd="CFD", search="x")
