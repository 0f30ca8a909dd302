"""The creative-business cube (etl/cube.py), checked against counts worked out by hand.

The fixture tests/data/import/orgs_fixture.csv holds 27 invented organisations. It is
imported for 2020–2023 and every expected number below was counted by hand from the file
(one comment per organisation list), not computed by the code under test.

Moscow (RU-MOW), id suffix → industry, registered → liquidated:
  M1 software 2017-03-10 →       M2 software 2018-06-01 → 2021-05-05
  M3 design   2019-12-31 →       M4 software+design 2020-01-01 →  (two industries)
  M5 film     2020-07-15 → 2020-11-30 (same year)                M6 animation 2021-02-01 →
  M7 software 2021-09-09 →       M8 design 2022-01-01 → 2023-01-01 (on 1 January)
  M9 gastronomy 2023-03-03 →     M10 software 2017-05-05 → 2018-08-08 (before the period)
  M11 software (58.29) 2022-10-10 →   M12 publishing 2016-06-06 → 2020-06-06
Tver (RU-TVE): T1 software 2016 →, T2 gastronomy 2019 → 2022-06-06, T3 design 2020-03-03 →,
  T4 software 2023-12-31 →, T5 software 2021-07-07 → 2023-07-07
Yaroslavl (RU-YAR): Y1 film (59.14) 2018 →, Y2 film (59.12) 2021-04-04 → 2021-12-31 (same
  year), Y3 software 2022 →, Y4 design 2016 → 2019-03-03 (before the period)
Saint Petersburg (RU-SPE, NWFD): S1 software 2016-01-01 →, S2 design 2019 →, S3 animation
  2020-10-10 → 2022-02-02, S4 software+animation 2021-01-01 →, S5 media 2023 →,
  S6 film (bare 59.11) 2022-02-22 →
"""

from __future__ import annotations

import datetime as dt
import math

import duckdb
import pytest

from atlas.store import resolve_current
from etl import cube
from etl.importer import check_file, import_file
from tests.etl.conftest import IMPORT_DATA

FIXTURE = IMPORT_DATA / "orgs_fixture.csv"
TODAY = dt.date(2026, 6, 1)
DATASET = "fixture"


@pytest.fixture(scope="module")
def con(tmp_path_factory: pytest.TempPathFactory):
    from tests.helpers import build_db

    folder = tmp_path_factory.mktemp("cube-store")
    build_db(folder)
    import_file(FIXTURE, data_dir=folder, dataset_id=DATASET, years=(2020, 2023), today=TODAY)
    connection = duckdb.connect(str(resolve_current(folder)), read_only=True)
    yield connection
    connection.close()


def _rows(con, metric: str, geo: str, industry: str = "all") -> list[tuple]:
    return con.execute(
        "SELECT year, value, numerator, denominator, flag FROM observations "
        "WHERE dataset_id = ? AND metric = ? AND geo = ? AND industry = ? ORDER BY year",
        [DATASET, metric, geo, industry],
    ).fetchall()


def _values(con, metric: str, geo: str, industry: str = "all") -> list[float | None]:
    return [r[1] for r in _rows(con, metric, geo, industry)]


def _counts(con, geo: str, industry: str = "all") -> list[tuple[int, int, int, int]]:
    """(active_start, created, liquidated, active_end) for 2020, 2021, 2022, 2023."""
    cols = [_values(con, m, geo, industry) for m in cube.COUNT_METRICS]
    return [tuple(int(v) for v in year) for year in zip(*cols, strict=True)]


def test_moscow_all_industries(con) -> None:
    # 2020 start: M1 M2 M3 M12 (M10 gone in 2018) = 4; created M4 M5 = 2; liquidated M5 M12 = 2
    # 2021 start 4; created M6 M7 = 2; liquidated M2 = 1 → 5
    # 2022 start 5; created M8 M11 = 2; liquidated 0 → 7
    # 2023 start 7 (M8 liquidated on 1 January is still active at the start); created M9;
    #      liquidated M8 → 7
    assert _counts(con, "RU-MOW") == [(4, 2, 2, 4), (4, 2, 1, 5), (5, 2, 0, 7), (7, 1, 1, 7)]


def test_other_subjects_all_industries(con) -> None:
    # Tver: 2020 start T1 T2 = 2, created T3; 2021 created T5; 2022 liquidated T2;
    #       2023 created T4 (31 December), liquidated T5
    assert _counts(con, "RU-TVE") == [(2, 1, 0, 3), (3, 1, 0, 4), (4, 0, 1, 3), (3, 1, 1, 3)]
    # Yaroslavl: Y4 liquidated 2019 never appears; Y2 created and liquidated in 2021
    assert _counts(con, "RU-YAR") == [(1, 0, 0, 1), (1, 1, 1, 1), (1, 1, 0, 2), (2, 0, 0, 2)]
    # Saint Petersburg: 2020 start S1 S2, created S3; 2021 created S4; 2022 created S6,
    #                   liquidated S3; 2023 created S5
    assert _counts(con, "RU-SPE") == [(2, 1, 0, 3), (3, 1, 0, 4), (4, 1, 1, 4), (4, 1, 0, 5)]


def test_created_and_liquidated_in_the_same_year_count_in_both(con) -> None:
    # Film in Moscow is M5 only: created and liquidated in 2020, never active at a start
    assert _counts(con, "RU-MOW", "film") == [
        (0, 1, 1, 0),
        (0, 0, 0, 0),
        (0, 0, 0, 0),
        (0, 0, 0, 0),
    ]
    # Film in Yaroslavl: Y1 (59.14) all along, Y2 (59.12) in and out in 2021
    assert _counts(con, "RU-YAR", "film") == [
        (1, 0, 0, 1),
        (1, 1, 1, 1),
        (1, 0, 0, 1),
        (1, 0, 0, 1),
    ]


def test_liquidated_before_the_period_is_never_counted(con) -> None:
    # Software in Moscow: M10 (2017–2018) is gone; 2020 start M1 M2, created M4;
    # 2021 created M7, liquidated M2; 2022 created M11 (58.29 is software too)
    assert _counts(con, "RU-MOW", "software") == [
        (2, 1, 0, 3),
        (3, 1, 1, 3),
        (3, 1, 0, 4),
        (4, 0, 0, 4),
    ]
    # Design in Yaroslavl: only Y4, liquidated in 2019 — zeros, not missing (the subject is
    # in the file and design is an industry of the file)
    assert _counts(con, "RU-YAR", "design") == [(0, 0, 0, 0)] * 4


def test_an_organisation_in_two_industries_counts_once_in_all(con) -> None:
    # M4 is software and design: 2020 creations software 1 (M4), design 1 (M4), film 1 (M5),
    # but all industries 2 (M4, M5), not 3
    created_2020 = {
        ind: _values(con, "created", "RU-MOW", ind)[0]
        for ind in ("software", "design", "film", "all")
    }
    assert created_2020 == {"software": 1, "design": 1, "film": 1, "all": 2}
    # S4 is software and animation (names in the industry column)
    assert _values(con, "created", "RU-SPE", "animation")[1] == 1
    assert _values(con, "created", "RU-SPE", "software")[1] == 1


def test_longest_okved_prefix_decides_the_industry(con) -> None:
    # M6 59.11.1 → animation (not film); S6 bare 59.11 → film; M9 56.10.1 → gastronomy
    assert _values(con, "created", "RU-MOW", "animation") == [0, 1, 0, 0]
    assert _values(con, "created", "RU-SPE", "film") == [0, 0, 1, 0]
    assert _values(con, "created", "RU-MOW", "gastronomy") == [0, 0, 0, 1]


def test_coefficients_are_percent_of_the_start_stock(con) -> None:
    # Moscow creation: 2/4, 2/4, 2/5, 1/7; growth: (4-4)/4, (5-4)/4, (7-5)/5, (7-7)/7
    creation = _rows(con, "creation_coef", "RU-MOW")
    assert [(r[1], r[2], r[3]) for r in creation[:3]] == [(50.0, 2, 4), (50.0, 2, 4), (40.0, 2, 5)]
    assert creation[3][1] == pytest.approx(100 / 7)
    growth = _rows(con, "growth_coef", "RU-MOW")
    assert [(r[1], r[2], r[3]) for r in growth] == [
        (0.0, 0, 4),
        (25.0, 1, 4),
        (40.0, 2, 5),
        (0.0, 0, 7),
    ]


def test_coefficient_is_null_without_a_base(con) -> None:
    # Film in Moscow has active_start 0 in every year
    for _year, value, _numerator, denominator, flag in _rows(
        con, "creation_coef", "RU-MOW", "film"
    ):
        assert value is None or math.isnan(value)
        assert denominator == 0 and flag == "small_base"
    assert _rows(con, "creation_coef", "RU-MOW", "film")[0][2] == 1  # M5 is still counted


def test_district_and_russia_are_ratios_of_sums(con) -> None:
    # CFD = Moscow + Tver + Yaroslavl. 2020: start 4+2+1 = 7, created 2+1+0 = 3 → 3/7;
    # the mean of the three regional rates (50, 50, 0) would be 33.3 — wrong.
    cfd = _rows(con, "creation_coef", "CFD")
    assert cfd[0][2:4] == (3, 7) and cfd[0][1] == pytest.approx(300 / 7)
    # 2021: created 2+1+1 = 4 of 4+3+1 = 8; growth (10-8)/8
    assert cfd[1][1] == 50.0 and _rows(con, "growth_coef", "CFD")[1][1] == 25.0
    # Russia 2020: start 7+2 = 9, created 3+1 = 4, liquidated 2+0 = 2, end 11
    assert [_values(con, m, "RU")[0] for m in cube.COUNT_METRICS] == [9, 4, 2, 11]
    assert _values(con, "creation_coef", "RU")[0] == pytest.approx(400 / 9)
    assert _values(con, "growth_coef", "RU")[0] == pytest.approx(200 / 9)
    # NWFD is Saint Petersburg alone here
    assert _counts(con, "NWFD") == _counts(con, "RU-SPE")


def test_every_district_count_is_the_sum_of_its_subjects(con) -> None:
    sums = con.execute(
        """
        SELECT o.metric, o.geo, o.industry, o.year, o.value, sum(r.value)
        FROM observations o
        JOIN regions g ON g.fd = o.geo
        JOIN observations r ON r.geo = g.code AND r.metric = o.metric AND r.year = o.year
             AND r.industry = o.industry AND r.dataset_id = o.dataset_id
        WHERE o.dataset_id = ? AND o.level = 'fd' AND o.metric IN
              ('active_start', 'created', 'liquidated', 'active_end')
        GROUP BY ALL""",
        [DATASET],
    ).fetchall()
    assert sums and all(v == s for *_, v, s in sums)


def test_flags(con) -> None:
    flags = dict(
        con.execute(
            "SELECT level || ':' || metric, list(DISTINCT flag) FROM observations "
            "WHERE dataset_id = ? GROUP BY ALL",
            [DATASET],
        ).fetchall()
    )
    # Every base here is under 30: all coefficients are small_base
    assert flags["region:creation_coef"] == ["small_base"]
    assert flags["fd:growth_coef"] == ["small_base"]
    # Counts of regions carry no flag; districts and Russia miss subjects: partial
    assert flags["region:created"] == [None]
    assert flags["fd:created"] == ["partial"] and flags["country:active_end"] == ["partial"]


def test_only_regions_and_industries_in_the_file_get_rows(con) -> None:
    geos = {
        r[0]
        for r in con.execute(
            "SELECT DISTINCT geo FROM observations WHERE dataset_id = ? AND level = 'region'",
            [DATASET],
        ).fetchall()
    }
    assert geos == {"RU-MOW", "RU-TVE", "RU-YAR", "RU-SPE"}
    industries = {
        r[0]
        for r in con.execute(
            "SELECT DISTINCT industry FROM observations WHERE dataset_id = ?", [DATASET]
        ).fetchall()
    }
    assert industries == {
        "all",
        "software",
        "design",
        "film",
        "animation",
        "gastronomy",
        "publishing",
        "media",
    }
    years = {
        r[0]
        for r in con.execute(
            "SELECT DISTINCT year FROM observations WHERE dataset_id = ?", [DATASET]
        ).fetchall()
    }
    assert years == {2020, 2021, 2022, 2023}


def test_default_years_run_from_first_to_last_registration() -> None:
    report = check_file(FIXTURE, dataset_id="x", today=TODAY).report
    assert report.years == (2016, 2023)


def test_years_never_pass_the_current_year() -> None:
    # A registration in 2026 with today = 2026-06-01 is fine, and 2026 is the last year
    con = duckdb.connect()
    con.execute(
        "CREATE TABLE orgs AS SELECT 1 AS org_key, 'RU-MOW' AS region, "
        "DATE '2026-03-01' AS registered, NULL::DATE AS liquidated"
    )
    assert cube.year_range(con, today=TODAY) == (2026, 2026)
    assert cube.year_range(con, last=2030, today=TODAY) == (2026, 2026)
    with pytest.raises(cube.CubeError, match="empty"):
        cube.year_range(con, first=2027, today=TODAY)


def test_counts_without_liquidations_give_no_active_end_or_growth() -> None:
    con = duckdb.connect()
    con.execute("""
        CREATE TABLE region_counts AS SELECT * FROM (VALUES
            ('RU-MOW', 'all', 2024, 100::BIGINT, 10::BIGINT, NULL::BIGINT),
            ('RU-MOS', 'all', 2024, 40, 4, 2)) t(region, industry, year, active_start, created,
                                                liquidated)""")
    tb = cube.cube_frame(con, "c", "counts.csv")
    fd = tb[(tb.level == "fd") & (tb.geo == "CFD")].set_index("metric")
    # CFD creation = (10 + 4) / (100 + 40); liquidated unknown for Moscow → no sum
    assert fd.loc["creation_coef", "value"] == pytest.approx(10.0)
    assert "liquidated" not in fd.index and "growth_coef" not in fd.index
    mos = tb[tb.geo == "RU-MOS"].set_index("metric")
    assert mos.loc["growth_coef", "value"] == pytest.approx(5.0)  # (42 - 40) / 40
    assert (tb["source_file"] == "counts.csv").all() and tb["source_line"].isna().all()


def test_cube_columns_match_the_observations_table(con) -> None:
    columns = [r[0] for r in con.execute("DESCRIBE observations").fetchall()]
    assert tuple(columns) == cube.OBSERVATION_COLUMNS
