"""A place (subject or district) → its values over the years beside its district and Russia,
its rank, its clusters and the source lines of all of them.

District and Russia values are the stored rows of levels ``fd`` and ``country`` (ratios of
sums, made where the data entered), never means of the subjects' values. A place, year or
level the dataset does not publish stays absent (NaN), never estimated.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import duckdb
import pandas as pd

from atlas.viewstate import ViewState
from queries.clusters import cluster_values, clusters_in
from queries.documents import documents
from queries.metrics import Level, Metric, get_metric
from queries.observations import dataset_of, observation_series, observation_values
from queries.places import places
from queries.provenance import Citation, citations_of

ROLES = ("place", "fd", "country")  # the place itself, its district, Russia
COUNTRY = "RU"
SERIES_COLUMNS = [
    "role",
    "geo",
    "year",
    "value",
    "numerator",
    "denominator",
    "flag",
    "source_file",
    "source_line",
    "citations",
]


class UnknownPlaceError(KeyError):
    """A code that is neither one of the 85 subjects nor one of the 8 districts."""

    def __init__(self, geo: str) -> None:
        super().__init__(
            f"unknown place {geo!r}; use a subject code from the `regions` table (RU-TA) "
            "or a district code from `federal_districts` (VFD)"
        )


@dataclass(frozen=True)
class Rank:
    """A place's rank among the places of its level that have a value (1 = highest)."""

    rank: int | None
    of: int
    previous: int | None = None
    previous_of: int = 0
    previous_year: int | None = None

    @property
    def change(self) -> int | None:
        """Places gained since the previous year (negative = fell); None without both ranks."""
        if self.rank is None or self.previous is None:
            return None
        return self.previous - self.rank


@dataclass(frozen=True)
class PlaceProfile:
    """Everything the profile panel shows about one place, with its sources."""

    geo: str
    level: Level
    place: pd.Series  # code, names, fd
    district: pd.Series | None  # the subject's district (None for a district)
    metric: Metric
    year: int | None
    series: pd.DataFrame  # SERIES_COLUMNS; one row per role and year with a stored value
    rank: Rank
    clusters: pd.DataFrame
    dataset: dict[str, object]
    citations: tuple[Citation, ...]
    docs: pd.DataFrame


def place_row(cur: duckdb.DuckDBPyConnection, geo: str) -> tuple[Level, pd.Series]:
    """The level of a code and its names (`code, name_ru, name_en, short_ru, short_en, fd`).

    Raises
    ------
    UnknownPlaceError
        When `geo` is neither a subject nor a district.
    """
    tb = cur.execute(
        "SELECT 'region' AS level, code, name_ru, name_en, short_ru, short_en, fd FROM regions "
        "WHERE code = ? UNION ALL "
        "SELECT 'fd', code, name_ru, name_en, short_ru, short_en, code FROM federal_districts "
        "WHERE code = ?",
        [geo, geo],
    ).df()
    if tb.empty:
        raise UnknownPlaceError(geo)
    row = tb.iloc[0]
    return row["level"], row.drop("level")


def _only(tb: pd.DataFrame, geo: str) -> pd.DataFrame:
    return tb[tb["geo"] == geo]


def _observed(
    cur, metric: Metric, level: str, geo: str, dataset: str, industries: Sequence[str]
) -> pd.DataFrame:
    return _only(observation_series(cur, metric, level, dataset, industries), geo)


def values_over_years(
    cur: duckdb.DuckDBPyConnection,
    metric: Metric,
    geo: str,
    dataset: str,
    industries: Sequence[str] = (),
) -> pd.DataFrame:
    """Stored values of the place, its district and Russia, every year (`SERIES_COLUMNS`).

    A cluster metric has no years: one row per role (year NaN), the district counting each
    of its clusters once, ``citations`` listing every cluster's line (``file:line``); Russia
    is left out because the directory is no national register.
    """
    level, place = place_row(cur, geo)
    wanted = [("place", level, geo)]
    if level == "region":
        wanted.append(("fd", "fd", place["fd"]))
    if metric.source == "clusters":
        parts = [
            _only(cluster_values(cur, metric, lvl).tb, code).assign(role=role, year=None)
            for role, lvl, code in wanted
        ]
    else:
        wanted.append(("country", "country", COUNTRY))
        parts = [
            _observed(cur, metric, lvl, code, dataset, industries).assign(role=role)
            for role, lvl, code in wanted
        ]
    tb = pd.concat([p.reindex(columns=SERIES_COLUMNS) for p in parts], ignore_index=True)
    tb = tb[tb["value"].notna()]
    return tb.sort_values(["role", "year"], key=_role_order).reset_index(drop=True)


def _role_order(column: pd.Series) -> pd.Series:
    return column.map(ROLES.index) if column.name == "role" else column


def _rank_in(tb: pd.DataFrame, geo: str) -> tuple[int | None, int]:
    have = tb[tb["value"].notna()]
    ranks = have["value"].rank(ascending=False, method="min")
    mine = ranks[have["geo"] == geo]
    return (int(mine.iloc[0]) if len(mine) else None), len(have)


def rank_of(
    cur: duckdb.DuckDBPyConnection,
    metric: Metric,
    geo: str,
    dataset: str,
    year: int | None,
    industries: Sequence[str] = (),
) -> Rank:
    """The place's rank this year and in the previous year, among places with a value."""
    level, _ = place_row(cur, geo)
    if metric.source == "clusters":
        return Rank(*_rank_in(cluster_values(cur, metric, level).tb, geo))
    if year is None:
        return Rank(None, 0)
    now = _rank_in(observation_values(cur, metric, level, dataset, year, industries).tb, geo)
    before = _rank_in(observation_values(cur, metric, level, dataset, year - 1, industries).tb, geo)
    if before[1] == 0:  # the dataset has no previous year at this level
        return Rank(*now)
    return Rank(*now, *before, year - 1)


# The latest dated participants figure of each cluster (undated figures count as oldest).
_PLACE_CLUSTERS = """
WITH latest AS (
    SELECT cluster_id, value AS participants, year AS participants_year,
           source_file AS participants_file, source_line AS participants_line
    FROM cluster_facts WHERE metric = 'participants'
    QUALIFY row_number() OVER (PARTITION BY cluster_id
                               ORDER BY year DESC NULLS LAST, value DESC) = 1
)
SELECT c.cluster_id, c.main_region, r.short_ru AS region_ru, r.short_en AS region_en,
       l.participants, l.participants_year, l.participants_file, l.participants_line
FROM clusters c LEFT JOIN latest l USING (cluster_id) LEFT JOIN regions r ON r.code = c.main_region
WHERE c.cluster_id IN (SELECT unnest(?))
"""


def clusters_of(cur: duckdb.DuckDBPyConnection, geo: str) -> pd.DataFrame:
    """The clusters the sources name in a place, with participants and every source line.

    Columns are those of `queries.clusters.clusters_in` plus ``main_region, region_ru,
    region_en, participants, participants_year, participants_file, participants_line``.
    """
    level, _ = place_row(cur, geo)
    tb = clusters_in(cur, geo, level)
    if tb.empty:
        return tb
    extra = cur.execute(_PLACE_CLUSTERS, [tb["cluster_id"].tolist()]).df()
    return tb.merge(extra, on="cluster_id", how="left")


def _listed(tb: pd.DataFrame) -> set[Citation]:
    """The ``file:line`` strings of a ``citations`` list column, as Citations."""
    if "citations" not in tb:
        return set()
    found = set()
    for items in tb["citations"].dropna():
        for item in items:
            file, _, line = str(item).rpartition(":")
            found.add(Citation(file, int(line)) if line.isdigit() else Citation(str(item)))
    return found


def _cluster_citations(clusters: pd.DataFrame) -> tuple[Citation, ...]:
    if clusters.empty:
        return ()
    facts = clusters[["participants_file", "participants_line"]].set_axis(
        ["source_file", "source_line"], axis=1
    )
    return citations_of(pd.concat([clusters[["source_file", "source_line"]], facts]))


def place_profile(cur: duckdb.DuckDBPyConnection, state: ViewState) -> PlaceProfile | None:
    """The profile of `state.selected` for the state's metric, dataset, year and industries.

    Returns None when nothing is selected.
    """
    if not state.selected:
        return None
    geo = state.selected
    level, place = place_row(cur, geo)
    metric = get_metric(state.metric)
    district = place_row(cur, place["fd"])[1] if level == "region" else None
    clusters_metric = metric.source == "clusters"
    series = values_over_years(cur, metric, geo, state.dataset, state.industries)
    year = None if clusters_metric else state.year
    clusters = clusters_of(cur, geo)
    cited = set(citations_of(series)) | _listed(series) | set(_cluster_citations(clusters))
    citations = tuple(sorted(cited))
    dataset = dataset_of(cur, metric, state.dataset)
    return PlaceProfile(
        geo=geo,
        level=level,
        place=place,
        district=district,
        metric=metric,
        year=year,
        series=series,
        rank=rank_of(cur, metric, geo, state.dataset, year, state.industries),
        clusters=clusters,
        dataset=dataset,
        citations=citations,
        docs=documents(cur, citations),
    )


def series_of(
    cur: duckdb.DuckDBPyConnection,
    metric: Metric,
    geos: Sequence[str],
    dataset: str,
    industries: Sequence[str] = (),
) -> pd.DataFrame:
    """Every year of a metric for some subjects (`geo, year, value, …, source_line`), in the
    order of `geos`; subjects without a value are absent. Cluster metrics have no years."""
    if metric.source == "clusters" or not geos:
        return pd.DataFrame(columns=SERIES_COLUMNS[1:])
    tb = observation_series(cur, metric, "region", dataset, industries)
    tb = tb[tb["geo"].isin(list(geos)) & tb["value"].notna()]
    order = {g: i for i, g in enumerate(geos)}
    tb = tb.assign(_order=tb["geo"].map(order)).sort_values(["_order", "year"])
    return tb.drop(columns="_order").reset_index(drop=True)


@dataclass(frozen=True)
class Comparison:
    """Several subjects' values of one metric: every year, or one value for a cluster metric."""

    metric: Metric
    names: pd.DataFrame  # geo, short_ru, short_en of the subjects asked for, in their order
    series: pd.DataFrame  # geo, year (NaN for a cluster metric), value, parts, flag, source
    dataset: dict[str, object]
    citations: tuple[Citation, ...]
    docs: pd.DataFrame


def comparison(cur: duckdb.DuckDBPyConnection, state: ViewState) -> Comparison:
    """The subjects of `state.compare` for the state's metric, dataset and industries."""
    metric = get_metric(state.metric)
    geos = list(state.compare)
    names = places(cur, "region").set_index("geo").reindex(geos).reset_index()
    names = names.dropna(subset=["short_ru"])[["geo", "short_ru", "short_en"]]
    if metric.source == "clusters":
        tb = cluster_values(cur, metric, "region").tb
        series = tb[tb["geo"].isin(geos) & tb["value"].notna()].assign(year=None)
    else:
        series = series_of(cur, metric, geos, state.dataset, state.industries)
    cited = set(citations_of(series)) | _listed(series) if not series.empty else set()
    citations = tuple(sorted(cited))
    return Comparison(
        metric,
        names.reset_index(drop=True),
        series.reset_index(drop=True),
        dataset_of(cur, metric, state.dataset),
        citations,
        documents(cur, citations),
    )
