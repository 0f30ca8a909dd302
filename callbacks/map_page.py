"""Map page callbacks: controls ⇄ view state ⇄ URL, and the state → map (Patch within a level)."""

from __future__ import annotations

from dataclasses import replace
from urllib.parse import quote

from dash import (
    ClientsideFunction,
    Input,
    Output,
    State,
    callback,
    clientside_callback,
    ctx,
    html,
    no_update,
)

from atlas.store import default_reader
from atlas.viewstate import (
    MAX_COMPARE,
    ViewState,
    parse_query,
    state_from_dict,
    state_to_dict,
)
from atlas.web import geojson_url
from layouts import map_page
from layouts.i18n import STRINGS, t
from layouts.map_render import render_map
from layouts.topbar import page_links
from queries import catalog
from queries.metrics import METRICS
from queries.views import cached_map_data, choices, cluster_layer, settle


def page(**query: str) -> object:
    """The page for a URL: its query string becomes a validated state (notices for the rest)."""
    from urllib.parse import urlencode

    with default_reader().cursor() as cur:
        state, notices = parse_query(urlencode(query), choices(cur))
        state = settle(cur, state)
        opts = _options(cur, state)
    return map_page.layout(state, opts, notices)


def _options(cur, state: ViewState) -> map_page.ControlOptions:
    lang = state.lang
    metric_ids = catalog.available_metrics(cur, state.dataset, state.level)
    datasets = catalog.datasets(cur)
    years = catalog.metric_years(cur, state.dataset, state.metric)
    label = "label_ru" if lang == "ru" else "label_en"
    return map_page.ControlOptions(
        metric=[{"label": METRICS[m].label(lang), "value": m} for m in metric_ids],
        dataset=[
            {"label": row[label], "value": row["dataset_id"]} for _, row in datasets.iterrows()
        ],
        industries=[
            {"label": ru if lang == "ru" else en, "value": i}
            for i, ru, en in catalog.industries(cur)
        ],
        industries_disabled=(
            not catalog.has_industry_breakdown(cur, state.dataset)
            or METRICS[state.metric].source == "clusters"
        ),
        years=years,
        regions=[{"label": n, "value": c} for c, n in catalog.region_names(cur, lang)],
    )


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
    Output("permalink", "data"),
    Output("level", "value"),
    Output("metric", "value"),
    Output("metric", "options"),
    Output("dataset", "value"),
    Output("dataset", "options"),
    Output("industries", "value"),
    Output("industries", "options"),
    Output("industries", "disabled"),
    Output("method", "value"),
    Output("method", "options"),
    Output("toggles", "value"),
    Output("toggles", "options"),
    Output("level", "options"),
    Output("year", "value"),
    Output("year", "min"),
    Output("year", "max"),
    Output("year", "marks"),
    Output("year-row", "hidden"),
    Output("back", "hidden"),
    Output("compare-picker", "value"),
    Output("compare-picker", "options"),
    Input("level", "value"),
    Input("metric", "value"),
    Input("dataset", "value"),
    Input("industries", "value"),
    Input("method", "value"),
    Input("toggles", "value"),
    Input("year", "value"),
    Input("lang-toggle", "n_clicks"),
    Input("back", "n_clicks"),
    Input("play-timer", "n_intervals"),
    Input("map", "clickData"),
    Input("compare-picker", "value"),
    State("view-state", "data"),
)
def interpret_controls(
    level,
    metric,
    dataset,
    industries,
    method,
    toggles,
    year,
    lang_clicks,
    back_clicks,
    ticks,
    click,
    compare,
    stored,
):
    """Controls (and map clicks) → one settled state, echoed back to every control."""
    current = state_from_dict(stored)
    values = {
        "level": level,
        "metric": metric,
        "dataset": dataset,
        "industries": industries,
        "method": method,
        "toggles": toggles,
        "year": year,
        "click": click,
        "lang_clicks": lang_clicks,
        "back_clicks": back_clicks,
        "ticks": ticks,
        "compare": compare,
    }
    state = _state_from_controls(current, values)
    with default_reader().cursor() as cur:
        years = catalog.metric_years(cur, state.dataset, state.metric)
        if ctx.triggered_id == "play-timer" and years and (state.year or 0) > years[-1]:
            state = replace(state, year=years[0])
        state = settle(cur, state)
        opts = _options(cur, state)
    lang, years = state.lang, opts.years

    def unless_same(*deps: str):
        """Options are sent only when what they depend on changed (keeps responses small)."""
        first = ctx.triggered_id is None
        same = all(getattr(state, d) == getattr(current, d) for d in deps)

        def pick(value: object) -> object:
            return no_update if same and not first else value

        return pick

    by_lang = unless_same("lang")
    by_metric = unless_same("lang", "dataset", "level")
    by_data = unless_same("lang", "dataset", "metric")
    by_years = unless_same("dataset", "metric")
    return (
        state_to_dict(state),
        state.to_query() or "?",
        state.level,
        state.metric,
        by_metric(opts.metric),
        state.dataset,
        by_lang(opts.dataset),
        list(state.industries),
        by_lang(opts.industries),
        by_data(opts.industries_disabled),
        state.method,
        by_lang(map_page.method_options(lang)),
        map_page.toggles_of(state),
        by_lang(map_page.toggle_options(lang)),
        by_lang(map_page.level_options(lang)),
        state.year or 0,
        by_years(years[0] if years else 0),
        by_years(years[-1] if years else 1),
        by_years(map_page.year_marks(years)),
        by_years(len(years) < 2),
        state.focus_fd is None,
        list(state.compare),
        by_lang(opts.regions),
    )


# The address bar follows the state without telling Dash's router (which would re-render the
# page): atlas.js pushes a history entry; back/forward then re-render the page from the URL.
clientside_callback(
    ClientsideFunction(namespace="atlas", function_name="pushQuery"),
    Input("permalink", "data"),
    prevent_initial_call=True,
)


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
    reader = default_reader()
    with reader.cursor() as cur:
        state = settle(cur, state_from_dict(stored))  # the store comes back from the browser
        data = cached_map_data(cur, state, reader.version())
        markers = cluster_layer(cur, state, reader.version())
    rendered = render_map(data, geojson_url(state.level), patch_if_drawn=drawn, markers=markers)
    lang = state.lang
    banner = (
        html.Div(t("synthetic_banner", lang), className="banner synthetic")
        if rendered.synthetic
        else None
    )
    return rendered.figure, rendered.caption, banner, rendered.summary, rendered.drawn_key


@callback(
    Output("side-profile", "hidden"),
    Output("side-rankings", "hidden"),
    Output("side-compare", "hidden"),
    Input("side-tab", "value"),
)
def show_side_tab(tab: str):
    return tuple(tab != name for name in map_page.SIDE_TABS)


@callback(
    Output("url", "href", allow_duplicate=True),
    Input("map", "clickData"),
    prevent_initial_call=True,
)
def open_cluster(click: dict | None):
    """A click on a cluster marker opens that cluster's profile in the explorer."""
    point = ((click or {}).get("points") or [{}])[0]
    data = point.get("customdata")
    if isinstance(data, list) and data and isinstance(data[0], str) and "location" not in point:
        return f"/clusters?cluster={quote(data[0])}"
    return no_update


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
    Output("side-tab", "options"),
    Output("compare-picker-label", "children"),
    Output("nav", "children"),
    Input("view-state", "data"),
)
def relabel(stored: dict):
    lang = state_from_dict(stored).lang
    return (
        STRINGS["language"][lang],
        t("app_title", lang),
        t("app_subtitle", lang),
        map_page.side_tab_options(lang),
        t("compare_pick", lang),
        page_links(lang),
    )


# Callbacks whose answer depends only on their inputs and the data version (app.py lets
# atlas.response_cache answer repeats of them).
DETERMINISTIC = frozenset(
    {"interpret_controls", "draw_map", "relabel", "show_side_tab", "toggle_play"}
)

__all__ = ["DETERMINISTIC", "no_update", "page"]
