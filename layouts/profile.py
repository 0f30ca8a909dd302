"""A place's profile (queries.profile.PlaceProfile) → the components of the profile tab.

Top to bottom: the place's name and district; tiles with its value, rank and rank change,
its district's and Russia's stored values; the line chart over the years; its clusters
with their source lines; and the documents behind every figure on the panel.
"""

from __future__ import annotations

import math

import pandas as pd
from dash import html

from layouts.captions import document_label
from layouts.charts import graph, place_lines_figure, sources_caption
from layouts.i18n import STRINGS, decimals_of, fmt_number, t
from queries.metrics import Metric
from queries.profile import PlaceProfile, Rank

LOG_SPREAD = 20  # counts spanning more than this factor are drawn on a log scale
CLUSTERS_SHOWN = 6  # a longer list opens on demand


def _missing(value: object) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def name_of(row: pd.Series, lang: str, short: bool = True) -> str:
    return row[("short_" if short else "name_") + ("ru" if lang == "ru" else "en")]


def value_text(value: object, metric: Metric, lang: str) -> str:
    """'419 орг.', '5,8 %', or 'no published data'."""
    if _missing(value):
        return t("no_data", lang)
    return (
        f"{fmt_number(float(value), lang, decimals_of(metric.number_format))} {metric.unit(lang)}"
    )


def placeholder(lang: str) -> list[html.Component]:
    """What the tab shows before a place is chosen."""
    return [html.P(t("pn_pick_place", lang), className="panel-empty muted")]


# --- tiles -----------------------------------------------------------------------------------


def _tile(big: str, label: str, extra: html.Component | None = None, small: bool = False):
    return html.Div(
        className="profile-tile",
        children=[
            html.Div(big, className="pn-no-value" if small else "pn-big"),
            html.Div(label, className="muted"),
            *([extra] if extra is not None else []),
        ],
    )


def rank_change(rank: Rank, lang: str) -> html.Div:
    """'▲ 2 since 2023' (green), '▼ 1 …' (red), 'unchanged …', or 'no previous year'."""
    if rank.previous_year is None or rank.change is None:
        return html.Div(t("pn_rank_no_previous", lang), className="muted")
    n = abs(rank.change)
    key, tone = (
        ("pn_rank_up", "up")
        if rank.change > 0
        else ("pn_rank_down", "down")
        if rank.change < 0
        else ("pn_rank_same", "same")
    )
    text = t(key, lang).format(n=n, year=rank.previous_year)
    return html.Div(text, className=f"pn-change {tone}")


def _value_at(p: PlaceProfile, role: str) -> object:
    rows = p.series[p.series["role"] == role]
    if p.year is not None:
        rows = rows[rows["year"] == p.year]
    return rows["value"].iloc[-1] if len(rows) else None


def tiles(p: PlaceProfile, lang: str) -> list[html.Component]:
    """What and when; then the place's value, its rank (and change), its district's and
    Russia's stored values."""

    def value_tile(value: object, label: str) -> html.Div:
        return _tile(value_text(value, p.metric, lang), label, small=_missing(value))

    items = [value_tile(_value_at(p, "place"), name_of(p.place, lang))]
    if p.rank.rank is not None:
        rank_text = t("pn_rank_of", lang).format(rank=p.rank.rank, of=p.rank.of)
        change = None if p.metric.source == "clusters" else rank_change(p.rank, lang)
        items.append(_tile(rank_text, t(f"pn_rank_{p.level}", lang), change))
    if p.district is not None:
        district = t("pn_fd_short", lang).format(fd=name_of(p.district, lang))
        items.append(value_tile(_value_at(p, "fd"), district))
    if p.metric.source != "clusters":
        items.append(value_tile(_value_at(p, "country"), t("pn_russia", lang)))
    what = p.metric.label(lang) + (f", {p.year}" if p.year else "")
    return [
        html.Div(what, className="pn-what", id="profile-metric"),
        html.Div(items, className="profile-tiles"),
    ]


# --- chart -----------------------------------------------------------------------------------


def _hover(row: pd.Series, name: str, metric: Metric, lang: str) -> str:
    line = f"<b>{name}</b>: {value_text(row['value'], metric, lang)}"
    if not _missing(row.get("numerator")) and not _missing(row.get("denominator")):
        line += f" = {fmt_number(row['numerator'], lang)} / {fmt_number(row['denominator'], lang)}"
    if row.get("flag") == "small_base":
        line += " ⚠ " + ("малая база" if lang == "ru" else "small base")
    source = row.get("source_file")
    if isinstance(source, str):
        where = source + ("" if _missing(row.get("source_line")) else f":{int(row['source_line'])}")
        line += f"<br>   {t('source', lang)}: {where}"
    return line


def series_frame(p: PlaceProfile, lang: str) -> pd.DataFrame:
    """The profile's series as `place_lines_figure` wants it: role, name, year, value, hover."""
    names = {"place": name_of(p.place, lang), "country": t("pn_russia", lang)}
    if p.district is not None:
        names["fd"] = t("pn_fd_short", lang).format(fd=name_of(p.district, lang))
    tb = p.series.assign(name=p.series["role"].map(names))
    tb["hover"] = [_hover(row, row["name"], p.metric, lang) for _, row in tb.iterrows()]
    return tb[["role", "name", "year", "value", "hover"]]


def series_docs(p: PlaceProfile) -> pd.DataFrame:
    """The profile's documents narrowed to the lines its series cite (the chart's caption)."""
    cited = {
        (f, int(n))
        for f, n in zip(p.series["source_file"], p.series["source_line"], strict=True)
        if isinstance(f, str) and not _missing(n)
    }
    lines = [
        [n for n in ns if (f, n) in cited]
        for f, ns in zip(p.docs["source_file"], p.docs["lines"], strict=True)
    ]
    docs = p.docs.assign(lines=lines)
    return docs[docs["lines"].map(len) > 0]


def _log_values(tb: pd.DataFrame, metric: Metric) -> bool:
    values = tb["value"].astype(float)
    return not metric.rate and values.min() > 0 and values.max() / values.min() > LOG_SPREAD


def series_chart(p: PlaceProfile, lang: str) -> list[html.Component]:
    """The line chart over the years, or a note saying why there is none."""
    if p.metric.source == "clusters":
        return [html.P(t("pn_cluster_metric_note", lang), className="muted")]
    if p.series.empty:
        return [html.P(t("pn_no_series", lang), className="muted")]
    tb = series_frame(p, lang)
    log = _log_values(tb, p.metric)
    key = "pn_over_years" if p.district is not None else "pn_over_years_fd"
    subtitle = p.metric.unit(lang) + (f" · {t('pn_log_scale', lang)}" if log else "")
    figure = place_lines_figure(
        tb,
        title=p.metric.label(lang),
        subtitle=f"{t(key, lang).format(place=name_of(p.place, lang))} · {subtitle}",
        caption=sources_caption(series_docs(p), p.dataset, lang),
        lang=lang,
        value_title="",
        log_values=log,
    )
    notes = [t("pn_stored_rows", lang)]
    years = sorted(tb["year"].dropna().astype(int).unique())
    if len(years) == 1:
        notes.insert(0, t("pn_one_year", lang).format(year=years[0]))
    return [graph(figure, "profile-chart"), html.P(" ".join(notes), className="muted")]


# --- clusters and sources --------------------------------------------------------------------


def _label(prefix: str, key: object, lang: str) -> str:
    name = f"{prefix}{key or 'unstated'}"
    return t(name, lang) if name in STRINGS else str(key)


def _cite(file: object, line: object) -> str:
    return "" if _missing(file) else f"{file}" + ("" if _missing(line) else f":{int(line)}")


def _joined(items: list[html.Component]) -> list[html.Component | str]:
    """Items with ', ' between them."""
    return [part for i, item in enumerate(items) for part in ([", "] if i else []) + [item]]


def cluster_item(row: pd.Series, lang: str, show_subject: bool) -> html.Li:
    """One cluster: name; type · status (year) · participants (year) · specialisation; lines."""
    status = _label("cl_status_", row["status"], lang)
    if not _missing(row["status_year"]) and row["status"]:
        status += f" ({int(row['status_year'])})"
    facts = [_label("cl_type_", row["type"], lang), status]
    if not _missing(row.get("participants")):
        count = t("pn_participants", lang).format(n=fmt_number(row["participants"], lang))
        year = row.get("participants_year")
        facts.append(count + ("" if _missing(year) else f" ({int(year)})"))
    spec = row["specialisation_ru" if lang == "ru" else "specialisation_en"]
    if isinstance(spec, str) and spec:
        facts.append(spec)
    if show_subject and isinstance(row.get("region_ru"), str):
        name = row["region_ru" if lang == "ru" else "region_en"]
        facts.append(t("pn_in_subject", lang).format(name=name))
    cites = dict.fromkeys(
        c
        for c in (
            _cite(row["source_file"], row["source_line"]),
            _cite(row.get("participants_file"), row.get("participants_line")),
        )
        if c
    )
    name = row["name_ru"] if lang == "ru" else (row["name_en"] or row["name_ru"])
    return html.Li(
        className="profile-cluster",
        children=[
            html.Div(name, className="strong"),
            html.Div(" · ".join(facts), className="muted"),
            html.Div(
                [
                    html.Span(f"{t('source', lang)}: ", className="muted"),
                    *_joined([html.Code(c, className="source-line pn-code") for c in cites]),
                ],
            ),
        ],
    )


def clusters_block(p: PlaceProfile, lang: str) -> list[html.Component]:
    heading = html.H3(t("pn_clusters_n", lang).format(n=len(p.clusters)), className="pn-h3")
    if p.clusters.empty:
        return [heading, html.P(t("pn_no_clusters", lang), className="muted")]
    items = [cluster_item(row, lang, p.level == "fd") for _, row in p.clusters.iterrows()]
    if len(items) <= CLUSTERS_SHOWN + 1:
        return [heading, html.Ul(items, className="plain-list", id="profile-clusters")]
    more = t("pn_more_clusters", lang).format(n=len(items) - CLUSTERS_SHOWN)
    return [
        heading,
        html.Ul(items[:CLUSTERS_SHOWN], className="plain-list", id="profile-clusters"),
        html.Details([html.Summary(more), html.Ul(items[CLUSTERS_SHOWN:], className="plain-list")]),
    ]


def sources_block(p: PlaceProfile, lang: str) -> list[html.Component]:
    """Every document the panel cites, with its lines; the dataset when it was imported."""
    items = [
        html.Li(
            [
                html.Span(document_label(row, lang)),
                html.Br(),
                html.Code(
                    f"{row['source_file']}, {t('pn_lines', lang)} "
                    + ", ".join(str(n) for n in row["lines"]),
                    className="pn-code",
                ),
            ]
        )
        for _, row in p.docs.iterrows()
    ]
    if p.dataset.get("kind") not in (None, "published"):
        caption = sources_caption(p.docs.iloc[0:0], p.dataset, lang)
        items.append(html.Li(caption))
    return [
        html.H3(t("pn_sources_all", lang), className="pn-h3"),
        html.Ul(items, className="plain-list pn-sources", id="profile-sources"),
    ]


# --- the panel ------------------------------------------------------------------------------


def header(p: PlaceProfile, lang: str) -> html.Div:
    """The place's full name, and for a subject its district."""
    under = (
        [
            html.Div(
                t("pn_district_of", lang).format(fd=name_of(p.district, lang)), className="muted"
            )
        ]
        if p.district is not None
        else []
    )
    return html.Div(
        [html.H2(name_of(p.place, lang, short=False), className="pn-h2", id="profile-name"), *under]
    )


def profile_panel(p: PlaceProfile | None, lang: str) -> list[html.Component]:
    """The profile tab for a place, or the invitation to click one."""
    if p is None:
        return placeholder(lang)
    banner = (
        [html.Div(t("synthetic_banner", lang), className="banner synthetic")]
        if p.dataset.get("synthetic")
        else []
    )
    return [
        header(p, lang),
        *banner,
        *tiles(p, lang),
        *series_chart(p, lang),
        *clusters_block(p, lang),
        *sources_block(p, lang),
    ]
