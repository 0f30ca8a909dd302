"""A cluster's profile (queries.cluster_directory.ClusterProfile) → the explorer's side panel.

Top to bottom: name, type/status/scope chips, subjects and place, the figures the sources
give, the status history, the criteria checks, related clusters, and every document cited.
"""

from __future__ import annotations

import pandas as pd
from dash import dcc, html

from layouts.captions import document_label
from layouts.cluster_markers import TYPE_STYLE
from layouts.cluster_text import (
    cite_line,
    figure_text,
    is_missing,
    metric_label,
    name_of,
    page_href,
    pick_id,
    status_text,
    subjects_text,
)
from layouts.i18n import fmt_number, t
from queries.cluster_directory import ClusterProfile


def _cite(row: pd.Series | dict, lang: str) -> html.Span:
    """'№12, 2019-12 · file:line': the document's issue and date, then the line; the full
    title, issue and date are the tooltip (and listed once under the profile's sources)."""
    where = html.Code(cite_line(row), className="cl-code")
    if is_missing(row.get("title_ru")):
        return html.Span(where, className="muted")
    issue = ", ".join(str(v) for v in (row["issue"], row["date"]) if not is_missing(v) and v)
    return html.Span(
        [f"{issue} · " if issue else "", where],
        title=document_label(row, lang),
        className="cite muted",
    )


def _figure_row(r: pd.Series, lang: str) -> html.Tr:
    year = f" ({int(r['year'])})" if not is_missing(r["year"]) and r["unit"] != "year" else ""
    return html.Tr(
        [
            html.Td(metric_label(r["metric"], lang)),
            html.Td(
                [
                    html.Strong(figure_text(r["value"], r["unit"], r["qualifier"], lang)),
                    html.Span(year, className="muted"),
                ],
                className="nowrap",
            ),
            html.Td(
                [
                    html.Span(f"«{r['as_published']}» ", title=t("cl_as_printed", lang)),
                    _cite(r, lang),
                ]
            ),
        ]
    )


def _figures_table(figures: pd.DataFrame, lang: str) -> html.Table | html.P:
    if figures.empty:
        return html.P(t("cl_no_figures", lang), className="muted")
    rows = [_figure_row(r, lang) for _, r in figures.iterrows()]
    return html.Table(html.Tbody(rows), className="cl-small-table")


def _documents_list(docs: pd.DataFrame, lang: str) -> html.Ul:
    """The documents this profile cites, each once, with the lines it cites."""
    return html.Ul(
        [
            html.Li(
                [
                    html.Code(d["source_file"], className="cl-file"),
                    " — ",
                    document_label(d, lang),
                    f", {d['publisher']}",
                ]
            )
            for _, d in docs.iterrows()
        ],
        className="muted cl-documents",
    )


def _history_list(history: pd.DataFrame, lang: str) -> html.Ol:
    return html.Ol(
        [
            html.Li(
                [
                    html.Strong(status_text(r["status"], r["status_year"], lang)),
                    html.Span(f" — {document_label(r, lang)} ", className="muted"),
                    html.Code(cite_line(r), className="cl-code"),
                ]
            )
            for _, r in history.iterrows()
        ],
        className="cl-history",
    )


def _verdict_badge(verdict: str, lang: str) -> html.Span:
    return html.Span(t(f"cl_verdict_{verdict}", lang), className=f"chip verdict {verdict}")


def _criterion_basis(row: pd.Series, lang: str) -> str:
    basis = row["basis"]
    if is_missing(basis):
        return t("cl_why_no_figure" if row["measured"] else "cl_why_qualitative", lang)
    year = "" if is_missing(basis["year"]) else f" ({int(basis['year'])})"
    figure = figure_text(basis["value"], "count", basis["qualifier"], lang)
    text = f"{metric_label(basis['metric'], lang)}: {figure}{year}, {basis['source']}"
    if row["verdict"] == "not_enough_data":
        text += f"; {t('cl_why_lower_bound', lang)}"
    return text


def _requirement(r: pd.Series, lang: str) -> str:
    """A criterion's description, with its threshold when it is one ('(≥ 10 %)')."""
    if r["comparator"] != ">=":
        return r[f"description_{lang}"]
    unit = " %" if r["unit"] == "percent" else ""
    return f"{r[f'description_{lang}']} (≥ {fmt_number(r['threshold'], lang)}{unit})"


def _criterion_row(r: pd.Series, lang: str) -> html.Tr:
    return html.Tr(
        [
            html.Td([_requirement(r, lang), " ", _cite(r, lang)]),
            html.Td(
                [
                    _verdict_badge(r["verdict"], lang),
                    html.Div(_criterion_basis(r, lang), className="muted"),
                ]
            ),
        ],
        **{"data-criterion": r["criterion_id"]},
    )


def _criteria_block(criteria: pd.DataFrame, lang: str) -> list:
    if criteria.empty:
        return [html.P(t("cl_no_criteria", lang), className="muted")]
    out: list = []
    for framework, part in criteria.groupby("framework", sort=False):
        rows = [_criterion_row(r, lang) for _, r in part.iterrows()]
        out += [
            html.Div(t(f"cl_framework_{framework}", lang), className="strong"),
            html.Table(html.Tbody(rows), className="cl-small-table"),
        ]
    return out


def _related_list(related: pd.DataFrame, lang: str) -> html.Ul | html.P:
    if related.empty:
        return html.P(t("cl_no_related", lang), className="muted")
    items = []
    for _, r in related.iterrows():
        why = [t("cl_related_spec", lang)] if r["shared"] else []
        why += [t("cl_related_type", lang)] if r["same_type"] else []
        button = html.Button(
            name_of(r, lang),
            id=pick_id(r["cluster_id"], "related"),
            n_clicks=0,
            className="link-button",
        )
        reason = html.Span(f" {r[f'subjects_{lang}']} · {', '.join(why)}", className="muted")
        items.append(html.Li([button, reason]))
    return html.Ul(items, className="plain-list cl-related")


def _chips(cluster: pd.Series, lang: str) -> html.Div:
    colour = TYPE_STYLE[cluster["type"]][0]  # the type's marker colour frames its chip
    return html.Div(
        [
            html.Span(
                t(f"cl_type_{cluster['type']}", lang),
                className="chip",
                style={"borderColor": colour, "borderWidth": "2px"},
            ),
            html.Span(
                status_text(cluster["status"], cluster["status_year"], lang), className="chip"
            ),
            html.Span(t(f"cl_scope_{cluster['scope']}", lang), className="chip"),
        ],
        className="cl-chips",
    )


def _where(c: pd.Series, lang: str) -> str:
    """Its subjects (main first) or the place outside them, and how many it spans."""
    codes = list(c["regions"])
    names = c[f"subjects_{lang}"].split("; ") if c[f"subjects_{lang}"] else []
    where = subjects_text(codes, names, lang) or c["outside_name"]
    if len(codes) > 1:
        where += f" — {t('cl_spans', lang).format(n=len(codes))}"
    return where


def _identity(c: pd.Series, lang: str) -> list:
    """Name (both languages), chips, subjects, place, specialisation and first line."""
    other = c["name_en"] if lang == "ru" else c["name_ru"]
    place = c["place_ru"] or (c["places"][0] if len(c["places"]) else None)
    return [
        html.Div(t("cl_profile", lang), className="muted cl-kicker"),
        html.H2(name_of(c, lang), id="cl-profile-name", className="cl-h2 cl-profile-name"),
        html.Div(other, className="muted"),
        _chips(c, lang),
        html.Div([html.Strong(t("cl_col_subjects", lang) + ": "), _where(c, lang)]),
        html.Div([html.Strong(t("cl_place", lang) + ": "), place]) if place else None,
        html.Div([html.Strong(t("cl_col_spec", lang) + ": "), c[f"specialisation_{lang}"] or "—"]),
        html.Div(
            [
                html.Strong(t("source", lang) + ": "),
                html.Code(cite_line(c), id="cl-profile-source"),
            ],
            className="cl-first-line",
        ),
    ]


def _section(title_key: str, lang: str, *children) -> list:
    return [html.H3(t(title_key, lang), className="cl-h3"), *children]


def profile_panel(profile: ClusterProfile, docs: pd.DataFrame, lang: str) -> list:
    """The profile: name, type/status/scope, subjects and place, figures, history, criteria."""
    c = profile.cluster
    link = page_href(lang, c["cluster_id"])
    return [
        *_identity(c, lang),
        *_section("cl_figures", lang, _figures_table(profile.figures, lang)),
        *_section("cl_history", lang, _history_list(profile.history, lang)),
        *_section("cl_criteria", lang, *_criteria_block(profile.criteria, lang)),
        *_section("cl_related", lang, _related_list(profile.related, lang)),
        *_section("sources", lang, _documents_list(docs, lang)),
        html.P(dcc.Link(link, href=link), className="muted cl-permalink"),
    ]


def empty_profile(lang: str) -> html.P:
    return html.P(t("cl_profile_empty", lang), className="muted")


def unknown_cluster_notice(cluster_id: str, lang: str) -> html.Div:
    return html.Div(t("cl_unknown_cluster", lang).format(id=cluster_id), className="notice")
