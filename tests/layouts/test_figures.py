"""layouts/figures.py: the map figure and its Patch, tested as data (figure JSON)."""

from __future__ import annotations

import json

import plotly.io as pio

from layouts.figures import DATA_TRACE, NO_DATA_TRACE, MapView, map_figure, map_patch


def _view(**overrides) -> MapView:
    base = dict(
        geojson_url="/geo/region-abc.geojson",
        locations=["A", "B", "C"],
        names=["a", "b", "c"],
        class_index=[0, None, 1],
        class_labels=["low", "high"],
        class_counts=[1, 1],
        colorscale="Blues",
        hover=["ha", "hb", "hc"],
        title="T",
        caption="Source: x.txt:1",
        legend_title="%",
        no_data_label="no published data",
    )
    return MapView(**{**base, **overrides})


def test_no_data_places_are_a_separate_grey_trace() -> None:
    fig = map_figure(_view())
    no_data, data = fig.data[NO_DATA_TRACE], fig.data[DATA_TRACE]
    assert list(no_data.locations) == ["B"] and list(no_data.customdata) == ["hb"]
    assert list(data.locations) == ["A", "C"] and list(data.z) == [0, 1]
    assert list(data.colorbar.ticktext) == ["low (1)", "high (1)"]


def test_geometry_travels_by_url_not_inline() -> None:
    fig = map_figure(_view())
    assert fig.data[0].geojson == "/geo/region-abc.geojson"
    assert len(pio.to_json(fig)) < 10_000


def test_caption_is_stamped_in_the_figure_when_given() -> None:
    fig = map_figure(_view())
    assert fig.layout.annotations[-1].text == "Source: x.txt:1"
    assert len(map_figure(_view(caption="")).layout.annotations) == 1


def test_no_data_places_get_a_legend_key_with_their_count() -> None:
    keys = [a.text for a in map_figure(_view()).layout.annotations]
    assert any("no published data (1)" in k for k in keys)
    full = _view(class_index=[0, 1, 1], class_counts=[1, 2], caption="")
    assert map_figure(full).layout.annotations == ()


def test_patch_carries_colours_and_hovers_only() -> None:
    patch = map_patch(_view(class_index=[1, 0, None]))
    text = json.dumps(patch.to_plotly_json())
    assert "geojson" not in text and "/geo/" not in text
    assert '"C"' in text and "hc" in text


def test_the_selected_place_is_outlined() -> None:
    fig = map_figure(_view(selected="C"))
    data = fig.data[DATA_TRACE]
    assert list(data.marker.line.width) == [0.6, 2.4]  # A, C
    assert list(fig.data[NO_DATA_TRACE].marker.line.width) == [0.6]
