"""Map page callbacks: controls ⇄ view state ⇄ URL, and the state → map (Patch within a level)."""

from __future__ import annotations

from dataclasses import replace

from dash import Input, Output, State, callback, ctx, html, no_update

from atlas.store import default_reader
from atlas.viewstate import (
    MAX_COMPARE,
    ViewState,
    parse_query,
    state_from_dict,
    state_to_dict,
)
from layouts import map_page
from layouts.i18n import STRINGS, t
from atlas.web import geojson_url
from layouts.map_render import render_map
from queries import catalog
from queries.metrics import METRICS
from queries.views import choices, map_data, settle


def page(**query: str) -> object:
    """The page for a URL: its query string becomes a validated state (notices for the rest)."""
    from urllib.parse import urlencode

    with default_reader().cursor() as cur:
        state, notices = parse_query(urlencode(query), choices(cur))
        state = settle(cur, state)
    return map_page.layout(state, notices)


def _options(cur, state: ViewState) -> dict[str, object]:
    lang = state.lang
    metric_ids = catalog.available_metrics(cur, state.dataset, state.level)
    datasets = catalog.datasets(cur)
    industries = cur.execute(
        "SELECT industry_id, name_ru, name_en FROM creative_industries ORDER BY 2"
    ).fetchall()
    years = catalog.metric_years(cur, state.dataset, state.metric)
    has_industries = cur.execute(
        "SELECT count(*) > 0 FROM observations WHERE dataset_id = ? AND industry <> 'all'",
        [state.dataset],
    ).fetchone()[0]
    label = "label_ru" if lang == "ru" else "label_en"
    name = "short_ru" if lang == "ru" else "short_en"
    regions = cur.execute(f"SELECT code, {name} FROM regions ORDER BY 2").fetchall()
    return {
        "regions": [{"label": n, "value": c} for c, n in regions],
        "metric": [{"label": METRICS[m].label(lang), "value": m} for m in metric_ids],
        "dataset": [{"label": row[label], "value": row["dataset_id"]}
                    for _, row in datasets.iterrows()],  # fmt: skip
        "industries": [{"label": ru if lang == "ru" else en, "value": i}
                       for i, ru, en in industries],  # fmt: skip
        "industries_disabled": not has_industries or METRICS[state.metric].source == "clusters",
        "years": years,
    }


def _state_from_controls(current: ViewState, values: dict[str, object]) -> ViewState:
    trigger = ctx.triggered_id
    toggles = values["toggles"] or []
    state = replace(
        current,
        level=values["level"] or current.level,
        metric=values["metric"] or current.metric,
        dataset=values["dataset"] or current.dataset,
        industries=tuple(values["industries"] or ()),
        method=values["method"] or current.method,
        year=values["year"] if values["year"] else current.year,
        fixed_breaks="fixed_breaks" in toggles,
        compare=tuple(values["compare"] or ())[:MAX_COMPARE],
        clusters_layer="clusters_layer" in toggles,
    )
    if trigger == "lang-toggle" and values["lang_clicks"]:
        state = replace(state, lang="en" if current.lang == "ru" else "ru")
    if trigger == "back" and values["back_clicks"]:
        state = replace(state, focus_fd=None, level="fd")
    if trigger == "level":
        state = replace(state, focus_fd=None)
    if trigger == "play-timer" and values["ticks"] and state.year is not None:
        state = replace(state, year=state.year + 1)  # settle() wraps past the last year
    if trigger == "map" and values["click"]:
        state = _clicked(state, values["click"])
    return state


def _clicked(state: ViewState, click: dict) -> ViewState:
    point = (click.get("points") or [{}])[0]
    geo = point.get("location")
    if not isinstance(geo, str):
        return state
    if state.level == "fd":  # drill into the district's subjects
        return replace(state, level="region", focus_fd=geo, selected=geo)
    return replace(state, selected=geo)


@callback(
    Output("view-state", "data"),
    Output("url", "search", allow_duplicate=True),
    Output("level", "value"), Output("metric", "value"), Output("metric", "options"),
    Output("dataset", "value"), Output("dataset", "options"),
    Output("industries", "value"), Output("industries", "options"),
    Output("industries", "disabled"), Output("method", "value"), Output("method", "options"),
    Output("toggles", "value"), Output("toggles", "options"), Output("level", "options"),
    Output("year", "value"), Output("year", "min"), Output("year", "max"),
    Output("year", "marks"), Output("year-row", "hidden"), Output("back", "hidden"),
    Output("compare-picker", "value"), Output("compare-picker", "options"),
    Input("level", "value"), Input("metric", "value"), Input("dataset", "value"),
    Input("industries", "value"), Input("method", "value"), Input("toggles", "value"),
    Input("year", "value"), Input("lang-toggle", "n_clicks"), Input("back", "n_clicks"),
    Input("play-timer", "n_intervals"), Input("map", "clickData"),
    Input("compare-picker", "value"),
    State("view-state", "data"),
    prevent_initial_call="initial_duplicate",
)  # fmt: skip
def interpret_controls(level, metric, dataset, industries, method, toggles, year, lang_clicks,
                       back_clicks, ticks, click, compare, stored):  # fmt: skip
    """Controls (and map clicks) → one settled state, echoed back to every control."""
    current = state_from_dict(stored)
    values = {"level": level, "metric": metric, "dataset": dataset, "industries": industries,
              "method": method, "toggles": toggles, "year": year, "click": click,
              "lang_clicks": lang_clicks, "back_clicks": back_clicks, "ticks": ticks,
              "compare": compare}  # fmt: skip
    state = _state_from_controls(current, values)
    with default_reader().cursor() as cur:
        years = catalog.metric_years(cur, state.dataset, state.metric)
        if ctx.triggered_id == "play-timer" and years and (state.year or 0) > years[-1]:
            state = replace(state, year=years[0])
        state = settle(cur, state)
        opts = _options(cur, state)
    lang, years = state.lang, opts["years"]
    marks = {y: {"label": str(y)} for y in years}
    return (
        state_to_dict(state), state.to_query() or "?",
        state.level, state.metric, opts["metric"], state.dataset, opts["dataset"],
        list(state.industries), opts["industries"], opts["industries_disabled"],
        state.method, map_page.method_options(lang), map_page.toggles_of(state),
        map_page.toggle_options(lang), map_page.level_options(lang),
        state.year or 0, years[0] if years else 0, years[-1] if years else 1, marks,
        len(years) < 2, state.focus_fd is None, list(state.compare), opts["regions"],
    )  # fmt: skip


@callback(
    Output("map", "figure"),
    Output("map-caption", "children"),
    Output("dataset-banner", "children"),
    Output("map-summary", "children"),
    Output("map-drawn", "data"),
    Input("view-state", "data"),
    State("map-drawn", "data"),
)
def draw_map(stored: dict, drawn: str | None):
    """State → map: a Patch of colours and hovers when the geometry on screen is the same."""
    state = state_from_dict(stored)
    with default_reader().cursor() as cur:
        data = map_data(cur, state)
    rendered = render_map(data, geojson_url(state.level), patch_if_drawn=drawn)
    lang = state.lang
    banner = (html.Div(t("synthetic_banner", lang), className="banner synthetic")
              if rendered.synthetic else None)  # fmt: skip
    return rendered.figure, rendered.caption, banner, rendered.summary, rendered.drawn_key


@callback(
    Output("play-timer", "disabled"),
    Output("play", "children"),
    Input("play", "n_clicks"),
    State("play-timer", "disabled"),
    State("view-state", "data"),
    prevent_initial_call=True,
)
def toggle_play(_clicks: int, disabled: bool, stored: dict):
    lang = state_from_dict(stored).lang
    playing = bool(disabled)  # the click flips it
    return not playing, t("pause" if playing else "play", lang)


@callback(
    Output("lang-toggle", "children"),
    Output("app-title", "children"),
    Output("app-subtitle", "children"),
    Input("view-state", "data"),
)
def relabel(stored: dict):
    lang = state_from_dict(stored).lang
    return STRINGS["language"][lang], t("app_title", lang), t("app_subtitle", lang)


__all__ = ["page", "no_update"]
