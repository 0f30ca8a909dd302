"""A view's data → the map figure (or its Patch), caption, banner flag and text description."""

from __future__ import annotations

import functools
import zlib
from dataclasses import dataclass

import pandas as pd
from dash import Patch

from atlas.viewstate import ViewState
from layouts import theme
from layouts.captions import source_caption
from layouts.cluster_markers import cluster_marker_traces
from layouts.figures import MapView, map_figure, map_patch
from layouts.i18n import t
from layouts.map_view import map_view
from layouts.summary import summary_block, summary_sentences
from queries.classify import classify
from queries.views import MapData


@dataclass(frozen=True)
class RenderedMap:
    figure: object  # go.Figure or Patch
    view: MapView
    caption: str
    summary: list
    sentences: list[str]
    drawn_key: str
    synthetic: bool


def _positions(coords: list) -> list[tuple[float, float]]:
    """Every (lon, lat) of a GeoJSON coordinate array, at any depth."""
    if isinstance(coords[0], int | float):
        return [(coords[0], coords[1])]
    return [p for part in coords for p in _positions(part)]


@functools.cache
def _district_bounds() -> dict[str, tuple[float, float, float, float]]:
    """(lon_min, lon_max, lat_min, lat_max) of each district, from the shipped layer."""
    from geodata.boundaries import load_layer

    out = {}
    for feature in load_layer("district")["features"]:
        lons, lats = zip(*_positions(feature["geometry"]["coordinates"]), strict=True)
        out[feature["id"]] = (min(lons), max(lons), min(lats), max(lats))
    return out


def geo_frame(focus_fd: str | None) -> dict[str, object]:
    """The whole country, or one district's box (drill-down)."""
    if not focus_fd:  # Russia filling the frame, as on the exported images
        projection = {**theme.GEO_FRAME["projection"], "scale": theme.COUNTRY_ZOOM}
        return {**theme.GEO_FRAME, "center": theme.COUNTRY_CENTRE, "projection": projection}
    x0, x1, y0, y1 = _district_bounds()[focus_fd]
    pad_x, pad_y = (x1 - x0) * 0.05, (y1 - y0) * 0.05
    return {
        **theme.GEO_FRAME,
        "center": {"lon": (x0 + x1) / 2, "lat": (y0 + y1) / 2},
        "lonaxis": {"range": [x0 - pad_x, x1 + pad_x]},
        "lataxis": {"range": [y0 - pad_y, y1 + pad_y]},
    }


def _title(data: MapData, lang: str) -> str:
    parts = [data.metric.label(lang)]
    if data.year:
        parts.append(str(data.year))
    if data.state.industries:
        parts.append(
            f"{len(data.state.industries)} " + ("индустр." if lang == "ru" else "industries")
        )
    if data.state.focus_fd:
        parts.append(data.state.focus_fd)
    return ", ".join(parts)


def _fixed_edges(data: MapData) -> list[float] | None:
    if not data.state.fixed_breaks or data.series.empty or data.state.method == "hse":
        return None
    pooled = data.series["value"].dropna().tolist()
    return list(classify(pooled, data.state.method).edges) or None


def render_map(
    data: MapData,
    geojson_url: str,
    *,
    patch_if_drawn: str | None = None,
    stamp_caption: bool = False,
    markers: pd.DataFrame | None = None,
) -> RenderedMap:
    """The figure for the state; a Patch when the figure on screen has the same geometry."""
    state: ViewState = data.state
    lang = state.lang
    extra = t("boundaries", lang)
    if state.industries and len(state.industries) > 1:
        extra = t("several_industries_note", lang) + " " + extra
    caption = source_caption(data.docs, lang, extra=extra)
    if data.dataset.get("synthetic"):
        caption = t("synthetic_banner", lang) + ". " + caption
    view = map_view(
        data.result,
        data.metric,
        state.level,
        lang,
        state.method,
        geojson_url,
        _title(data, lang),
        caption if stamp_caption else "",
        fixed_edges=_fixed_edges(data),
        selected=state.selected,
    )
    layer = ",".join(sorted(state.cluster_types)) if markers is not None else "-"
    # A Patch sends no places: it fits only a map drawn with the same places in the same order.
    places = zlib.crc32(",".join(view.locations).encode())
    key = f"{state.level}:{lang}:{state.focus_fd or ''}:{layer}:{places:08x}"
    if patch_if_drawn == key:
        figure: object = map_patch(view)
    else:
        figure = map_figure(view)
        figure.update_layout(geo=geo_frame(state.focus_fd))
        if markers is not None:
            figure.add_traces(cluster_marker_traces(markers, lang))
            figure.update_layout(
                showlegend=True,
                margin={"t": 118},  # the type legend sits between the title and the map
                legend={
                    "orientation": "h",
                    "x": 0,
                    "y": 1.0,
                    "yanchor": "bottom",
                    "font": {"size": 11},
                    "bgcolor": "rgba(255,255,255,0.7)",
                },
            )
    sentences = summary_sentences(
        data.result.tb,
        None if data.previous is None else data.previous.tb,
        data.metric,
        state.level,
        lang,
        data.year,
    )
    return RenderedMap(
        figure,
        view,
        caption,
        summary_block(sentences, lang),
        sentences,
        key,
        bool(data.dataset.get("synthetic")),
    )


__all__ = ["Patch", "RenderedMap", "geo_frame", "render_map"]
