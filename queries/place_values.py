"""One view's numbers per place as arrays, each value with its source (the renderer's input).

Both ways to a view end here: the per-version cubes (`queries.cube`, the filter-change hot
path) and a DuckDB query's frame (`from_frame`: exports, the embed page, cluster metrics).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from queries.provenance import Citation, Result, cite_list


@dataclass(frozen=True)
class Places:
    """The places of a level in the map's fixed order, with their names and districts."""

    geo: tuple[str, ...]
    short_ru: tuple[str, ...]
    short_en: tuple[str, ...]
    fd: tuple[str, ...]

    def names(self, lang: str) -> tuple[str, ...]:
        return self.short_ru if lang == "ru" else self.short_en

    @classmethod
    def of_frame(cls, tb: pd.DataFrame) -> Places:
        return cls(*(tuple(tb[c].tolist()) for c in ("geo", "short_ru", "short_en", "fd")))


@dataclass(frozen=True)
class PlaceValues:
    """Values (NaN = nothing published), numerators, denominators, flags and sources."""

    places: Places
    value: np.ndarray
    numerator: np.ndarray
    denominator: np.ndarray
    flags: tuple[str | None, ...]
    sources: tuple[str, ...]  # the hover's source text of each place ("" = none)
    citations: tuple[Citation, ...]  # every distinct citation, for the caption


def _missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def source_text(row: dict) -> str:
    """The citation(s) behind one place's value: `file:line`, or the first two and a count."""
    citations = row.get("citations")
    if citations is not None and not isinstance(citations, float) and len(citations):
        return cite_list(sorted(citations), limit=2)
    if isinstance(row.get("source_file"), str):
        line = row.get("source_line")
        return row["source_file"] + (f":{int(line)}" if not _missing(line) else "")
    return ""


def _column(tb: pd.DataFrame, name: str) -> np.ndarray:
    if name not in tb:
        return np.full(len(tb), np.nan)
    return pd.to_numeric(tb[name], errors="coerce").to_numpy(dtype=float, na_value=np.nan)


def from_frame(result: Result) -> PlaceValues:
    """A query's frame (one row per place, as `observation_values`/`cluster_values` give)."""
    tb = result.tb
    rows = tb.to_dict("records")
    flags = tuple(r.get("flag") if isinstance(r.get("flag"), str) else None for r in rows)
    return PlaceValues(
        Places.of_frame(tb),
        _column(tb, "value"),
        _column(tb, "numerator"),
        _column(tb, "denominator"),
        flags,
        tuple(source_text(r) for r in rows),
        result.citations,
    )
