"""The figure engine: map views → plotly figures, and the Patch that recolours an existing map.

A map is three choropleth traces over the same geometry and the same fixed list of
places: trace 0 draws the places with no published value in grey, trace 1 the places with
a value, coloured by class, and trace 2 outlines the selected place. A place is drawn by
the trace whose ``z`` is a number (plotly skips null ``z``). The geometry is fetched once by
URL; a filter change sends only ``z``, the hover fields and the legend (`map_patch`): the
hover's fixed words live in the trace's ``hovertemplate``, each place's numbers in
``customdata`` and its name in ``text``, which never changes for a drawn map.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import plotly.graph_objects as go
from dash import Patch
from plotly.colors import sample_colorscale

from layouts import theme

NO_DATA_TRACE, DATA_TRACE, OUTLINE_TRACE = 0, 1, 2
LINE = {"color": theme.BORDER_COLOUR, "width": 0.6}
SELECTED_LINE = {"color": theme.TEXT_COLOUR, "width": 2.4}
CLEAR = "rgba(0,0,0,0)"


@dataclass(frozen=True)
class Hover:
    """The hover of every place: one template, and each place's fields for it.

    ``template`` is the part after the place's name, with ``%{customdata[i]}`` standing
    for field i; ``fields`` has one tuple per place, or None where nothing is published
    (those places say the view's ``no_data_label`` instead).
    """

    template: str
    fields: Sequence[tuple[object, ...] | None]


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
    hover: Hover  # value, numerator/denominator, class, rank and source of each place
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


def _hex(colour: str) -> str:
    """`rgb(238, 248, 179)` → `#eef8b3` (a third of the bytes in every Patch)."""
    if not colour.startswith("rgb("):
        return colour
    r, g, b = (round(float(v)) for v in colour[4:-1].split(","))
    return f"#{r:02x}{g:02x}{b:02x}"


def _trace_data(view: MapView) -> tuple[dict[str, object], dict[str, object], dict[str, object]]:
    """The parts of the three traces that change with a filter (places stay fixed).

    Nested properties use plotly's underscore paths (``colorbar_title_text``), which both the
    trace constructor and `map_patch` read, so a Patch sets only the leaves that change.
    """
    k = max(len(view.class_labels), 1)
    colours = [_hex(c) for c in class_colours(view.colorscale, k)]
    name_line = "<b>%{text}</b><br>"
    no_data = {
        "z": [0 if c is None else None for c in view.class_index],
        "hovertemplate": f"{name_line}{view.no_data_label}<extra></extra>",
        "name": view.no_data_label,
    }
    data = {
        "z": list(view.class_index),
        "customdata": list(view.hover.fields),
        "hovertemplate": f"{name_line}{view.hover.template}<extra></extra>",
        "zmin": -0.5,
        "zmax": k - 0.5,
        "colorscale": _discrete_scale(colours),
        "colorbar_tickvals": list(range(k)),
        "colorbar_ticktext": [
            f"{label} ({n})" for label, n in zip(view.class_labels, view.class_counts, strict=True)
        ],
        "colorbar_title_text": view.legend_title,
    }
    chosen = [view.selected] if view.selected in view.locations else []
    selection = {"locations": chosen, "z": [0] * len(chosen)}
    return no_data, data, selection


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


# The legend's fixed look: horizontal, under the map, so the map keeps its column's width.
COLORBAR = {"orientation": "h", "x": 0.35, "xanchor": "center", "y": 0.0, "yanchor": "top",
            "len": 0.64, "thickness": 12, "outlinewidth": 0, "title": {"side": "top"}}  # fmt: skip


def map_figure(view: MapView) -> go.Figure:
    """A full choropleth of the view (first load; later changes go through `map_patch`)."""
    no_data, data, selection = _trace_data(view)
    places = {
        "geojson": view.geojson_url,
        "featureidkey": "id",
        "locations": list(view.locations),
        "text": list(view.names),
        "marker": {"line": LINE},
    }
    fig = go.Figure(
        [
            go.Choropleth(
                **places,
                **no_data,
                colorscale=[[0, theme.NO_DATA_COLOUR], [1, theme.NO_DATA_COLOUR]],
                showscale=False,
            ),
            go.Choropleth(**places, colorbar=COLORBAR, **data),  # plotly merges colorbar_* in
            go.Choropleth(
                geojson=view.geojson_url,
                featureidkey="id",
                **selection,
                colorscale=[[0, CLEAR], [1, CLEAR]],
                showscale=False,
                marker={"line": SELECTED_LINE},
                hoverinfo="skip",
            ),
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
    """The same view as `map_figure`, as a Patch of a map drawn with the same places."""
    patch = Patch()
    traces = (NO_DATA_TRACE, DATA_TRACE, OUTLINE_TRACE)
    for trace, parts in zip(traces, _trace_data(view), strict=True):
        for key, value in parts.items():
            target = patch["data"][trace]
            *path, last = key.split("_")  # plotly's own rule: colorbar_title_text
            for part in path:
                target = target[part]
            target[last] = value
    layout = _layout_text(view)
    patch["layout"]["title"]["text"] = layout["title"]["text"]
    patch["layout"]["annotations"] = layout["annotations"]
    return patch


def drawn_places_only(figure: go.Figure | dict) -> go.Figure:
    """The figure with each choropleth trace cut to the places it draws (null z dropped).

    For a figure drawn once and never patched (an export, an embed): plotly keeps an empty
    path for every non-drawn place, which would litter an exported SVG.
    """
    fig = figure if isinstance(figure, go.Figure) else go.Figure(figure)
    for trace in fig.data:
        if trace.type != "choropleth" or trace.z is None:
            continue
        keep = [i for i, z in enumerate(trace.z) if z is not None]
        for key in ("locations", "z", "text", "customdata"):
            values = trace[key]
            if values is not None and len(values) == len(trace.z):
                trace[key] = [values[i] for i in keep]
    return fig
