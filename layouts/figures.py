"""The figure engine: map views → plotly figures, and the Patch that recolours an existing map.

A map is two choropleth traces over the same geometry: trace 0 draws the places with no
published value in grey, trace 1 the places with a value, coloured by class. The
geometry is fetched once by URL; a filter change only moves locations, classes and hover
text (`map_patch`), never the geometry.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import plotly.graph_objects as go
from dash import Patch
from plotly.colors import sample_colorscale

from layouts import theme

NO_DATA_TRACE, DATA_TRACE = 0, 1


@dataclass(frozen=True)
class MapView:
    """Everything a map shows, already in the viewer's language."""

    geojson_url: str
    locations: Sequence[str]
    names: Sequence[str]
    class_index: Sequence[int | None]
    class_labels: Sequence[str]
    class_counts: Sequence[int]
    colorscale: str
    hover: Sequence[
        str
    ]  # one hover text per place (value, numerator/denominator, class, rank, source)
    title: str
    caption: str  # the source line stamped under the map
    legend_title: str
    no_data_label: str
    selected: str | None = None  # outlined on the map (the place whose profile is open)


def class_colours(colorscale: str, k: int) -> list[str]:
    if k <= 0:
        return []
    if k == 1:
        return sample_colorscale(colorscale, [0.65])
    return sample_colorscale(colorscale, [0.12 + 0.83 * i / (k - 1) for i in range(k)])


def _discrete_scale(colours: Sequence[str]) -> list[list[object]]:
    """A stepped colorscale for z = class index 0..k-1."""
    k = len(colours)
    if k == 1:
        return [[0, colours[0]], [1, colours[0]]]
    scale: list[list[object]] = []
    for i, colour in enumerate(colours):
        scale += [[i / k, colour], [(i + 1) / k, colour]]
    return scale


def _trace_data(view: MapView) -> tuple[dict[str, object], dict[str, object]]:
    """The parts of both traces that change with a filter."""
    with_value = [i for i, c in enumerate(view.class_index) if c is not None]
    without = [i for i, c in enumerate(view.class_index) if c is None]
    k = max(len(view.class_labels), 1)
    colours = class_colours(view.colorscale, k)

    def outline(indices: list[int]) -> dict[str, object]:
        chosen = [view.locations[i] == view.selected for i in indices]
        return {"line": {"color": [theme.TEXT_COLOUR if c else theme.BORDER_COLOUR
                                   for c in chosen],
                         "width": [2.4 if c else 0.6 for c in chosen]}}  # fmt: skip

    no_data = {
        "marker": outline(without),
        "locations": [view.locations[i] for i in without],
        "z": [0] * len(without),
        "customdata": [view.hover[i] for i in without],
        "name": view.no_data_label,
    }
    data = {
        "marker": outline(with_value),
        "locations": [view.locations[i] for i in with_value],
        "z": [view.class_index[i] for i in with_value],
        "customdata": [view.hover[i] for i in with_value],
        "zmin": -0.5,
        "zmax": k - 0.5,
        "colorscale": _discrete_scale(colours),
        "colorbar": {
            "tickvals": list(range(k)),
            "ticktext": [
                f"{label} ({n})"
                for label, n in zip(view.class_labels, view.class_counts, strict=True)
            ],
            # Horizontal, under the map: the map keeps the full width of its column.
            "orientation": "h",
            "x": 0.35,
            "xanchor": "center",
            "y": 0.0,
            "yanchor": "top",
            "len": 0.64,
            "thickness": 12,
            "outlinewidth": 0,
            "title": {"text": view.legend_title, "side": "top"},
        },
    }
    return no_data, data


def _note(text: str, x: float, yshift: int, anchor: str) -> dict[str, object]:
    """A line of small text under the map (legend key, caption)."""
    return {
        "text": text,
        "showarrow": False,
        "xref": "paper",
        "yref": "paper",
        "x": x,
        "y": 0,
        "yshift": yshift,
        "xanchor": anchor,
        "yanchor": "top",
        "font": {"size": 11, "color": theme.MUTED_COLOUR},
        "align": "left",
    }


def _two_lines(text: str) -> str:
    """Break a long legend label at the space nearest its middle (annotations do not wrap)."""
    if len(text) < 24 or " " not in text:
        return text
    middle = len(text) // 2
    cut = min((i for i, ch in enumerate(text) if ch == " "), key=lambda i: abs(i - middle))
    return text[:cut] + "<br>" + text[cut + 1 :]


def _layout_text(view: MapView) -> dict[str, object]:
    missing = sum(1 for c in view.class_index if c is None)
    notes = []
    if missing:  # the grey places get a key of their own beside the colour classes
        label = _two_lines(f"{view.no_data_label} ({missing})")
        key = f"<span style='color:{theme.NO_DATA_COLOUR}'>■</span> {label}"
        notes.append(_note(key, 0.7, -26, "left"))  # right of the colour classes
    if view.caption:
        notes.append(_note(view.caption, 0, -84, "left"))
    return {
        "title": {
            "text": view.title,
            "x": 0.01,
            "xanchor": "left",
            "y": 0.99,
            "yref": "container",
            "yanchor": "top",
        },
        "annotations": notes,
    }


def map_figure(view: MapView) -> go.Figure:
    """A full choropleth of the view (first load; later changes go through `map_patch`)."""
    no_data, data = _trace_data(view)
    common = {
        "geojson": view.geojson_url,
        "featureidkey": "id",
        "hovertemplate": "%{customdata}<extra></extra>",
    }
    fig = go.Figure(
        [
            go.Choropleth(
                **common,
                **no_data,
                colorscale=[[0, theme.NO_DATA_COLOUR], [1, theme.NO_DATA_COLOUR]],
                showscale=False,
            ),
            go.Choropleth(**common, **data),
        ]
    )
    fig.update_layout(
        geo=theme.GEO_FRAME,
        # Room under the map for the horizontal legend, and the caption when it is stamped.
        margin={"l": 0, "r": 0, "t": 40, "b": 140 if view.caption else 85},
        font={"family": theme.FONT_FAMILY, "color": theme.TEXT_COLOUR},
        paper_bgcolor="white",
        uirevision="map",
        **_layout_text(view),
    )
    return fig


def map_patch(view: MapView) -> Patch:
    """The same view as `map_figure`, as a Patch of an existing map (no geometry sent)."""
    patch = Patch()
    for trace, parts in zip((NO_DATA_TRACE, DATA_TRACE), _trace_data(view), strict=True):
        for key, value in parts.items():
            patch["data"][trace][key] = value
    for key, value in _layout_text(view).items():
        patch["layout"][key] = value
    return patch
