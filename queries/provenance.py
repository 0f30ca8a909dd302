"""Where a figure comes from: a seed line, or an imported dataset, carried beside the value."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd


@dataclass(frozen=True, order=True)
class Citation:
    """One line of a source document (`002_d8f5a7355f1388eb.txt:579`) or a dataset file."""

    source_file: str
    source_line: int | None = None

    def __str__(self) -> str:
        return f"{self.source_file}:{self.source_line}" if self.source_line else self.source_file


def citations_of(tb: pd.DataFrame) -> tuple[Citation, ...]:
    """The distinct citations of a frame with `source_file`/`source_line` columns, sorted."""
    pairs = tb[["source_file", "source_line"]].dropna(subset=["source_file"]).drop_duplicates()
    return tuple(
        sorted(Citation(f, int(n) if pd.notna(n) else None) for f, n in pairs.itertuples(False))
    )


def cite_list(citations: Iterable[Citation], limit: int = 3) -> str:
    """`a:1, b:2 (+4)` for hover text and captions."""
    items = [str(c) for c in citations]
    head = ", ".join(items[:limit])
    return head + (f" (+{len(items) - limit})" if len(items) > limit else "")


@dataclass(frozen=True)
class Result:
    """A query's answer: one row per place (all of them, NaN where nothing is published)."""

    tb: pd.DataFrame
    citations: tuple[Citation, ...]
    dataset: str
    synthetic: bool = False
