"""What there is to show: datasets, the metrics each has per level, and their years."""

from __future__ import annotations

import duckdb
import pandas as pd

from queries.metrics import METRICS, Level


def datasets(cur: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    return cur.execute(
        "SELECT dataset_id, kind, synthetic, label_ru, label_en, origin, file_name, imported_at "
        "FROM datasets ORDER BY kind = 'published' DESC, imported_at DESC NULLS LAST, dataset_id"
    ).df()


def default_dataset(cur: duckdb.DuckDBPyConnection) -> str:
    row = cur.execute("SELECT value FROM meta WHERE key = 'default_dataset'").fetchone()
    return row[0]


def available_metrics(cur: duckdb.DuckDBPyConnection, dataset: str, level: Level) -> list[str]:
    """Registry order; cluster metrics always, observation metrics where the dataset has rows."""
    present = {
        r[0]
        for r in cur.execute(
            "SELECT DISTINCT metric FROM observations WHERE dataset_id = ? AND level = ?",
            [dataset, level],
        ).fetchall()
    }
    return [
        m.id
        for m in METRICS.values()
        if level in m.levels and (m.source == "clusters" or m.id in present)
    ]


def metric_years(cur: duckdb.DuckDBPyConnection, dataset: str, metric: str) -> list[int]:
    rows = cur.execute(
        "SELECT DISTINCT year FROM observations WHERE dataset_id = ? AND metric = ? ORDER BY 1",
        [dataset, metric],
    ).fetchall()
    return [r[0] for r in rows]


def industries(cur: duckdb.DuckDBPyConnection) -> list[tuple[str, str, str]]:
    """(industry_id, name_ru, name_en) of the 17 creative industries, by Russian name."""
    return cur.execute(
        "SELECT industry_id, name_ru, name_en FROM creative_industries ORDER BY 2"
    ).fetchall()


def has_industry_breakdown(cur: duckdb.DuckDBPyConnection, dataset: str) -> bool:
    return cur.execute(
        "SELECT count(*) > 0 FROM observations WHERE dataset_id = ? AND industry <> 'all'",
        [dataset],
    ).fetchone()[0]


def region_names(cur: duckdb.DuckDBPyConnection, lang: str) -> list[tuple[str, str]]:
    """(code, short name) of the 85 subjects, sorted by name in the language."""
    column = "short_ru" if lang == "ru" else "short_en"
    return cur.execute(f"SELECT code, {column} FROM regions ORDER BY 2").fetchall()
