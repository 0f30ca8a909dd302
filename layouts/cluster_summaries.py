"""Directory totals → the explorer's summaries: key figures, clusters off the map, and the
national counts the documents state beside the directory's own."""

from __future__ import annotations

import pandas as pd
from dash import html

from layouts.captions import document_label
from layouts.cluster_text import cite_line, name_of, pick_id
from layouts.i18n import fmt_number, t

KPIS = (  # (key of `queries.cluster_directory.totals`, label key)
    ("clusters", "cl_kpi_clusters"),
    ("subjects", "cl_kpi_subjects"),
    ("multi_subject", "cl_kpi_multi"),
    ("with_participants", "cl_kpi_participants"),
    ("outside_map", "cl_kpi_outside"),
)


def _kpi(value: int, label_key: str, lang: str) -> html.Div:
    return html.Div(
        className="cl-card cl-kpi",
        children=[
            html.Div(fmt_number(value, lang), className="cl-kpi-value"),
            html.Div(t(label_key, lang), className="muted"),
        ],
    )


def kpi_strip(counts: dict[str, int], with_participants: int, lang: str) -> html.Div:
    """Clusters, subjects, multi-subject clusters, those with participants, those off the map."""
    values = {**counts, "with_participants": with_participants}
    return html.Div([_kpi(values[k], label, lang) for k, label in KPIS], className="cl-kpi-strip")


def outside_block(outside: pd.DataFrame, lang: str) -> html.Div | None:
    """The clusters outside the 85 subjects, each a button that opens its profile."""
    if outside.empty:
        return None
    items = [
        html.Li(
            [
                html.Button(
                    name_of(row, lang),
                    id=pick_id(row["cluster_id"], "outside"),
                    n_clicks=0,
                    className="link-button",
                ),
                f"{row['outside_name']} · {cite_line(row)}",
            ]
        )
        for _, row in outside.iterrows()
    ]
    title = html.H3(t("cl_outside_title", lang), className="cl-h3")
    return html.Div([title, html.Ul(items)], className="cl-outside")


def _figure_cell(number: object, note: str, lang: str) -> html.Td:
    """A number in bold, with a line under it saying what it is."""
    return html.Td([html.Strong(fmt_number(number, lang)), html.Div(note, className="muted")])


def _count_row(row: pd.Series, lang: str) -> html.Tr:
    printed = f"{t('cl_as_printed', lang)}: «{row['as_published']}»"
    return html.Tr(
        [
            html.Td(f"{t('cl_count_' + row['metric'], lang)}, {int(row['year'])}"),
            _figure_cell(row["value"], printed, lang),
            _figure_cell(row["directory"], t("cl_counterpart_" + row["metric"], lang), lang),
            html.Td([document_label(row, lang), html.Div(cite_line(row), className="muted mono")]),
        ]
    )


def counts_block(stated: pd.DataFrame, lang: str) -> list:
    """The national counts the documents state beside the directory's, and why they differ."""
    heads = ("", t("cl_stated", lang), t("cl_in_directory", lang), t("source", lang))
    body = [_count_row(row, lang) for _, row in stated.iterrows()]
    return [
        html.H2(t("cl_counts_title", lang), className="cl-h2"),
        html.Table(
            [html.Thead(html.Tr([html.Th(h) for h in heads])), html.Tbody(body)],
            className="cl-small-table",
        ),
        html.P(t("cl_counts_explained", lang), className="cl-counts-note"),
    ]
