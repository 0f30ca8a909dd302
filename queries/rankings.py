"""A view (metric, level, year, industries) → its places ranked, and district subtotals.

Subtotals are computed from the subjects as ratios of sums: a count is the sum of the
subjects' counts, a rate is 100 · Σ numerators / Σ denominators (never a mean of rates).
A district gets a computed subtotal only when every one of its subjects has the figure
(and, for a rate, its numerator and denominator); otherwise its status is ``incomplete``.
Beside it stands the district's stored row (level ``fd``) where the dataset has one, so the
table can say which is which. Cluster counts are not additive (a cluster spanning two
subjects would count twice), so a district's cluster figure is the stored per-district
count of distinct clusters (`queries.clusters.cluster_values` at level ``fd``).
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
import numpy as np
import pandas as pd

from atlas.viewstate import ViewState
from queries.clusters import cluster_values
from queries.documents import documents
from queries.metrics import Level, Metric, get_metric
from queries.observations import dataset_of, observation_series, observation_values
from queries.places import places
from queries.provenance import Citation, Result, citations_of

COMPLETE, INCOMPLETE = "complete", "incomplete"
RATIO_OF_SUMS, SUM, DISTINCT_CLUSTERS = "ratio_of_sums", "sum", "distinct_clusters"


@dataclass(frozen=True)
class Rankings:
    """The ranked places of a view, those without a value, and district subtotals."""

    metric: Metric
    level: Level
    year: int | None
    tb: pd.DataFrame  # rank, geo, names, fd (+ names), value, parts, flag, class_key, source
    missing: pd.DataFrame  # places of the level without a value (geo and names)
    subtotals: pd.DataFrame  # one row per district at subject level; empty at district level
    country: pd.Series | None  # Russia's stored row for the year, if the dataset has one
    dataset: dict[str, object]
    citations: tuple[Citation, ...]
    docs: pd.DataFrame


def _source(row: pd.Series) -> str:
    """`file:line` of a row; a cluster count names its first cluster's line (+ how many more)."""
    listed = row.get("citations")
    if isinstance(listed, list | tuple | np.ndarray) and len(listed):
        items = sorted(str(c) for c in listed)
        return items[0] + (f" (+{len(items) - 1})" if len(items) > 1 else "")
    if not isinstance(row.get("source_file"), str):
        return ""
    line = row.get("source_line")
    return row["source_file"] + (f":{int(line)}" if pd.notna(line) else "")


def ranked(tb: pd.DataFrame, metric: Metric) -> pd.DataFrame:
    """The rows with a value, highest first, with `rank` (ties share the best), `class_key`
    (the published class, if the metric has a classification) and `source`.

    Examples
    --------
    >>> from queries.metrics import get_metric
    >>> tb = pd.DataFrame({"geo": ["a", "b", "c", "d"], "value": [5.0, None, 12.0, 5.0],
    ...                    "source_file": "f.txt", "source_line": [1, 2, 3, 4]})
    >>> ranked(tb, get_metric("creation_coef"))[["geo", "rank", "class_key", "source"]]
      geo  rank class_key   source
    0   c     1      high  f.txt:3
    1   a     2       low  f.txt:1
    2   d     2       low  f.txt:4
    """
    have = tb[tb["value"].notna()].sort_values("value", ascending=False, kind="stable")
    have = have.reset_index(drop=True)
    have.insert(0, "rank", have["value"].rank(ascending=False, method="min").astype(int))
    classes = metric.classification
    have["class_key"] = [
        band.key if classes and (band := classes.classify(v)) else None for v in have["value"]
    ]
    have["source"] = [_source(row) for _, row in have.iterrows()]
    return have


def _computed_subtotals(tb: pd.DataFrame, metric: Metric) -> pd.DataFrame:
    """Ratio of sums (rates) or sums (counts) per district, only where every subject has it."""
    parts = ["numerator", "denominator"] if metric.rate else ["value"]
    have = tb[parts].notna().all(axis=1)
    grouped = tb.assign(_have=have).groupby("fd", sort=False)
    out = grouped.agg(
        n_total=("geo", "size"),
        n_with=("_have", "sum"),
        numerator=("numerator", "sum"),
        denominator=("denominator", "sum"),
        total=("value", "sum"),
    )
    complete = out["n_with"] == out["n_total"]
    if metric.rate:
        value = 100.0 * out["numerator"] / out["denominator"].where(out["denominator"] != 0)
    else:
        value = out["total"]
        out[["numerator", "denominator"]] = float("nan")
    out["value"] = value.where(complete)
    out.loc[~complete, ["numerator", "denominator"]] = float("nan")
    out["status"] = complete.map({True: COMPLETE, False: INCOMPLETE})
    out["method"] = RATIO_OF_SUMS if metric.rate else SUM
    return out.drop(columns="total").reset_index()


def _stored(tb: pd.DataFrame) -> pd.DataFrame:
    """A district-level result as ``fd, stored_value, stored_source``."""
    sources = [_source(row) if pd.notna(row["value"]) else "" for _, row in tb.iterrows()]
    return pd.DataFrame({"fd": tb["geo"], "stored_value": tb["value"], "stored_source": sources})


def _cluster_subtotals(cur, metric: Metric, subjects: pd.DataFrame, fds: pd.DataFrame):
    counts = (
        subjects.assign(_have=subjects["value"].notna())
        .groupby("fd")
        .agg(n_total=("geo", "size"), n_with=("_have", "sum"))
        .reset_index()
    )
    out = fds.merge(counts, on="fd", how="left")
    out = out.merge(_stored(cluster_values(cur, metric, "fd").tb), on="fd", how="left")
    nan = float("nan")
    return out.assign(
        value=out["stored_value"],
        numerator=nan,
        denominator=nan,
        status=COMPLETE,
        method=DISTINCT_CLUSTERS,
    )


def district_subtotals(
    cur: duckdb.DuckDBPyConnection,
    metric: Metric,
    subjects: pd.DataFrame,
    dataset: str,
    year: int | None,
    industries: tuple[str, ...] = (),
) -> pd.DataFrame:
    """One row per district: the subtotal computed from `subjects` (a subject-level result
    with ``geo, fd, value, numerator, denominator``), its status, and the stored row.

    Columns: ``fd, short_ru, short_en, n_total, n_with, value, numerator, denominator,
    status, method, stored_value, stored_source``.
    """
    fds = places(cur, "fd")[["geo", "short_ru", "short_en"]].rename(columns={"geo": "fd"})
    if metric.source == "clusters":
        return _cluster_subtotals(cur, metric, subjects, fds)
    computed = fds.merge(_computed_subtotals(subjects, metric), on="fd", how="left")
    if year is None:
        return computed.assign(stored_value=float("nan"), stored_source="")
    stored = observation_values(cur, metric, "fd", dataset, year, industries)
    return computed.merge(_stored(stored.tb), on="fd", how="left")


def _country_row(
    cur, metric: Metric, dataset: str, year: int | None, industries: tuple[str, ...]
) -> pd.Series | None:
    if metric.source == "clusters" or year is None:
        return None
    tb = observation_series(cur, metric, "country", dataset, industries)
    tb = tb[(tb["year"] == year) & tb["value"].notna()]
    return None if tb.empty else tb.iloc[0]


def _values(cur, metric: Metric, level: Level, state: ViewState) -> Result:
    if metric.source == "clusters":
        return cluster_values(cur, metric, level)
    if state.year is None:  # no year to show: every place without a value
        nan = float("nan")
        empty = {"value": nan, "numerator": nan, "denominator": nan}
        sources = {"flag": None, "source_file": None, "source_line": None}
        return Result(places(cur, level).assign(**empty, **sources), (), state.dataset)
    return observation_values(cur, metric, level, state.dataset, state.year, state.industries)


def _with_district_names(cur, tb: pd.DataFrame) -> pd.DataFrame:
    """Add ``fd_short_ru, fd_short_en``: the district of each place, for tables."""
    names = places(cur, "fd")[["geo", "short_ru", "short_en"]]
    names.columns = ["fd", "fd_short_ru", "fd_short_en"]
    return tb.merge(names, on="fd", how="left")


def rankings(cur: duckdb.DuckDBPyConnection, state: ViewState) -> Rankings:
    """The ranking of a settled view, with subtotals at subject level and every source."""
    metric = get_metric(state.metric)
    level: Level = state.level  # type: ignore[assignment]
    result = _values(cur, metric, level, state)
    year = None if metric.source == "clusters" else state.year
    subtotals = (
        district_subtotals(cur, metric, result.tb, state.dataset, year, state.industries)
        if level == "region"
        else pd.DataFrame()
    )
    country = _country_row(cur, metric, state.dataset, year, state.industries)
    tb = ranked(_with_district_names(cur, result.tb), metric)
    cited = set(result.citations)
    if country is not None:
        cited |= set(citations_of(country.to_frame().T))
    missing = result.tb[result.tb["value"].isna()][["geo", "short_ru", "short_en"]]
    dataset = dataset_of(cur, metric, state.dataset)
    citations = tuple(sorted(cited))
    return Rankings(
        metric=metric,
        level=level,
        year=year,
        tb=tb,
        missing=missing.reset_index(drop=True),
        subtotals=subtotals,
        country=country,
        dataset=dataset,
        citations=citations,
        docs=documents(cur, citations),
    )
