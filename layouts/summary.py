"""The generated text under the map: leaders, laggards, district leaders, change since last year.

It doubles as the map's text alternative for screen readers, so it names places and values.
"""

from __future__ import annotations

import pandas as pd
from dash import html

from layouts.i18n import decimals_of, fmt_number, t
from queries.metrics import Metric

_TOP = 5


def _name(row: dict, lang: str) -> str:
    return row["short_ru"] if lang == "ru" else row["short_en"]


def _listing(rows: pd.DataFrame, metric: Metric, lang: str) -> str:
    digits = decimals_of(metric.number_format)
    return ", ".join(
        f"{_name(r, lang)} ({fmt_number(r['value'], lang, digits)})"
        for r in rows.to_dict("records")
    )


def _extremes(have: pd.DataFrame, metric: Metric, lang: str) -> list[str]:
    """The highest values, then the lowest (never repeating a place of the top list)."""
    ru = lang == "ru"
    out = [
        ("Наибольшие значения: " if ru else "Highest: ")
        + _listing(have.head(_TOP), metric, lang)
        + "."
    ]
    if len(have) > _TOP:
        bottom = have.tail(min(_TOP, len(have) - _TOP)).iloc[::-1]
        out.append(
            ("Наименьшие значения: " if ru else "Lowest: ") + _listing(bottom, metric, lang) + "."
        )
    return out


def _district_leaders(have: pd.DataFrame, metric: Metric, level: str, lang: str) -> list[str]:
    """The top subject of each district, when there are subjects of several districts."""
    if level != "region" or "fd" not in have or len(have) < 2:
        return []
    leaders = have.groupby("fd", sort=True).head(1)
    if len(leaders) < 2:
        return []
    lead = "Лидеры федеральных округов: " if lang == "ru" else "District leaders: "
    return [lead + _listing(leaders, metric, lang) + "."]


def _change(tb: pd.DataFrame, previous: pd.DataFrame | None, lang: str) -> list[str]:
    """How many places rose and fell since the previous year (none without one)."""
    if previous is None:
        return []
    both = (
        tb[["geo", "value"]]
        .merge(previous[["geo", "value"]], on="geo", suffixes=("", "_prev"))
        .dropna()
    )
    up = int((both["value"] > both["value_prev"]).sum())
    down = int((both["value"] < both["value_prev"]).sum())
    if lang == "ru":
        return [f"По сравнению с предыдущим годом: рост в {up}, снижение в {down}."]
    return [f"Since the previous year: up in {up}, down in {down}."]


def summary_sentences(
    tb: pd.DataFrame,
    previous: pd.DataFrame | None,
    metric: Metric,
    level: str,
    lang: str,
    year: int | None,
) -> list[str]:
    """Plain sentences describing the map (pure; tested without a browser)."""
    ru = lang == "ru"
    have = tb[tb["value"].notna()].sort_values("value", ascending=False)
    if have.empty:
        return [
            "Нет опубликованных данных для этого вида."
            if ru
            else "No published data for this view."
        ]
    label = metric.label(lang).lower() if ru else metric.label(lang)
    when = f" ({year})" if year else ""
    headline = (
        f"{label.capitalize()}{when}: данные есть для {len(have)} из {len(tb)}."
        if ru
        else f"{label}{when}: data for {len(have)} of {len(tb)}."
    )
    return [
        headline,
        *_extremes(have, metric, lang),
        *_district_leaders(have, metric, level, lang),
        *_change(tb, previous, lang),
    ]


def summary_block(sentences: list[str], lang: str) -> list[html.Component]:
    return [
        html.H2(t("map_alt", lang), className="visually-hidden"),
        *[html.P(s) for s in sentences],
    ]
