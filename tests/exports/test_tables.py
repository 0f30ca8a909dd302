"""exports/tables.py: CSV/XLSX hold exactly the values displayed, under a header block, safely."""

from __future__ import annotations

import csv
import io
from dataclasses import replace

import numpy as np
import openpyxl
import pandas as pd
import pytest

from atlas.viewstate import ViewState
from exports import tables
from queries.views import map_data

STATES = {
    "clusters": ViewState(),
    "created": ViewState(metric="created", lang="en"),
    "creation-fd": ViewState(level="fd", metric="creation_coef"),
}
INJECTIONS = ["=1+1", "+SUM(A1)", "-2+3", "@cmd", "\tx", "\rx", '=HYPERLINK("http://e.x")']


def _read_csv(data: bytes) -> tuple[list[list[str]], pd.DataFrame]:
    text = data.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    blank = rows.index([])
    table = pd.read_csv(io.StringIO(text), skiprows=blank + 1, dtype={0: str})
    return rows[:blank], table


def _read_xlsx(data: bytes) -> tuple[list[tuple], pd.DataFrame]:
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    rows = list(sheet.iter_rows(values_only=True))
    blank = next(i for i, r in enumerate(rows) if all(v is None for v in r))
    return rows[:blank], pd.DataFrame(rows[blank + 2 :], columns=rows[blank + 1])


def _displayed(cur, view) -> pd.Series:
    """The map's values, in the rankings' order: value descending, no data last."""
    tb = map_data(cur, view.data.state).result.tb
    ordered = tb.sort_values("value", ascending=False, na_position="last", kind="stable")
    return ordered.set_index("geo")["value"].astype(float)


@pytest.mark.parametrize("name", sorted(STATES))
def test_csv_and_xlsx_hold_the_displayed_values_in_ranking_order(cur, view_of, name) -> None:
    view = view_of(STATES[name])
    expected = _displayed(cur, view)
    _, from_csv = _read_csv(tables.csv_bytes(view))
    _, from_xlsx = _read_xlsx(tables.xlsx_bytes(view))
    for table in (from_csv, from_xlsx):
        assert table.iloc[:, 0].tolist() == expected.index.tolist()
        values = pd.to_numeric(table.iloc[:, 3], errors="coerce").to_numpy(dtype=float)
        np.testing.assert_allclose(values, expected.to_numpy(), rtol=1e-12, equal_nan=True)
    assert len(from_csv) == (85 if view.data.state.level == "region" else 8)


def test_ranks_and_classes_follow_the_map(view_of) -> None:
    view = view_of(ViewState(level="fd", metric="creation_coef"))
    table = tables.displayed_table(view)
    have = table[table["value"].notna()]
    assert have["rank"].tolist() == sorted(have["rank"].tolist())
    assert set(table["class"]) <= {
        *view.rendered.view.class_labels,
        view.rendered.view.no_data_label,
    }


def test_header_block_names_source_method_filters_dataset_date_and_link(view_of) -> None:
    view = view_of(ViewState(metric="created", lang="en"))
    header, _ = _read_csv(tables.csv_bytes(view))
    text = "\n".join(" | ".join(r) for r in header)
    for _, doc in view.data.docs.iterrows():
        assert doc["title_en"] in text and doc["source_file"] in text
        assert str(doc["issue"]).removeprefix("№") in text and doc["date"] in text
    assert "Lines " in text  # the cited lines
    assert view.method_label in text
    assert "all industries" in text
    assert "Creative organisations created" in text and "2024" in text
    assert "hse-2025" in text and "2026-11-25" in text and view.permalink in text
    assert "SYNTHETIC" not in text
    xlsx_header, _ = _read_xlsx(tables.xlsx_bytes(view))
    assert [tuple(r[:2]) for r in xlsx_header] == [tuple(r) for r in header]


def test_chosen_industries_are_named_and_the_counting_rule_is_given(view_of) -> None:
    view = view_of(ViewState(metric="created", industries=("film", "music"), lang="en"))
    rows = dict(tables.header_rows(view))
    assert rows["Creative industries"] == "Film and series, Music"  # names, in the state's order
    assert "counted in each" in rows["Note"]
    assert "industries=film%2Cmusic" in rows["Link to this view"]


def test_synthetic_data_say_so(synthetic_view) -> None:
    header, table = _read_csv(tables.csv_bytes(synthetic_view))
    text = "\n".join(" | ".join(r) for r in header)
    assert "SYNTHETIC DATA" in text and "synthetic-demo" in text
    assert table.iloc[:, 3].notna().sum() == 85


@pytest.mark.parametrize("payload", INJECTIONS)
def test_text_cells_cannot_run_as_formulas(view_of, payload) -> None:
    view = replace(view_of(), title=payload, dataset_label=payload, subtitle=payload)
    header, _ = _read_csv(tables.csv_bytes(view))
    cells = [c for row in header for c in row]
    assert "'" + payload in cells and payload not in cells
    book = openpyxl.load_workbook(io.BytesIO(tables.xlsx_bytes(view)))
    for row in book.active.iter_rows():
        for cell in row:
            assert cell.data_type != "f", cell.value
            if isinstance(cell.value, str):
                assert not cell.value.startswith(tables.FORMULA_PREFIXES), cell.value


def test_control_characters_do_not_break_the_workbook(view_of) -> None:
    view = replace(view_of(), title="a\x00b\x07c")
    book = openpyxl.load_workbook(io.BytesIO(tables.xlsx_bytes(view)))
    assert book.active["B1"].value == "abc"


def test_negative_numbers_stay_numbers(view_of) -> None:
    assert tables.neutralise(-3.5) == -3.5
    assert tables._plain(-3.5) == "-3.5"
