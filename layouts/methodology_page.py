"""What the methodology needs (documents and cited lines, OKVED mapping, boundary facts) →
the /methodology page, in Russian or English.

Definitions are the project's own words (`layouts.i18n`); thresholds come from the metric
registry's classifications, each with the seed line that defines it; the documents table
lists every line a stored figure cites, grouped by the table that holds the figure.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
from dash import dcc, html

from layouts import theme
from layouts.captions import document_label, line_ranges
from layouts.i18n import fmt_number, t
from queries.metrics import METRICS, ClassBand, Classification, Metric
from queries.observations import SMALL_BASE

PATH = "/methodology"
CARD = {
    "background": "white",
    "border": "1px solid #e3e7eb",
    "borderRadius": "8px",
    "padding": "12px 18px",
    "margin": "12px 0",
}
H2 = {"fontSize": "1.15rem", "margin": "2px 0 8px"}
H3 = {"fontSize": "0.98rem", "margin": "14px 0 6px"}
TEXT = {"maxWidth": "860px", "lineHeight": 1.5, "margin": "6px 0"}
MUTED = {"color": theme.MUTED_COLOUR, "fontSize": "0.85rem"}
CODE = {"fontFamily": "ui-monospace, Menlo, Consolas, monospace", "fontSize": "0.8rem"}
TABLE = {"borderCollapse": "collapse", "width": "100%", "fontSize": "0.86rem"}
CELL = {
    "borderBottom": "1px solid #e3e7eb",
    "padding": "5px 8px",
    "textAlign": "left",
    "verticalAlign": "top",
}
COLUMNS = {
    "display": "grid",
    "gap": "8px 28px",
    "gridTemplateColumns": "repeat(auto-fit, minmax(min(100%, 420px), 1fr))",
}
HEAD = {**CELL, "background": "#f5f7fa", "borderBottom": "2px solid #cbd2d9", "fontWeight": 600}
COEFFICIENTS = ("creation_coef", "growth_coef")
DEFINITIONS = {
    "creation_coef": ("mt_creation_def", "mt_creation_formula"),
    "growth_coef": ("mt_growth_def", "mt_growth_formula"),
}


def href(path: str, lang: str) -> str:
    """A page link that keeps the language (`/clusters?lang=en`)."""
    return path + ("?lang=en" if lang == "en" else "")


def _table(header: list[str], rows: list[list[object]], table_id: str | None = None):
    return html.Table(
        [
            html.Thead(html.Tr([html.Th(h, style=HEAD, scope="col") for h in header])),
            html.Tbody([html.Tr([html.Td(c, style=CELL) for c in row]) for row in rows]),
        ],
        style=TABLE,
        **({"id": table_id} if table_id else {}),
    )


def _section(title: str, children: list, section_id: str) -> html.Section:
    heading = f"{section_id}-title"
    return html.Section(
        [html.H2(title, style=H2, id=heading), *children],
        style=CARD,
        id=section_id,
        **{"aria-labelledby": heading},
    )


# --- coefficients ----------------------------------------------------------------------------


def band_range(band: ClassBand, below: ClassBand | None, lang: str) -> str:
    """'≥ 6 and ≤ 10 %': a band's bounds with which ends belong to it.

    Examples
    --------
    >>> from queries.metrics import CREATION_CLASSES as c
    >>> [band_range(b, c.bands[i - 1] if i else None, "en") for i, b in enumerate(c.bands)]
    ['< 6 %', '≥ 6 and ≤ 10 %', '> 10 %']
    """
    parts = []
    if band.lower is not None:
        lower_included = below is None or not below.upper_inclusive
        parts.append(f"{'≥' if lower_included else '>'} {fmt_number(band.lower, lang)}")
    if band.upper is not None:
        parts.append(f"{'≤' if band.upper_inclusive else '<'} {fmt_number(band.upper, lang)}")
    return f" {'и' if lang == 'ru' else 'and'} ".join(parts) + " %"


def classes_table(classes: Classification, lang: str) -> html.Table:
    rows = [
        [
            band.label_ru if lang == "ru" else band.label_en,
            band_range(band, classes.bands[i - 1] if i else None, lang),
        ]
        for i, band in reversed(list(enumerate(classes.bands)))
    ]
    return _table([t("mt_classes", lang), t("mt_range", lang)], rows)


def coefficient_block(metric: Metric, docs: pd.DataFrame, lang: str) -> html.Div:
    """Definition, formula, classes and the seed line that defines them."""
    definition, formula = DEFINITIONS[metric.id]
    classes = metric.classification
    cite = str(classes.citation)
    match = docs[docs["source_file"] == classes.citation.source_file]
    where = f"{cite} — {document_label(match.iloc[0], lang)}" if len(match) else cite
    return html.Div(
        [
            html.H3(metric.label(lang), style=H3),
            html.P(t(definition, lang), style=TEXT),
            html.P(
                [
                    html.Span(f"{t('mt_formula', lang)}: ", style={"fontWeight": 600}),
                    html.Code(t(formula, lang), style=CODE),
                ],
                style=TEXT,
            ),
            classes_table(classes, lang),
            html.P(
                t("mt_defined_at", lang).format(cite=where),
                style={**MUTED, "marginTop": "6px"},
                className="citation",
            ),
        ]
    )


# --- OKVED, boundaries, documents ------------------------------------------------------------


def okved_block(
    okved: pd.DataFrame | None,
    okved_date: str | None,
    industries: Mapping[str, tuple[str, str]],
    lang: str,
) -> list[html.Component]:
    if okved is None:
        return [html.P(t("mt_okved_pending", lang), style=TEXT, id="okved-pending")]
    rows = [
        [
            html.Code(r["okved_code"], style=CODE),
            r["okved_name"],
            industries.get(r["industry_id"], (r["industry_id"],) * 2)[0 if lang == "ru" else 1],
            t(f"mt_confidence_{r['confidence']}", lang),
        ]
        for _, r in okved.sort_values("okved_code").iterrows()
    ]
    header = ["mt_col_code", "mt_col_activity", "mt_col_industry", "mt_col_confidence"]
    return [
        html.P(t("mt_okved_text", lang).format(date=okved_date or "—"), style=TEXT),
        html.Div(
            _table([t(h, lang) for h in header], rows, "okved-table"),
            style={"maxHeight": "420px", "overflowY": "auto"},
        ),
    ]


def _lines_cell(rows: pd.DataFrame, lang: str) -> list[html.Component]:
    cited = rows[rows["table_name"].notna()]
    if cited.empty:
        return [html.Span(t("mt_not_cited", lang), style=MUTED)]
    return [
        html.Div(
            [
                html.Span(t(f"mt_table_{r['table_name']}", lang) + ": ", style=MUTED),
                html.Code(line_ranges(r["lines"]), style=CODE),
            ],
            style={"margin": "2px 0"},
        )
        for _, r in cited.iterrows()
    ]


def documents_table(documents: pd.DataFrame, lang: str) -> html.Table:
    """One row per document: title, issue and date, publisher; file; lines by table."""
    rows = []
    for source_file, tb in documents.groupby("source_file", sort=True):
        first = tb.iloc[0]
        label = html.Div(
            [
                html.Div(document_label(first, lang), style={"fontWeight": 600}),
                html.Div(first["publisher"] or "", style=MUTED),
            ]
        )
        rows.append([label, html.Code(source_file, style=CODE), _lines_cell(tb, lang)])
    header = [t("mt_col_document", lang), t("source", lang), t("mt_col_lines", lang)]
    return _table(header, rows, "documents-table")


# --- the page --------------------------------------------------------------------------------


def header(lang: str) -> html.Header:
    other = "ru" if lang == "en" else "en"
    return html.Header(
        className="topbar",
        children=[
            html.Div(
                [
                    html.H1(t("methodology", lang)),
                    html.P(t("app_title", lang), className="subtitle"),
                ]
            ),
            html.Nav(
                className="nav",
                children=[
                    dcc.Link(t("map_nav", lang), href=href("/", lang), id="nav-map"),
                    dcc.Link(
                        t("cluster_explorer", lang), href=href("/clusters", lang), id="nav-clusters"
                    ),
                    dcc.Link(t("methodology", lang), href=href(PATH, lang), id="nav-methodology"),
                ],
            ),
            html.A(
                t("language", lang),
                href=href(PATH, other),
                className="lang-toggle",
                id="methodology-lang",
                lang=other,
            ),
        ],
    )


def layout(
    lang: str,
    documents: pd.DataFrame,
    industries: Mapping[str, tuple[str, str]],
    okved: pd.DataFrame | None = None,
    okved_date: str | None = None,
    tolerance: float | None = None,
) -> html.Div:
    """The page for a language, from `queries.documents.lines_by_document` and the facts."""
    coefficients = [
        html.Div(
            [coefficient_block(METRICS[m], documents, lang) for m in COEFFICIENTS], style=COLUMNS
        ),
        html.P(t("mt_bound_note", lang), style=MUTED),
    ]
    boundaries = t("mt_boundaries_text", lang).format(
        tolerance=fmt_number(tolerance, lang, 2) if tolerance is not None else "—"
    )
    return html.Div(
        className="page",
        lang=lang,
        children=[
            header(lang),
            html.P(t("mt_intro", lang), style={**TEXT, "color": theme.MUTED_COLOUR}),
            _section(t("mt_coefficients", lang), coefficients, "coefficients"),
            _section(
                t("mt_aggregation", lang),
                [html.P(t("mt_aggregation_text", lang), style=TEXT)],
                "aggregation",
            ),
            _section(
                t("mt_small_base", lang),
                [html.P(t("mt_small_base_text", lang).format(n=SMALL_BASE), style=TEXT)],
                "small-base",
            ),
            _section(
                t("mt_okved", lang), okved_block(okved, okved_date, industries, lang), "okved"
            ),
            _section(t("mt_boundaries", lang), [html.P(boundaries, style=TEXT)], "boundaries"),
            _section(
                t("mt_documents", lang),
                [
                    html.P(t("mt_documents_text", lang), style=TEXT),
                    documents_table(documents, lang),
                ],
                "documents",
            ),
        ],
    )
