"""Cluster fields → the words the cluster explorer shows: names, figures, statuses, links.

The directory table, the profile and the summaries all write a cluster the same way
through these functions.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import pandas as pd

from atlas.vocabulary import STATUSES, TYPES, UNSTATED
from layouts.i18n import STRINGS, fmt_number, t

PAGE_PATH = "/clusters"


def is_missing(value: object) -> bool:
    """None, NaN and pandas' NA: a figure the sources do not give."""
    return value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA


def name_of(row: pd.Series | dict, lang: str) -> str:
    return row["name_ru"] if lang == "ru" else row["name_en"]


def page_href(lang: str, cluster: str | None = None) -> str:
    """`/clusters?cluster=<id>&lang=en` (the language only when it is not Russian).

    Examples
    --------
    >>> page_href("ru"), page_href("en", "kgd-amber")
    ('/clusters', '/clusters?cluster=kgd-amber&lang=en')
    """
    params = ([f"cluster={cluster}"] if cluster else []) + (["lang=en"] if lang == "en" else [])
    return PAGE_PATH + ("?" + "&".join(params) if params else "")


def pick_id(cluster_id: str, where: str) -> dict[str, str]:
    """The id of a button that opens a cluster's profile (one per place it is shown)."""
    return {"type": "cl-pick", "cluster": cluster_id, "at": where}


def cite_line(row: pd.Series | dict) -> str:
    """`file:line` of a row's first mention."""
    return f"{row['source_file']}:{int(row['source_line'])}"


def _label(prefix: str, key: str, lang: str) -> str:
    """The interface string `<prefix><key>`, or `key` in plain words when there is none."""
    name = f"{prefix}{key}"
    return t(name, lang) if name in STRINGS else key.replace("_", " ")


def figure_text(value: object, unit: object, qualifier: object, lang: str) -> str:
    """'> 120', '55 млрд руб.', '≈ 50 RUB bn', or '—' when the sources give nothing.

    Examples
    --------
    >>> figure_text(120.0, "count", ">", "ru"), figure_text(3.5, "rub_bn", "", "en")
    ('> 120', '3.5 RUB bn')
    """
    if is_missing(value):
        return "—"
    unit = "" if is_missing(unit) else str(unit)
    digits = 0 if float(value).is_integer() else 1
    number = str(int(value)) if unit == "year" else fmt_number(value, lang, digits)
    label = _label("cl_unit_", unit, lang) if unit else ""
    mark = "" if is_missing(qualifier) or not qualifier else f"{qualifier} "
    return f"{mark}{number}" + (f" {label}" if label else "")


def metric_label(metric: str, lang: str) -> str:
    """The label of a cluster figure; an unlisted metric reads as its snake_case words."""
    label = _label("cl_metric_", metric, lang)
    return label[:1].upper() + label[1:]


def status_text(status: str, year: object, lang: str) -> str:
    text = t(f"cl_status_{status}", lang)
    return text + (f" ({int(year)})" if not is_missing(year) and status != UNSTATED else "")


def subjects_text(codes: Sequence[str], names: Sequence[str], lang: str) -> str:
    """The main subject marked as such, then the others; '' for a cluster outside them."""
    if len(codes) <= 1:
        return names[0] if names else ""
    return f"{names[0]} ({t('cl_main', lang)}); " + "; ".join(names[1:])


def type_options(lang: str) -> list[dict[str, str]]:
    return [{"label": t(f"cl_type_{k}", lang), "value": k} for k in TYPES]


def status_options(lang: str) -> list[dict[str, str]]:
    return [{"label": t(f"cl_status_{k}", lang), "value": k} for k in STATUSES]
