"""A ranking (queries.rankings.Rankings) → the rankings tab: bar chart, table, district subtotals.

The bar chart shows every place with a value, highest first, coloured by its published class
where the metric has one (the map's colours). The table below lists the same places and can
be filtered and sorted by any column (Dash DataTable, native filter and sort: keyboard
reachable, numbers sorted as numbers and shown with the language's separators). At subject
level a second table gives the district subtotals, computed from the subjects as ratios of
sums beside the district's stored row, and says which is which.
"""

from __future__ import annotations

import pandas as pd
from dash import dash_table, html
from dash.dash_table.Format import Format, Group, Scheme

from layouts import theme
from layouts.charts import graph, ranked_bar_figure, sources_caption
from layouts.figures import class_colours
from layouts.i18n import THIN_SPACE, decimals_of, fmt_number, t
from layouts.profile import value_text
from queries.metrics import Metric
from queries.observations import SMALL_BASE
from queries.rankings import COMPLETE, DISTINCT_CLUSTERS, RATIO_OF_SUMS, Rankings

TABLE_STYLE = {
    "style_table": {"maxHeight": "460px", "overflowY": "auto", "overflowX": "auto"},
    "style_header": {
        "fontWeight": 600,
        "backgroundColor": "#f5f7fa",
        "whiteSpace": "normal",
        "borderBottom": "2px solid #cbd2d9",
        "height": "auto",
    },
    "style_filter": {"backgroundColor": "#fbfcfd"},
    "style_cell": {
        "fontFamily": theme.FONT_FAMILY,
        "fontSize": "0.82rem",
        "textAlign": "left",
        "padding": "4px 6px",
        "whiteSpace": "normal",
        "height": "auto",
        "border": "none",
        "borderBottom": "1px solid #e3e7eb",
    },
}
NUMERIC = ("rank", "value", "numerator", "denominator")
MONOSPACE = "ui-monospace, Menlo, Consolas, monospace"
COLUMN_STYLES = [
    *({"if": {"column_id": c}, "textAlign": "right"} for c in NUMERIC),
    {"if": {"column_id": "rank"}, "width": "58px", "minWidth": "58px"},
    {"if": {"column_id": "name"}, "fontWeight": 600, "minWidth": "110px"},
    {"if": {"column_id": "source"}, "minWidth": "110px", "maxWidth": "150px"},
]
SOURCE_CELLS = {  # data cells only: the header keeps the table's font
    "if": {"column_id": "source"},
    "fontFamily": MONOSPACE,
    "fontSize": "0.72rem",
    "wordBreak": "break-all",
}


def _name(row: pd.Series, lang: str) -> str:
    return row["short_ru"] if lang == "ru" else row["short_en"]


def _class_labels(metric: Metric, lang: str) -> dict[str, str]:
    bands = metric.classification.bands if metric.classification else ()
    return {b.key: (b.label_ru if lang == "ru" else b.label_en) for b in bands}


def bar_frame(r: Rankings, lang: str) -> tuple[pd.DataFrame, dict[str, str]]:
    """Rows for `ranked_bar_figure` (name, value, label, hover, group) and the group colours.

    With a published classification each class is a group in the map's colours; otherwise
    all bars share one colour of the metric's scale.
    """
    metric = r.metric
    labels = _class_labels(metric, lang)
    if labels:
        colours = dict(
            zip(labels.values(), class_colours(metric.colorscale, len(labels)), strict=True)
        )
        groups = [labels.get(k, "") for k in r.tb["class_key"]]
    else:
        colours = {metric.label(lang): class_colours(metric.colorscale, 1)[0]}
        groups = [metric.label(lang)] * len(r.tb)
    digits = decimals_of(metric.number_format)
    tb = pd.DataFrame(
        {
            "name": [_name(row, lang) for _, row in r.tb.iterrows()],
            "value": r.tb["value"].astype(float),
            "label": [fmt_number(v, lang, digits) for v in r.tb["value"]],
            "group": groups,
        }
    )
    tb["hover"] = [
        f"<b>{n}</b><br>{metric.label(lang)}: {value_text(v, metric, lang)}"
        + (f"<br>{t('class', lang)}: {g}" if labels else "")
        + f"<br>{t('rank', lang)}: {rank} {t('of', lang)} {len(r.tb)}"
        + (f"<br>{t('source', lang)}: {src}" if src else "")
        for n, v, g, rank, src in zip(
            tb["name"], tb["value"], tb["group"], r.tb["rank"], r.tb["source"], strict=True
        )
    ]
    return tb, colours


def _title(r: Rankings, lang: str) -> str:
    return r.metric.label(lang) + (f", {r.year}" if r.year else "")


def ranking_chart(r: Rankings, lang: str, selected_name: str | None) -> html.Div:
    tb, colours = bar_frame(r, lang)
    total = len(r.tb) + len(r.missing)
    subtitle = t("pn_rankings_subtitle", lang).format(
        unit=r.metric.unit(lang), n=len(r.tb), total=total
    )
    figure = ranked_bar_figure(
        tb,
        title=_title(r, lang),
        subtitle=subtitle,
        caption=sources_caption(r.docs, r.dataset, lang),
        lang=lang,
        colours=colours,
        highlight=selected_name,
    )
    return graph(figure, "rankings-chart")


# --- the table -------------------------------------------------------------------------------


def _number_format(lang: str, digits: int) -> Format:
    separators = {"group_delimiter": THIN_SPACE, "decimal_delimiter": ","} if lang == "ru" else {}
    return Format(precision=digits, scheme=Scheme.fixed, group=Group.yes, nully="—", **separators)


def table_columns(r: Rankings, lang: str) -> list[dict[str, object]]:
    """The table's columns: only those with something to show for this metric and level."""
    digits = decimals_of(r.metric.number_format)
    cols = [("rank", "rank", 0), ("name", "pn_col_name", None)]
    if r.level == "region":
        cols.append(("fd", "col_fd", None))
    cols.append(("value", "pn_col_value", digits))
    if r.tb.get("numerator", pd.Series(dtype=float)).notna().any():
        cols += [("numerator", "pn_col_numerator", 0), ("denominator", "pn_col_denominator", 0)]
    if r.metric.classification:
        cols.append(("class", "class", None))
    if r.metric.rate and r.tb.get("denominator", pd.Series(dtype=float)).notna().any():
        cols.append(("small_base", "pn_col_small_base", None))
    cols.append(("source", "source", None))
    return [
        {"id": cid, "name": t(key, lang), "type": "numeric", "format": _number_format(lang, digits)}
        if digits is not None
        else {"id": cid, "name": t(key, lang), "type": "text"}
        for cid, key, digits in cols
    ]


def table_rows(r: Rankings, lang: str) -> list[dict[str, object]]:
    labels = _class_labels(r.metric, lang)
    rows = []
    for _, row in r.tb.iterrows():
        rows.append(
            {
                "rank": int(row["rank"]),
                "name": _name(row, lang),
                "fd": row.get("fd_short_ru" if lang == "ru" else "fd_short_en") or "",
                "value": float(row["value"]),
                "numerator": None if pd.isna(row.get("numerator")) else float(row["numerator"]),
                "denominator": None
                if pd.isna(row.get("denominator"))
                else float(row["denominator"]),
                "class": labels.get(row.get("class_key"), ""),
                "small_base": t("pn_yes", lang) if row.get("flag") == "small_base" else "",
                "source": row["source"],
            }
        )
    return rows


def ranking_table(r: Rankings, lang: str, selected_name: str | None) -> dash_table.DataTable:
    styles = [SOURCE_CELLS]
    if selected_name:
        selected = f'{{name}} = "{selected_name}"'
        styles.append(
            {"if": {"filter_query": selected}, "backgroundColor": "#fff7e0", "fontWeight": 600}
        )
    return dash_table.DataTable(
        id="rankings-table",
        columns=table_columns(r, lang),
        data=table_rows(r, lang),
        filter_action="native",
        sort_action="native",
        sort_mode="single",
        page_action="none",
        filter_options={"case": "insensitive", "placeholder_text": t("pn_filter", lang)},
        style_cell_conditional=COLUMN_STYLES,
        style_data_conditional=styles,
        **TABLE_STYLE,
    )


# --- subtotals, Russia, places without data --------------------------------------------------


def _subtotal_note(r: Rankings, lang: str) -> str:
    method = r.subtotals["method"].iloc[0]
    key = {RATIO_OF_SUMS: "pn_subtotals_rate", DISTINCT_CLUSTERS: "pn_subtotals_clusters"}
    return t(key.get(method, "pn_subtotals_sum"), lang)


def _cell(value: object, metric: Metric, lang: str) -> str:
    if pd.isna(value):
        return "—"
    return (
        f"{fmt_number(float(value), lang, decimals_of(metric.number_format))} {metric.unit(lang)}"
    )


def subtotal_rows(r: Rankings, lang: str) -> list[dict[str, str]]:
    """One row per district: computed value and its parts, coverage, the stored row."""
    rows = []
    for _, row in r.subtotals.iterrows():
        computed = (
            _cell(row["value"], r.metric, lang)
            if row["status"] == COMPLETE
            else t("pn_incomplete", lang)
        )
        if pd.notna(row["numerator"]):
            computed += (
                f" = {fmt_number(row['numerator'], lang)} / {fmt_number(row['denominator'], lang)}"
            )
        stored = _cell(row["stored_value"], r.metric, lang)
        rows.append(
            {
                "fd": row["short_ru"] if lang == "ru" else row["short_en"],
                "computed": computed,
                "coverage": t("pn_n_of", lang).format(
                    n=int(row["n_with"]), total=int(row["n_total"])
                ),
                "stored": stored + (f" ({row['stored_source']})" if row["stored_source"] else ""),
            }
        )
    return rows


def subtotals_block(r: Rankings, lang: str) -> list[html.Component]:
    if r.subtotals.empty:
        return []
    clusters = r.subtotals["method"].iloc[0] == DISTINCT_CLUSTERS
    cols = [
        ("fd", "col_fd"),
        ("computed", "pn_col_computed"),
        ("coverage", "pn_col_coverage"),
        ("stored", "pn_col_stored"),
    ]
    if clusters:
        cols = [cols[0], ("stored", "pn_col_value"), cols[2]]
    return [
        html.H3(t("pn_subtotals", lang), className="pn-h3 pn-h3-tight"),
        html.P(f"{_subtotal_note(r, lang)} {t('pn_dash_no_data', lang)}", className="muted"),
        dash_table.DataTable(
            id="rankings-subtotals",
            columns=[{"id": c, "name": t(k, lang)} for c, k in cols],
            data=subtotal_rows(r, lang),
            sort_action="none",
            page_action="none",
            **TABLE_STYLE,
        ),
    ]


def country_line(r: Rankings, lang: str) -> list[html.Component]:
    if r.country is None:
        return []
    row = r.country
    source = row["source_file"] + (
        f":{int(row['source_line'])}" if pd.notna(row["source_line"]) else ""
    )
    text = t("pn_russia_row", lang).format(
        value=value_text(row["value"], r.metric, lang), source=source
    )
    return [html.P(text, className="muted pn-russia", id="rankings-russia")]


def missing_block(r: Rankings, lang: str) -> list[html.Component]:
    if r.missing.empty:
        return []
    names = sorted(_name(row, lang) for _, row in r.missing.iterrows())
    return [
        html.Details(
            [
                html.Summary(t("pn_missing", lang).format(n=len(names))),
                html.P(", ".join(names), className="muted"),
            ],
            className="pn-missing",
        )
    ]


def rankings_panel(r: Rankings, lang: str, selected: str | None = None) -> list[html.Component]:
    """The rankings tab: chart, Russia's row, table, small-base note, subtotals, the rest."""
    banner = (
        [html.Div(t("synthetic_banner", lang), className="banner synthetic")]
        if r.dataset.get("synthetic")
        else []
    )
    if r.tb.empty:
        return [
            *banner,
            html.P(t("pn_rankings_empty", lang), className="muted"),
            *missing_block(r, lang),
        ]
    chosen = r.tb[r.tb["geo"] == selected]
    selected_name = _name(chosen.iloc[0], lang) if len(chosen) else None
    small = "flag" in r.tb and bool((r.tb["flag"] == "small_base").any())
    return [
        *banner,
        ranking_chart(r, lang, selected_name),
        *country_line(r, lang),
        html.H3(t("pn_table_title", lang), className="pn-h3 pn-h3-tight"),
        html.P(t("pn_table_hint", lang), className="muted"),
        ranking_table(r, lang, selected_name),
        *(
            [html.P(t("pn_small_base_note", lang).format(n=SMALL_BASE), className="muted")]
            if small
            else []
        ),
        *subtotals_block(r, lang),
        *missing_block(r, lang),
    ]
