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
    total = len(tb)
    label = metric.label(lang).lower() if ru else metric.label(lang)
    when = f" ({year})" if year else ""
    if have.empty:
        return [
            (
                "Нет опубликованных данных для этого вида."
                if ru
                else "No published data for this view."
            )
        ]
    out = [
        (
            f"{label.capitalize()}{when}: данные есть для {len(have)} из {total}."
            if ru
            else f"{label}{when}: data for {len(have)} of {total}."
        )
    ]
    out.append(
        ("Наибольшие значения: " if ru else "Highest: ")
        + _listing(have.head(_TOP), metric, lang)
        + "."
    )
    if len(have) > _TOP:  # the bottom list never repeats a place of the top list
        bottom = have.tail(min(_TOP, len(have) - _TOP)).iloc[::-1]
        out.append(
            ("Наименьшие значения: " if ru else "Lowest: ") + _listing(bottom, metric, lang) + "."
        )
    if level == "region" and "fd" in have and len(have) > 1:
        leaders = have.groupby("fd", sort=True).head(1)
        if len(leaders) > 1:
            out.append(
                ("Лидеры федеральных округов: " if ru else "District leaders: ")
                + _listing(leaders, metric, lang)
                + "."
            )
    if previous is not None:
        both = (
            tb[["geo", "value"]]
            .merge(previous[["geo", "value"]], on="geo", suffixes=("", "_prev"))
            .dropna()
        )
        up = int((both["value"] > both["value_prev"]).sum())
        down = int((both["value"] < both["value_prev"]).sum())
        out.append(
            f"По сравнению с предыдущим годом: рост в {up}, снижение в {down}."
            if ru
            else f"Since the previous year: up in {up}, down in {down}."
        )
    return out


def summary_block(sentences: list[str], lang: str) -> list[html.Component]:
    return [
        html.H2(t("map_alt", lang), className="visually-hidden"),
        *[html.P(s) for s in sentences],
    ]
