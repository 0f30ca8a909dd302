"""A query result + the viewer's choices → the MapView the figure engine draws."""

from __future__ import annotations

import math

import pandas as pd

from layouts.figures import MapView
from layouts.i18n import decimals_of, fmt_number, t
from queries.classify import Method, classify
from queries.metrics import Level, Metric
from queries.provenance import Result, cite_list


def _is_missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def _ranks(values: pd.Series) -> pd.Series:
    return values.rank(ascending=False, method="min")


def _source_text(row: dict) -> str:
    """The citation(s) behind one place's value: `file:line`, or the first two and a count."""
    citations = row.get("citations")
    if citations is not None and not isinstance(citations, float) and len(citations):
        return cite_list(sorted(citations), limit=2)
    if isinstance(row.get("source_file"), str):
        line = row.get("source_line")
        return row["source_file"] + (f":{int(line)}" if not _is_missing(line) else "")
    return ""


def _hover_line(
    row: dict, metric: Metric, lang: str, rank: float, n_ranked: int, class_label: str | None
) -> str:
    name = row["short_ru"] if lang == "ru" else row["short_en"]
    if _is_missing(row["value"]):
        empty = "no_cluster" if metric.source == "clusters" else "no_data"
        return f"<b>{name}</b><br>{t(empty, lang)}"
    digits = decimals_of(metric.number_format)
    lines = [
        f"<b>{name}</b>",
        f"{metric.label(lang)}: {fmt_number(row['value'], lang, digits)} {metric.unit(lang)}",
    ]
    if not _is_missing(row.get("numerator")) and not _is_missing(row.get("denominator")):
        lines.append(
            f"= {fmt_number(row['numerator'], lang)} / {fmt_number(row['denominator'], lang)}"
        )
    if row.get("flag") == "small_base":
        lines.append("⚠ " + t("small_base", lang))
    elif row.get("flag") == "partial":
        lines.append("⚠ " + t("partial", lang))
    if class_label:
        lines.append(f"{t('class', lang)}: {class_label}")
    lines.append(f"{t('rank', lang)}: {int(rank)} {t('of', lang)} {n_ranked}")
    source = _source_text(row)
    if source:
        lines.append(f"{t('source', lang)}: {source}")
    return "<br>".join(lines)


def map_view(
    result: Result,
    metric: Metric,
    level: Level,
    lang: str,
    method: Method,
    geojson_url: str,
    title: str,
    caption: str,
    *,
    fixed_edges: list[float] | None = None,
    selected: str | None = None,
) -> MapView:
    """Classes, legend counts and hover text for every place of the result."""
    tb = result.tb
    if method == "hse" and metric.classification is None:
        method = "jenks"
    if method == "quantile" and fixed_edges is None and metric.number_format.endswith(".0f"):
        method = "jenks"  # counts with many ties make empty quantile classes
    bins = classify(
        tb["value"].tolist(), method, k=5, published=metric.classification, fixed_edges=fixed_edges
    )
    ranks = _ranks(tb["value"])
    n_ranked = int(tb["value"].notna().sum())
    labels = bins.labels(lang)
    hover = [
        _hover_line(
            row,
            metric,
            lang,
            ranks.iloc[i],
            n_ranked,
            None if bins.index[i] is None or method != "hse" else labels[bins.index[i]],
        )
        for i, row in enumerate(tb.to_dict("records"))
    ]
    return MapView(
        geojson_url=geojson_url,
        locations=tb["geo"].tolist(),
        names=(tb["short_ru"] if lang == "ru" else tb["short_en"]).tolist(),
        class_index=list(bins.index),
        class_labels=list(labels),
        class_counts=list(bins.counts),
        colorscale=metric.colorscale,
        hover=hover,
        title=title,
        caption=caption,
        legend_title=f"{metric.unit(lang)}<br><sub>{t('method_' + bins.method, lang)}</sub>",
        no_data_label=t("no_cluster" if metric.source == "clusters" else "no_data", lang),
        selected=selected,
    )
