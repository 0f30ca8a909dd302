"""The cluster explorer page (/clusters): filters, map, directory table, profile, summaries, export.

Every function here turns query results into components, figures or export bytes; none
reads the database. The callbacks (callbacks/clusters_page.py) fetch and hand over.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Sequence
from dataclasses import replace

import openpyxl
import pandas as pd
import plotly.graph_objects as go
from dash import Patch, dcc, html

from layouts import theme
from layouts.captions import document_label
from layouts.cluster_markers import TYPE_STYLE, cluster_marker_traces, spread_points
from layouts.figures import MapView, map_figure
from layouts.i18n import STRINGS, fmt_number, t
from queries.cluster_directory import STATUSES, TYPES, ClusterProfile

PAGE_PATH = "/clusters"
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
# fmt: off
LEGEND = {"orientation": "h", "y": 1, "yanchor": "bottom", "x": 0, "font": {"size": 11},
          "itemclick": "toggle", "itemsizing": "constant", "bgcolor": "rgba(255,255,255,0)"}
COLORBAR = {"orientation": "h", "x": 1, "xanchor": "right", "y": 0.02, "yanchor": "bottom",
            "len": 0.3, "thickness": 8, "tickfont": {"size": 10}}
# fmt: on
SELECTION_TRACE = 2  # after the two choropleth traces of layouts.figures.map_figure
# Investment in RUB bn for sorting; other units sort by their own number.
RUB_BN = {"rub_bn": 1.0, "rub_mln": 1e-3, "rub": 1e-9}
FORMULA_START = ("=", "+", "-", "@")
# Inline styles (this page may not add CSS to assets/); kept compact on purpose.
# fmt: off
STATUS_COLOURS = {"planned": "#E69F00", "created": "#56B4E9", "operating": "#009E73",
                  "registered": "#0072B2", "unstated": "#BBBBBB"}
VERDICT_COLOURS = {"meets": ("#e6f4ea", "#1e6b35"), "does_not_meet": ("#fdecea", "#a12a1b"),
                   "not_enough_data": ("#f1f3f5", "#52606d")}
COLUMN_WIDTHS = {"name": "200px", "type": "135px", "spec": "160px", "subjects": "135px",
                 "fd": "135px", "status": "105px", "year": "75px", "participants": "85px",
                 "staff": "70px", "investment": "90px", "source": "160px"}
CARD = {"background": "white", "border": "1px solid #e3e7eb", "borderRadius": "8px",
        "padding": "12px 14px", "minWidth": 0}
TWO_COLUMNS = {"display": "grid", "gap": "12px", "alignItems": "start",
               "gridTemplateColumns": "repeat(auto-fit, minmax(min(100%, 560px), 1fr))"}
MAP_AND_PROFILE = {"display": "grid", "gap": "12px", "alignItems": "start",
                   "gridTemplateColumns": "minmax(0, 1.85fr) minmax(340px, 1fr)"}
PROFILE = {**CARD, "maxHeight": "780px", "overflowY": "auto", "position": "sticky", "top": "8px"}
ROW = {"display": "flex", "flexWrap": "wrap", "gap": "12px", "alignItems": "center"}
H2 = {"fontSize": "1.1rem", "margin": "0 0 8px"}
H3 = {"fontSize": "0.95rem", "margin": "14px 0 6px", "color": theme.TEXT_COLOUR}
MUTED = {"color": theme.MUTED_COLOUR, "fontSize": "0.85rem"}
CHIP = {"display": "inline-block", "padding": "1px 8px", "borderRadius": "10px",
        "fontSize": "0.8rem", "marginRight": "6px", "border": "1px solid #cbd2d9"}
TABLE_WRAP = {"maxHeight": "600px", "overflow": "auto", "border": "1px solid #e3e7eb",
              "borderRadius": "6px", "marginTop": "8px"}
TH = {"position": "sticky", "top": 0, "zIndex": 1, "background": "#f5f7fa", "padding": "6px 8px",
      "borderBottom": "2px solid #cbd2d9", "verticalAlign": "bottom"}
TD = {"padding": "5px 8px", "borderBottom": "1px solid #e3e7eb", "verticalAlign": "top",
      "overflowWrap": "break-word"}
LINK_BUTTON = {"border": "none", "background": "none", "padding": 0, "font": "inherit",
               "color": "#0b5cad", "textDecoration": "underline", "cursor": "pointer",
               "textAlign": "left"}
CODE = {"fontSize": "0.76rem", "wordBreak": "break-all"}
SMALL_TABLE = {"width": "100%", "borderCollapse": "collapse", "fontSize": "0.85rem"}
CELL = {"borderBottom": "1px solid #e3e7eb", "padding": "4px 6px", "verticalAlign": "top",
        "textAlign": "left"}
# fmt: on


def name_of(row: pd.Series | dict, lang: str) -> str:
    return row["name_ru"] if lang == "ru" else row["name_en"]


def page_href(lang: str, cluster: str | None = None) -> str:
    """`/clusters?cluster=<id>&lang=en` (the language only when it is not Russian)."""
    params = ([f"cluster={cluster}"] if cluster else []) + (["lang=en"] if lang == "en" else [])
    return PAGE_PATH + ("?" + "&".join(params) if params else "")


# --- formatting ---------------------------------------------------------------------------


def _missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA


def _label(prefix: str, key: str, lang: str) -> str:
    """The interface string `<prefix><key>`, or `key` in plain words when there is none."""
    name = f"{prefix}{key}"
    return t(name, lang) if name in STRINGS else key.replace("_", " ")


def figure_text(value: object, unit: object, qualifier: object, lang: str) -> str:
    """'> 120', '55 млрд руб.', '≈ 50 RUB bn', or '—' when the sources give nothing."""
    if _missing(value):
        return "—"
    unit = "" if _missing(unit) else str(unit)
    digits = 0 if float(value).is_integer() else 1
    number = str(int(value)) if unit == "year" else fmt_number(value, lang, digits)
    label = _label("cl_unit_", unit, lang) if unit else ""
    mark = "" if _missing(qualifier) or not qualifier else f"{qualifier} "
    return f"{mark}{number}" + (f" {label}" if label else "")


def metric_label(metric: str, lang: str) -> str:
    """The label of a cluster figure; an unlisted metric reads as its snake_case words."""
    label = _label("cl_metric_", metric, lang)
    return label[:1].upper() + label[1:]


def status_text(status: str, year: object, lang: str) -> str:
    text = t(f"cl_status_{status}", lang)
    return text + (f" ({int(year)})" if not _missing(year) and status != "unstated" else "")


def type_options(lang: str) -> list[dict[str, str]]:
    return [{"label": t(f"cl_type_{k}", lang), "value": k} for k in TYPES]


def status_options(lang: str) -> list[dict[str, str]]:
    return [{"label": t(f"cl_status_{k}", lang), "value": k} for k in STATUSES]


# --- page skeleton ------------------------------------------------------------------------


def _field(label_key: str, control, lang: str, wide: bool = False) -> html.Div:
    label = html.Label(t(label_key, lang), htmlFor=control.id)
    return html.Div([label, control], className="field wide" if wide else "field")


def _controls(lang: str) -> html.Section:
    """Search, type, status, district, subject and the years a cluster was first mentioned."""
    choose = {"clearable": True, "placeholder": t("cl_all", lang)}
    search = dcc.Input(
        id="cl-search",
        type="search",
        debounce=0.3,
        value="",
        placeholder=t("cl_search_hint", lang),
        style={"width": "100%", "padding": "7px 10px", "font": "inherit"},
    )
    years = dcc.RangeSlider(
        id="cl-years", min=2015, max=2025, step=1, value=[2015, 2025], marks=None, allowCross=False
    )
    year_row = html.Div(
        className="field wide year-row",
        children=[
            html.Label(t("cl_years", lang), htmlFor="cl-years"),
            html.Div(years, className="year-slider"),
            _button("cl_reset", "cl-reset", lang),
        ],
    )
    return html.Section(
        className="controls",
        **{"aria-label": t("cl_search", lang)},
        children=[
            _field("cl_search", search, lang, wide=True),
            _field(
                "cl_type",
                dcc.Dropdown(id="cl-type", multi=True, options=type_options(lang), **choose),
                lang,
            ),
            _field(
                "cl_status",
                dcc.Dropdown(id="cl-status", multi=True, options=status_options(lang), **choose),
                lang,
            ),
            _field("cl_fd", dcc.Dropdown(id="cl-fd", **choose), lang),
            _field("cl_subject", dcc.Dropdown(id="cl-region", **choose), lang),
            year_row,
        ],
    )


def _topbar(lang: str, cluster: str | None) -> html.Header:
    other = "en" if lang == "ru" else "ru"
    return html.Header(
        className="topbar",
        children=[
            html.Div(
                [
                    html.H1(t("cluster_explorer", lang)),
                    html.P(t("cl_subtitle", lang), className="subtitle"),
                ]
            ),
            html.Nav(
                className="nav",
                children=[
                    dcc.Link(t("map_nav", lang), href="/" + ("?lang=en" if lang == "en" else "")),
                    dcc.Link(t("cluster_explorer", lang), href=page_href(lang)),
                ],
            ),
            dcc.Link(
                t("language", lang),
                id="cl-lang-link",
                href=page_href(other, cluster),
                className="lang-toggle",
                title=t("language", lang),
            ),
        ],
    )


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


def _row_of(*children, **style) -> html.Div:
    """Children side by side, wrapping on narrow screens."""
    return html.Div(list(children), style={**ROW, **style})


def _map_card(lang: str) -> html.Section:
    graph_style = {"height": "600px", "border": "none"}
    return html.Section(
        style=CARD,
        children=[
            html.H2(t("cl_map_title", lang), style=H2),
            dcc.Graph(id="cl-map", config=MAP_CONFIG, className="map", style=graph_style),
            html.P([t("cl_map_note", lang), " ", t("cl_geonames", lang), "."], style=MUTED),
            html.Details(
                [
                    html.Summary(t("sources", lang), style=MUTED),
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
            html.P(id="cl-shown", style={"fontWeight": 600, "margin": "0"}),
            html.P(t("cl_multi_note", lang), style={**MUTED, "margin": "2px 0"}),
        ]
    )
    tools = _row_of(
        html.Label(t("cl_rows", lang), htmlFor="cl-rows"),
        _radio("cl-rows", rows, "cluster", lang),
        _button("cl_export_csv", "cl-export-csv", lang),
        _button("cl_export_xlsx", "cl-export-xlsx", lang),
        gap="8px",
    )
    table = html.Div(
        id="cl-table",
        style=TABLE_WRAP,
        tabIndex="0",
        role="region",
        **{"aria-labelledby": "cl-shown"},
    )
    return html.Section(
        style={**CARD, "marginTop": "12px"},
        children=[_row_of(heading, tools, justifyContent="space-between"), table],
    )


def _summary_cards(lang: str) -> html.Div:
    split = [("cl_type", "type"), ("cl_status", "status")]
    chart = html.Section(
        style=CARD,
        children=[
            _row_of(
                html.H2(t("cl_chart_title", lang), style=H2),
                _radio("cl-chart-by", split, "type", lang),
                justifyContent="space-between",
            ),
            dcc.Graph(id="cl-chart", config={"displaylogo": False}, style={"height": "420px"}),
            html.P(t("cl_chart_note", lang), style=MUTED),
        ],
    )
    counts = html.Section(id="cl-counts", style=CARD)
    return html.Div([chart, counts], style={**TWO_COLUMNS, "marginTop": "12px"})


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
        id="cl-profile", style=PROFILE, children=empty_profile(lang), **{"aria-live": "polite"}
    )
    return html.Div(
        className="page",
        lang=lang,
        children=[
            _topbar(lang, cluster),
            html.Div(id="cl-notice", role="status"),
            _controls(lang),
            html.Div(id="cl-kpis", **{"aria-live": "polite"}),
            html.Div([_map_card(lang), profile], style=MAP_AND_PROFILE),
            _table_card(lang),
            _summary_cards(lang),
            *_stores(lang, cluster),
        ],
    )


# --- directory table ----------------------------------------------------------------------


def table_columns(lang: str, mode: str) -> list[dict[str, object]]:
    subjects = "cl_col_subject" if mode == "subject" else "cl_col_subjects"
    keys = [
        ("name", "cl_col_name"),
        ("type", "cl_type"),
        ("spec", "cl_col_spec"),
        ("subjects", subjects),
        ("fd", "cl_col_fd"),
        ("status", "cl_status"),
        ("year", "cl_col_year"),
        ("participants", "cl_col_participants"),
        ("staff", "cl_col_staff"),
        ("investment", "cl_col_investment"),
        ("source", "source"),
    ]
    return [{"id": key, "name": t(label, lang)} for key, label in keys]


def _subjects_text(codes: Sequence[str], names: Sequence[str], lang: str) -> str:
    if len(codes) <= 1:
        return names[0] if names else ""
    return f"{names[0]} ({t('cl_main', lang)}); " + "; ".join(names[1:])


def _sort_keys(tb: pd.DataFrame) -> pd.DataFrame:
    factor = tb["investment_unit"].map(RUB_BN).fillna(1.0)
    return pd.DataFrame(
        {
            "name": tb[["name_ru", "name_en"]].agg(" ".join, axis=1).str.lower(),
            "type": tb["type"],
            "spec": tb["specialisation_ru"].fillna("").str.lower(),
            "fd": tb["fd_ru"],
            "status": tb["status"],
            "year": tb["first_mentioned"],
            "participants": tb["participants"],
            "staff": tb["staff"],
            "investment": tb["investment"] * factor,
            "source": tb["source_file"],
        },
        index=tb.index,
    )


def sort_rows(tb: pd.DataFrame, sort: dict | None, lang: str) -> pd.DataFrame:
    """Rows ordered by a table column, by the numbers behind the text (missing last).

    `sort` is ``{"column": id, "direction": "asc" | "desc"}``; with none, rows go by subject,
    then name, so that a region's clusters stand together.
    """
    subject = tb[f"region_{lang}" if f"region_{lang}" in tb else f"subjects_{lang}"].fillna("")
    subject = subject.where(subject != "", "\uffff")  # off-map clusters go last
    if not sort:
        key = subject + " " + tb[f"name_{lang}"].str.lower()
        return tb.loc[key.sort_values(kind="stable").index]
    column, ascending = sort["column"], sort["direction"] == "asc"
    keys = _sort_keys(tb)
    key = subject if column == "subjects" else keys.get(column, keys["name"])
    order = key.sort_values(ascending=ascending, na_position="last", kind="stable").index
    return tb.loc[order]


def table_rows(tb: pd.DataFrame, lang: str, mode: str = "cluster") -> list[dict[str, object]]:
    """DataTable rows of the directory, or of `by_subject` rows when `mode` is 'subject'.

    `id` is the cluster id (with `@<subject>` per subject row); `cluster_id` stays bare.
    """
    rows = []
    for _, row in tb.iterrows():
        if mode == "cluster":
            codes = list(row["regions"])
            names = row[f"subjects_{lang}"].split("; ") if codes else []
            subjects = _subjects_text(codes, names, lang) or (row["outside_name"] or "")
        else:
            also = row[f"also_in_{lang}"]
            subjects = row[f"region_{lang}"] + (
                f" ({t('cl_main', lang)})" if also and row["is_main"] else ""
            )
            subjects += f" — {t('cl_also_in', lang)}: {', '.join(also)}" if also else ""
        mentions = len(row["citations"])
        rows.append(
            {
                "id": row["cluster_id"] + (f"@{row['region']}" if mode == "subject" else ""),
                "cluster_id": row["cluster_id"],
                "name": name_of(row, lang),
                "type": t(f"cl_type_{row['type']}", lang),
                "spec": row[f"specialisation_{lang}"] or "",
                "subjects": subjects,
                "fd": row[f"fd_{lang}"],
                "status": status_text(row["status"], row["status_year"], lang),
                "year": "—"
                if _missing(row["first_mentioned"])
                else str(int(row["first_mentioned"])),
                "participants": figure_text(
                    row["participants"], "count", row["participants_qualifier"], lang
                ),
                "staff": figure_text(row["staff"], "count", row["staff_qualifier"], lang),
                "investment": figure_text(
                    row["investment"], row["investment_unit"], row["investment_qualifier"], lang
                ),
                "source": f"{row['source_file']}:{int(row['source_line'])}"
                + (f" (+{mentions - 1})" if mentions > 1 else ""),
            }
        )
    return rows


def shown_text(n: int, total: int, lang: str) -> str:
    return t("cl_shown", lang).format(n=n, total=total)


NUMERIC = ("year", "participants", "staff", "investment")
ARIA_SORT = {"asc": "ascending", "desc": "descending"}


def pick_id(cluster_id: str, where: str) -> dict[str, str]:
    """The id of a button that opens a cluster's profile (one per place it is shown)."""
    return {"type": "cl-pick", "cluster": cluster_id, "at": where}


def _header_cell(column: dict[str, object], sort: dict | None) -> html.Th:
    direction = (
        (sort or {}).get("direction") if (sort or {}).get("column") == column["id"] else None
    )
    arrow = {"asc": " ▲", "desc": " ▼"}.get(direction or "", " ↕")
    return html.Th(
        html.Button(
            [
                column["name"],
                html.Span(arrow, **{"aria-hidden": "true"}, style={"color": theme.MUTED_COLOUR}),
            ],
            id={"type": "cl-sort", "column": column["id"]},
            n_clicks=0,
            style={
                **LINK_BUTTON,
                "color": theme.TEXT_COLOUR,
                "textDecoration": "none",
                "fontWeight": 600,
            },
        ),
        scope="col",
        **{"aria-sort": ARIA_SORT.get(direction or "", "none")},
        style={
            **TH,
            "width": COLUMN_WIDTHS.get(column["id"]),
            "textAlign": "right" if column["id"] in NUMERIC else "left",
        },
    )


def _row(row: dict[str, object], columns: list[dict], selected: str | None) -> html.Tr:
    cells = []
    for column in columns:
        key = column["id"]
        value = row[key]
        if key == "name":
            value = html.Button(
                value,
                id=pick_id(row["cluster_id"], f"table-{row['id']}"),
                n_clicks=0,
                style={**LINK_BUTTON, "fontWeight": 600},
            )
        elif key == "source":
            value = html.Code(value, style={"fontSize": "0.74rem", "wordBreak": "break-all"})
        cells.append(
            html.Td(value, style={**TD, "textAlign": "right" if key in NUMERIC else "left"})
        )
    chosen = row["cluster_id"] == selected
    return html.Tr(
        cells,
        **{"data-cluster": row["cluster_id"], "aria-selected": "true" if chosen else "false"},
        style={"background": "#fff3c4"} if chosen else None,
    )


def directory_table(
    rows: list[dict[str, object]],
    columns: list[dict[str, object]],
    sort: dict | None,
    selected: str | None,
    caption: str,
) -> html.Table:
    """An accessible, sortable table: header buttons sort, a cluster's name opens its profile."""
    return html.Table(
        [
            html.Caption(caption, className="visually-hidden"),
            html.Thead(html.Tr([_header_cell(c, sort) for c in columns])),
            html.Tbody([_row(r, columns, selected) for r in rows]),
        ],
        style={
            "width": "100%",
            "borderCollapse": "separate",
            "borderSpacing": 0,
            "fontSize": "0.85rem",
            "tableLayout": "fixed",
            "minWidth": "1200px",
        },
    )


def next_sort(current: dict | None, column: str) -> dict[str, str]:
    """Clicking a header: same column flips the order; a new one starts high-first for numbers."""
    if current and current.get("column") == column:
        return {"column": column, "direction": "asc" if current["direction"] == "desc" else "desc"}
    return {"column": column, "direction": "desc" if column in NUMERIC else "asc"}


# --- KPIs, outside list, stated counts ----------------------------------------------------


def _kpi(value: int, label_key: str, lang: str) -> html.Div:
    return html.Div(
        style={**CARD, "padding": "8px 14px", "flex": "1 1 150px"},
        children=[
            html.Div(fmt_number(value, lang), style={"fontSize": "1.5rem", "fontWeight": 700}),
            html.Div(t(label_key, lang), style=MUTED),
        ],
    )


def kpi_strip(counts: dict[str, int], with_participants: int, lang: str) -> html.Div:
    items = [
        (counts["clusters"], "cl_kpi_clusters"),
        (counts["subjects"], "cl_kpi_subjects"),
        (counts["multi_subject"], "cl_kpi_multi"),
        (with_participants, "cl_kpi_participants"),
        (counts["outside_map"], "cl_kpi_outside"),
    ]
    return html.Div(
        [_kpi(v, k, lang) for v, k in items],
        style={"display": "flex", "gap": "10px", "flexWrap": "wrap", "margin": "10px 0"},
    )


def outside_block(outside: pd.DataFrame, lang: str) -> html.Div | None:
    if outside.empty:
        return None
    items = [
        html.Li(
            [
                html.Button(
                    name_of(row, lang),
                    id=pick_id(row["cluster_id"], "outside"),
                    n_clicks=0,
                    style={**LINK_BUTTON, "marginRight": "6px"},
                ),
                f"{row['outside_name']} · {row['source_file']}:{int(row['source_line'])}",
            ],
            style={"margin": "4px 0"},
        )
        for _, row in outside.iterrows()
    ]
    return html.Div([html.H3(t("cl_outside_title", lang), style=H3), html.Ul(items)])


def counts_block(stated: pd.DataFrame, lang: str) -> list:
    """The national counts the documents state beside the directory's, and why they differ."""
    header = html.Tr(
        [
            html.Th(h, style=CELL)
            for h in ("", t("cl_stated", lang), t("cl_in_directory", lang), t("source", lang))
        ]
    )
    body = []
    for _, row in stated.iterrows():
        doc = document_label(row, lang)
        body.append(
            html.Tr(
                [
                    html.Td(
                        f"{t('cl_count_' + row['metric'], lang)}, {int(row['year'])}", style=CELL
                    ),
                    html.Td(
                        [
                            html.Strong(fmt_number(row["value"], lang)),
                            html.Div(
                                f"{t('cl_as_printed', lang)}: «{row['as_published']}»", style=MUTED
                            ),
                        ],
                        style=CELL,
                    ),
                    html.Td(
                        [
                            html.Strong(fmt_number(row["directory"], lang)),
                            html.Div(t("cl_counterpart_" + row["metric"], lang), style=MUTED),
                        ],
                        style=CELL,
                    ),
                    html.Td(
                        [
                            doc,
                            html.Div(
                                f"{row['source_file']}:{int(row['source_line'])}",
                                style={**MUTED, "fontFamily": "monospace"},
                            ),
                        ],
                        style=CELL,
                    ),
                ]
            )
        )
    return [
        html.H2(t("cl_counts_title", lang), style=H2),
        html.Table([html.Thead(header), html.Tbody(body)], style=SMALL_TABLE),
        html.P(t("cl_counts_explained", lang), style={"margin": "10px 0 0"}),
    ]


# --- map and chart ------------------------------------------------------------------------


def muted_metric(metric):
    """The registry's metric drawn in greys, so that cluster markers stand out above it."""
    return replace(metric, colorscale=BASE_COLOURSCALE)


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
        marker={"symbol": "circle-open", "size": 30, "color": "#111111", "line": {"width": 3}},
    )


def selection_patch(placed: dict[str, list[float]] | None, selected: str | None) -> Patch:
    trace = selection_trace(placed, selected)
    patch = Patch()
    patch["data"][SELECTION_TRACE]["lon"] = list(trace.lon)
    patch["data"][SELECTION_TRACE]["lat"] = list(trace.lat)
    return patch


def placed_positions(points: pd.DataFrame) -> dict[str, list[float]]:
    """Where each cluster is drawn (after spreading), for the selection ring."""
    spread = spread_points(points.reset_index(drop=True)) if not points.empty else points
    return (
        {row.cluster_id: [float(row.plot_lon), float(row.plot_lat)] for row in spread.itertuples()}
        if not points.empty
        else {}
    )


def _add_inset(fig: go.Figure, view: MapView, points: pd.DataFrame, lang: str) -> None:
    """A framed Moscow inset with its clusters spread apart (none when no point is there)."""
    here = points[points["anchor_region"].isin(INSET["regions"])]
    if here.empty:
        return
    grey = [[0, "#eceff2"], [1, "#eceff2"]]
    base = go.Choropleth(
        geojson=view.geojson_url,
        featureidkey="id",
        geo="geo2",
        locations=list(INSET["regions"]),
        z=[0, 0],
        showscale=False,
        colorscale=grey,
        hoverinfo="skip",
        marker={"line": {"color": "white", "width": 1}},
    )
    fig.add_traces(
        [
            base,
            *cluster_marker_traces(here, lang, geo="geo2", spiral_step=INSET["step"], legend=False),
        ]
    )
    (x0, x1), (y0, y1) = INSET["domain"]["x"], INSET["domain"]["y"]
    fig.update_layout(
        geo2={
            "projection": {"type": "mercator"},
            "lonaxis": {"range": INSET["lon"]},
            "lataxis": {"range": INSET["lat"]},
            "domain": INSET["domain"],
            "visible": False,
            "fitbounds": False,
            "bgcolor": "white",
        },
        shapes=[
            {
                "type": "rect",
                "xref": "paper",
                "yref": "paper",
                "x0": x0,
                "x1": x1,
                "y0": y0,
                "y1": y1,
                "line": {"color": "#cbd2d9", "width": 1},
            }
        ],
        annotations=[
            *fig.layout.annotations,
            {
                "text": t("cl_inset", lang),
                "xref": "paper",
                "yref": "paper",
                "x": x0,
                "y": y1,
                "xanchor": "left",
                "yanchor": "bottom",
                "showarrow": False,
                "font": {"size": 11, "color": theme.MUTED_COLOUR},
            },
        ],
    )


def clusters_map_figure(
    view: MapView, points: pd.DataFrame, lang: str, selected: str | None = None, focus: bool = False
) -> go.Figure:
    """The choropleth of `view`, the selection ring, the cluster markers and a Moscow inset."""
    fig = map_figure(view)
    fig.add_trace(selection_trace(placed_positions(points), selected))
    fig.add_traces(cluster_marker_traces(points, lang))
    for trace in fig.data[:SELECTION_TRACE]:  # the base map: context only, no hover
        trace.update(hoverinfo="skip", hovertemplate=None)
    fig.data[SELECTION_TRACE - 1].update(
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
    _add_inset(fig, view, points, lang)
    return fig


def fd_bar_figure(counts: pd.DataFrame, districts: pd.DataFrame, by: str, lang: str) -> go.Figure:
    """Stacked horizontal bars: clusters per federal district, split by type or by status."""
    names = districts[f"short_{lang}"].tolist()
    keys = TYPES if by == "type" else STATUSES
    fig = go.Figure()
    for key in keys:
        part = counts[counts[by] == key].groupby("fd")["clusters"].sum()
        if part.empty:
            continue
        colour = TYPE_STYLE[key][0] if by == "type" else STATUS_COLOURS[key]
        pattern = {"shape": "/" if by == "type" and key in ("educational", "it", "other") else ""}
        fig.add_trace(
            go.Bar(
                y=names,
                x=[int(part.get(code, 0)) for code in districts.index],
                orientation="h",
                name=t(f"cl_{by}_{key}", lang),
                marker={
                    "color": colour,
                    "pattern": pattern,
                    "line": {"color": "white", "width": 0.5},
                },
                hovertemplate="%{y}<br>%{fullData.name}: %{x}<extra></extra>",
            )
        )
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
    return fig


# --- profile ------------------------------------------------------------------------------


def _cite(row: pd.Series | dict, lang: str) -> html.Span:
    """'№12, 2019-12 · file:line': the document's issue and date, then the line; the full
    title, issue and date are the tooltip (and listed once under the profile's sources)."""
    where = f"{row['source_file']}:{int(row['source_line'])}"
    if _missing(row.get("title_ru")):
        return html.Span(html.Code(where, style=CODE), style=MUTED)
    issue = ", ".join(str(v) for v in (row["issue"], row["date"]) if not _missing(v) and v)
    return html.Span(
        [f"{issue} · " if issue else "", html.Code(where, style=CODE)],
        title=document_label(row, lang),
        className="cite",
        style=MUTED,
    )


def _figures_table(figures: pd.DataFrame, lang: str) -> html.Table | html.P:
    if figures.empty:
        return html.P(t("cl_no_figures", lang), style=MUTED)
    rows = [
        html.Tr(
            [
                html.Td(metric_label(r["metric"], lang), style=CELL),
                html.Td(
                    [
                        html.Strong(figure_text(r["value"], r["unit"], r["qualifier"], lang)),
                        html.Span(
                            f" ({int(r['year'])})"
                            if not _missing(r["year"]) and r["unit"] != "year"
                            else "",
                            style=MUTED,
                        ),
                    ],
                    style={**CELL, "whiteSpace": "nowrap"},
                ),
                html.Td(
                    [
                        html.Span(f"«{r['as_published']}» ", title=t("cl_as_printed", lang)),
                        _cite(r, lang),
                    ],
                    style=CELL,
                ),
            ]
        )
        for _, r in figures.iterrows()
    ]
    return html.Table(html.Tbody(rows), style=SMALL_TABLE)


def _documents_list(docs: pd.DataFrame, lang: str) -> html.Ul:
    """The documents this profile cites, each once, with the lines it cites."""
    return html.Ul(
        [
            html.Li(
                [
                    html.Code(d["source_file"], style={"fontSize": "0.76rem"}),
                    " — ",
                    document_label(d, lang),
                    f", {d['publisher']}",
                ],
                style={"margin": "2px 0"},
            )
            for _, d in docs.iterrows()
        ],
        style={**MUTED, "paddingLeft": "18px", "margin": 0},
    )


def _history_list(history: pd.DataFrame, lang: str) -> html.Ol:
    return html.Ol(
        [
            html.Li(
                [
                    html.Strong(status_text(r["status"], r["status_year"], lang)),
                    html.Span(f" — {document_label(r, lang)} ", style=MUTED),
                    html.Code(f"{r['source_file']}:{int(r['source_line'])}", style=CODE),
                ],
                style={"margin": "3px 0"},
            )
            for _, r in history.iterrows()
        ],
        style={"paddingLeft": "20px", "margin": 0},
    )


def _verdict_badge(verdict: str, lang: str) -> html.Span:
    bg, fg = VERDICT_COLOURS[verdict]
    return html.Span(
        t(f"cl_verdict_{verdict}", lang),
        className=f"verdict {verdict}",
        style={**CHIP, "background": bg, "color": fg, "borderColor": fg, "whiteSpace": "nowrap"},
    )


def _criterion_basis(row: pd.Series, lang: str) -> str:
    basis = row["basis"]
    if basis is None or (isinstance(basis, float) and math.isnan(basis)):
        return t("cl_why_no_figure" if row["measured"] else "cl_why_qualitative", lang)
    year = "" if _missing(basis["year"]) else f" ({int(basis['year'])})"
    figure = figure_text(basis["value"], "count", basis["qualifier"], lang)
    text = f"{metric_label(basis['metric'], lang)}: {figure}{year}, {basis['source']}"
    if row["verdict"] == "not_enough_data":
        text += f"; {t('cl_why_lower_bound', lang)}"
    return text


def _criteria_block(criteria: pd.DataFrame, lang: str) -> list:
    if criteria.empty:
        return [html.P(t("cl_no_criteria", lang), style=MUTED)]
    out: list = []
    for framework, part in criteria.groupby("framework", sort=False):
        rows = [
            html.Tr(
                [
                    html.Td(
                        [
                            r[f"description_{lang}"]
                            + (
                                f" (≥ {fmt_number(r['threshold'], lang)}"
                                f"{' %' if r['unit'] == 'percent' else ''})"
                                if r["comparator"] == ">="
                                else ""
                            ),
                            " ",
                            _cite(r, lang),
                        ],
                        style=CELL,
                    ),
                    html.Td(
                        [
                            _verdict_badge(r["verdict"], lang),
                            html.Div(_criterion_basis(r, lang), style=MUTED),
                        ],
                        style=CELL,
                    ),
                ],
                **{"data-criterion": r["criterion_id"]},
            )
            for _, r in part.iterrows()
        ]
        out += [
            html.Div(t(f"cl_framework_{framework}", lang), style={"fontWeight": 600}),
            html.Table(html.Tbody(rows), style=SMALL_TABLE),
        ]
    return out


def _related_list(related: pd.DataFrame, lang: str) -> html.Ul | html.P:
    if related.empty:
        return html.P(t("cl_no_related", lang), style=MUTED)
    items = []
    for _, r in related.iterrows():
        why = [t("cl_related_spec", lang)] if r["shared"] else []
        why += [t("cl_related_type", lang)] if r["same_type"] else []
        items.append(
            html.Li(
                [
                    html.Button(
                        name_of(r, lang),
                        id=pick_id(r["cluster_id"], "related"),
                        n_clicks=0,
                        style=LINK_BUTTON,
                    ),
                    html.Span(f" {r[f'subjects_{lang}']} · {', '.join(why)}", style=MUTED),
                ],
                style={"margin": "4px 0", "listStyle": "none"},
            )
        )
    return html.Ul(items, style={"paddingLeft": 0, "margin": 0})


def _chips(cluster: pd.Series, lang: str) -> html.Div:
    colour = TYPE_STYLE[cluster["type"]][0]
    return html.Div(
        [
            html.Span(
                t(f"cl_type_{cluster['type']}", lang),
                style={**CHIP, "borderColor": colour, "borderWidth": "2px"},
            ),
            html.Span(status_text(cluster["status"], cluster["status_year"], lang), style=CHIP),
            html.Span(t(f"cl_scope_{cluster['scope']}", lang), style=CHIP),
        ],
        style={"margin": "4px 0 8px"},
    )


def profile_panel(profile: ClusterProfile, docs: pd.DataFrame, lang: str) -> list:
    """The profile: name, type/status/scope, subjects and place, figures, history, criteria."""
    c = profile.cluster
    other = c["name_en"] if lang == "ru" else c["name_ru"]
    codes = list(c["regions"])
    names = c[f"subjects_{lang}"].split("; ") if c[f"subjects_{lang}"] else []
    where = _subjects_text(codes, names, lang) or c["outside_name"]
    if len(codes) > 1:
        where += f" — {t('cl_spans', lang).format(n=len(codes))}"
    place = c["place_ru"] or (c["places"][0] if len(c["places"]) else None)
    return [
        html.Div(
            t("cl_profile", lang),
            style={**MUTED, "textTransform": "uppercase", "letterSpacing": "0.05em"},
        ),
        html.H2(name_of(c, lang), id="cl-profile-name", style={**H2, "marginTop": "2px"}),
        html.Div(other, style=MUTED),
        _chips(c, lang),
        html.Div([html.Strong(t("cl_col_subjects", lang) + ": "), where]),
        html.Div([html.Strong(t("cl_place", lang) + ": "), place]) if place else None,
        html.Div([html.Strong(t("cl_col_spec", lang) + ": "), c[f"specialisation_{lang}"] or "—"]),
        html.Div(
            [
                html.Strong(t("source", lang) + ": "),
                html.Code(f"{c['source_file']}:{int(c['source_line'])}", id="cl-profile-source"),
            ],
            style={"marginTop": "4px"},
        ),
        html.H3(t("cl_figures", lang), style=H3),
        _figures_table(profile.figures, lang),
        html.H3(t("cl_history", lang), style=H3),
        _history_list(profile.history, lang),
        html.H3(t("cl_criteria", lang), style=H3),
        *_criteria_block(profile.criteria, lang),
        html.H3(t("cl_related", lang), style=H3),
        _related_list(profile.related, lang),
        html.H3(t("sources", lang), style=H3),
        _documents_list(docs, lang),
        html.P(
            dcc.Link(page_href(lang, c["cluster_id"]), href=page_href(lang, c["cluster_id"])),
            style={**MUTED, "marginTop": "12px"},
        ),
    ]


def empty_profile(lang: str) -> html.P:
    return html.P(t("cl_profile_empty", lang), style=MUTED)


def unknown_cluster_notice(cluster_id: str, lang: str) -> html.Div:
    return html.Div(t("cl_unknown_cluster", lang).format(id=cluster_id), className="notice")


# --- export -------------------------------------------------------------------------------

EXPORT_COLUMNS = (
    "cluster_id",
    "name_ru",
    "name_en",
    "type",
    "scope",
    "status",
    "status_year",
    "first_mentioned",
    "specialisation_ru",
    "specialisation_en",
    "regions",
    "subjects_ru",
    "subjects_en",
    "fds",
    "outside_name",
    "participants",
    "participants_as_published",
    "participants_source",
    "staff",
    "staff_as_published",
    "staff_source",
    "investment",
    "investment_unit",
    "investment_as_published",
    "investment_source",
    "source",
    "all_sources",
)


def neutralise(value: object) -> object:
    """Text that a spreadsheet would run as a formula gets a leading single quote.

    Examples
    --------
    >>> neutralise("=HYPERLINK(1)"), neutralise("-5 млрд"), neutralise("Томск"), neutralise(-5)
    ("'=HYPERLINK(1)", "'-5 млрд", 'Томск', -5)
    """
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def export_table(tb: pd.DataFrame) -> pd.DataFrame:
    """The directory as flat columns: lists joined with '; ', missing figures empty."""
    out = tb.copy()
    out["source"] = out["source_file"] + ":" + out["source_line"].astype(int).astype(str)
    out["all_sources"] = out["citations"].map(lambda c: "; ".join(sorted(c)))
    for column in ("regions", "fds"):
        out[column] = out[column].map("; ".join)
    out = out[list(EXPORT_COLUMNS)].astype(object)
    return out.where(out.notna(), None)


def export_header(docs: pd.DataFrame, filters_text: str, stamp: str, lang: str) -> list[str]:
    """The lines above the table: what this is, when, which filters, and every document."""
    lines = [
        t("cl_export_title", lang),
        f"{t('cl_exported', lang)}: {stamp}",
        f"{t('cl_filters_used', lang)}: {filters_text or t('cl_none', lang)}",
        f"{t('sources', lang)}:",
    ]
    for _, doc in docs.iterrows():
        lines.append(f"{doc['source_file']}: {document_label(doc, lang)}, {doc['publisher']}")
    return lines


def _cells(tb: pd.DataFrame, header: list[str]) -> list[list[object]]:
    table = export_table(tb)
    rows = [[line] for line in header] + [[], list(table.columns)]
    rows += [[neutralise(v) for v in record] for record in table.itertuples(index=False)]
    return [[neutralise(v) for v in row] for row in rows]


def export_csv(tb: pd.DataFrame, header: list[str]) -> bytes:
    """UTF-8 CSV with a BOM (spreadsheets then read Cyrillic right)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for row in _cells(tb, header):
        writer.writerow(["" if v is None else v for v in row])
    return buffer.getvalue().encode("utf-8-sig")


def export_xlsx(tb: pd.DataFrame, header: list[str]) -> bytes:
    """One sheet: the header block, a blank row, then the table (numbers stay numbers)."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "clusters"
    for row in _cells(tb, header):
        sheet.append(row)
    for cell in sheet[len(header) + 2]:
        cell.font = openpyxl.styles.Font(bold=True)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
