"""Per database version, each dataset's observations as numpy arrays: one view is an index.

A filter change asks for one metric of one dataset at one level, for a set of industries
and a year. `VersionData` reads every region- and district-level observation of a version
once (one query), into a `MetricCube` per (dataset, metric, level) with axes industry ×
year × place; a view is then a slice, and several industries are a sum over the industry
axis (counts summed; a rate is the ratio of the summed numerators and denominators, never a
mean of rates — the same rule as `queries.observations`). The arrays are built from the
metric registry: any `observations` metric stored with value/numerator/denominator rows
plugs in. Every value keeps its source (file index and line per cell).

Derived answers that do not change within a version (class breaks) are remembered here in
a bounded LRU, so they die with the version: a new version is a new `VersionData`.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, field

import duckdb
import numpy as np
import pandas as pd

from queries.catalog import Catalog, load_catalog
from queries.metrics import METRICS, Metric
from queries.observations import SMALL_BASE
from queries.place_values import Places, PlaceValues
from queries.provenance import Citation

LEVELS = ("region", "fd")
_PLACES_SQL = {
    "region": "SELECT code AS geo, short_ru, short_en, fd FROM regions ORDER BY code",
    "fd": "SELECT code AS geo, short_ru, short_en, code AS fd FROM federal_districts ORDER BY code",
}
_OBSERVATIONS_SQL = """
SELECT dataset_id, metric, level, geo, industry, year, value, numerator, denominator, flag,
       source_file, source_line
FROM observations
WHERE level IN ('region', 'fd') AND metric IN (SELECT unnest(?))
"""
_DATASET_COLUMNS = ("dataset_id", "kind", "synthetic", "label_ru", "label_en", "origin",
                    "file_name", "sha256")  # fmt: skip
_DOCUMENT_COLUMNS = ["source_file", "title_ru", "title_en", "publisher", "issue", "date"]
NO_INDEX = -1


@dataclass(frozen=True)
class MetricCube:
    """One metric of one dataset at one level: arrays over industry × year × place."""

    metric: Metric
    industries: dict[str, int]
    years: dict[int, int]
    value: np.ndarray  # float64, NaN where no row or a NULL value
    numerator: np.ndarray
    denominator: np.ndarray
    present: np.ndarray  # bool: a row exists for the cell
    flag: np.ndarray  # int8 index into `flag_names`, NO_INDEX for none
    source: np.ndarray  # int16 index into `files` (sorted, so min index = min file name)
    line: np.ndarray  # int32 source line, NO_INDEX for none
    files: tuple[str, ...]
    flag_names: tuple[str, ...]

    def view(self, places: Places, industries: Sequence[str], year: int) -> PlaceValues:
        """The values of a set of industries in a year (places without a row: NaN)."""
        n = len(places.geo)
        y = self.years.get(year)
        rows = [self.industries[i] for i in dict.fromkeys(industries) if i in self.industries]
        if y is None or not rows:
            return _nothing(places)
        present = self.present[rows, y]
        parts = present.sum(axis=0)
        one = parts == 1
        which = present.argmax(axis=0)  # the one row where parts == 1
        cols = np.arange(n)

        def single(cube: np.ndarray) -> np.ndarray:
            return cube[rows, y][which, cols]

        def summed(cube: np.ndarray) -> np.ndarray:
            data = cube[rows, y]
            has = ~np.isnan(data) & present
            total = np.where(has, data, 0.0).sum(axis=0)
            return np.where(has.any(axis=0), total, np.nan)

        numerator, denominator = summed(self.numerator), summed(self.denominator)
        if self.metric.rate:
            with np.errstate(divide="ignore", invalid="ignore"):
                many = np.where(denominator != 0, 100.0 * numerator / denominator, np.nan)
        else:
            many = summed(self.value)
        value = np.where(one, single(self.value), np.where(parts > 1, many, np.nan))
        flag_of = single(self.flag)
        line_of = single(self.line)
        source_rows = np.where(present, self.source[rows, y], np.iinfo(np.int16).max)
        file_of = source_rows.min(axis=0)
        flags: list[str | None] = []
        sources: list[str] = []
        cited: set[Citation] = set()
        for p in range(n):
            if parts[p] == 0:
                flags.append(None)
                sources.append("")
                continue
            if self.metric.rate and denominator[p] < SMALL_BASE:
                flags.append("small_base")
            elif one[p] and flag_of[p] != NO_INDEX:
                flags.append(self.flag_names[flag_of[p]])
            else:
                flags.append(None)
            if file_of[p] == NO_INDEX or file_of[p] >= len(self.files):
                sources.append("")
                continue
            file = self.files[file_of[p]]
            line = int(line_of[p]) if one[p] and line_of[p] != NO_INDEX else None
            sources.append(f"{file}:{line}" if line is not None else file)
            cited.add(Citation(file, line))
        return PlaceValues(places, value, numerator, denominator, tuple(flags), tuple(sources),
                           tuple(sorted(cited)))  # fmt: skip

    def every_year(self, places: Places, industries: Sequence[str]) -> np.ndarray:
        """Every year's values of the industry set, pooled (for breaks fixed across years)."""
        views = [self.view(places, industries, y).value for y in self.years]
        pooled = np.concatenate(views) if views else np.array([])
        return pooled[~np.isnan(pooled)]


def _nothing(places: Places) -> PlaceValues:
    n = len(places.geo)
    empty = np.full(n, np.nan)
    return PlaceValues(places, empty, empty, empty, (None,) * n, ("",) * n, ())


def _index(values: pd.Series, order: Sequence[object]) -> np.ndarray:
    return values.map({v: i for i, v in enumerate(order)}).to_numpy()


def _filled(sub: pd.DataFrame, at: tuple, shape: tuple, column: str, dtype: type,
            empty: object) -> np.ndarray:  # fmt: skip
    """A cube of one column of `sub`, its rows placed at the cells `at`."""
    cube = np.full(shape, empty, dtype=dtype)
    cube[at] = sub[column].to_numpy(dtype=dtype, na_value=empty)
    return cube


def _cubes(rows: pd.DataFrame, places: dict[str, Places]) -> dict[tuple[str, str, str], MetricCube]:
    """Rows of `observations` → one cube per (dataset, metric, level)."""
    out: dict[tuple[str, str, str], MetricCube] = {}
    flag_names = tuple(sorted(rows["flag"].dropna().unique()))
    for dataset, of_dataset in rows.groupby("dataset_id", sort=False):
        files = tuple(sorted(of_dataset["source_file"].dropna().unique()))
        industries = sorted(of_dataset["industry"].unique())
        for (metric_id, level), sub in of_dataset.groupby(["metric", "level"], sort=False):
            where = places[level]
            years = sorted(int(y) for y in sub["year"].unique())
            sub = sub[sub["geo"].isin(where.geo)]
            shape = (len(industries), len(years), len(where.geo))
            at = (_index(sub["industry"], industries), _index(sub["year"], years),
                  _index(sub["geo"], where.geo))  # fmt: skip

            present = np.zeros(shape, dtype=bool)
            present[at] = True
            flag = np.full(shape, NO_INDEX, dtype=np.int8)
            flag[at] = sub["flag"].map({f: i for i, f in enumerate(flag_names)}).fillna(
                NO_INDEX).to_numpy(dtype=np.int8)  # fmt: skip
            source = np.full(shape, NO_INDEX, dtype=np.int16)
            source[at] = sub["source_file"].map({f: i for i, f in enumerate(files)}).fillna(
                NO_INDEX).to_numpy(dtype=np.int16)  # fmt: skip
            out[(dataset, metric_id, level)] = MetricCube(
                METRICS[metric_id],
                {i: k for k, i in enumerate(industries)},
                {y: k for k, y in enumerate(years)},
                _filled(sub, at, shape, "value", np.float64, np.nan),
                _filled(sub, at, shape, "numerator", np.float64, np.nan),
                _filled(sub, at, shape, "denominator", np.float64, np.nan),
                present,
                flag,
                source,
                _filled(sub, at, shape, "source_line", np.int32, NO_INDEX),
                files,
                flag_names,
            )
    return out


class _Memo:
    """A bounded, thread-safe LRU of answers derived from one version's data."""

    def __init__(self, size: int) -> None:
        self._items: OrderedDict[Hashable, object] = OrderedDict()
        self._size = size
        self._lock = threading.Lock()

    def get(self, key: Hashable, make: Callable[[], object]) -> object:
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]
        value = make()
        with self._lock:
            self._items[key] = value
            while len(self._items) > self._size:
                self._items.popitem(last=False)
        return value


@dataclass
class VersionData:
    """Everything a filter change reads, from one database version (never mixed)."""

    path: str
    catalog: Catalog
    places: dict[str, Places]
    datasets: dict[str, dict[str, object]]
    documents: pd.DataFrame
    cubes: dict[tuple[str, str, str], MetricCube]
    memo: _Memo = field(default_factory=lambda: _Memo(4096))

    def cube(self, dataset: str, metric: str, level: str) -> MetricCube | None:
        return self.cubes.get((dataset, metric, level))

    def values(self, dataset: str, metric: str, level: str, industries: Sequence[str],
               year: int | None) -> PlaceValues:  # fmt: skip
        cube = self.cube(dataset, metric, level)
        if cube is None or year is None:
            return _nothing(self.places[level])
        return cube.view(self.places[level], industries, year)

    def docs(self, citations: tuple[Citation, ...]) -> pd.DataFrame:
        """`queries.documents.documents` of the citations, from this version's table."""

        def make() -> pd.DataFrame:
            cited: dict[str, set[int]] = {}
            for c in citations:
                lines = [c.source_line] if c.source_line else []
                cited.setdefault(c.source_file, set()).update(lines)
            tb = self.documents[self.documents["source_file"].isin(cited)].copy()
            tb["lines"] = [sorted(cited[f]) for f in tb["source_file"]]
            return tb.sort_values("source_file").reset_index(drop=True)

        return self.memo.get(("docs", citations), make)


def database_path(cur: duckdb.DuckDBPyConnection) -> str:
    return cur.execute(
        "SELECT path FROM duckdb_databases() WHERE database_name = current_database()"
    ).fetchone()[0]


def load_version(cur: duckdb.DuckDBPyConnection) -> VersionData:
    """Read one version (the one `cur` reads) into arrays: a handful of queries, once."""
    metric_ids = [m.id for m in METRICS.values() if m.source == "observations"]
    places = {level: Places.of_frame(cur.execute(sql).df()) for level, sql in _PLACES_SQL.items()}
    rows = cur.execute(_OBSERVATIONS_SQL, [metric_ids]).df()
    datasets = {
        row[0]: dict(zip(_DATASET_COLUMNS, row, strict=True))
        for row in cur.execute(f"SELECT {', '.join(_DATASET_COLUMNS)} FROM datasets").fetchall()
    }
    documents = cur.execute(f"SELECT {', '.join(_DOCUMENT_COLUMNS)} FROM documents").df()
    return VersionData(database_path(cur), load_catalog(cur), places, datasets, documents,
                       _cubes(rows, places))  # fmt: skip


_VERSIONS: OrderedDict[str, VersionData] = OrderedDict()
_VERSIONS_KEPT = 2  # the current version and the one requests in flight may still read
_LOCK = threading.Lock()
_LOADING = threading.Lock()


def for_reader(reader) -> VersionData:
    """The data of the version `reader` reads now (loaded on the first request that needs it).

    The key is the file the cursor actually reads (`duckdb_databases()`), asked only when
    the link's target is not loaded yet, so an answer never mixes two versions.
    """
    key = str(reader.current_file())
    with _LOCK:
        found = _VERSIONS.get(key)
    if found is not None:
        return found
    with _LOADING:  # one load per version, however many threads ask at once
        with _LOCK:
            found = _VERSIONS.get(key)
        if found is not None:
            return found
        with reader.cursor() as cur:
            found = load_version(cur)
        with _LOCK:
            _VERSIONS[found.path] = found
            while len(_VERSIONS) > _VERSIONS_KEPT:
                _VERSIONS.popitem(last=False)
    return found
