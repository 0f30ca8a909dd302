"""A view → the table it displays (rankings order), as CSV or XLSX under a header block.

The header block names the source documents (title, issue, date, lines), the classification
method, the filters, the dataset (and whether it is synthetic), the export date and the
permalink. Text cells that a spreadsheet would run as a formula (starting with ``=``, ``+``,
``-``, ``@``, tab or carriage return) are neutralised with a leading apostrophe by
`atlas.spreadsheet.neutralise`, the one guard shared with the import report.
"""

from __future__ import annotations

import csv
import io
import math
import re

import pandas as pd

from atlas.spreadsheet import FORMULA_PREFIXES as FORMULA_PREFIXES  # re-exported
from atlas.spreadsheet import neutralise
from exports.citation import document_citation
from exports.view import ExportView
from layouts.i18n import decimals_of, t

_ILLEGAL_XLSX = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")  # XML 1.0 forbids these
_HEADER_FILL = "E8EEF4"
_COLUMNS = (
    "code",
    "name",
    "fd",
    "value",
    "numerator",
    "denominator",
    "class",
    "rank",
    "note",
    "source",
)


def _sources_of(row: dict) -> str:
    citations = row.get("citations")
    if citations is not None and not isinstance(citations, float) and len(citations):
        return ", ".join(str(c) for c in sorted(citations))
    if isinstance(row.get("source_file"), str):
        line = row.get("source_line")
        return row["source_file"] + (f":{int(line)}" if pd.notna(line) else "")
    return ""


def displayed_table(view: ExportView) -> pd.DataFrame:
    """One row per place as the rankings show them: value descending, no-data rows last.

    Columns (`_COLUMNS`): code, name, district, value, numerator, denominator, class, rank,
    note, source. Values are the query's own (`map_data(...).result.tb`), unrounded.
    """
    tb = view.data.result.tb
    lang, map_view = view.lang, view.rendered.view
    labels = [
        map_view.class_labels[i] if i is not None else map_view.no_data_label
        for i in map_view.class_index
    ]
    flags = tb["flag"] if "flag" in tb else pd.Series([None] * len(tb), index=tb.index)
    out = pd.DataFrame(
        {
            "code": tb["geo"],
            "name": tb["name_ru" if lang == "ru" else "name_en"],
            "fd": tb["fd"],
            "value": tb["value"].astype(float),
            "numerator": tb["numerator"].astype(float) if "numerator" in tb else math.nan,
            "denominator": tb["denominator"].astype(float) if "denominator" in tb else math.nan,
            "class": labels,
            "rank": tb["value"].rank(ascending=False, method="min"),
            "note": [t("ex_small_base", lang) if f == "small_base" else "" for f in flags],
            "source": [_sources_of(row) for row in tb.to_dict("records")],
        }
    )
    out = out.sort_values("value", ascending=False, na_position="last", kind="stable")
    return out.reset_index(drop=True)


def header_rows(view: ExportView) -> list[tuple[str, str]]:
    """(label, text) lines above the table: what, from where, how, for which filters, when."""
    lang, data = view.lang, view.data
    rows = [(t("ex_title", lang), view.title)]
    if view.synthetic:
        rows.append((t("ex_warning", lang), t("synthetic_banner", lang)))
    docs = data.docs
    label = t("sources" if len(docs) > 1 else "source", lang)
    rows += [(label, document_citation(row, lang)) for _, row in docs.iterrows()]
    if docs.empty and data.dataset.get("origin"):
        rows.append((t("source", lang), str(data.dataset["origin"])))
    rows.append((t("classification", lang), view.method_label))
    rows += list(view.filters)
    dataset = f"{view.dataset_label} [{data.dataset.get('dataset_id', '')}]"
    if view.synthetic:
        dataset += " — " + t("ex_synthetic", lang)
    rows.append((t("dataset", lang), dataset))
    if len(data.state.industries) > 1:
        rows.append((t("ex_note", lang), t("several_industries_note", lang)))
    rows.append((t("ex_exported", lang), f"{view.today:%Y-%m-%d}, {t('app_title', lang)}"))
    rows.append((t("ex_permalink", lang), view.permalink))
    return rows


def column_titles(view: ExportView) -> list[str]:
    unit = view.data.metric.unit(view.lang)
    return [t(f"ex_col_{c}", view.lang).format(unit=unit) for c in _COLUMNS]


def _plain(value: object) -> object:
    """CSV text of a cell: '' for no data, whole numbers without '.0'."""
    if isinstance(value, float):
        if math.isnan(value):
            return ""
        return int(value) if value.is_integer() else repr(value)
    return neutralise("" if value is None else str(value))


def csv_bytes(view: ExportView) -> bytes:
    """UTF-8 CSV (with BOM, so spreadsheets read Cyrillic): header block, blank line, table."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for label, text in header_rows(view):
        writer.writerow([neutralise(label), neutralise(text)])
    writer.writerow([])
    writer.writerow([neutralise(c) for c in column_titles(view)])
    for row in displayed_table(view).itertuples(index=False):
        writer.writerow([_plain(v) for v in row])
    return buffer.getvalue().encode("utf-8-sig")


def _cell(value: object) -> object:
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, str):
        return neutralise(_ILLEGAL_XLSX.sub("", value))
    return value


def xlsx_bytes(view: ExportView) -> bytes:
    """One sheet: the header block (labels in bold), then the table with a filter row."""
    # openpyxl is imported on the first XLSX export, not by every web worker (~12 MB each).
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    sheet.title = t("ex_sheet", view.lang)
    book.properties.title = _cell(view.title)
    book.properties.creator = t("app_title", view.lang)
    for label, text in header_rows(view):
        sheet.append([_cell(label), _cell(text)])
        sheet.cell(sheet.max_row, 1).font = Font(bold=True)
    sheet.append([])
    sheet.append([_cell(c) for c in column_titles(view)])
    top = sheet.max_row
    for cell in sheet[top]:
        cell.font, cell.fill = Font(bold=True), PatternFill("solid", fgColor=_HEADER_FILL)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    table = displayed_table(view)
    for row in table.itertuples(index=False):
        sheet.append([_cell(v) for v in row])
    digits = decimals_of(view.data.metric.number_format)
    value_format = "#,##0" + ("." + "0" * digits if digits else "")
    for column in ("value", "numerator", "denominator"):
        letter = get_column_letter(_COLUMNS.index(column) + 1)
        for (cell,) in sheet[f"{letter}{top + 1}:{letter}{top + len(table)}"]:
            cell.number_format = value_format
    sheet.freeze_panes = sheet.cell(top + 1, 1)
    sheet.auto_filter.ref = f"A{top}:{get_column_letter(len(_COLUMNS))}{top + len(table)}"
    for i, width in enumerate((10, 34, 8, 12, 12, 12, 16, 7, 14, 40), start=1):
        sheet.column_dimensions[get_column_letter(i)].width = width
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
