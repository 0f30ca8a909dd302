"""A query result + the viewer's choices → the MapView the figure engine draws."""

from __future__ import annotations

import math

import pandas as pd

from layouts.figures import Hover, MapView
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


def _details(row: dict, lang: str, class_label: str | None) -> str:
    """The optional hover lines of one place: numerator/denominator, base warning, class."""
    lines = []
    if not _is_missing(row.get("numerator")) and not _is_missing(row.get("denominator")):
        lines.append(
            f"= {fmt_number(row['numerator'], lang)} / {fmt_number(row['denominator'], lang)}"
        )
    if row.get("flag") in ("small_base", "partial"):
        lines.append("⚠ " + t(row["flag"], lang))
    if class_label:
        lines.append(f"{t('class', lang)}: {class_label}")
    return "".join("<br>" + line for line in lines)


def _common_file(sources: list[str]) -> str:
    """`file:` when every source cites lines of the same file (then only the lines travel)."""
    files = {s.split(":", 1)[0] for s in sources if ":" in s}
    if len(files) != 1 or any(":" not in s for s in sources):
        return ""
    prefix = files.pop() + ":"
    return prefix if "%" not in prefix else ""  # `%{` would be read as a template field


def _hover(
    tb: pd.DataFrame,
    metric: Metric,
    lang: str,
    class_labels: list[str | None],
) -> Hover:
    """Each place's fields (value, details, rank, source) and the template that shows them."""
    rows = tb.to_dict("records")
    ranks = _ranks(tb["value"])
    n_ranked = int(tb["value"].notna().sum())
    digits = decimals_of(metric.number_format)
    sources = {i: _source_text(row) for i, row in enumerate(rows) if not _is_missing(row["value"])}
    cited = all(sources.values())
    prefix = _common_file(list(sources.values())) if cited else ""
    fields: list[tuple[object, ...] | None] = []
    for i, row in enumerate(rows):
        if i not in sources:  # nothing published for this place
            fields.append(None)
            continue
        source = sources[i]
        if cited:
            source = source[len(prefix) :]
        elif source:
            source = f"<br>{t('source', lang)}: {source}"
        value = fmt_number(row["value"], lang, digits)
        fields.append((value, _details(row, lang, class_labels[i]), int(ranks.iloc[i]), source))
    source_line = f"<br>{t('source', lang)}: {prefix}%{{customdata[3]}}"
    template = (
        f"{metric.label(lang)}: %{{customdata[0]}} {metric.unit(lang)}%{{customdata[1]}}"
        f"<br>{t('rank', lang)}: %{{customdata[2]}} {t('of', lang)} {n_ranked}"
        + (source_line if cited else "%{customdata[3]}")
    )
    return Hover(template, fields)


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
    labels = bins.labels(lang)
    class_labels = [None if c is None or method != "hse" else labels[c] for c in bins.index]
    hover = _hover(tb, metric, lang, class_labels)
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
