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
        m.id for m in METRICS.values()
        if level in m.levels and (m.source == "clusters" or m.id in present)
    ]  # fmt: skip


def metric_years(cur: duckdb.DuckDBPyConnection, dataset: str, metric: str) -> list[int]:
    rows = cur.execute(
        "SELECT DISTINCT year FROM observations WHERE dataset_id = ? AND metric = ? ORDER BY 1",
        [dataset, metric],
    ).fetchall()
    return [r[0] for r in rows]
