"""layouts/cluster_export.py: the directory as CSV and XLSX under a header block, safely."""

from __future__ import annotations

import csv
import io

import openpyxl

from layouts.cluster_export import export_csv, export_header, export_xlsx
from queries.cluster_directory import directory
from queries.documents import documents


def _export_input(cur, tb=None):
    result = directory(cur)
    header = export_header(documents(cur, result.citations), "type=industrial", "2026-01-01", "en")
    return (result.tb if tb is None else tb), header


def test_csv_export_has_a_header_block_and_neutralised_text(cur) -> None:
    tb, header = _export_input(cur)
    tb = tb.copy()
    tb.loc[0, "name_en"] = '=HYPERLINK("x")'
    tb.loc[1, "specialisation_en"] = "+7 cells"
    data = export_csv(tb, header)
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0][0].startswith("Cluster Atlas")
    for file in ("000_fcbe2c7568999b02.txt", "003_2798292aea7c5742.txt"):
        assert any(r and r[0].startswith(file) for r in rows[: len(header)]), file
    table = rows[len(header) + 1 :]
    columns = table[0]
    assert {"participants_source", "source", "all_sources"} <= set(columns)
    body = [dict(zip(columns, r, strict=True)) for r in table[1:]]
    assert len(body) == len(tb)
    assert body[0]["name_en"].startswith("'=") and body[1]["specialisation_en"].startswith("'+")
    assert not any(v.startswith(("=", "+", "-", "@")) for r in body for v in r.values())


def test_xlsx_export_keeps_numbers_and_names_the_documents(cur) -> None:
    tb, header = _export_input(cur)
    book = openpyxl.load_workbook(io.BytesIO(export_xlsx(tb, header)))
    sheet = book.active
    assert sheet.cell(1, 1).value.startswith("Cluster Atlas")
    head_row = len(header) + 2
    columns = [c.value for c in sheet[head_row]]
    assert sheet.cell(head_row, 1).font.bold
    participants = columns.index("participants") + 1
    values = [sheet.cell(r, participants).value for r in range(head_row + 1, sheet.max_row + 1)]
    assert any(isinstance(v, float | int) for v in values)
    assert sheet.max_row == head_row + len(tb)
