"""Cluster points and district counts → the explorer's map and its stacked bar chart.

The map is the figure engine's choropleth (`layouts.figures.map_figure`, in greys) with the
selection ring and the cluster markers (`layouts.cluster_markers`) over it, and a framed
Moscow inset. The stacked bar of clusters per district by type or status is a chart kind
of its own, so it lives here rather than as a flag of `layouts.charts`.
"""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import plotly.graph_objects as go
from dash import Patch

from atlas.vocabulary import STATUSES, TYPES
from layouts import theme
from layouts.cluster_markers import TYPE_STYLE, cluster_marker_traces, spread_points
from layouts.figures import DATA_TRACE, OUTLINE_TRACE, MapView, map_figure
from layouts.i18n import t
from queries.metrics import Metric

MAP_CONFIG = {
    "topojsonURL": theme.TOPOJSON_URL,  # plotly's base map from our own assets: no CDN
    "displaylogo": False,
    "scrollZoom": False,
    "modeBarButtonsToRemove": ["lasso2d", "select2d"],
}
# The choropleth under the markers is muted so that the type colours stand out.
BASE_COLOURSCALE = "Greys"
# Russia filling a wide panel (the theme's frame, turned and cropped for a 2:1 box).
MAP_FRAME = {
    **theme.GEO_FRAME,
    "projection": {"type": "conic equal area", "parallels": [52, 64], "rotation": {"lon": 100}},
    "center": {"lon": 100, "lat": 62},
    "lonaxis": {"range": [22, 178]},
    "lataxis": {"range": [42, 78]},
}
MAP_DOMAIN = {"x": [0, 0.8], "y": [0, 1]}
# Moscow and its oblast hold a third of the clusters: an inset shows them apart.
INSET = {
    "regions": ("RU-MOW", "RU-MOS"),
    "lon": [36.8, 38.1],
    "lat": [55.3, 56.12],
    "domain": {"x": [0.82, 1.0], "y": [0.5, 0.9]},
    "step": 0.05,
}
INSET_FILL = "#eceff2"
FRAME_LINE = {"color": "#cbd2d9", "width": 1}
# fmt: off
LEGEND = {"orientation": "h", "y": 1, "yanchor": "bottom", "x": 0, "font": {"size": 11},
          "itemclick": "toggle", "itemsizing": "constant", "bgcolor": "rgba(255,255,255,0)"}
COLORBAR = {"orientation": "h", "x": 1, "xanchor": "right", "y": 0.02, "yanchor": "bottom",
            "len": 0.3, "thickness": 8, "tickfont": {"size": 10}}
STATUS_COLOURS = {"planned": "#E69F00", "created": "#56B4E9", "operating": "#009E73",
                  "registered": "#0072B2", "unstated": "#BBBBBB"}
# fmt: on
HATCHED_TYPES = ("educational", "it", "other")  # types whose colours repeat get a pattern
SELECTION_TRACE = OUTLINE_TRACE + 1  # after the choropleth traces of layouts.figures.map_figure
RING = {"symbol": "circle-open", "size": 30, "color": "#111111", "line": {"width": 3}}


def muted_metric(metric: Metric) -> Metric:
    """The registry's metric drawn in greys, so that cluster markers stand out above it."""
    return replace(metric, colorscale=BASE_COLOURSCALE)


# --- the selection ring -------------------------------------------------------------------


def placed_positions(points: pd.DataFrame) -> dict[str, list[float]]:
    """Where each cluster is drawn (after spreading), for the selection ring."""
    if points.empty:
        return {}
    spread = spread_points(points.reset_index(drop=True))
    return {
        row.cluster_id: [float(row.plot_lon), float(row.plot_lat)] for row in spread.itertuples()
    }


def selection_trace(placed: dict[str, list[float]] | None, selected: str | None) -> go.Scattergeo:
    """A ring around the chosen cluster (empty when none is chosen or it is filtered out)."""
    lon, lat = (placed or {}).get(selected or "", [None, None])
    return go.Scattergeo(
        lon=[lon] if lon is not None else [],
        lat=[lat] if lat is not None else [],
        mode="markers",
        hoverinfo="skip",
        showlegend=False,
        name="selected",
        marker=RING,
    )


def selection_patch(placed: dict[str, list[float]] | None, selected: str | None) -> Patch:
    """The ring moved to another cluster, as a Patch of the drawn map (nothing else sent)."""
    trace = selection_trace(placed, selected)
    patch = Patch()
    patch["data"][SELECTION_TRACE]["lon"] = list(trace.lon)
    patch["data"][SELECTION_TRACE]["lat"] = list(trace.lat)
    return patch


# --- the map ------------------------------------------------------------------------------


def _focus(points: pd.DataFrame) -> dict[str, object]:
    """The map frame around the points (whole country when they are spread or absent)."""
    if points.empty:
        return MAP_FRAME
    lon0, lon1 = points["lon"].min(), points["lon"].max()
    lat0, lat1 = points["lat"].min(), points["lat"].max()
    if lon1 - lon0 > 60:
        return MAP_FRAME
    pad = max(3.0, 0.25 * max(lon1 - lon0, lat1 - lat0))
    return {
        **MAP_FRAME,
        "center": {"lon": (lon0 + lon1) / 2, "lat": (lat0 + lat1) / 2},
        "lonaxis": {"range": [lon0 - pad * 1.6, lon1 + pad * 1.6]},
        "lataxis": {"range": [lat0 - pad, lat1 + pad]},
    }


def _inset_base(view: MapView) -> go.Choropleth:
    """Moscow and its oblast in plain grey on the inset's own geo."""
    return go.Choropleth(
        geojson=view.geojson_url,
        featureidkey="id",
        geo="geo2",
        locations=list(INSET["regions"]),
        z=[0, 0],
        showscale=False,
        colorscale=[[0, INSET_FILL], [1, INSET_FILL]],
        hoverinfo="skip",
        marker={"line": {"color": "white", "width": 1}},
    )


def _inset_layout(fig: go.Figure, lang: str) -> dict[str, object]:
    """The inset's geo, the frame around it and its title (after the map's own notes)."""
    (x0, x1), (y0, y1) = INSET["domain"]["x"], INSET["domain"]["y"]
    frame = {"type": "rect", "xref": "paper", "yref": "paper", "line": FRAME_LINE}
    title = {
        "text": t("cl_inset", lang),
        "xref": "paper",
        "yref": "paper",
        "x": x0,
        "y": y1,
        "xanchor": "left",
        "yanchor": "bottom",
        "showarrow": False,
        "font": {"size": 11, "color": theme.MUTED_COLOUR},
    }
    return {
        "geo2": {
            "projection": {"type": "mercator"},
            "lonaxis": {"range": INSET["lon"]},
            "lataxis": {"range": INSET["lat"]},
            "domain": INSET["domain"],
            "visible": False,
            "fitbounds": False,
            "bgcolor": "white",
        },
        "shapes": [{**frame, "x0": x0, "x1": x1, "y0": y0, "y1": y1}],
        "annotations": [*fig.layout.annotations, title],
    }


def no_match_note(lang: str) -> dict[str, object]:
    """An annotation in the middle of a figure: the filters leave no cluster to draw."""
    return {
        "text": t("cl_no_match", lang),
        "xref": "paper",
        "yref": "paper",
        "x": 0.5,
        "y": 0.5,
        "showarrow": False,
        "bgcolor": "rgba(255,255,255,0.85)",
        "font": {"size": 14, "color": theme.TEXT_COLOUR},
    }


def _add_inset(fig: go.Figure, view: MapView, points: pd.DataFrame, lang: str) -> None:
    """A framed Moscow inset with its clusters spread apart (none when no point is there)."""
    here = points[points["anchor_region"].isin(INSET["regions"])]
    if here.empty:
        return
    markers = cluster_marker_traces(here, lang, geo="geo2", spiral_step=INSET["step"], legend=False)
    fig.add_traces([_inset_base(view), *markers])
    fig.update_layout(**_inset_layout(fig, lang))


def clusters_map_figure(
    view: MapView, points: pd.DataFrame, lang: str, selected: str | None = None, focus: bool = False
) -> go.Figure:
    """The choropleth of `view`, the selection ring, the cluster markers and a Moscow inset."""
    fig = map_figure(view)
    fig.add_trace(selection_trace(placed_positions(points), selected))
    fig.add_traces(cluster_marker_traces(points, lang))
    for trace in fig.data[:SELECTION_TRACE]:  # the base map: context only, no hover
        trace.update(hoverinfo="skip", hovertemplate=None)
    fig.data[DATA_TRACE].update(
        colorbar=COLORBAR | {"title": {"text": view.title, "side": "top", "font": {"size": 11}}}
    )
    fig.update_layout(
        geo={**(_focus(points) if focus else MAP_FRAME), "domain": MAP_DOMAIN},
        title=None,
        legend=LEGEND,
        margin={"l": 0, "r": 0, "t": 56, "b": 28},
        hovermode="closest",
        clickmode="event",
    )
    if points.empty:
        fig.add_annotation(no_match_note(lang))
    else:
        _add_inset(fig, view, points, lang)
    return fig


# --- clusters per district ----------------------------------------------------------------


def _district_bars(counts: pd.DataFrame, districts: pd.DataFrame, by: str, lang: str):
    """One horizontal bar trace per type (or status) that has clusters, districts in order."""
    names = districts[f"short_{lang}"].tolist()
    for key in TYPES if by == "type" else STATUSES:
        part = counts[counts[by] == key].groupby("fd")["clusters"].sum()
        if part.empty:
            continue
        colour = TYPE_STYLE[key][0] if by == "type" else STATUS_COLOURS[key]
        pattern = {"shape": "/" if by == "type" and key in HATCHED_TYPES else ""}
        yield go.Bar(
            y=names,
            x=[int(part.get(code, 0)) for code in districts.index],
            orientation="h",
            name=t(f"cl_{by}_{key}", lang),
            marker={"color": colour, "pattern": pattern, "line": {"color": "white", "width": 0.5}},
            hovertemplate="%{y}<br>%{fullData.name}: %{x}<extra></extra>",
        )


def fd_bar_figure(counts: pd.DataFrame, districts: pd.DataFrame, by: str, lang: str) -> go.Figure:
    """Stacked horizontal bars: clusters per federal district, split by type or by status."""
    bars = list(_district_bars(counts, districts, by, lang))
    fig = go.Figure(bars)
    fig.update_layout(
        barmode="stack",
        font={"family": theme.FONT_FAMILY, "color": theme.TEXT_COLOUR},
        paper_bgcolor="white",
        plot_bgcolor="white",
        margin={"l": 10, "r": 10, "t": 10, "b": 10},
        legend={
            "orientation": "h",
            "y": -0.14,
            "yanchor": "top",
            "font": {"size": 11},
            "traceorder": "normal",
        },
        xaxis={
            "title": {"text": t("cl_kpi_clusters", lang)},
            "gridcolor": "#e3e7eb",
            "zeroline": False,
        },
        yaxis={"autorange": "reversed", "automargin": True, "ticksuffix": " "},
    )
    if not bars:  # a note instead of empty axes
        fig.update_layout(
            xaxis_visible=False, yaxis_visible=False, annotations=[no_match_note(lang)]
        )
    return fig
