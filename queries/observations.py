"""Values of an `observations` metric for every place of a level, with numerators and sources."""

from __future__ import annotations

from collections.abc import Sequence

import duckdb
import pandas as pd

from queries.metrics import Level, Metric
from queries.places import places
from queries.provenance import Result, citations_of

ALL_INDUSTRIES = "all"
# What a cluster metric reports as its dataset: the directory, never synthetic.
CLUSTERS_DATASET = {"dataset_id": "clusters", "synthetic": False}
SMALL_BASE = 30  # organisations at the start of the year below which a rate is unstable

# Several industries: counts are summed; a rate is the ratio of the summed numerators and
# denominators (never a mean of rates); a share of all organisations keeps its one
# denominator (`Metric.shared_denominator`). An organisation in two of the chosen industries
# is counted in each; 'all' counts it once.
_VALUES_SQL = """
SELECT geo,{year_column}
       CASE WHEN count(*) = 1 THEN any_value(value)
            WHEN ? THEN 100.0 * sum(numerator) / nullif({denominator}, 0)
            ELSE sum(value) END AS value,
       sum(numerator) AS numerator, {denominator} AS denominator,
       CASE WHEN ? AND {denominator} < ? THEN 'small_base'
            WHEN count(*) = 1 THEN any_value(flag) END AS flag,
       min(source_file) AS source_file,
       CASE WHEN count(*) = 1 THEN any_value(source_line) END AS source_line,
       count(*) AS parts
FROM observations
WHERE dataset_id = ? AND metric = ? AND level = ?{year_filter}
  AND industry IN (SELECT unnest(?))
GROUP BY geo{year_group}
"""


def _values_query(
    metric: Metric,
    level: Level,
    dataset: str,
    industries: str | Sequence[str],
    year: int | None = None,
) -> tuple[str, list[object]]:
    """The SQL and parameters of a metric's values per place: one year, or every year
    (then with a ``year`` column) when `year` is None."""
    every_year = year is None
    sql = _VALUES_SQL.format(
        year_column=" year," if every_year else "",
        year_filter="" if every_year else " AND year = ?",
        year_group=", year" if every_year else "",
        denominator="max(denominator)" if metric.shared_denominator else "sum(denominator)",
    )
    params: list[object] = [metric.rate, metric.rate, SMALL_BASE, dataset, metric.id, level]
    params += [] if every_year else [year]
    return sql, [*params, _industry_list(industries)]


def dataset_info(cur: duckdb.DuckDBPyConnection, dataset: str) -> dict[str, object]:
    row = cur.execute(
        "SELECT dataset_id, kind, synthetic, label_ru, label_en, origin, file_name, sha256 "
        "FROM datasets WHERE dataset_id = ?",
        [dataset],
    ).fetchone()
    if row is None:
        raise KeyError(f"unknown dataset {dataset!r}")
    keys = (
        "dataset_id",
        "kind",
        "synthetic",
        "label_ru",
        "label_en",
        "origin",
        "file_name",
        "sha256",
    )
    return dict(zip(keys, row, strict=True))


def dataset_of(cur: duckdb.DuckDBPyConnection, metric: Metric, dataset: str) -> dict[str, object]:
    """The dataset facts behind a metric's values: `dataset`'s, or the cluster directory's."""
    if metric.source == "clusters":
        return dict(CLUSTERS_DATASET)
    return dataset_info(cur, dataset)


def _industry_list(industries: str | Sequence[str]) -> list[str]:
    if isinstance(industries, str):
        return [industries]
    return list(industries) or [ALL_INDUSTRIES]


def observation_values(
    cur: duckdb.DuckDBPyConnection,
    metric: Metric,
    level: Level,
    dataset: str,
    year: int,
    industries: str | Sequence[str] = ALL_INDUSTRIES,
) -> Result:
    """One row per place of the level; value NaN where the dataset publishes nothing."""
    found = cur.execute(*_values_query(metric, level, dataset, industries, year)).df()
    tb = places(cur, level).merge(found, on="geo", how="left")
    info = dataset_info(cur, dataset)
    return Result(tb, citations_of(tb), dataset, bool(info["synthetic"]))


def observation_series(
    cur: duckdb.DuckDBPyConnection,
    metric: Metric,
    level: Level,
    dataset: str,
    industries: str | Sequence[str] = ALL_INDUSTRIES,
) -> pd.DataFrame:
    """All years of a metric at a level (geo, year, value, numerator, denominator, source)."""
    return cur.execute(*_values_query(metric, level, dataset, industries)).df()


def national_value(
    cur: duckdb.DuckDBPyConnection, metric: Metric, dataset: str, year: int
) -> pd.DataFrame:
    return cur.execute(
        "SELECT value, numerator, denominator, source_file, source_line FROM observations "
        "WHERE dataset_id = ? AND metric = ? AND level = 'country' AND year = ? "
        "AND industry = 'all'",
        [dataset, metric.id, year],
    ).df()
