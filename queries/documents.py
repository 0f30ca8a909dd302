"""The source documents behind citations: title, issue and date for captions and exports."""

from __future__ import annotations

from collections.abc import Iterable

import duckdb
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
