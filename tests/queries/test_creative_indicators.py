"""The study's indicators (queries/creative_indicators.py) on the hand-counted fixture.

The counts behind every number are worked out in tests/etl/test_cube.py's docstring;
the fixture (tests/data/import/orgs_fixture.csv) is imported for 2020–2023. Per subject,
(active_start, created, liquidated, active_end):

  2021: Moscow (4, 2, 1, 5)  Tver (3, 1, 0, 4)  Yaroslavl (1, 1, 1, 1)  St Petersburg (3, 1, 0, 4)
  2022: Moscow (5, 2, 0, 7)  Tver (4, 0, 1, 3)  Yaroslavl (1, 1, 0, 2)  St Petersburg (4, 1, 1, 4)
  2023: Moscow (7, 1, 1, 7)  Tver (3, 1, 1, 3)  Yaroslavl (2, 0, 0, 2)  St Petersburg (4, 1, 0, 5)
  2020 ends: Moscow 4, Tver 3, Yaroslavl 1, St Petersburg 3
"""

from __future__ import annotations

import datetime as dt

import duckdb
import pytest

from atlas.store import resolve_current
from etl.importer import import_file
from queries import creative_indicators as ci
from queries.provenance import Citation
from tests.helpers import build_db

FIXTURE_FILE = "orgs_fixture.csv"
DATASET = "fixture"


@pytest.fixture(scope="module")
def cur(tmp_path_factory):
    from tests.etl.conftest import IMPORT_DATA

    folder = tmp_path_factory.mktemp("indicators")
    build_db(folder)
    import_file(
        IMPORT_DATA / FIXTURE_FILE,
        data_dir=folder,
        dataset_id=DATASET,
        years=(2020, 2023),
        today=dt.date(2026, 6, 1),
    )
    con = duckdb.connect(str(resolve_current(folder)), read_only=True)
    yield con
    con.close()


def test_regions_growing_or_stable(cur) -> None:
    # 2021 growth ≥ 0 everywhere: Moscow 25, Tver 33, Yaroslavl 0, St Petersburg 33 → 4
    assert ci.regions_growing_or_stable(cur, DATASET, 2021).value == 4
    # 2022: Tver falls (4 → 3) → 3
    found = ci.regions_growing_or_stable(cur, DATASET, 2022)
    assert found.value == 3 and "RU-TVE" not in set(found.tb.geo)
    assert found.citations == (Citation(FIXTURE_FILE),) and found.synthetic is False


def test_regions_growing_fast(cur) -> None:
    # 2023 above 3 %: Moscow 0, Tver 0, Yaroslavl 0, St Petersburg 25 → 1
    assert list(ci.regions_growing_fast(cur, DATASET, 2023).tb.geo) == ["RU-SPE"]


def test_regions_with_fewer_creations_than_the_year_before(cur) -> None:
    # 2022 vs 2021: Moscow 2 = 2, Tver 0 < 1, Yaroslavl 1 = 1, St Petersburg 1 = 1 → Tver
    assert list(ci.regions_fewer_created(cur, DATASET, 2022).tb.geo) == ["RU-TVE"]
    # 2023 vs 2022: Moscow 1 < 2, Tver 1 > 0, Yaroslavl 0 < 1, St Petersburg 1 = 1
    found = ci.regions_fewer_created(cur, DATASET, 2023)
    assert found.value == 2 and list(found.tb.geo) == ["RU-MOW", "RU-YAR"]
    assert list(found.tb.previous) == [2, 1]


def test_capital_share_of_creations(cur) -> None:
    # 2021: Moscow 2 of 2 + 1 + 1 + 1 = 5 → 40 %; Moscow oblast is not in the file (0)
    assert ci.capital_share_created(cur, DATASET, 2021).value == pytest.approx(40.0)
    # 2023: 1 of 3
    assert ci.capital_share_created(cur, DATASET, 2023).value == pytest.approx(100 / 3)


def test_top_created(cur) -> None:
    # 2021: Moscow 2 first; the three others tie on 1 and share rank 2
    top = ci.top_created(cur, DATASET, 2021, n=3).tb
    assert list(top["rank"]) == [1, 2, 2] and top.iloc[0].geo == "RU-MOW"
    assert top.iloc[0].active_end == 5


def test_district_summary(cur) -> None:
    # 2023 against 2020 ends: Moscow 7 > 4, Tver 3 = 3, Yaroslavl 2 > 1 → CFD 2;
    # St Petersburg 5 > 3 → NWFD 1. Creation 2023 ≥ 6 %: Moscow 14.3, Tver 33.3, Yaroslavl 0,
    # St Petersburg 25 → CFD 2, NWFD 1. CFD coefficient 2 / 12 (ratio of sums).
    tb = ci.district_summary(cur, DATASET, 2023, base_year=2020).tb.set_index("fd")
    assert tb.loc[
        "CFD", ["regions_total", "regions_grew", "regions_moderate_or_high"]
    ].tolist() == [18, 2, 2]
    assert tb.loc[
        "NWFD", ["regions_total", "regions_grew", "regions_moderate_or_high"]
    ].tolist() == [11, 1, 1]
    assert tb.loc["CFD", "creation_coef"] == pytest.approx(200 / 12)
    assert tb.loc["SFD", "regions_grew"] == 0


def test_unknown_dataset_says_so(cur) -> None:
    with pytest.raises(KeyError, match="unknown dataset"):
        ci.regions_growing_or_stable(cur, "nope", 2021)
