"""The filtered directory → CSV or XLSX bytes: a header block (what, when, filters, documents),
a blank row, then one flat row per cluster.

Text cells go through `exports.tables.neutralise`, the map export's guard, so that no cell
can run as a spreadsheet formula.
"""

from __future__ import annotations

import csv
import io

import pandas as pd

from exports.tables import neutralise
from layouts.captions import document_label
from layouts.i18n import t

EXPORT_COLUMNS = (
    "cluster_id",
    "name_ru",
    "name_en",
    "type",
    "scope",
    "status",
    "status_year",
    "first_mentioned",
    "specialisation_ru",
    "specialisation_en",
    "regions",
    "subjects_ru",
    "subjects_en",
    "fds",
    "outside_name",
    "participants",
    "participants_as_published",
    "participants_source",
    "staff",
    "staff_as_published",
    "staff_source",
    "investment",
    "investment_unit",
    "investment_as_published",
    "investment_source",
    "source",
    "all_sources",
)
SHEET_TITLE = "clusters"


def export_table(tb: pd.DataFrame) -> pd.DataFrame:
    """The directory as flat columns: lists joined with '; ', missing figures empty."""
    out = tb.copy()
    out["source"] = out["source_file"] + ":" + out["source_line"].astype(int).astype(str)
    out["all_sources"] = out["citations"].map(lambda c: "; ".join(sorted(c)))
    for column in ("regions", "fds"):
        out[column] = out[column].map("; ".join)
    out = out[list(EXPORT_COLUMNS)].astype(object)
    return out.where(out.notna(), None)


def export_header(docs: pd.DataFrame, filters_text: str, stamp: str, lang: str) -> list[str]:
    """The lines above the table: what this is, when, which filters, and every document."""
    lines = [
        t("cl_export_title", lang),
        f"{t('ex_exported', lang)}: {stamp}",
        f"{t('cl_filters_used', lang)}: {filters_text or t('cl_none', lang)}",
        f"{t('sources', lang)}:",
    ]
    for _, doc in docs.iterrows():
        lines.append(f"{doc['source_file']}: {document_label(doc, lang)}, {doc['publisher']}")
    return lines


def _cells(tb: pd.DataFrame, header: list[str]) -> list[list[object]]:
    """Header lines, a blank row, column names, then the rows; every text cell neutralised."""
    table = export_table(tb)
    rows = [[line] for line in header] + [[], list(table.columns)]
    rows += [list(record) for record in table.itertuples(index=False)]
    return [[neutralise(v) for v in row] for row in rows]


def export_csv(tb: pd.DataFrame, header: list[str]) -> bytes:
    """UTF-8 CSV with a BOM (spreadsheets then read Cyrillic right)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for row in _cells(tb, header):
        writer.writerow(["" if v is None else v for v in row])
    return buffer.getvalue().encode("utf-8-sig")


def export_xlsx(tb: pd.DataFrame, header: list[str]) -> bytes:
    """One sheet: the header block, a blank row, then the table (numbers stay numbers)."""
    import openpyxl.styles  # on the first export only: not every web worker needs it

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = SHEET_TITLE
    for row in _cells(tb, header):
        sheet.append(row)
    for cell in sheet[len(header) + 2]:
        cell.font = openpyxl.styles.Font(bold=True)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
