"""The source documents: those behind some citations (title, issue, date for captions and
exports), and every document with the lines that stored figures cite (the methodology page)."""

from __future__ import annotations

from collections.abc import Iterable

import duckdb
import numpy as np
import pandas as pd

from queries.provenance import Citation


def documents(cur: duckdb.DuckDBPyConnection, citations: Iterable[Citation]) -> pd.DataFrame:
    """One row per document cited, with its cited line numbers (sorted)."""
    cited: dict[str, set[int]] = {}
    for c in citations:
        cited.setdefault(c.source_file, set()).update([c.source_line] if c.source_line else [])
    if not cited:
        return pd.DataFrame(
            columns=["source_file", "title_ru", "title_en", "publisher", "issue", "date", "lines"]
        )
    tb = cur.execute(
        "SELECT source_file, title_ru, title_en, publisher, issue, date FROM documents "
        "WHERE source_file IN (SELECT unnest(?))",
        [sorted(cited)],
    ).df()
    tb["lines"] = tb["source_file"].map(lambda f: sorted(cited[f]))
    return tb.sort_values("source_file").reset_index(drop=True)


# --- every cited line (the methodology page) --------------------------------------------

CITED_TABLES = (
    "observations",
    "cluster_mentions",
    "cluster_facts",
    "cluster_criteria",
    "cluster_counts",
)


def lines_by_document(cur: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every source document, with the lines that stored figures cite, table by table.

    Returns
    -------
    pandas.DataFrame
        One row per document and citing table: ``source_file, kind, title_ru, title_en,
        publisher, issue, date, table_name, lines`` (sorted distinct line numbers), in file
        order and `CITED_TABLES` order. A document no figure cites has one row with
        ``table_name`` None and no lines. Imported datasets cite files, not documents, and
        are left out.
    """
    union = " UNION ALL ".join(
        f"SELECT '{name}' AS table_name, source_file, source_line FROM {name}"
        for name in CITED_TABLES
    )
    order = ", ".join(f"'{name}'" for name in CITED_TABLES)
    tb = cur.execute(
        f"""
        WITH cited AS (
            SELECT source_file, table_name,
                   list(DISTINCT source_line ORDER BY source_line) AS lines
            FROM ({union})
            WHERE source_line IS NOT NULL
            GROUP BY source_file, table_name
        )
        SELECT d.source_file, d.kind, d.title_ru, d.title_en, d.publisher, d.issue, d.date,
               c.table_name, c.lines
        FROM documents d LEFT JOIN cited c USING (source_file)
        ORDER BY d.source_file, list_position([{order}], c.table_name)
        """
    ).df()
    lines = [list(v) if isinstance(v, list | tuple | np.ndarray) else [] for v in tb["lines"]]
    return tb.assign(lines=lines)
