"""queries/observations.py on a tiny real DuckDB: rates of several industries are ratios of sums."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from queries.metrics import get_metric
from queries.observations import observation_values
from tests.helpers import tiny_database


def _tiny(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("INSERT INTO federal_districts VALUES ('CFD','Ц','Central','Ц','Central')")
    con.execute(
        "INSERT INTO regions VALUES ('RU-MOW','45','Москва','Москва','Moscow','Moscow','CFD'),"
        "('RU-TUL','70','Тульская','Тульская','Tula','Tula','CFD')"
    )
    con.execute(
        "INSERT INTO datasets (dataset_id, kind, synthetic) VALUES ('t', 'imported', FALSE)"
    )
    rows = [  # geo, industry, created, active_start  (hand-made)
        ("RU-MOW", "design", 10, 100),
        ("RU-MOW", "music", 30, 200),
        ("RU-TUL", "design", 1, 20),
    ]
    for geo, industry, created, start in rows:
        con.execute(
            "INSERT INTO observations (dataset_id, metric, level, geo, industry, year, value, "
            "numerator, denominator, source_file) VALUES ('t','creation_coef','region',?,?,2024,"
            "?,?,?,'f.csv'), ('t','created','region',?,?,2024,?,NULL,NULL,'f.csv')",
            [geo, industry, 100.0 * created / start, created, start, geo, industry, created],
        )


@pytest.fixture()
def tiny_cur(tmp_path: Path):
    with tiny_database(tmp_path, _tiny) as cur:
        yield cur


def test_two_industries_rate_is_ratio_of_sums(tiny_cur) -> None:
    tb = observation_values(
        tiny_cur, get_metric("creation_coef"), "region", "t", 2024, ["design", "music"]
    ).tb.set_index("geo")
    # Moscow: (10 + 30) / (100 + 200) = 13.33 %, not the mean of 10 % and 15 % (12.5 %).
    assert tb.loc["RU-MOW", "value"] == pytest.approx(40 / 300 * 100)
    assert tb.loc["RU-MOW", "numerator"] == 40 and tb.loc["RU-MOW", "denominator"] == 300
    # Tula has design only: 1/20, and its base is small.
    assert tb.loc["RU-TUL", "value"] == pytest.approx(5.0)
    assert tb.loc["RU-TUL", "flag"] == "small_base"


def test_counts_are_summed(tiny_cur) -> None:
    tb = observation_values(
        tiny_cur, get_metric("created"), "region", "t", 2024, ["design", "music"]
    ).tb.set_index("geo")
    assert tb.loc["RU-MOW", "value"] == 40 and tb.loc["RU-TUL", "value"] == 1


def test_places_without_rows_are_nan_not_zero(tiny_cur) -> None:
    tb = observation_values(
        tiny_cur, get_metric("created"), "region", "t", 2024, ["music"]
    ).tb.set_index("geo")
    assert tb.loc["RU-MOW", "value"] == 30
    assert tb["value"].isna().sum() == 1  # Tula publishes nothing for music
