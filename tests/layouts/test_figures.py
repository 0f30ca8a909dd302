"""layouts/figures.py: the map figure and its Patch, tested as data (figure JSON)."""

from __future__ import annotations

import json

import plotly.io as pio

from layouts.figures import (
    DATA_TRACE,
    NO_DATA_TRACE,
    OUTLINE_TRACE,
    Hover,
    MapView,
    map_figure,
    map_patch,
)
from tests.helpers import drawn_hovers

HOVER = Hover(
    template="v: %{customdata[0]}%{customdata[1]}<br>src: x.txt:%{customdata[2]}",
    fields=[("1,5", "", 7), None, ("2,0", "<br>⚠ small", 8)],
)


def _view(**overrides) -> MapView:
    base = dict(
        geojson_url="/geo/region-abc.geojson",
        locations=["A", "B", "C"],
        names=["a", "b", "c"],
        class_index=[0, None, 1],
        class_labels=["low", "high"],
        class_counts=[1, 1],
        colorscale="Blues",
        hover=HOVER,
        title="T",
        caption="Source: x.txt:1",
        legend_title="%",
        no_data_label="no published data",
    )
    return MapView(**{**base, **overrides})


def _drawn(trace) -> list[str]:
    """The places a choropleth trace draws: plotly skips those whose z is not a number."""
    return [loc for loc, z in zip(trace.locations, trace.z, strict=True) if z is not None]


def test_each_place_is_drawn_by_exactly_one_trace() -> None:
    fig = map_figure(_view())
    no_data, data = fig.data[NO_DATA_TRACE], fig.data[DATA_TRACE]
    assert list(no_data.locations) == list(data.locations) == ["A", "B", "C"]
    assert _drawn(no_data) == ["B"]
    assert _drawn(data) == ["A", "C"] and list(data.z) == [0, None, 1]
    assert list(data.colorbar.ticktext) == ["low (1)", "high (1)"]
    assert data.colorbar.orientation == "h" and data.colorbar.title.text == "%"


def test_hover_is_the_template_filled_with_each_places_fields() -> None:
    view = _view()
    fig = map_figure(view)
    data = fig.data[DATA_TRACE]
    assert data.hovertemplate == "<b>%{text}</b><br>" + HOVER.template + "<extra></extra>"
    assert list(data.text) == ["a", "b", "c"]
    assert [tuple(c) if c is not None else None for c in data.customdata] == list(HOVER.fields)
    hovers = drawn_hovers(data.to_plotly_json())
    hovers |= drawn_hovers(fig.data[NO_DATA_TRACE].to_plotly_json())
    assert hovers["A"] == "<b>a</b><br>v: 1,5<br>src: x.txt:7"
    assert hovers["C"] == "<b>c</b><br>v: 2,0<br>⚠ small<br>src: x.txt:8"
    assert hovers["B"] == "<b>b</b><br>no published data"
    assert (
        fig.data[NO_DATA_TRACE].hovertemplate
        == "<b>%{text}</b><br>no published data<extra></extra>"
    )


def test_geometry_travels_by_url_not_inline() -> None:
    fig = map_figure(_view())
    assert {tr.geojson for tr in fig.data} == {"/geo/region-abc.geojson"}
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


def test_patch_sends_values_and_hover_fields_but_no_places_or_geometry() -> None:
    patch = map_patch(_view(class_index=[1, 0, None])).to_plotly_json()
    text = json.dumps(patch)
    assert "geojson" not in text and "/geo/" not in text and '"A"' not in text
    assigned = {tuple(op["location"]): op["params"]["value"] for op in patch["operations"]}
    assert assigned[("data", DATA_TRACE, "z")] == [1, 0, None]
    assert assigned[("data", NO_DATA_TRACE, "z")] == [None, None, 0]
    assert tuple(assigned[("data", DATA_TRACE, "customdata")][2]) == ("2,0", "<br>⚠ small", 8)
    assert assigned[("data", DATA_TRACE, "colorbar", "ticktext")] == ["low (1)", "high (1)"]
    assert ("data", DATA_TRACE, "locations") not in assigned


def test_the_selected_place_is_outlined_by_its_own_trace() -> None:
    fig = map_figure(_view(selected="C"))
    outline = fig.data[OUTLINE_TRACE]
    assert list(outline.locations) == ["C"] and outline.hoverinfo == "skip"
    assert outline.marker.line.width == 2.4
    assert fig.data[DATA_TRACE].marker.line.width == 0.6
    assert list(map_figure(_view()).data[OUTLINE_TRACE].locations) == []
    moved = map_patch(_view(selected="A")).to_plotly_json()
    assigned = {tuple(op["location"]): op["params"]["value"] for op in moved["operations"]}
    assert assigned[("data", OUTLINE_TRACE, "locations")] == ["A"]
