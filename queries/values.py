"""The registry's dispatch: a metric id → the query that produces its values for a map."""

from __future__ import annotations

import duckdb

from queries.clusters import cluster_values
from queries.metrics import Level, get_metric
from queries.observations import observation_values
from queries.provenance import Result


def metric_values(
    cur: duckdb.DuckDBPyConnection,
    metric_id: str,
    level: Level,
    *,
    dataset: str,
    year: int,
    industry: str = "all",
) -> Result:
    """Values of one metric for every place of a level (NaN = nothing published)."""
    metric = get_metric(metric_id)
    if metric.source == "clusters":
        return cluster_values(cur, metric, level)
    return observation_values(cur, metric, level, dataset, year, industry)
