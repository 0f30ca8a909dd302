"""Source lines for captions and exports, built from the citations a query returned."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from layouts.i18n import t


def line_ranges(lines: Sequence[int]) -> str:
    """[579, 580, 581, 590] → '579–581, 590'."""
    parts: list[str] = []
    start = prev = None
    for n in [*lines, None]:
        if n is not None and prev is not None and n == prev + 1:
            prev = n
            continue
        if start is not None:
            parts.append(f"{start}–{prev}" if prev != start else f"{start}")
        start = prev = n
    return ", ".join(parts)


def document_label(row: pd.Series, lang: str) -> str:
    title = row["title_ru"] if lang == "ru" else row["title_en"]
    issue = f" {row['issue']}" if row["issue"] else ""
    date = f" ({row['date']})" if row["date"] else ""
    return f"{title}{issue}{date}"


def source_caption(docs: pd.DataFrame, lang: str, *, extra: str = "") -> str:
    """'Sources: <title> <issue> (<date>), <file> lines 579–598; …'."""
    if docs.empty:
        return extra
    items = []
    for _, row in docs.iterrows():
        lines = line_ranges(row["lines"])
        where = f"{row['source_file']}" + (
            f", {'стр.' if lang == 'ru' else 'lines'} {lines}" if lines else ""
        )
        items.append(f"{document_label(row, lang)}, {where}")
    key = "sources" if len(items) > 1 else "source"
    text = f"{t(key, lang)}: " + "; ".join(items)
    return f"{text}. {extra}" if extra else text
