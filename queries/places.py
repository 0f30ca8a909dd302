"""The places a map shows: 85 subjects or 8 districts, in a fixed order, with their names."""

from __future__ import annotations

import duckdb
import pandas as pd

from queries.metrics import Level

_SQL = {
    "region": "SELECT code AS geo, short_ru, short_en, name_ru, name_en, fd FROM regions "
    "ORDER BY code",
    "fd": "SELECT code AS geo, short_ru, short_en, name_ru, name_en, code AS fd "
    "FROM federal_districts ORDER BY code",
}


def places(cur: duckdb.DuckDBPyConnection, level: Level) -> pd.DataFrame:
    """Every place of a level (85 subjects, 8 districts), in the order the map's trace keeps."""
    return cur.execute(_SQL[level]).df()
