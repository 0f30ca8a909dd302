"""Everything one dashboard view needs from the database, gathered for a validated ViewState."""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass, replace

import duckdb
import pandas as pd

from atlas.viewstate import LANGS, LEVELS, METHODS, Choices, ViewState
from queries import catalog
from queries.clusters import cluster_values
from queries.documents import documents
from queries.metrics import METRICS, Metric, get_metric
from queries.observations import (
    dataset_info,
    dataset_of,
    observation_series,
    observation_values,
)
from queries.places import places
from queries.provenance import Result


@dataclass(frozen=True)
class MapData:
    """A view's values (this year, the previous year, all years) with dataset and sources."""

    state: ViewState
    metric: Metric
    year: int | None
    years: tuple[int, ...]
    result: Result
    previous: Result | None
    series: pd.DataFrame  # every year, for fixed breaks, profiles and comparisons
    dataset: dict[str, object]
    docs: pd.DataFrame


def choices(cur: duckdb.DuckDBPyConnection) -> Choices:
    """What a URL may name: metrics, datasets, years with data, industries and places."""

    def years(dataset: str, metric: str) -> list[int]:
        return catalog.metric_years(cur, dataset, metric)

    return Choices(
        metrics=list(METRICS),
        datasets=catalog.datasets(cur)["dataset_id"].tolist(),
        years=years,
        industries=[
            r[0] for r in cur.execute("SELECT industry_id FROM creative_industries").fetchall()
        ],
        regions=[r[0] for r in cur.execute("SELECT code FROM regions").fetchall()],
        districts=[r[0] for r in cur.execute("SELECT code FROM federal_districts").fetchall()],
        cluster_types=[r[0] for r in cur.execute("SELECT DISTINCT type FROM clusters").fetchall()],
    )


def settle(cur: duckdb.DuckDBPyConnection, state: ViewState) -> ViewState:
    """Make a state consistent: known level, dataset, method and language; a metric the
    level and dataset have; a year with data."""
    level = state.level if state.level in LEVELS else "region"
    known = set(catalog.datasets(cur)["dataset_id"])
    dataset = state.dataset if state.dataset in known else catalog.default_dataset(cur)
    state = replace(
        state,
        level=level,
        dataset=dataset,
        method=state.method if state.method in METHODS else "hse",
        lang=state.lang if state.lang in LANGS else "ru",
    )
    available = catalog.available_metrics(cur, state.dataset, level)
    metric = state.metric if state.metric in available else available[0]
    years = catalog.metric_years(cur, state.dataset, metric)
    year = state.year if state.year in years else (years[-1] if years else None)
    return replace(state, metric=metric, year=year)


_CACHE: OrderedDict[tuple, object] = OrderedDict()
_CACHE_SIZE = 512
_CACHE_LOCK = threading.Lock()


def _data_key(state: ViewState) -> tuple:
    """The parts of a state that change the numbers (not language, classes or selection)."""
    return (state.level, state.metric, state.dataset, state.year, tuple(sorted(state.industries)))


def cached_map_data(cur: duckdb.DuckDBPyConnection, state: ViewState, version: str) -> MapData:
    """`map_data`, remembered per database version (a new version never sees old numbers)."""
    key = (version, *_data_key(state))
    with _CACHE_LOCK:
        hit = _CACHE.get(key)
        if hit is not None:
            _CACHE.move_to_end(key)
    if hit is None:
        hit = map_data(cur, state)
        with _CACHE_LOCK:
            _CACHE[key] = hit
            while len(_CACHE) > _CACHE_SIZE:
                _CACHE.popitem(last=False)
    return replace(hit, state=state)


def cluster_layer(
    cur: duckdb.DuckDBPyConnection, state: ViewState, version: str
) -> pd.DataFrame | None:
    """The cluster markers drawn over the choropleth, when the viewer asked for them."""
    if not state.clusters_layer:
        return None
    key = (version, "cluster_points", tuple(sorted(state.cluster_types)))
    with _CACHE_LOCK:
        hit = _CACHE.get(key)
    if hit is None:
        from queries.cluster_directory import cluster_points

        hit = cluster_points(cur, types=state.cluster_types or None).tb
        with _CACHE_LOCK:
            _CACHE[key] = hit
    return hit


def map_data(cur: duckdb.DuckDBPyConnection, state: ViewState) -> MapData:
    """Values for the map, rankings and text of a settled state."""
    metric = get_metric(state.metric)
    level = state.level
    if metric.source == "clusters":
        result = cluster_values(cur, metric, level)
        return MapData(
            state,
            metric,
            None,
            (),
            result,
            None,
            pd.DataFrame(),
            dataset_of(cur, metric, state.dataset),
            documents(cur, result.citations),
        )
    years = tuple(catalog.metric_years(cur, state.dataset, metric.id))
    if not years:  # the dataset has no such figures: every place says "no published data"
        empty = Result(places(cur, level).assign(value=float("nan")), (), state.dataset)
        return MapData(state, metric, None, (), empty, None, pd.DataFrame(),
                       dataset_info(cur, state.dataset), documents(cur, ()))  # fmt: skip
    year = state.year if state.year in years else years[-1]
    industries = state.industries or ("all",)
    result = observation_values(cur, metric, level, state.dataset, year, industries)
    previous = None
    if year - 1 in years:
        previous = observation_values(cur, metric, level, state.dataset, year - 1, industries)
    series = observation_series(cur, metric, level, state.dataset, industries)
    return MapData(
        state,
        metric,
        year,
        years,
        result,
        previous,
        series,
        dataset_info(cur, state.dataset),
        documents(cur, result.citations),
    )
