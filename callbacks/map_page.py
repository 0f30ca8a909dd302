"""Map page callbacks: recolour the map (Patch within a level, full figure on a level change)."""

from __future__ import annotations

from dash import Input, Output, State, callback, html

from atlas.store import default_reader
from atlas.web import geojson_url
from layouts.captions import source_caption
from layouts.figures import map_figure, map_patch
from layouts.i18n import STRINGS, t
from layouts.map_view import map_view
from queries import catalog
from queries.documents import documents
from queries.metrics import LEVELS, METRICS, get_metric
from queries.values import metric_values


def _valid_level(level: object) -> str:
    return level if level in LEVELS else "region"


@callback(
    Output("metric", "options"),
    Output("metric", "value"),
    Input("level", "value"),
    Input("lang", "data"),
    State("metric", "value"),
)
def metric_options(level: str, lang: str, current: str | None):
    level = _valid_level(level)
    with default_reader().cursor() as cur:
        ids = catalog.available_metrics(cur, catalog.default_dataset(cur), level)
    options = [{"label": METRICS[m].label(lang), "value": m} for m in ids]
    return options, current if current in ids else ids[0]


@callback(
    Output("map", "figure"),
    Output("map-caption", "children"),
    Output("dataset-banner", "children"),
    Output("map-drawn", "data"),
    Input("metric", "value"),
    Input("level", "value"),
    Input("lang", "data"),
    State("map-drawn", "data"),
)
def draw_map(metric_id: str, level: str, lang: str, drawn: str | None):
    level = _valid_level(level)
    metric = get_metric(metric_id)
    with default_reader().cursor() as cur:
        dataset = catalog.default_dataset(cur)
        years = catalog.metric_years(cur, dataset, metric.id)
        year = years[-1] if years else 0
        result = metric_values(cur, metric.id, level, dataset=dataset, year=year)
        docs = documents(cur, result.citations)
    title = metric.label(lang) + (f", {year}" if year else "")
    caption = source_caption(docs, lang, extra=t("boundaries", lang))
    view = map_view(result, metric, level, lang, "hse", geojson_url(level), title, caption)
    banner = (html.Div(t("synthetic_banner", lang), className="banner synthetic")
              if result.synthetic else None)  # fmt: skip
    # Same level as the map on screen: send only colours and hovers, never the figure again.
    key = f"{level}:{lang}"
    figure = map_patch(view) if drawn == key else map_figure(view)
    return figure, caption, banner, key


@callback(
    Output("lang", "data"),
    Output("lang-toggle", "children"),
    Output("app-title", "children"),
    Output("level", "options"),
    Input("lang-toggle", "n_clicks"),
    State("lang", "data"),
    prevent_initial_call=True,
)
def toggle_language(_clicks: int, lang: str):
    new = "en" if lang == "ru" else "ru"
    levels = [{"label": t("level_region", new), "value": "region"},
              {"label": t("level_fd", new), "value": "fd"}]  # fmt: skip
    return new, STRINGS["language"][new], t("app_title", new), levels
