"""queries/rankings.py on a tiny real DuckDB whose numbers are worked out by hand below.

Two districts of two subjects each; dataset 't', 2024 (created, active at start):

  CFD:  Moscow 40 / 300 (13.33 %)   Tula 1 / 20 (5 %, small base)
  NWFD: St Petersburg 10 / 50 (20 %)   Kaliningrad — nothing

The stored CFD row says 12.8 % (41 / 320, rounded as a publisher would); Russia 13.0 %.
"""

from __future__ import annotations

import math

import duckdb
import pytest

from atlas.viewstate import ViewState
from queries.provenance import Citation
from queries.rankings import COMPLETE, INCOMPLETE, RATIO_OF_SUMS, SUM, rankings
from tests.helpers import insert_two_districts, tiny_database

CREATED_2024 = {"RU-MOW": (40, 300), "RU-TUL": (1, 20), "RU-SPE": (10, 50)}


def _tiny(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("INSERT INTO meta VALUES ('default_dataset', 't')")
    insert_two_districts(con)
    con.execute("INSERT INTO datasets (dataset_id, kind, synthetic) VALUES ('t', 'test', FALSE)")
    con.execute(
        "INSERT INTO documents (source_file, title_ru, title_en, issue, date) "
        "VALUES ('doc.txt', 'Документ', 'Document', '№1', '2025-06')"
    )
    insert = (
        "INSERT INTO observations (dataset_id, metric, level, geo, industry, year, value, "
        "numerator, denominator, flag, source_file, source_line) "
        "VALUES ('t', ?, ?, ?, 'all', 2024, ?, ?, ?, ?, 'doc.txt', ?)"
    )
    for line, (geo, (created, start)) in enumerate(CREATED_2024.items(), start=10):
        flag = "small_base" if start < 30 else None
        con.execute(insert, ["created", "region", geo, created, None, None, None, line])
        rate = 100.0 * created / start
        con.execute(insert, ["creation_coef", "region", geo, rate, created, start, flag, line])
    con.execute(insert, ["creation_coef", "fd", "CFD", 12.8, 41, 320, None, 7])
    con.execute(insert, ["creation_coef", "country", "RU", 13.0, 60, 460, None, 5])


@pytest.fixture(scope="module")
def cur(tmp_path_factory: pytest.TempPathFactory):
    with tiny_database(tmp_path_factory.mktemp("rankings"), _tiny) as cursor:
        yield cursor


def _view(**kw) -> ViewState:
    return ViewState(**{"dataset": "t", "year": 2024, "metric": "creation_coef", **kw})


def test_places_are_ranked_highest_first_with_class_and_source(cur) -> None:
    r = rankings(cur, _view())
    assert r.tb["geo"].tolist() == ["RU-SPE", "RU-MOW", "RU-TUL"]
    assert r.tb["rank"].tolist() == [1, 2, 3]
    # HSE creation classes: above 10 % high, under 6 % low.
    assert r.tb["class_key"].tolist() == ["high", "high", "low"]
    assert r.tb["source"].tolist() == ["doc.txt:12", "doc.txt:10", "doc.txt:11"]
    assert r.tb.set_index("geo").loc["RU-TUL", "flag"] == "small_base"
    assert r.missing["geo"].tolist() == ["RU-KGD"]


def test_district_subtotal_of_a_rate_is_the_ratio_of_sums(cur) -> None:
    sub = rankings(cur, _view()).subtotals.set_index("fd")
    cfd = sub.loc["CFD"]
    # (40 + 1) / (300 + 20) = 12.8125 %, not the mean of 13.33 % and 5 % (9.17 %).
    assert cfd["value"] == pytest.approx(100 * 41 / 320)
    assert (cfd["numerator"], cfd["denominator"]) == (41, 320)
    assert cfd["status"] == COMPLETE and cfd["method"] == RATIO_OF_SUMS
    # The stored district row stands beside it, as stored.
    assert cfd["stored_value"] == 12.8 and cfd["stored_source"] == "doc.txt:7"


def test_a_district_missing_a_subject_is_incomplete(cur) -> None:
    nwfd = rankings(cur, _view()).subtotals.set_index("fd").loc["NWFD"]
    assert nwfd["status"] == INCOMPLETE and math.isnan(nwfd["value"])
    assert (nwfd["n_with"], nwfd["n_total"]) == (1, 2)
    assert math.isnan(nwfd["stored_value"]) and nwfd["stored_source"] == ""


def test_district_subtotal_of_a_count_is_the_sum(cur) -> None:
    sub = rankings(cur, _view(metric="created")).subtotals.set_index("fd")
    assert sub.loc["CFD", "value"] == 41 and sub.loc["CFD", "method"] == SUM
    assert sub.loc["NWFD", "status"] == INCOMPLETE


def test_district_level_ranks_stored_rows_and_has_no_subtotals(cur) -> None:
    r = rankings(cur, _view(level="fd"))
    assert r.tb["geo"].tolist() == ["CFD"] and r.tb["value"].tolist() == [12.8]
    assert r.missing["geo"].tolist() == ["NWFD"] and r.subtotals.empty


def test_russia_is_the_stored_country_row(cur) -> None:
    r = rankings(cur, _view())
    assert r.country["value"] == 13.0 and r.country["source_line"] == 5


def test_sources_name_the_document_and_its_lines(cur) -> None:
    r = rankings(cur, _view())
    assert Citation("doc.txt", 5) in r.citations
    assert r.docs["source_file"].tolist() == ["doc.txt"]
    assert r.docs["lines"].iloc[0] == [5, 10, 11, 12]


def test_a_year_without_data_gives_an_empty_ranking(cur) -> None:
    r = rankings(cur, _view(year=2019))
    assert r.tb.empty and len(r.missing) == 4 and r.country is None
    assert set(r.subtotals["status"]) == {INCOMPLETE} and r.docs.empty


def test_no_year_at_all_gives_an_empty_ranking(cur) -> None:
    r = rankings(cur, _view(year=None))
    assert r.tb.empty and r.year is None and len(r.missing) == 4
