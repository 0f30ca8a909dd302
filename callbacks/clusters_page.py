"""Cluster explorer callbacks: filters → table, map, summaries; a pick → its profile; export."""

from __future__ import annotations

import datetime as dt

from dash import ALL, Input, Output, State, callback, clientside_callback, ctx, dcc, no_update

from atlas.store import default_reader
from atlas.web import geojson_url
from layouts import clusters_page as page
from layouts.captions import source_caption
from layouts.cluster_charts import (
    clusters_map_figure,
    fd_bar_figure,
    muted_metric,
    placed_positions,
    selection_patch,
)
from layouts.cluster_directory_table import (
    directory_table,
    next_sort,
    shown_text,
    sort_rows,
    table_columns,
    table_rows,
)
from layouts.cluster_export import export_csv, export_header, export_xlsx
from layouts.cluster_profile import empty_profile, profile_panel, unknown_cluster_notice
from layouts.cluster_summaries import counts_block, kpi_strip, outside_block
from layouts.cluster_text import page_href
from layouts.i18n import t
from layouts.map_view import map_view
from queries import cluster_directory as cd
from queries.clusters import cluster_values
from queries.documents import documents
from queries.metrics import get_metric

# app.py registers the page with these two.
TITLE = "Каталог кластеров · Cluster Atlas"
layout = page.layout

FILTER_INPUTS = [
    Input("cl-search", "value"),
    Input("cl-type", "value"),
    Input("cl-status", "value"),
    Input("cl-fd", "value"),
    Input("cl-region", "value"),
    Input("cl-years", "value"),
    State("cl-years", "min"),
    State("cl-years", "max"),
]
FILTER_STATES = [State(i.component_id, i.component_property) for i in FILTER_INPUTS]


def _filters(search, types, statuses, fd, region, years, low, high) -> cd.Filters:
    """The widgets' values as Filters (unknown values dropped; the full year span = no filter)."""
    years = tuple(years) if years and list(years) != [low, high] else None
    return cd.Filters(
        types=tuple(v for v in types or () if v in cd.TYPES),
        statuses=tuple(v for v in statuses or () if v in cd.STATUSES),
        fd=fd or None,
        region=region or None,
        years=years,
        search=search or "",
    )


def _filters_text(f: cd.Filters) -> str:
    parts = [
        f"type={','.join(f.types)}" if f.types else "",
        f"status={','.join(f.statuses)}" if f.statuses else "",
        f"fd={f.fd}" if f.fd else "",
        f"subject={f.region}" if f.region else "",
        f"years={f.years[0]}-{f.years[1]}" if f.years else "",
        f"search={f.search!r}" if f.search else "",
    ]
    return "; ".join(p for p in parts if p)


@callback(
    Output("cl-fd", "options"),
    Output("cl-region", "options"),
    Input("cl-lang", "data"),
    Input("cl-fd", "value"),
)
def place_options(lang: str, fd: str | None):
    with default_reader().cursor() as cur:
        tb = cd.all_clusters(cur)
        districts = cd.district_names(cur)
    rows = cd.by_subject(tb)
    per_fd = tb.explode("fds")["fds"].value_counts()
    fds = [
        {"label": f"{districts.at[c, f'short_{lang}']} ({per_fd.get(c, 0)})", "value": c}
        for c in districts.index
    ]
    if fd:
        rows = rows[rows["fds"].map(lambda codes: fd in codes)]
    counts = rows.groupby(["region", f"region_{lang}"]).size().reset_index(name="n")
    regions = [
        {"label": f"{r[f'region_{lang}']} ({r['n']})", "value": r["region"]}
        for _, r in counts.sort_values(f"region_{lang}").iterrows()
    ]
    return fds, regions


@callback(
    Output("cl-years", "min"),
    Output("cl-years", "max"),
    Output("cl-years", "value"),
    Output("cl-years", "marks"),
    Input("cl-lang", "data"),
)
def year_bounds(_lang: str):
    with default_reader().cursor() as cur:
        years = cd.all_clusters(cur)["first_mentioned"].dropna().astype(int)
    low, high = int(years.min()), int(years.max())
    marks = {int(y): str(int(y)) for y in sorted(years.unique())}
    return low, high, [low, high], marks


@callback(
    Output("cl-search", "value"),
    Output("cl-type", "value"),
    Output("cl-status", "value"),
    Output("cl-fd", "value"),
    Output("cl-region", "value"),
    Output("cl-years", "value", allow_duplicate=True),
    Input("cl-reset", "n_clicks"),
    State("cl-years", "min"),
    State("cl-years", "max"),
    prevent_initial_call=True,
)
def reset_filters(_clicks: int, low: int, high: int):
    return "", [], [], None, None, [low, high]


@callback(
    Output("cl-table", "children"),
    Output("cl-shown", "children"),
    *FILTER_INPUTS,
    Input("cl-rows", "value"),
    Input("cl-sort", "data"),
    Input("cl-selected", "data"),
    State("cl-lang", "data"),
)
def update_table(search, types, statuses, fd, region, years, low, high, mode, sort, selected, lang):
    filters = _filters(search, types, statuses, fd, region, years, low, high)
    with default_reader().cursor() as cur:
        everything = cd.all_clusters(cur)
    tb = cd.filter_clusters(everything, filters)
    rows = cd.by_subject(tb, filters.region) if mode == "subject" else tb
    rows = sort_rows(rows, sort, lang)
    shown = shown_text(len(tb), len(everything), lang)
    table = directory_table(
        table_rows(rows, lang, mode), table_columns(lang, mode), sort, selected, shown
    )
    return table, shown


@callback(
    Output("cl-sort", "data"),
    Input({"type": "cl-sort", "column": ALL}, "n_clicks"),
    State("cl-sort", "data"),
    prevent_initial_call=True,
)
def sort_table(_clicks, current: dict | None):
    if not isinstance(ctx.triggered_id, dict) or not ctx.triggered[0]["value"]:
        return no_update  # headers drawn anew, not clicked
    return next_sort(current, ctx.triggered_id["column"])


@callback(
    Output("cl-map", "figure"),
    Output("cl-map-caption", "children"),
    Output("cl-outside", "children"),
    Output("cl-kpis", "children"),
    Output("cl-placed", "data"),
    *FILTER_INPUTS,
    State("cl-lang", "data"),
    State("cl-selected", "data"),
)
def update_map(search, types, statuses, fd, region, years, low, high, lang, selected):
    filters = _filters(search, types, statuses, fd, region, years, low, high)
    metric = muted_metric(get_metric("clusters"))
    with default_reader().cursor() as cur:
        shown = cd.directory(cur, filters).tb
        points = cd.cluster_points(cur, ids=shown["cluster_id"].tolist())
        base = cluster_values(cur, metric, "region")
        docs = documents(cur, points.citations)
        outside = cd.outside_map(cur)
    outside = outside[outside["cluster_id"].isin(shown["cluster_id"])]
    figure_caption = t("boundaries", lang)
    view = map_view(
        base,
        metric,
        "region",
        lang,
        "hse",
        geojson_url("region"),
        t("cl_map_base", lang),
        figure_caption,
    )
    focus = bool(filters.fd or filters.region)
    figure = clusters_map_figure(view, points.tb, lang, selected, focus=focus)
    kpis = kpi_strip(cd.totals(shown), int(shown["participants"].notna().sum()), lang)
    return (
        figure,
        source_caption(docs, lang),
        outside_block(outside, lang),
        kpis,
        placed_positions(points.tb),
    )


@callback(
    Output("cl-chart", "figure"),
    *FILTER_INPUTS,
    Input("cl-chart-by", "value"),
    State("cl-lang", "data"),
)
def update_chart(search, types, statuses, fd, region, years, low, high, by, lang):
    filters = _filters(search, types, statuses, fd, region, years, low, high)
    with default_reader().cursor() as cur:
        tb = cd.directory(cur, filters).tb
        districts = cd.district_names(cur)
    counts = cd.type_status_by_fd(tb, districts)
    return fd_bar_figure(counts, districts, "status" if by == "status" else "type", lang)


@callback(Output("cl-counts", "children"), Input("cl-lang", "data"))
def stated_counts(lang: str):
    with default_reader().cursor() as cur:
        stated = cd.stated_counts(cur).tb
    return counts_block(stated, lang)


@callback(
    Output("cl-selected", "data"),
    Input("cl-map", "clickData"),
    Input({"type": "cl-pick", "cluster": ALL, "at": ALL}, "n_clicks"),
    prevent_initial_call=True,
)
def pick_cluster(click, _picks):
    trigger = ctx.triggered_id
    if trigger == "cl-map" and click and click.get("points"):
        data = click["points"][0].get("customdata")
        return data[0] if isinstance(data, list) and data else no_update
    if isinstance(trigger, dict) and ctx.triggered[0]["value"]:
        return trigger["cluster"]
    return no_update  # buttons drawn anew, not clicked


@callback(
    Output("cl-profile", "children"),
    Output("cl-notice", "children"),
    Output("cl-lang-link", "href"),
    Input("cl-selected", "data"),
    State("cl-lang", "data"),
)
def show_profile(selected: str | None, lang: str):
    other = "en" if lang == "ru" else "ru"
    if not selected:
        return empty_profile(lang), None, page_href(other)
    with default_reader().cursor() as cur:
        try:
            profile = cd.cluster_profile(cur, selected)
        except cd.UnknownClusterError:
            return (
                empty_profile(lang),
                unknown_cluster_notice(selected, lang),
                page_href(other),
            )
        docs = documents(cur, profile.citations)
    return profile_panel(profile, docs, lang), None, page_href(other, selected)


@callback(
    Output("cl-map", "figure", allow_duplicate=True),
    Input("cl-selected", "data"),
    State("cl-placed", "data"),
    prevent_initial_call=True,
)
def ring_selected(selected: str | None, placed: dict | None):
    if placed is None:  # the map is not drawn yet (dcc.Store reports its data on mount)
        return no_update
    return selection_patch(placed, selected)


# The address bar follows the chosen cluster (replaceState: no page reload, no history entry).
clientside_callback(
    """
    function(selected, lang) {
        const params = new URLSearchParams();
        if (selected) { params.set('cluster', selected); }
        if (lang === 'en') { params.set('lang', 'en'); }
        const query = params.toString();
        const url = window.location.pathname + (query ? '?' + query : '');
        if (url !== window.location.pathname + window.location.search) {
            window.history.replaceState(window.history.state, '', url);
        }
        return selected || null;
    }
    """,
    Output("cl-url-sync", "data"),
    Input("cl-selected", "data"),
    State("cl-lang", "data"),
)


@callback(
    Output("cl-download", "data"),
    Input("cl-export-csv", "n_clicks"),
    Input("cl-export-xlsx", "n_clicks"),
    *FILTER_STATES,
    State("cl-lang", "data"),
    prevent_initial_call=True,
)
def export_directory(_csv, _xlsx, search, types, statuses, fd, region, years, low, high, lang):
    filters = _filters(search, types, statuses, fd, region, years, low, high)
    with default_reader().cursor() as cur:
        result = cd.directory(cur, filters)
        docs = documents(cur, result.citations)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    header = export_header(docs, _filters_text(filters), stamp, lang)
    name = f"clusters-{dt.datetime.now(dt.UTC):%Y%m%d}"
    if ctx.triggered_id == "cl-export-xlsx":
        return dcc.send_bytes(export_xlsx(result.tb, header), f"{name}.xlsx")
    return dcc.send_bytes(export_csv(result.tb, header), f"{name}.csv")
