"""What the methodology needs (documents and cited lines, OKVED mapping, boundary facts) →
the /methodology page, in Russian or English.

Definitions are the project's own words (`layouts.i18n`); thresholds come from the metric
registry's classifications, each with the seed line that defines it; the documents table
lists every line a stored figure cites, grouped by the table that holds the figure.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
from dash import html

from layouts.captions import document_label, line_ranges
from layouts.i18n import fmt_number, t
from layouts.topbar import page_links, topbar
from queries.metrics import METRICS, ClassBand, Classification, Metric
from queries.observations import SMALL_BASE

PATH = "/methodology"
COEFFICIENTS = ("creation_coef", "growth_coef")
DEFINITIONS = {
    "creation_coef": ("mt_creation_def", "mt_creation_formula"),
    "growth_coef": ("mt_growth_def", "mt_growth_formula"),
    "creative_share_created": ("mt_share_created_def", "mt_share_created_formula"),
    "creative_share_active": ("mt_share_active_def", "mt_share_active_formula"),
}
SHARES = ("creative_share_created", "creative_share_active")


def href(path: str, lang: str) -> str:
    """A page link that keeps the language (`/clusters?lang=en`)."""
    return path + ("?lang=en" if lang == "en" else "")


def _table(header: list[str], rows: list[list[object]], table_id: str | None = None):
    return html.Table(
        [
            html.Thead(html.Tr([html.Th(h, scope="col") for h in header])),
            html.Tbody([html.Tr([html.Td(c) for c in row]) for row in rows]),
        ],
        className="mt-table",
        **({"id": table_id} if table_id else {}),
    )


def _section(title: str, children: list, section_id: str) -> html.Section:
    heading = f"{section_id}-title"
    return html.Section(
        [html.H2(title, className="mt-h2", id=heading), *children],
        className="mt-card",
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
            html.H3(metric.label(lang), className="mt-h3"),
            html.P(t(definition, lang), className="mt-text"),
            html.P(
                [
                    html.Span(f"{t('mt_formula', lang)}: ", className="strong"),
                    html.Code(t(formula, lang), className="mt-code"),
                ],
                className="mt-text",
            ),
            classes_table(classes, lang),
            html.P(
                t("mt_defined_at", lang).format(cite=where),
                className="muted citation",
            ),
        ]
    )


def share_block(metric: Metric, lang: str) -> html.Div:
    """Definition and formula of a creative share (no published classes: quantiles etc.)."""
    definition, formula = DEFINITIONS[metric.id]
    return html.Div(
        [
            html.H3(metric.label(lang), className="mt-h3"),
            html.P(t(definition, lang), className="mt-text"),
            html.P(
                [
                    html.Span(f"{t('mt_formula', lang)}: ", className="strong"),
                    html.Code(t(formula, lang), className="mt-code"),
                ],
                className="mt-text",
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
        return [html.P(t("mt_okved_pending", lang), className="mt-text", id="okved-pending")]
    rows = [
        [
            html.Code(r["okved_code"], className="mt-code"),
            r["okved_name"],
            industries.get(r["industry_id"], (r["industry_id"],) * 2)[0 if lang == "ru" else 1],
            t(f"mt_confidence_{r['confidence']}", lang),
        ]
        for _, r in okved.sort_values("okved_code").iterrows()
    ]
    header = ["mt_col_code", "mt_col_activity", "mt_col_industry", "mt_col_confidence"]
    return [
        html.P(t("mt_okved_text", lang).format(date=okved_date or "—"), className="mt-text"),
        html.P(t("mt_okved_rules", lang), className="mt-text", id="okved-rules"),
        html.Div(
            _table([t(h, lang) for h in header], rows, "okved-table"),
            className="mt-scroll",
        ),
    ]


def _lines_cell(rows: pd.DataFrame, lang: str) -> list[html.Component]:
    cited = rows[rows["table_name"].notna()]
    if cited.empty:
        return [html.Span(t("mt_not_cited", lang), className="muted")]
    return [
        html.Div(
            [
                html.Span(t(f"mt_table_{r['table_name']}", lang) + ": ", className="muted"),
                html.Code(line_ranges(r["lines"]), className="mt-code"),
            ],
            className="mt-lines",
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
                html.Div(document_label(first, lang), className="strong"),
                html.Div(first["publisher"] or "", className="muted"),
            ]
        )
        rows.append([label, html.Code(source_file, className="mt-code"), _lines_cell(tb, lang)])
    header = [t("mt_col_document", lang), t("source", lang), t("mt_col_lines", lang)]
    return _table(header, rows, "documents-table")


# --- the page --------------------------------------------------------------------------------


def header(lang: str) -> html.Header:
    other = "ru" if lang == "en" else "en"
    links = page_links(lang)
    language = html.A(
        t("language", lang),
        href=href(PATH, other),
        className="lang-toggle",
        id="methodology-lang",
        lang=other,
    )
    return topbar(t("methodology", lang), t("app_title", lang), links, language)


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
            [coefficient_block(METRICS[m], documents, lang) for m in COEFFICIENTS],
            className="mt-columns",
        ),
        html.P(t("mt_bound_note", lang), className="muted"),
    ]
    boundaries = t("mt_boundaries_text", lang).format(
        tolerance=fmt_number(tolerance, lang, 2) if tolerance is not None else "—"
    )
    return html.Div(
        className="page",
        lang=lang,
        children=[
            header(lang),
            html.P(t("mt_intro", lang), className="mt-text mt-intro"),
            _section(t("mt_coefficients", lang), coefficients, "coefficients"),
            _section(
                t("mt_shares", lang),
                [
                    html.Div(
                        [share_block(METRICS[m], lang) for m in SHARES], className="mt-columns"
                    ),
                    html.P(t("mt_shares_note", lang), className="muted"),
                ],
                "shares",
            ),
            _section(
                t("mt_aggregation", lang),
                [html.P(t("mt_aggregation_text", lang), className="mt-text")],
                "aggregation",
            ),
            _section(
                t("mt_small_base", lang),
                [html.P(t("mt_small_base_text", lang).format(n=SMALL_BASE), className="mt-text")],
                "small-base",
            ),
            _section(
                t("mt_okved", lang), okved_block(okved, okved_date, industries, lang), "okved"
            ),
            _section(
                t("mt_boundaries", lang), [html.P(boundaries, className="mt-text")], "boundaries"
            ),
            _section(
                t("mt_documents", lang),
                [
                    html.P(t("mt_documents_text", lang), className="mt-text"),
                    documents_table(documents, lang),
                ],
                "documents",
            ),
        ],
    )
