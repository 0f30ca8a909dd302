"""Tests for layouts/cluster_markers.py: the cluster marker traces, as figure data."""

from __future__ import annotations

import doctest

import pandas as pd
import pytest

import layouts.cluster_markers
from layouts.cluster_markers import (
    SIZE_MAX,
    SIZE_UNKNOWN,
    TYPE_STYLE,
    cluster_marker_traces,
    marker_size,
    spread_points,
)
from queries.cluster_directory import TYPES, cluster_points, outside_map


@pytest.fixture()
def points(cur) -> pd.DataFrame:
    return cluster_points(cur).tb


def _markers(traces):
    return [tr for tr in traces if tr.mode == "markers"]


def test_doctests() -> None:
    assert doctest.testmod(layouts.cluster_markers).failed == 0


def test_every_type_has_its_own_colour_and_shape() -> None:
    assert set(TYPE_STYLE) == set(TYPES)
    assert len(set(TYPE_STYLE.values())) == len(TYPE_STYLE)


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_every_point_is_drawn_once(points, lang: str) -> None:
    drawn = [c[0] for tr in _markers(cluster_marker_traces(points, lang)) for c in tr.customdata]
    assert sorted(drawn) == sorted(points["cluster_id"])


def test_all_clusters_but_those_off_the_map_get_a_marker(cur, points) -> None:
    n = cur.execute("SELECT count(*) FROM clusters").fetchone()[0]
    assert len(points) == n - len(outside_map(cur))


def test_one_trace_per_type_in_the_palette(points) -> None:
    for trace in _markers(cluster_marker_traces(points, "en")):
        type_ = trace.legendgroup
        assert (trace.marker.color, trace.marker.symbol) == TYPE_STYLE[type_]
        assert trace.name.endswith(f"({(points['type'] == type_).sum()})")


def test_size_grows_with_participants() -> None:
    sizes = [marker_size(v) for v in (None, float("nan"), 8, 120, 600, 1000, 20000)]
    assert sizes[0] == sizes[1] == SIZE_UNKNOWN
    assert sizes[2:] == sorted(sizes[2:]) and sizes[-1] == SIZE_MAX


def test_crowds_spread_deterministically_and_lone_points_stay(points) -> None:
    first, again = spread_points(points), spread_points(points)
    pd.testing.assert_frame_equal(first, again)
    spots = first[["plot_lon", "plot_lat"]].round(6)
    assert not spots.duplicated().any()
    lone = first.set_index("cluster_id").loc["alt-zori"]  # the only cluster in Barnaul
    assert (lone["plot_lon"], lone["plot_lat"]) == (lone["lon"], lone["lat"])


def test_multi_subject_clusters_get_links(points) -> None:
    traces = cluster_marker_traces(points, "ru")
    links = [tr for tr in traces if tr.mode == "lines"]
    assert len(links) == 1
    expected = sum(len(s) for s in points["span_lon"])
    assert sum(lon is None for lon in links[0].lon) == expected


def test_hover_names_place_or_approximate_and_source(points) -> None:
    hovers = {
        c[0]: text
        for tr in _markers(cluster_marker_traces(points, "en"))
        for c, text in zip(tr.customdata, tr.text, strict=True)
    }
    assert "Place: Zelenograd" in hovers["mow-zelenograd"]
    assert "003_2798292aea7c5742.txt:48" in hovers["mow-zelenograd"]
    assert "Participants: > 120 (2015)" in hovers["mow-zelenograd"]
    assert "subject's centre (approximate)" in hovers["ba-childrens-goods"]
    assert "spans 4 subjects" in hovers["tam-oil-gas-equipment"]


def test_inset_traces_use_their_own_geo_and_no_legend(points) -> None:
    traces = cluster_marker_traces(points, "ru", geo="geo2", spiral_step=0.05, legend=False)
    assert traces and all(tr.geo == "geo2" and tr.showlegend is False for tr in traces)


def test_no_points_no_traces(points) -> None:
    assert cluster_marker_traces(points.iloc[0:0], "ru") == []
