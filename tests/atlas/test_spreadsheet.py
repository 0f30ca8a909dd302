"""One formula guard for every spreadsheet file: exports and the import report share it."""

from __future__ import annotations

import csv
import doctest
from pathlib import Path

import pandas as pd
import pytest

import atlas.spreadsheet
from atlas.spreadsheet import neutralise, neutralise_frame
from etl.importer import check_file
from exports import tables


def test_doctests_hold() -> None:
    result = doctest.testmod(atlas.spreadsheet)
    assert result.attempted > 0 and result.failed == 0


def test_exports_use_the_shared_guard() -> None:
    assert tables.neutralise is neutralise


@pytest.mark.parametrize("dtype", [object, "string", "str"])
def test_every_text_dtype_is_neutralised(dtype) -> None:
    tb = pd.DataFrame({"file": pd.Series(["=evil()+1.csv", "ok.csv", None], dtype=dtype),
                       "row": [2, 3, 4]})  # fmt: skip
    out = neutralise_frame(tb)
    assert out["file"].tolist()[:2] == ["'=evil()+1.csv", "ok.csv"]
    assert pd.isna(out["file"].iloc[2])
    assert out["row"].tolist() == [2, 3, 4]


def test_report_file_column_is_neutralised(tmp_path: Path) -> None:
    path = tmp_path / "=evil()+1.csv"
    path.write_text("ИНН,Регион,Основной ОКВЭД,Дата регистрации\n7707083893,Нарния,62.01,"
                    "2017-03-10\n", encoding="utf-8")  # fmt: skip
    report = check_file(path, dataset_id="x", max_reject_share=1.0).report
    with report.to_csv(tmp_path / "report.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert rows and all(r["file"] == "'=evil()+1.csv" for r in rows)
