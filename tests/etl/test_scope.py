"""Issue 11: scope is not rejection, the creative share, and OKVED cells as they come."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

from etl import okved
from etl.importer import check_file

TODAY = dt.date(2026, 6, 1)
HEADER = ["ИНН", "Регион", "Основной ОКВЭД", "Дата регистрации"]


def _extract(path: Path, regions: dict[str, tuple[int, int]]) -> Path:
    """An extract of all organisations: per region (all, creative), registered in 2020;
    creative ones have main code 62.01, the others 47.11 (retail)."""
    rows, n = [], 0
    for region, (total, creative) in regions.items():
        for i in range(total):
            n += 1
            rows.append([f"77{n:08d}", region, "62.01" if i < creative else "47.11", "2020-03-01"])
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([HEADER, *rows])
    return path


def _value(obs: pd.DataFrame, metric: str, geo: str, industry: str = "all") -> pd.Series:
    hit = obs[(obs.metric == metric) & (obs.geo == geo) & (obs.industry == industry)]
    return hit[hit.year == 2020].iloc[0]


def test_300_moscow_organisations_with_10_percent_creative_are_accepted(tmp_path) -> None:
    path = _extract(tmp_path / "moscow.csv", {"г. Москва": (300, 30)})
    checked = check_file(path, dataset_id="x", today=TODAY)  # default limit 5 %
    report = checked.report
    assert not report.refused and report.rows_rejected == 0
    assert (report.rows_creative, report.rows_not_creative, report.scope) == (30, 270, "all")
    # independent count from the file itself
    raw = pd.read_csv(path, dtype=str)
    expected = 100 * (raw["Основной ОКВЭД"] == "62.01").sum() / len(raw)
    share = _value(checked.observations, "creative_share_created", "RU-MOW")
    assert share.value == pytest.approx(expected) == 10.0
    assert (share.numerator, share.denominator) == (30, 300)
    assert _value(checked.observations, "created", "RU-MOW", "all_orgs").value == 300
    assert "counted creative 30, counted not creative 270" in report.summary()


def test_district_and_russia_shares_are_ratios_of_sums(tmp_path) -> None:
    path = _extract(tmp_path / "two.csv", {"г. Москва": (300, 30), "Тульская область": (20, 10)})
    obs = check_file(path, dataset_id="x", today=TODAY).observations
    assert _value(obs, "creative_share_created", "RU-TUL").value == pytest.approx(50.0)
    # (30 + 10) / (300 + 20) = 12.5 %, not the mean of 10 % and 50 % (30 %)
    for geo in ("CFD", "RU"):
        row = _value(obs, "creative_share_created", geo)
        assert row.value == pytest.approx(12.5) and (row.numerator, row.denominator) == (40, 320)
    active = obs[(obs.metric == "creative_share_active") & (obs.geo == "RU")]
    assert active.empty or set(active.year) == {2020}  # nothing active before the first year


def test_a_creative_selection_has_no_share_and_scope_can_be_forced(tmp_path) -> None:
    path = _extract(tmp_path / "creative.csv", {"г. Москва": (30, 30)})
    checked = check_file(path, dataset_id="x", today=TODAY)
    assert checked.report.scope == "creative"
    assert not checked.observations.metric.str.startswith("creative_share").any()
    assert "all_orgs" not in set(checked.observations.industry)
    mixed = _extract(tmp_path / "mixed.csv", {"г. Москва": (40, 30)})
    forced = check_file(mixed, dataset_id="x", today=TODAY, scope="creative")
    assert forced.report.rows_not_creative == 10 and forced.report.rows_rejected == 0
    assert _value(forced.observations, "created", "RU-MOW").value == 30
    assert "all_orgs" not in set(forced.observations.industry)


# --- OKVED cells ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "codes"),
    [
        ("90.03,62.01", ("90.03", "62.01")),  # a point: commas separate codes
        ("62.01; 58.29", ("62.01", "58.29")),
        ("62.01 58.29", ("62.01", "58.29")),
        ("62.01\n58.29\n90.01", ("62.01", "58.29", "90.01")),
        ("62,01", ("62.01",)),  # no point, two numbers: one code with a decimal comma
        ("62,01,1", ("62.01.1",)),
        ("59,11,1", ("59.11.1",)),
        ("62,01; 58,29", ("62.01", "58.29")),
        ("[62.01, 73.11]", ("62.01", "73.11")),
        ("62.01 Разработка компьютерного программного обеспечения", ("62.01",)),
    ],
)
def test_cells_split_into_codes(cell: str, codes: tuple[str, ...]) -> None:
    assert okved.read_cell(cell) == okved.CellCodes(codes)


@pytest.mark.parametrize("cell", ["62,01,58,29", "Разработка", "62.0.1.5.7"])
def test_unreadable_cells_say_why(cell: str) -> None:
    assert okved.read_cell(cell).problem and not okved.read_cell(cell).codes


# Children as OKVED 2 (ОК 029-2014, prog815/okved2 okved.csv) lists them.
REAL_CHILDREN = {
    "90.03": ["90.03.1", "90.03.2", "90.03.9"],
    "90.04": ["90.04.1", "90.04.2", "90.04.3"],
    "90.0": ["90.01", "90.02", "90.03", "90.04"],
    "59.1": ["59.11", "59.12", "59.13", "59.14"],
    "59.2": ["59.20"],
    "58.2": ["58.21", "58.29"],
    "60": ["60.1", "60.2"],
    "73.1": ["73.11", "73.12"],
    "74.1": ["74.10"],
    "56.1": ["56.10"],
}


def test_subclasses_rows_hold_all_real_subclasses() -> None:
    tb = okved.classifier_table()
    mapping = okved.mapping_table().set_index("okved_code")
    for code, children in REAL_CHILDREN.items():
        assert sorted(tb.code[tb.parent == code]) == children, code
        assert mapping.loc[code, "rule"] == "subclasses"


@pytest.mark.parametrize(
    ("code", "industry"),
    [
        ("90.03", okved.UNSPECIFIED),  # music and art disagree
        ("90.04", okved.UNSPECIFIED),
        ("59.1", okved.UNSPECIFIED),  # film and animation
        ("58.2", okved.UNSPECIFIED),  # video games and software
        ("59.2", "music"),  # they agree
        ("60", "media"),
        ("73.1", "advertising"),
        ("74.1", "design"),
        ("58.1", None),  # 58.12 directories and 58.19 are not creative
        ("62.0", None),
        ("71.1", None),
        ("91.0", None),  # 91.04 zoos and reserves
        ("59.11", "film"),  # a code row wins over the subclass rule
    ],
)
def test_class_codes_follow_their_subclasses(code: str, industry: str | None) -> None:
    assert okved.industry_of(code) == industry


def test_a_subclasses_row_that_its_subclasses_contradict_is_refused() -> None:
    table = dict(okved._mapping())
    bad = dict(table["90.03"], industry_id="music", _line=99)
    with pytest.raises(okved.OkvedFileError, match="give industry 'creative_unspecified'"):
        okved._check_subclasses_row("90.03", bad, table, okved._classifier())
    del table["73.12"]  # were 73.12 not creative, 73.1 could not be 'subclasses'
    row = dict(table["73.1"], _line=98)
    with pytest.raises(okved.OkvedFileError, match="not all of its subclasses"):
        okved._check_subclasses_row("73.1", row, table, okved._classifier())


def test_lists_and_class_codes_in_an_import(tmp_path) -> None:
    rows = [
        ["1", "Москва", "90.03,62.01", "2020-01-01"],  # main 90.03: unspecified
        ["2", "Москва", "62,01", "2020-01-01"],  # decimal comma: software
        ["3", "Москва", "47.11; 62.01", "2020-01-01"],  # main 47.11: not creative
        ["4", "Москва", "62,01,58,29", "2020-01-01"],  # ambiguous: rejected
        ["5", "Москва", "74.1", "2020-01-01"],  # design
    ]
    path = tmp_path / "cells.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([HEADER, *rows])
    checked = check_file(path, dataset_id="x", today=TODAY, max_reject_share=1.0)
    counted = checked.report.counted.set_index("row")["industries"].astype(object)
    assert counted.fillna("-").to_dict() == {
        2: okved.UNSPECIFIED,
        3: "software",
        4: "-",  # counted, not creative
        6: "design",
    }
    rejected = checked.report.rejections
    assert rejected[["row", "field", "code"]].values.tolist() == [[5, "okved", "unknown_okved"]]
    assert "ambiguous" in rejected.reason[0] or "decimal commas" in rejected.reason[0]
    obs = checked.observations
    assert _value(obs, "created", "RU-MOW").value == 3  # all creative: rows 2, 3, 6
    assert _value(obs, "created", "RU-MOW", okved.UNSPECIFIED).value == 1
    assert _value(obs, "created", "RU-MOW", "all_orgs").value == 4
