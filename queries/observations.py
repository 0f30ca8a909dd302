"""Values of an `observations` metric for every place of a level, with numerators and sources."""

from __future__ import annotations

import duckdb
import pandas as pd

from queries.metrics import Level, Metric
from queries.places import places
from queries.provenance import Result, citations_of

_ANY_INDUSTRY = "all"


def dataset_info(cur: duckdb.DuckDBPyConnection, dataset: str) -> dict[str, object]:
    row = cur.execute(
        "SELECT dataset_id, kind, synthetic, label_ru, label_en, origin, file_name, sha256 "
        "FROM datasets WHERE dataset_id = ?",
        [dataset],
    ).fetchone()
    if row is None:
        raise KeyError(f"unknown dataset {dataset!r}")
    keys = ("dataset_id", "kind", "synthetic", "label_ru", "label_en", "origin", "file_name",
            "sha256")  # fmt: skip
    return dict(zip(keys, row, strict=True))


def observation_values(
    cur: duckdb.DuckDBPyConnection,
    metric: Metric,
    level: Level,
    dataset: str,
    year: int,
    industry: str = _ANY_INDUSTRY,
) -> Result:
    """One row per place of the level; value NaN where the dataset publishes nothing."""
    found = cur.execute(
        "SELECT geo, value, numerator, denominator, flag, source_file, source_line "
        "FROM observations WHERE dataset_id = ? AND metric = ? AND level = ? AND year = ? "
        "AND industry = ?",
        [dataset, metric.id, level, year, industry],
    ).df()
    tb = places(cur, level).merge(found, on="geo", how="left")
    info = dataset_info(cur, dataset)
    return Result(tb, citations_of(tb), dataset, bool(info["synthetic"]))


def national_value(
    cur: duckdb.DuckDBPyConnection, metric: Metric, dataset: str, year: int
) -> pd.DataFrame:
    return cur.execute(
        "SELECT value, numerator, denominator, source_file, source_line FROM observations "
        "WHERE dataset_id = ? AND metric = ? AND level = 'country' AND year = ? "
        "AND industry = 'all'",
        [dataset, metric.id, year],
    ).df()
