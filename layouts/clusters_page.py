"""The cluster explorer page (/clusters): `?lang=` and `?cluster=` → the page's skeleton.

The skeleton holds the filters, the map beside the profile, the directory table and the
summaries; the callbacks (callbacks/clusters_page.py) fill them from the queries through
`layouts.cluster_charts`, `layouts.cluster_directory_table`, `layouts.cluster_profile`,
`layouts.cluster_summaries` and `layouts.cluster_export`. The look is the `cl-` rules of
assets/atlas.css.
"""

from __future__ import annotations

from dash import dcc, html

from layouts.cluster_charts import MAP_CONFIG
from layouts.cluster_profile import empty_profile
from layouts.cluster_text import page_href, status_options, type_options
from layouts.i18n import t
from layouts.topbar import page_links, topbar

YEARS = (2015, 2025)  # the slider's span until the callbacks read the directory's own


def _field(label_key: str, control, lang: str, wide: bool = False) -> html.Div:
    label = html.Label(t(label_key, lang), htmlFor=control.id)
    return html.Div([label, control], className="field wide" if wide else "field")


def _radio(id_: str, options: list[tuple[str, str]], value: str, lang: str) -> dcc.RadioItems:
    return dcc.RadioItems(
        id=id_,
        value=value,
        inline=True,
        className="control-radio",
        options=[{"label": t(key, lang), "value": v} for key, v in options],
    )


def _button(label_key: str, id_: str, lang: str) -> html.Button:
    return html.Button(t(label_key, lang), id=id_, n_clicks=0, className="button")


def _row(*children, spread: bool = False, tight: bool = False) -> html.Div:
    """Children side by side, wrapping on narrow screens (`spread`: to both ends)."""
    classes = ["cl-row"] + (["spread"] if spread else []) + (["tight"] if tight else [])
    return html.Div(list(children), className=" ".join(classes))


def _year_row(lang: str) -> html.Div:
    low, high = YEARS
    years = dcc.RangeSlider(
        id="cl-years", min=low, max=high, step=1, value=[low, high], marks=None, allowCross=False
    )
    return html.Div(
        className="field wide year-row",
        children=[
            html.Label(t("cl_years", lang), htmlFor="cl-years"),
            html.Div(years, className="year-slider"),
            _button("cl_reset", "cl-reset", lang),
        ],
    )


def _controls(lang: str) -> html.Section:
    """Search, type, status, district, subject and the years a cluster was first mentioned."""
    choose = {"clearable": True, "placeholder": t("cl_all", lang)}
    search = dcc.Input(
        id="cl-search",
        type="search",
        debounce=0.3,
        value="",
        placeholder=t("cl_search_hint", lang),
        className="cl-search-input",
    )
    types = dcc.Dropdown(id="cl-type", multi=True, options=type_options(lang), **choose)
    statuses = dcc.Dropdown(id="cl-status", multi=True, options=status_options(lang), **choose)
    return html.Section(
        className="controls",
        **{"aria-label": t("cl_search", lang)},
        children=[
            _field("cl_search", search, lang, wide=True),
            _field("cl_type", types, lang),
            _field("cl_status", statuses, lang),
            _field("cl_fd", dcc.Dropdown(id="cl-fd", **choose), lang),
            _field("cl_subject", dcc.Dropdown(id="cl-region", **choose), lang),
            _year_row(lang),
        ],
    )


def _topbar(lang: str, cluster: str | None) -> html.Header:
    other = "en" if lang == "ru" else "ru"
    links = page_links(lang, id_prefix="cl-")
    language = dcc.Link(
        t("language", lang),
        id="cl-lang-link",
        href=page_href(other, cluster),
        className="lang-toggle",
        title=t("language", lang),
    )
    return topbar(t("cluster_explorer", lang), t("cl_subtitle", lang), links, language)


def _map_card(lang: str) -> html.Section:
    graph_style = {"height": "600px", "border": "none"}
    return html.Section(
        className="cl-card",
        children=[
            html.H2(t("cl_map_title", lang), className="cl-h2"),
            dcc.Graph(id="cl-map", config=MAP_CONFIG, className="map", style=graph_style),
            html.P([t("cl_map_note", lang), " ", t("cl_geonames", lang), "."], className="muted"),
            html.Details(
                [
                    html.Summary(t("sources", lang), className="muted"),
                    html.P(id="cl-map-caption", className="caption"),
                ]
            ),
            html.Div(id="cl-outside"),
        ],
    )


def _table_card(lang: str) -> html.Section:
    rows = [("cl_rows_cluster", "cluster"), ("cl_rows_subject", "subject")]
    heading = html.Div(
        [
            html.P(id="cl-shown", className="cl-shown"),
            html.P(t("cl_multi_note", lang), className="muted cl-multi-note"),
        ]
    )
    tools = _row(
        html.Label(t("cl_rows", lang), htmlFor="cl-rows"),
        _radio("cl-rows", rows, "cluster", lang),
        _button("cl_export_csv", "cl-export-csv", lang),
        _button("cl_export_xlsx", "cl-export-xlsx", lang),
        tight=True,
    )
    table = html.Div(
        id="cl-table",
        className="cl-table-wrap",
        tabIndex="0",
        role="region",
        **{"aria-labelledby": "cl-shown"},
    )
    return html.Section(
        className="cl-card cl-spaced", children=[_row(heading, tools, spread=True), table]
    )


def _summary_cards(lang: str) -> html.Div:
    split = [("cl_type", "type"), ("cl_status", "status")]
    chart = html.Section(
        className="cl-card",
        children=[
            _row(
                html.H2(t("cl_chart_title", lang), className="cl-h2"),
                _radio("cl-chart-by", split, "type", lang),
                spread=True,
            ),
            dcc.Graph(id="cl-chart", config={"displaylogo": False}, style={"height": "420px"}),
            html.P(t("cl_chart_note", lang), className="muted"),
        ],
    )
    counts = html.Section(id="cl-counts", className="cl-card")
    return html.Div([chart, counts], className="cl-two-columns cl-spaced")


def _stores(lang: str, cluster: str | None) -> list:
    """The page's state: language, chosen cluster, table order, drawn positions, download."""
    return [
        dcc.Store(id="cl-lang", data=lang),
        dcc.Store(id="cl-selected", data=cluster),
        dcc.Store(id="cl-sort", data=None),
        dcc.Store(id="cl-placed"),
        dcc.Store(id="cl-url-sync"),
        dcc.Download(id="cl-download"),
    ]


def layout(lang: str = "ru", cluster: str | None = None, **_other_params: object) -> html.Div:
    """The page for `?lang=` and `?cluster=`; data arrive from the callbacks."""
    lang = "en" if lang == "en" else "ru"
    profile = html.Aside(
        id="cl-profile",
        className="cl-card cl-profile",
        children=empty_profile(lang),
        **{"aria-live": "polite"},
    )
    return html.Div(
        className="page",
        lang=lang,
        children=[
            _topbar(lang, cluster),
            html.Div(id="cl-notice", role="status"),
            _controls(lang),
            html.Div(id="cl-kpis", **{"aria-live": "polite"}),
            html.Div([_map_card(lang), profile], className="cl-map-and-profile"),
            _table_card(lang),
            _summary_cards(lang),
            *_stores(lang, cluster),
        ],
    )
