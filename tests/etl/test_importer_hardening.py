"""Importer hardening (issue 13): counts that overflow, register checks, mixed encodings,
size caps, symlinks, Parquet quirks, composite totals and the Crimea/Sevastopol ISO codes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

from etl.importer import check_file

TODAY = dt.date(2026, 6, 1)
COUNTS_HEADER = "Регион,Год,Создано,Действующие на начало года,Ликвидировано\n"


def _check(tmp_path: Path, name: str, text: str, **options):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    options.setdefault("max_reject_share", 1.0)
    return check_file(path, dataset_id="t", today=TODAY, **options).report


def _lines(tb: pd.DataFrame) -> set[tuple[int, str, str]]:
    return {(int(r.row), r.field, r.code) for r in tb.itertuples()}


# ---------------------------------------------------------------- counts that overflow


@pytest.mark.parametrize(
    ("row", "field"),
    [
        ("Москва,2020,12345678901234567890,100,1", "created"),
        ("Москва,12345678901234567890,5,100,1", "year"),
        ("Москва,2020,9223372036854775807,9223372036854775807,0", "created"),
    ],
    ids=["20-digit count", "20-digit year", "sum overflows"],
)
def test_oversized_numbers_are_row_rejections_not_crashes(tmp_path, row, field) -> None:
    report = _check(tmp_path, "counts.csv", COUNTS_HEADER + "Тверская область,2020,5,100,1\n"
                    + row + "\n", kind="counts")  # fmt: skip
    hit = report.rejections[report.rejections["row"] == 3]
    assert field in set(hit["field"]), hit
    assert set(hit["file"]) == {"counts.csv"}
    assert hit["reason"].str.contains("whole number|year").all()
    assert report.rows_accepted == 1


# ---------------------------------------------------------------- symbolic links


def test_a_symlink_is_refused_without_quoting_its_target(tmp_path) -> None:
    from etl.importer import UnsafeNameError

    link = tmp_path / "orgs.csv"
    link.symlink_to("/etc/passwd")
    with pytest.raises(UnsafeNameError) as info:
        check_file(link, dataset_id="t", today=TODAY)
    assert "orgs.csv is a symbolic link" in str(info.value)
    assert "root" not in str(info.value)


def test_a_symlink_is_followed_only_when_asked(tmp_path) -> None:
    target = tmp_path / "real.csv"
    target.write_text(COUNTS_HEADER + "Тверская область,2020,5,100,1\n", encoding="utf-8")
    link = tmp_path / "link.csv"
    link.symlink_to(target)
    report = check_file(link, dataset_id="t", today=TODAY, follow_symlinks=True).report
    assert report.rows_accepted == 1


# ---------------------------------------------------------------- Parquet


def test_parquet_with_two_region_columns_is_refused_like_a_csv(tmp_path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    from etl.importer import HeaderError

    columns = [["7707083893"], ["Москва"], ["Тверская область"], ["62.01"], ["2020-01-01"]]
    names = ["ИНН", "Регион", "Регион", "ОКВЭД", "Дата регистрации"]
    path = tmp_path / "two_regions.parquet"
    pq.write_table(pa.Table.from_arrays([pa.array(c) for c in columns], names=names), path)
    with pytest.raises(HeaderError) as info:
        check_file(path, dataset_id="t", today=TODAY)
    assert "both give field 'region'" in str(info.value)
    assert "two_regions.parquet" in str(info.value)


def test_tz_aware_parquet_timestamps_are_dates_in_moscow_time(tmp_path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    stamps = pa.array(
        [
            dt.datetime(2019, 12, 31, 22, 30, tzinfo=dt.UTC),
            dt.datetime(2021, 5, 5, 9, tzinfo=dt.UTC),
        ],
        type=pa.timestamp("us", tz="UTC"),
    )
    table = pa.table({"ИНН": ["7707083893", "500100732259"], "Регион": ["Москва", "Москва"],
                      "ОКВЭД": ["62.01", "62.01"], "Дата регистрации": stamps})  # fmt: skip
    pq.write_table(table, tmp_path / "tz.parquet")
    report = check_file(tmp_path / "tz.parquet", dataset_id="t", today=TODAY).report
    assert report.rows_rejected == 0 and report.rows_accepted == 2
    assert report.years == (2020, 2021)  # 31 Dec 2019 22:30 UTC is 2020 in Moscow
