"""The importer (etl/importer/): formats, rejection reasons, refusal, atomic publish, CLI."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import os
from pathlib import Path

import duckdb
import openpyxl
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from atlas.cli import main as cli
from atlas.store import resolve_current, versions, writer_lock
from etl.importer import (
    FileFormatError,
    HeaderError,
    ImportFailed,
    ImportRefused,
    UnsafeNameError,
    check_file,
    import_file,
)
from etl.importer import load as load_module
from tests.etl.conftest import IMPORT_DATA

FIXTURE = IMPORT_DATA / "orgs_fixture.csv"
TODAY = dt.date(2026, 6, 1)
HEADER = [
    "ИНН",
    "Наименование",
    "Регион",
    "Основной ОКВЭД",
    "Индустрия",
    "Дата регистрации",
    "Дата ликвидации",
]


def _fixture_rows() -> list[list[str]]:
    with FIXTURE.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))[1:]


def _write_csv(
    path: Path,
    rows: list[list[str]],
    *,
    encoding: str = "utf-8",
    delimiter: str = ",",
    header: list[str] = HEADER,
) -> Path:
    with path.open("w", encoding=encoding, newline="") as handle:
        writer = csv.writer(handle, delimiter=delimiter, lineterminator="\r\n")
        writer.writerow(header)
        writer.writerows(rows)
    return path


def _cube(path: Path, **options) -> pd.DataFrame:
    checked = check_file(path, dataset_id="x", today=TODAY, **options)
    assert checked.report.rows_rejected == 0, checked.report.summary()
    return checked.observations.drop(columns="source_file").reset_index(drop=True)


def _rejections(path: Path, **options) -> pd.DataFrame:
    report = check_file(path, dataset_id="x", today=TODAY, max_reject_share=1.0, **options).report
    return report.rejections


def _has(tb: pd.DataFrame, row: int, field: str, code: str) -> pd.Series:
    hit = tb[(tb["row"] == row) & (tb["field"] == field) & (tb["code"] == code)]
    assert len(hit) == 1, f"row {row} {field} {code} not in\n{tb.to_string()}"
    return hit.iloc[0]


# --- formats and encodings ---------------------------------------------------------------


@pytest.fixture(scope="module")
def reference() -> pd.DataFrame:
    return _cube(FIXTURE)


@pytest.mark.parametrize(
    ("encoding", "delimiter"),
    [("utf-8-sig", ";"), ("cp1251", ";"), ("cp1251", ","), ("utf-8", "\t"), ("utf-16", ";")],
)
def test_csv_encodings_and_delimiters_give_the_same_cube(
    tmp_path, reference, encoding, delimiter
) -> None:
    path = _write_csv(
        tmp_path / "orgs.csv", _fixture_rows(), encoding=encoding, delimiter=delimiter
    )
    report = check_file(path, dataset_id="x", today=TODAY).report
    assert report.encoding == {"utf-8": "utf-8"}.get(encoding, encoding)
    assert report.delimiter == delimiter and report.rows_accepted == 27
    pd.testing.assert_frame_equal(_cube(path), reference)


def test_bom_is_not_part_of_the_first_header(tmp_path) -> None:
    path = _write_csv(tmp_path / "bom.csv", _fixture_rows(), encoding="utf-8-sig")
    report = check_file(path, dataset_id="x", today=TODAY).report
    assert report.encoding == "utf-8-sig" and report.ignored_columns == ()


def test_quoted_cells_with_delimiters_quotes_and_line_breaks(tmp_path, reference) -> None:
    rows = _fixture_rows()
    rows[0][1] = 'ООО "Код";\nвторая строка, с запятой'
    rows[1][1] = '«Ёлка»; "тест"'
    path = _write_csv(tmp_path / "quoted.csv", rows, delimiter=";")
    pd.testing.assert_frame_equal(_cube(path), reference)
    # The row after a cell with a line break is still row 4 as a spreadsheet shows it
    rows[2][2] = "Нигдеград"
    path = _write_csv(tmp_path / "quoted2.csv", rows, delimiter=";")
    assert _has(_rejections(path), 4, "region", "unknown_region") is not None


def test_parquet_with_typed_columns(tmp_path, reference) -> None:
    rows = _fixture_rows()
    day = lambda s: dt.date.fromisoformat(s) if s else None  # noqa: E731
    table = pa.table(
        {
            "inn": pa.array([int(r[0]) for r in rows], pa.int64()),
            "name": [r[1] for r in rows],
            "region": [r[2] for r in rows],
            "okved": [r[3] for r in rows],
            "industry": [r[4] or None for r in rows],
            "registered": pa.array([day(r[5]) for r in rows], pa.date32()),
            "liquidated": pa.array([day(r[6]) for r in rows], pa.date32()),
        }
    )
    pq.write_table(table, tmp_path / "orgs.parquet")
    pd.testing.assert_frame_equal(_cube(tmp_path / "orgs.parquet"), reference)


def test_parquet_rows_are_numbered_like_a_spreadsheet(tmp_path) -> None:
    table = pa.table(
        {
            "inn": ["1", "2"],
            "region": ["Москва", "Масква"],
            "okved": ["62.01"] * 2,
            "registered": ["2020-01-01"] * 2,
        }
    )
    pq.write_table(table, tmp_path / "two.parquet")
    _has(_rejections(tmp_path / "two.parquet"), 3, "region", "unknown_region")


def _write_xlsx(path: Path, rows: list[list[object]], header: list[str] = HEADER) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def test_xlsx_with_typed_cells(tmp_path, reference) -> None:
    typed = []
    for r in _fixture_rows():
        liquidated = dt.datetime.fromisoformat(r[6]) if r[6] else None
        typed.append(
            [int(r[0]), r[1], r[2], r[3], r[4] or None, dt.datetime.fromisoformat(r[5]), liquidated]
        )
    path = _write_xlsx(tmp_path / "orgs.xlsx", typed)
    report = check_file(path, dataset_id="x", today=TODAY).report
    assert report.file_format == "xlsx" and report.rows_accepted == 27
    pd.testing.assert_frame_equal(_cube(path), reference)


def test_xlsx_formula_cell_is_rejected_not_evaluated(tmp_path) -> None:
    rows = [
        ["1", "A", "Москва", "62.01", None, "2020-01-01", None],
        ["2", "B", "Москва", "62.01", None, "=DATE(2020,1,1)", None],
        ["3", "C", "Москва", '="62.01"', None, "2020-01-01", None],
    ]
    tb = _rejections(_write_xlsx(tmp_path / "f.xlsx", rows))
    hit = _has(tb, 3, "registered", "formula_cell")
    assert "=DATE(2020,1,1)" in hit["reason"] and hit["column"] == "Дата регистрации"
    _has(tb, 4, "okved", "formula_cell")
    assert set(tb["row"]) == {3, 4}  # the empty-looking cell is not reported twice


def test_old_xls_and_empty_files_are_refused_with_a_reason(tmp_path) -> None:
    (tmp_path / "old.xls").write_bytes(b"\xd0\xcf\x11\xe0" + b"\0" * 100)
    with pytest.raises(FileFormatError, match=r"save it as \.xlsx"):
        check_file(tmp_path / "old.xls", dataset_id="x")
    (tmp_path / "empty.csv").write_bytes(b"")
    with pytest.raises(FileFormatError, match="empty"):
        check_file(tmp_path / "empty.csv", dataset_id="x")


# --- headers -----------------------------------------------------------------------------


def test_english_headers_and_explicit_mapping(tmp_path, reference) -> None:
    english = [
        "inn",
        "name",
        "Federal subject",
        "main okved",
        "industry",
        "Registration date",
        "liquidation_date",
    ]
    path = _write_csv(tmp_path / "en.csv", _fixture_rows(), header=english)
    pd.testing.assert_frame_equal(_cube(path), reference)
    odd = ["Код", "Имя", "Где", "Вид", "Индустрия", "Начало", "Конец"]
    path = _write_csv(tmp_path / "odd.csv", _fixture_rows(), header=odd)
    with pytest.raises(HeaderError, match=r"no column for an id.*region.*registered"):
        check_file(path, dataset_id="x")
    mapping = {
        "Код": "inn",
        "Где": "region",
        "Вид": "okved",
        "Начало": "registered",
        "Конец": "liquidated",
    }
    pd.testing.assert_frame_equal(_cube(path, mapping=mapping), reference)


def test_two_columns_for_one_field_must_be_resolved(tmp_path) -> None:
    header = ["ИНН", "inn", "Регион", "ОКВЭД", "Дата регистрации"]
    path = _write_csv(
        tmp_path / "two.csv", [["1", "1", "Москва", "62.01", "2020-01-01"]], header=header
    )
    with pytest.raises(HeaderError, match="both give field 'inn'"):
        check_file(path, dataset_id="x")
    assert check_file(path, dataset_id="x", mapping={"inn": "ignore"}).report.rows_accepted == 1


# --- region numbers: OKATO and FNS disagree, so the header must say which --------------------

NUMBERED = [["1", "77", "62.01", "2020-01-01"], ["2", "16", "62.01", "2020-01-01"],
            ["3", "45", "62.01", "2020-01-01"]]  # fmt: skip


def _created_by_region(path: Path, **options) -> dict[str, float]:
    """Subject → organisations created in 2020 (all industries), from an imported file's cube."""
    checked = check_file(path, dataset_id="x", today=TODAY, max_reject_share=1.0, **options)
    tb = checked.observations
    created = tb[(tb.metric == "created") & (tb.level == "region") & (tb.industry == "all")
                 & (tb.year == 2020)]  # fmt: skip
    assert created.geo.is_unique, created
    return dict(zip(created.geo, created.value, strict=True))


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("Код региона", {"RU-MOW": 1, "RU-TA": 1, "RU-KGN": 1}),  # FNS: 77, 16, 45
        ("ОКАТО", {"RU-CHU": 1, "RU-TA": 0, "RU-MOW": 1}),  # OKATO: 77, (16: none), 45
    ],
)
def test_numbered_regions_follow_the_numbering_their_header_names(
    tmp_path, header, expected
) -> None:
    path = _write_csv(tmp_path / "n.csv", NUMBERED,
                      header=["ИНН", header, "ОКВЭД", "Дата регистрации"])  # fmt: skip
    got = _created_by_region(path)
    assert {code: got.get(code, 0) for code in expected} == expected


def test_a_bare_number_under_a_names_header_is_refused_not_guessed(tmp_path) -> None:
    path = _write_csv(tmp_path / "n.csv", NUMBERED, header=["ИНН", "Регион", "ОКВЭД",
                                                            "Дата регистрации"])  # fmt: skip
    tb = _rejections(path)
    for row in (2, 3, 4):
        hit = _has(tb, row, "region", "ambiguous_region")
        assert "ОКАТО" in hit["reason"] and "region_fns" in hit["reason"]
        assert hit["column"] == "Регион"
    # The user says which numbering it is: the same file imports.
    assert _created_by_region(path, mapping={"Регион": "region_fns"})["RU-MOW"] == 1


def test_an_unknown_fns_code_names_the_row_and_the_valid_codes(tmp_path) -> None:
    rows = [["1", "80", "62.01", "2020-01-01"], ["2", "77", "62.01", "2020-01-01"]]
    path = _write_csv(tmp_path / "n.csv", rows, header=["ИНН", "Код региона", "ОКВЭД",
                                                        "Дата регистрации"])  # fmt: skip
    hit = _has(_rejections(path), 2, "region", "unknown_region")
    assert "'80'" in hit["reason"] and "01–79" in hit["reason"]
    assert hit["column"] == "Код региона"


def test_two_region_columns_must_be_resolved(tmp_path) -> None:
    header = ["ИНН", "Регион", "Код региона", "ОКВЭД", "Дата регистрации"]
    path = _write_csv(tmp_path / "two.csv", [["1", "Москва", "77", "62.01", "2020-01-01"]],
                      header=header)  # fmt: skip
    with pytest.raises(HeaderError, match="both give the region"):
        check_file(path, dataset_id="x")
    mapped = check_file(path, dataset_id="x", mapping={"Код региона": "ignore"})
    assert mapped.report.rows_accepted == 1


# --- every rejection reason ----------------------------------------------------------------

REJECT_ROWS = [
    # row 2: good; its name holds a line break, yet the next record is row 3
    ["1", 'ООО "Раз"\nдва', "Москва", "62.01", "", "2020-01-01", ""],
    ["2", "", "Масква", "62.01", "", "2020-01-01", ""],  # 3 unknown region
    ["3", "", "Донецкая Народная Республика", "62.01", "", "2020-01-01", ""],  # 4 outside
    ["4", "", "Запорожская область", "62.01", "", "2020-01-01", ""],  # 5 outside
    ["5", "", "Херсонская область", "62.01", "", "2020-01-01", ""],  # 6 outside
    ["6", "", "ЛНР", "62.01", "", "2020-01-01", ""],  # 7 outside
    ["7", "", "г. Байконур", "62.01", "", "2020-01-01", ""],  # 8 outside
    [],  # 9 blank: skipped, but spreadsheets count it
    [
        "8",
        "",
        "Тюменская область (включая Ханты-Мансийский автономный округ - Югра и "
        "Ямало-Ненецкий автономный округ)",
        "62.01",
        "",
        "2020-01-01",
        "",
    ],  # 10 composite
    ["9", "", "Москва", "62.01", "", "31.02.2020", ""],  # 11 bad date
    ["10", "", "Москва", "62.01", "", "2030-01-01", ""],  # 12 future
    ["11", "", "Москва", "62.01", "", "1989-05-05", ""],  # 13 before 1991
    ["12", "", "Москва", "62.01", "", "2020-01-01", "2019-01-01"],  # 14 liquidated first
    ["13", "", "Москва", "62.01", "", "2020-01-01", ""],  # 15 conflicting duplicate …
    ["13", "", "Тверская область", "62.01", "", "2020-01-01", ""],  # 16 … of row 15
    ["14", "", "Москва", "74.10", "", "2021-05-05", ""],  # 17 identical duplicate …
    ["14", "Другое имя", "г. Москва", "74.10", "", "05.05.2021", ""],  # 18 … merged
    ["15", "", "Москва", "62.01.5", "", "2020-01-01", ""],  # 19 unknown OKVED
    ["16", "", "Москва", "47.11", "", "2020-01-01", ""],  # 20 counted, not creative
    ["17", "", "Москва", "74.1", "", "2020-01-01", ""],  # 21 design: 74.1's one class 74.10
    ["18", "", "Москва", "59.11", "кинематограф", "2020-01-01", ""],  # 22 unknown industry
    ["19", "", "Москва", "abc", "", "2020-01-01", ""],  # 23 not an OKVED code
    ["20", "", "Москва", "62.01", "", "2020-01-01", "2027-01-01"],  # 24 future liquidation
    ["", "", "Москва", "62.01", "", "2020-01-01", ""],  # 25 no id
    ["21", "", "Алтай", "62.01", "", "2020-01-01", ""],  # 26 ambiguous region
    ["22", "", "Москва", "62.01", "", "2020-01-01", "", "лишнее"],  # 27 extra cell
    ["23", "", "Москва", "", "", "2020-01-01", ""],  # 28 neither OKVED nor industry
]


@pytest.fixture(scope="module")
def rejected(tmp_path_factory) -> tuple[object, Path]:
    path = _write_csv(tmp_path_factory.mktemp("rej") / "rejects.csv", REJECT_ROWS)
    report = check_file(path, dataset_id="x", today=TODAY, max_reject_share=1.0).report
    return report, path


def test_every_rejected_row_names_file_row_field_and_reason(rejected) -> None:
    report, _ = rejected
    tb = report.rejections
    assert set(tb["file"]) == {"rejects.csv"}
    reason = _has(tb, 3, "region", "unknown_region")["reason"]
    assert "Масква" in reason and "Москва (RU-MOW)" in reason  # suggestion
    assert "okrugs" in _has(tb, 10, "region", "composite_total")["reason"]
    _has(tb, 11, "registered", "bad_date")
    assert "2026-06-01" in _has(tb, 12, "registered", "future_date")["reason"]
    _has(tb, 13, "registered", "date_before_1991")
    _has(tb, 14, "liquidated", "liquidation_before_registration")
    assert "15, 16" in _has(tb, 15, "id", "duplicate_conflict")["reason"]
    _has(tb, 16, "id", "duplicate_conflict")
    assert "no code 62.01.5" in _has(tb, 19, "okved", "unknown_okved")["reason"]
    # Scope is not rejection (issue 11): 47.11 is counted not creative, 74.1 (a spreadsheet's
    # 74.10, or the group itself) is design by its one class
    assert not {20, 21} & set(tb["row"])
    counted = report.counted.set_index("row")["industries"]
    assert pd.isna(counted[20]) and counted[21] == "design"
    assert "кинематограф" in _has(tb, 22, "industry", "unknown_industry")["reason"]
    _has(tb, 23, "okved", "unknown_okved")
    _has(tb, 24, "liquidated", "future_date")
    _has(tb, 25, "id", "missing_value")
    assert "RU-AL" in _has(tb, 26, "region", "ambiguous_region")["reason"]
    _has(tb, 27, "", "bad_row")
    _has(tb, 28, "okved", "no_industry")
    assert _has(tb, 3, "region", "unknown_region")["column"] == "Регион"


def test_outside_territories_are_counted_apart_not_as_errors(rejected) -> None:
    report, _ = rejected
    outside = report.outside.set_index("row")["territory"].to_dict()
    assert outside == {
        4: "Донецкая Народная Республика",
        5: "Запорожская область",
        6: "Херсонская область",
        7: "Луганская Народная Республика",
        8: "Байконур",
    }
    assert not set(outside) & set(report.rejections["row"])


def test_totals_add_up_and_identical_duplicates_merge(rejected) -> None:
    report, _ = rejected
    # rows 2–28 less the blank row 9 = 26 data rows: accepted 2, 17, 18, 20 (not creative)
    # and 21; outside 4–8
    assert report.rows_read == 26
    assert (report.rows_accepted, report.rows_outside) == (5, 5)
    assert (report.rows_creative, report.rows_not_creative) == (4, 1)
    assert report.rows_rejected == 26 - 5 - 5
    assert report.duplicates_merged == 1  # rows 17 and 18 are one organisation
    assert report.refused is False  # limit 100 % here


def test_report_csv_lists_rejected_and_outside_rows(rejected, tmp_path) -> None:
    report, _ = rejected
    tb = pd.read_csv(report.to_csv(tmp_path / "report.csv"))
    # every row has a status (issue 11): counted creative / not creative, outside, rejected
    assert set(tb["status"]) == {"rejected", "outside", "creative", "not_creative"}
    assert len(tb[tb["status"] == "outside"]) == 5
    assert tb.loc[tb["row"] == 21, ["status", "reason"]].values.tolist() == [["creative", "design"]]
    assert tb.loc[tb["row"] == 20, "status"].tolist() == ["not_creative"]
    assert list(tb.columns) == [
        "status",
        "file",
        "row",
        "column",
        "field",
        "value",
        "code",
        "reason",
    ]
    assert "rejects.csv" in report.summary() and "unknown_region" in report.summary()


# --- refusal and the store ------------------------------------------------------------------


def _snapshot(data_dir: Path) -> tuple[str, list[tuple], list[tuple]]:
    path = resolve_current(data_dir)
    con = duckdb.connect(str(path), read_only=True)
    try:
        observations = con.execute("SELECT * FROM observations ORDER BY ALL").fetchall()
        datasets = con.execute("SELECT * FROM datasets ORDER BY dataset_id").fetchall()
    finally:
        con.close()
    return path.name, observations, datasets


def _ten_rows(bad: int) -> list[list[str]]:
    rows = [[str(i), "", "Москва", "62.01", "", "2020-01-01", ""] for i in range(1, 21)]
    for row in rows[:bad]:
        row[2] = "Нигдеград"
    return rows


def test_threshold_refuses_the_whole_file(tmp_path) -> None:
    path = _write_csv(tmp_path / "t.csv", _ten_rows(2))  # 2 of 20 = 10 %
    with pytest.raises(ImportRefused) as caught:
        import_file(path, data_dir=tmp_path / "no-store", dataset_id="t", today=TODAY)
    assert caught.value.report.rows_rejected == 2
    assert "10.0%" in str(caught.value) and "5.0%" in str(caught.value)
    report = check_file(path, dataset_id="t", max_reject_share=0.10, today=TODAY).report
    assert report.refused is False  # at the limit, not above it


def test_refused_import_leaves_the_database_answering_as_before(store) -> None:
    import_file(FIXTURE, data_dir=store, dataset_id="first", today=TODAY)
    before = _snapshot(store)
    files = sorted(p.name for p in store.iterdir())
    bad = _write_csv(store.parent / "bad.csv", _ten_rows(5))
    with pytest.raises(ImportRefused):
        import_file(bad, data_dir=store, dataset_id="first", today=TODAY)
    assert _snapshot(store) == before
    assert sorted(p.name for p in store.iterdir()) == files


def test_failure_while_writing_leaves_the_database_untouched(store, monkeypatch) -> None:
    before = _snapshot(store)

    def half_write(con, checked):
        con.execute("DELETE FROM observations")
        raise RuntimeError("disk full")

    monkeypatch.setattr(load_module, "write_dataset", half_write)
    with pytest.raises(RuntimeError, match="disk full"):
        import_file(FIXTURE, data_dir=store, dataset_id="y", today=TODAY)
    assert _snapshot(store) == before
    assert not list(store.glob("*.tmp")) and not list(store.glob("*.wal"))


def test_reimport_replaces_that_dataset_only(store, tmp_path) -> None:
    import_file(FIXTURE, data_dir=store, dataset_id="a", today=TODAY)
    import_file(FIXTURE, data_dir=store, dataset_id="b", today=TODAY)
    _, before_obs, _ = _snapshot(store)
    smaller = _write_csv(tmp_path / "smaller.csv", _fixture_rows()[:5])
    report = import_file(smaller, data_dir=store, dataset_id="a", today=TODAY)
    _, after_obs, datasets = _snapshot(store)
    not_a = lambda rows: [r for r in rows if r[0] != "a"]  # noqa: E731
    assert not_a(after_obs) == not_a(before_obs)  # b and hse-2025 exactly as before
    expected = check_file(smaller, dataset_id="a", today=TODAY).observations
    assert len([r for r in after_obs if r[0] == "a"]) == len(expected)
    row_a = next(d for d in datasets if d[0] == "a")
    assert row_a[6] == "smaller.csv" and row_a[9] == 5 and report.rows_accepted == 5


def test_provenance_row_and_observation_sources(store) -> None:
    report = import_file(FIXTURE, data_dir=store, dataset_id="prov", label="Проверка", today=TODAY)
    con = duckdb.connect(str(resolve_current(store)), read_only=True)
    row = con.execute("SELECT * FROM datasets WHERE dataset_id = 'prov'").df().iloc[0]
    sources = con.execute(
        "SELECT DISTINCT source_file, source_line FROM observations WHERE dataset_id = 'prov'"
    ).fetchall()
    default = con.execute("SELECT value FROM meta WHERE key = 'default_dataset'").fetchall()
    con.close()
    assert (row.kind, bool(row.synthetic), row.label_ru) == ("imported", False, "Проверка")
    assert row.file_name == "orgs_fixture.csv" and "/" not in row.file_name
    assert row.sha256 == hashlib.sha256(FIXTURE.read_bytes()).hexdigest() == report.sha256
    assert (row.rows_read, row.rows_accepted, row.rows_rejected) == (27, 27, 0)
    assert pd.notna(row.imported_at) and "provisional OKVED mapping" in row.note
    assert sources == [("orgs_fixture.csv", None)]
    assert default == [("hse-2025",)]
    assert report.version == resolve_current(store).name and len(versions(store)) >= 2


# --- names and ids --------------------------------------------------------------------------


def test_unsafe_names_labels_and_ids_are_refused(tmp_path) -> None:
    evil = tmp_path / "bad\x1bname.csv"
    evil.write_bytes(FIXTURE.read_bytes())
    with pytest.raises(UnsafeNameError, match="control or invisible"):
        check_file(evil, dataset_id="x")
    with pytest.raises(UnsafeNameError, match="label"):
        check_file(FIXTURE, dataset_id="x", label="red\x1b[31m")
    with pytest.raises(UnsafeNameError, match="dataset id"):
        check_file(FIXTURE, dataset_id="../x")
    with pytest.raises(ImportFailed, match="published figures"):
        check_file(FIXTURE, dataset_id="hse-2025")
    with pytest.raises(ImportFailed, match="reserved for the synthetic demo"):
        check_file(FIXTURE, dataset_id="synthetic-demo")
    # A path is reduced to its base name; the id defaults to the file stem
    report = check_file(Path(os.path.relpath(FIXTURE)), today=TODAY).report
    assert report.file_name == "orgs_fixture.csv" and report.dataset_id == "import-orgs-fixture"


# --- aggregated counts ----------------------------------------------------------------------

COUNT_HEADER = [
    "Регион",
    "Год",
    "Индустрия",
    "Действующие на начало года",
    "Создано",
    "Ликвидировано",
    "Действующие на конец года",
]
COUNT_ROWS = [
    ["Москва", "2024", "", "60 000", "7 000", "5 000", ""],  # 2 good, all industries
    ["Московская область", "2024", "все", "10000", "1000", "", "10500"],  # 3 good, derived
    ["Москва", "2024", "software", "20000", "3000", "1000", "22000"],  # 4 good
    ["ДНР", "2024", "", "100", "10", "5", ""],  # 5 outside
    ["Тверская область", "1989", "", "100", "10", "5", ""],  # 6 bad year
    ["Тверская область", "2024", "", "-5", "10", "5", ""],  # 7 negative count
    ["Тверская область", "2024", "кино", "100", "10", "5", ""],  # 8 unknown industry
    ["Ярославская область", "2024", "", "100", "10", "5", "200"],  # 9 inconsistent
    ["Калужская область", "2024", "", "100", "10", "", ""],  # 10 good, no liquidations
    ["Калужская область", "2024", "", "100", "11", "", ""],  # 11 conflicts with 10
    ["Тульская область", "2024", "", "", "10", "", ""],  # 12 active_start missing
]


def test_counts_file_is_validated_and_cubed(tmp_path) -> None:
    path = _write_csv(tmp_path / "counts.csv", COUNT_ROWS, header=COUNT_HEADER, delimiter=";")
    checked = check_file(path, dataset_id="c", today=TODAY, max_reject_share=1.0)
    report, tb = checked.report, checked.report.rejections
    assert report.kind == "counts" and report.rows_outside == 1
    _has(tb, 6, "year", "bad_year")
    _has(tb, 7, "active_start", "bad_count")
    _has(tb, 8, "industry", "unknown_industry")
    _has(tb, 9, "active_end", "inconsistent_counts")
    _has(tb, 10, "region", "duplicate_conflict")
    _has(tb, 11, "region", "duplicate_conflict")
    _has(tb, 12, "active_start", "missing_value")
    assert report.rows_accepted == 3 and report.rows_rejected == 7
    obs = checked.observations.set_index(["metric", "level", "geo", "industry"])["value"]
    assert obs[("creation_coef", "region", "RU-MOW", "all")] == pytest.approx(7000 / 600)
    assert obs[("liquidated", "region", "RU-MOS", "all")] == 500  # 10000 + 1000 - 10500
    # CFD = Moscow + Moscow oblast (ratio of sums), flagged partial (16 subjects missing)
    assert obs[("creation_coef", "fd", "CFD", "all")] == pytest.approx(8000 / 70000 * 100)
    assert obs[("growth_coef", "region", "RU-MOW", "software")] == pytest.approx(10.0)
    # 'all' is never summed from the industries: software rows do not add to it
    assert obs[("created", "country", "RU", "all")] == 8000


# --- command line -------------------------------------------------------------------------


def test_cli_import_success_and_refusal(store, tmp_path, capsys) -> None:
    report_path = tmp_path / "report.csv"
    code = cli(
        [
            "import",
            str(FIXTURE),
            "--data-dir",
            str(store),
            "--dataset-id",
            "cli",
            "--label",
            "CLI",
            "--report",
            str(report_path),
        ]
    )
    assert code == 0 and "published as" in capsys.readouterr().out
    # the report says what became of every row (issue 11), and none was rejected
    assert not (pd.read_csv(report_path)["status"] == "rejected").any()
    bad = _write_csv(tmp_path / "bad.csv", _ten_rows(5))
    code = cli(
        [
            "import",
            str(bad),
            "--data-dir",
            str(store),
            "--report",
            str(report_path),
            "--max-reject-share",
            "5%",
        ]
    )
    assert code == 1 and "import refused" in capsys.readouterr().err
    assert (pd.read_csv(report_path)["status"] == "rejected").sum() == 5
    code = cli(["import", str(FIXTURE), "--data-dir", str(store), "--dataset-id", "hse-2025"])
    assert code == 2 and "published figures" in capsys.readouterr().err
    code = cli(
        [
            "import",
            str(FIXTURE),
            "--dry-run",
            "--mapping",
            "Индустрия=ignore",
            "--years",
            "2020-2023",
        ]
    )
    assert code == 0 and "years 2020–2023" in capsys.readouterr().out


def test_additional_okved_codes_count_only_when_asked(tmp_path) -> None:
    header = ["ИНН", "Регион", "Основной ОКВЭД", "Дополнительные ОКВЭД", "Дата регистрации"]
    rows = [
        ["1", "Москва", "62.01", "74.10; 58.21, 47.11", "2020-05-05"],
        ["2", "Москва", "47.11", "74.10", "2020-06-06"],
        ["3", "Москва", "62.01", "62.01.7", "2020-07-07"],
    ]
    path = _write_csv(tmp_path / "extra.csv", rows, header=header)

    def created(**options) -> dict[str, float]:
        checked = check_file(path, dataset_id="x", today=TODAY, max_reject_share=1.0, **options)
        tb = checked.observations
        tb = tb[(tb.metric == "created") & (tb.level == "region") & (tb.year == 2020)]
        return dict(zip(tb.industry, tb.value, strict=True)), checked.report.rejections

    main_only, rejected = created()
    # Row 2 counts by its main code only; row 3's main code 47.11 is not creative, so it is
    # counted among all organisations (issue 11: no longer rejected); row 4 has an
    # additional code that does not exist (rejected either way)
    assert main_only == {"all": 1, "software": 1, "all_orgs": 2}
    _has(rejected, 4, "okved_extra", "unknown_okved")
    assert set(rejected["row"]) == {4}
    both, rejected = created(count_secondary=True)
    assert both == {"all": 2, "software": 1, "design": 2, "video_games": 1, "all_orgs": 2}
    assert set(rejected["row"]) == {4}


def test_imports_into_one_folder_wait_for_each_other(store, tmp_path) -> None:
    import threading

    done = threading.Event()

    def second_import() -> None:
        import_file(FIXTURE, data_dir=store, dataset_id="second", today=TODAY)
        done.set()

    with writer_lock(store):
        import_file_thread = threading.Thread(target=second_import)
        import_file_thread.start()
        assert not done.wait(1.0)  # blocked while another import holds the folder
        # … meanwhile the holder of the lock publishes its own dataset
        checked = check_file(FIXTURE, dataset_id="first", today=TODAY)
        from atlas.store import publish

        publish(lambda con: load_module.write_dataset(con, checked), store, start_from_current=True)
    import_file_thread.join(30)
    assert done.is_set()
    _, _, datasets = _snapshot(store)
    assert {"first", "second", "hse-2025"} <= {d[0] for d in datasets}  # neither was lost


def test_import_without_a_database_says_how_to_build_one(tmp_path) -> None:
    from atlas.store import StoreError

    with pytest.raises(StoreError, match="python -m atlas build"):
        import_file(FIXTURE, data_dir=tmp_path / "empty", dataset_id="x", today=TODAY)


def test_file_level_errors_name_the_file(tmp_path) -> None:
    path = _write_csv(
        tmp_path / "no_region.csv",
        [["1", "62.01", "2020-01-01"]],
        header=["ИНН", "ОКВЭД", "Дата регистрации"],
    )
    with pytest.raises(HeaderError, match=r"^no_region\.csv: .*no column for region"):
        check_file(path, dataset_id="x")


def test_report_csv_never_starts_a_formula(tmp_path) -> None:
    rows = [
        ["1", '=HYPERLINK("x")', "=1+2", "62.01", "", "2020-01-01", ""],
        ["@SUM(1)", "", "Москва", "+62.01", "", "-2020-01-01", ""],
    ]
    report = check_file(
        _write_csv(tmp_path / "inj.csv", rows), dataset_id="x", max_reject_share=1.0
    ).report
    with report.to_csv(tmp_path / "r.csv").open(encoding="utf-8", newline="") as handle:
        cells = [cell for row in csv.reader(handle) for cell in row]
    assert "'=1+2" in cells and "'-2020-01-01" in cells
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
