"""layouts/cluster_charts.py: the explorer's map and its stacked bars, as figure data."""

from __future__ import annotations

import pytest

from layouts import theme
from layouts.cluster_charts import (
    SELECTION_TRACE,
    clusters_map_figure,
    fd_bar_figure,
    selection_patch,
)
from layouts.figures import Hover, MapView
from queries.cluster_directory import cluster_points, directory, district_names, type_status_by_fd


def _view() -> MapView:
    return MapView(
        geojson_url="/geo/region-x.geojson",
        locations=["RU-MOW"],
        names=["Москва"],
        class_index=[0],
        class_labels=["1"],
        class_counts=[1],
        colorscale="Greys",
        hover=Hover("%{customdata[0]}", [("1",)]),
        title="Фон",
        caption="Границы",
        legend_title="ед.",
        no_data_label="нет",
    )


def test_map_figure_puts_markers_over_the_base_and_a_ring_on_the_pick(cur) -> None:
    points = cluster_points(cur).tb
    fig = clusters_map_figure(_view(), points, "ru", selected="mow-zelenograd")
    assert {tr.type for tr in fig.data[:SELECTION_TRACE]} == {"choropleth"}
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
