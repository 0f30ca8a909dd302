"""A comparison (queries.profile.Comparison) → the compare tab: one line per subject, sources.

Each subject keeps its colour-blind-safe colour in the order it was picked. Subjects the
dataset publishes nothing for are named under the chart, never drawn as zero. The values
are also given as a table (in a collapsible block) for reading without the chart.
"""

from __future__ import annotations

import pandas as pd
from dash import html

from layouts.charts import compare_lines_figure, graph, ranked_bar_figure, sources_caption
from layouts.figures import class_colours
from layouts.i18n import decimals_of, fmt_number, t
from layouts.profile import value_text
from queries.profile import Comparison


def _names(c: Comparison, lang: str) -> dict[str, str]:
    column = "short_ru" if lang == "ru" else "short_en"
    return dict(zip(c.names["geo"], c.names[column], strict=True))


def _source(row: pd.Series) -> str:
    if not isinstance(row.get("source_file"), str):
        return ""
    line = row.get("source_line")
    return row["source_file"] + (f":{int(line)}" if pd.notna(line) else "")


def line_frame(c: Comparison, lang: str) -> pd.DataFrame:
    """Rows for `compare_lines_figure`: name, year, value, hover; subjects in picking order."""
    names = _names(c, lang)
    tb = c.series[c.series["geo"].isin(names)]
    order = {g: i for i, g in enumerate(names)}
    tb = tb.assign(_order=tb["geo"].map(order)).sort_values(["_order", "year"])
    hover = [
        f"<b>{names[row['geo']]}</b>: {value_text(row['value'], c.metric, lang)}"
        + (f"<br>   {t('source', lang)}: {_source(row)}" if _source(row) else "")
        for _, row in tb.iterrows()
    ]
    return pd.DataFrame(
        {
            "name": tb["geo"].map(names).to_numpy(),
            "year": tb["year"].to_numpy(),
            "value": tb["value"].astype(float).to_numpy(),
            "hover": hover,
        }
    )


def _bars(c: Comparison, lang: str) -> html.Component:
    """A cluster metric has no years: the subjects side by side as sorted bars."""
    names = _names(c, lang)
    tb = c.series[c.series["geo"].isin(names)].sort_values("value", ascending=False)
    label = c.metric.label(lang)
    frame = pd.DataFrame(
        {
            "name": tb["geo"].map(names).to_numpy(),
            "value": tb["value"].astype(float).to_numpy(),
            "label": [fmt_number(v, lang) for v in tb["value"]],
            "hover": [
                f"<b>{names[g]}</b>: {value_text(v, c.metric, lang)}"
                for g, v in zip(tb["geo"], tb["value"], strict=True)
            ],
            "group": label,
        }
    )
    figure = ranked_bar_figure(
        frame,
        title=label,
        subtitle=c.metric.unit(lang),
        caption=sources_caption(c.docs, c.dataset, lang),
        lang=lang,
        colours={label: class_colours(c.metric.colorscale, 1)[0]},
    )
    return graph(figure, "compare-chart")


def values_table(c: Comparison, lang: str) -> html.Details:
    """The plotted values as a table: subjects down, years across."""
    names = _names(c, lang)
    digits = decimals_of(c.metric.number_format)
    tb = c.series[c.series["geo"].isin(names)]
    years = sorted(int(y) for y in tb["year"].dropna().unique())
    values = {(r["geo"], int(r["year"])): r["value"] for _, r in tb.iterrows()}
    head = html.Tr([html.Th("")] + [html.Th(str(y)) for y in years])
    body = [
        html.Tr(
            [html.Th(name, className="pn-row-name")]
            + [html.Td(fmt_number(values.get((geo, y)), lang, digits)) for y in years]
        )
        for geo, name in names.items()
    ]
    table = html.Table(
        [html.Thead(head), html.Tbody(body)],
        className="pn-values",
    )
    summary = f"{t('pn_values_table', lang)} ({c.metric.label(lang)}, {c.metric.unit(lang)})"
    return html.Details(
        [html.Summary(summary), html.Div(table, className="pn-scroll-x")],
        className="pn-values-details",
    )


def compare_panel(c: Comparison, lang: str) -> list[html.Component]:
    """The compare tab for the picked subjects, or the invitation to pick some."""
    names = _names(c, lang)
    if not names:
        return [html.P(t("pn_compare_empty", lang), className="muted")]
    banner = (
        [html.Div(t("synthetic_banner", lang), className="banner synthetic")]
        if c.dataset.get("synthetic")
        else []
    )
    absent = [n for g, n in names.items() if g not in set(c.series["geo"])]
    notes = (
        [
            html.P(
                t("pn_compare_no_data", lang).format(names=", ".join(absent)),
                className="muted",
                id="compare-no-data",
            )
        ]
        if absent
        else []
    )
    if c.series.empty:
        return [*banner, *notes]
    if c.metric.source == "clusters":
        return [
            *banner,
            _bars(c, lang),
            html.P(t("pn_compare_clusters", lang), className="muted"),
            *notes,
        ]
    figure = compare_lines_figure(
        line_frame(c, lang),
        title=c.metric.label(lang),
        subtitle=f"{t('pn_compare_title', lang)} · {c.metric.unit(lang)}",
        caption=sources_caption(c.docs, c.dataset, lang),
        lang=lang,
        value_title="",
    )
    return [*banner, graph(figure, "compare-chart"), *notes, values_table(c, lang)]
