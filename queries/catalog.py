"""What there is to show: datasets, the metrics each has per level, their years, names.

These are small and change only with the database version, so they are read once per
version into a `Catalog` snapshot; every function here answers from it.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

import duckdb
import pandas as pd

from queries.metrics import METRICS, Level


@dataclass(frozen=True)
class Catalog:
    """The metadata of one database version."""

    datasets: pd.DataFrame
    default_dataset: str
    metrics_by_level: dict[tuple[str, str], frozenset[str]]  # (dataset, level) → metric ids
    years: dict[tuple[str, str], tuple[int, ...]]  # (dataset, metric) → years with data
    with_industries: frozenset[str]  # datasets broken down by creative industry
    # ('all_orgs', every organisation of an extract, is the base of the creative share)
    industries: tuple[tuple[str, str, str], ...]
    regions: pd.DataFrame

    def available_metrics(self, dataset: str, level: Level) -> list[str]:
        """Registry order; cluster metrics always, observation metrics where the dataset has
        rows."""
        present = self.metrics_by_level.get((dataset, level), frozenset())
        return [
            m.id
            for m in METRICS.values()
            if level in m.levels and (m.source == "clusters" or m.id in present)
        ]

    def metric_years(self, dataset: str, metric: str) -> list[int]:
        return list(self.years.get((dataset, metric), ()))

    def dataset_ids(self) -> list[str]:
        return self.datasets["dataset_id"].tolist()

    def region_names(self, lang: str) -> list[tuple[str, str]]:
        """(code, short name) of the 85 subjects, sorted by name in the language."""
        column = "short_ru" if lang == "ru" else "short_en"
        tb = self.regions.sort_values(column)
        return list(zip(tb["code"], tb[column], strict=True))


_SNAPSHOTS: dict[str, Catalog] = {}
_LOCK = threading.Lock()


def _database_path(cur: duckdb.DuckDBPyConnection) -> str:
    return cur.execute(
        "SELECT path FROM duckdb_databases() WHERE database_name = current_database()"
    ).fetchone()[0]


def load_catalog(cur: duckdb.DuckDBPyConnection) -> Catalog:
    combos = cur.execute(
        "SELECT dataset_id, metric, level, list(DISTINCT year ORDER BY year), "
        "bool_or(industry NOT IN ('all', 'all_orgs')) FROM observations GROUP BY ALL"
    ).fetchall()
    by_level: dict[tuple[str, str], set[str]] = {}
    years: dict[tuple[str, str], set[int]] = {}
    with_industries = set()
    for dataset, metric, level, metric_years, broken_down in combos:
        by_level.setdefault((dataset, level), set()).add(metric)
        years.setdefault((dataset, metric), set()).update(metric_years)
        if broken_down:
            with_industries.add(dataset)
    return Catalog(
        datasets=cur.execute(
            "SELECT dataset_id, kind, synthetic, label_ru, label_en, origin, file_name, "
            "imported_at FROM datasets "
            "ORDER BY kind = 'published' DESC, imported_at DESC NULLS LAST, dataset_id"
        ).df(),
        default_dataset=cur.execute(
            "SELECT value FROM meta WHERE key = 'default_dataset'"
        ).fetchone()[0],
        metrics_by_level={k: frozenset(v) for k, v in by_level.items()},
        years={k: tuple(sorted(v)) for k, v in years.items()},
        with_industries=frozenset(with_industries),
        industries=tuple(
            cur.execute(
                "SELECT industry_id, name_ru, name_en FROM creative_industries ORDER BY 2"
            ).fetchall()
        ),
        regions=cur.execute("SELECT code, short_ru, short_en FROM regions").df(),
    )


def snapshot(cur: duckdb.DuckDBPyConnection) -> Catalog:
    """The catalog of the database this cursor reads (loaded once per version)."""
    path = _database_path(cur)
    with _LOCK:
        found = _SNAPSHOTS.get(path)
    if found is None:
        found = load_catalog(cur)
        with _LOCK:
            if len(_SNAPSHOTS) > 8:  # old versions are gone from disk; forget them
                _SNAPSHOTS.clear()
            _SNAPSHOTS[path] = found
    return found


def datasets(cur: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    return snapshot(cur).datasets


def default_dataset(cur: duckdb.DuckDBPyConnection) -> str:
    return snapshot(cur).default_dataset


def available_metrics(cur: duckdb.DuckDBPyConnection, dataset: str, level: Level) -> list[str]:
    """Registry order; cluster metrics always, observation metrics where the dataset has rows."""
    return snapshot(cur).available_metrics(dataset, level)


def metric_years(cur: duckdb.DuckDBPyConnection, dataset: str, metric: str) -> list[int]:
    return snapshot(cur).metric_years(dataset, metric)


def industries(cur: duckdb.DuckDBPyConnection) -> list[tuple[str, str, str]]:
    """(industry_id, name_ru, name_en) of the 17 creative industries, by Russian name."""
    return list(snapshot(cur).industries)


def has_industry_breakdown(cur: duckdb.DuckDBPyConnection, dataset: str) -> bool:
    return dataset in snapshot(cur).with_industries


def region_names(cur: duckdb.DuckDBPyConnection, lang: str) -> list[tuple[str, str]]:
    """(code, short name) of the 85 subjects, sorted by name in the language."""
    return snapshot(cur).region_names(lang)
