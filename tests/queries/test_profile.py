"""queries/profile.py on a tiny real DuckDB whose numbers are written out by hand below.

Dataset 't', creation coefficient (created / active at start, %):

  2023: Moscow 30/250 (12 %)     Tula 2/20 (10 %)   St Petersburg 5/50 (10 %)
  2024: Moscow 40/300 (13.33 %)  Tula 1/20 (5 %)    St Petersburg 10/50 (20 %)

Stored district rows CFD: 2023 11.0 %, 2024 12.8 % (rounded as published; the mean of
Moscow and Tula would be 9.17 % in 2024). Russia: 2024 only, 13.0 %. Kaliningrad (NWFD)
publishes nothing and NWFD has no stored row.

Clusters: 'tul-arms' in Tula (participants 10 in 2019 on line 31, 12 in 2021 on line 32)
and 'cfd-rail' spanning Moscow (main) and Tula; 'spb-ship' in St Petersburg.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from atlas.store import Reader, publish
from atlas.viewstate import ViewState
from etl.build import create_schema
from queries.metrics import get_metric
from queries.profile import (
    UnknownPlaceError,
    clusters_of,
    comparison,
    lines_by_document,
    place_profile,
    rank_of,
    series_of,
    values_over_years,
)
from queries.provenance import Citation

RATES = {  # (year, geo): (created, active at start)
    (2023, "RU-MOW"): (30, 250),
    (2023, "RU-TUL"): (2, 20),
    (2023, "RU-SPE"): (5, 50),
    (2024, "RU-MOW"): (40, 300),
    (2024, "RU-TUL"): (1, 20),
    (2024, "RU-SPE"): (10, 50),
}
CLUSTERS = [  # id, name, type, main region, spanned, source line
    ("tul-arms", "Оружейный", "industrial", "RU-TUL", ["RU-TUL"], 20),
    ("cfd-rail", "Железнодорожный", "innovative_territorial", "RU-MOW", ["RU-MOW", "RU-TUL"], 21),
    ("spb-ship", "Судостроительный", "industrial", "RU-SPE", ["RU-SPE"], 22),
]


def _geography(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(
        "INSERT INTO federal_districts VALUES ('CFD','Центральный','Central','ЦФО','Central'),"
        "('NWFD','Северо-Западный','Northwestern','СЗФО','Northwestern')"
    )
    for code, name, fd in [
        ("RU-MOW", "Moscow", "CFD"),
        ("RU-TUL", "Tula", "CFD"),
        ("RU-SPE", "St Petersburg", "NWFD"),
        ("RU-KGD", "Kaliningrad", "NWFD"),
    ]:
        con.execute(
            "INSERT INTO regions VALUES (?, '', ?, ?, ?, ?, ?)", [code, name, name, name, name, fd]
        )


def _observations(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("INSERT INTO datasets (dataset_id, kind, synthetic) VALUES ('t', 'test', FALSE)")
    insert = (
        "INSERT INTO observations (dataset_id, metric, level, geo, industry, year, value, "
        "numerator, denominator, source_file, source_line) "
        "VALUES ('t', 'creation_coef', ?, ?, 'all', ?, ?, ?, ?, 'doc.txt', ?)"
    )
    for line, ((year, geo), (created, start)) in enumerate(RATES.items(), start=10):
        con.execute(insert, ["region", geo, year, 100.0 * created / start, created, start, line])
    con.execute(insert, ["fd", "CFD", 2023, 11.0, None, None, 7])
    con.execute(insert, ["fd", "CFD", 2024, 12.8, 41, 320, 8])
    con.execute(insert, ["country", "RU", 2024, 13.0, 60, 460, 5])


def _clusters(con: duckdb.DuckDBPyConnection) -> None:
    for cid, name, kind, main, spanned, line in CLUSTERS:
        con.execute(
            "INSERT INTO clusters (cluster_id, name_ru, name_en, type, status, status_year, "
            "main_region, source_file, source_line) VALUES (?, ?, ?, ?, 'operating', 2024, ?, "
            "'doc.txt', ?)",
            [cid, name, name, kind, main, line],
        )
        for code in spanned:
            con.execute(
                "INSERT INTO cluster_regions VALUES (?, ?, NULL, ?, 'doc.txt', ?)",
                [cid, code, code == main, line],
            )
        con.execute(
            "INSERT INTO cluster_mentions (cluster_id, name_ru, source_file, source_line) "
            "VALUES (?, ?, 'doc.txt', ?)",
            [cid, name, line],
        )
    con.execute(
        "INSERT INTO cluster_facts (cluster_id, metric, value, unit, year, source_file, "
        "source_line) VALUES ('tul-arms', 'participants', 10, 'count', 2019, 'doc.txt', 31), "
        "('tul-arms', 'participants', 12, 'count', 2021, 'doc.txt', 32)"
    )


def _tiny(con: duckdb.DuckDBPyConnection) -> None:
    create_schema(con)
    con.execute("INSERT INTO meta VALUES ('default_dataset', 't')")
    con.execute(
        "INSERT INTO documents (source_file, title_ru, title_en, issue, date) "
        "VALUES ('doc.txt', 'Документ', 'Document', '№1', '2025-06'), "
        "('uncited.txt', 'Слайды', 'Slides', '', '')"
    )
    _geography(con)
    _observations(con)
    _clusters(con)


@pytest.fixture(scope="module")
def cur(tmp_path_factory: pytest.TempPathFactory):
    folder: Path = tmp_path_factory.mktemp("profile")
    publish(_tiny, folder)
    with Reader(folder).cursor() as cursor:
        yield cursor


RATE = get_metric("creation_coef")


def _by_role(tb, role: str) -> dict[int, float]:
    rows = tb[tb["role"] == role]
    return dict(zip(rows["year"].astype(int), rows["value"], strict=True))


def test_district_and_russia_are_the_stored_rows_never_means(cur) -> None:
    tb = values_over_years(cur, RATE, "RU-TUL", "t")
    assert _by_role(tb, "place") == {2023: pytest.approx(10.0), 2024: pytest.approx(5.0)}
    assert _by_role(tb, "fd") == {2023: 11.0, 2024: 12.8}  # not (13.33 + 5) / 2 = 9.17
    assert _by_role(tb, "country") == {2024: 13.0}
    assert tb[tb["role"] == "fd"]["source_line"].tolist() == [7, 8]


def test_a_place_without_data_has_no_rows_only_what_exists(cur) -> None:
    tb = values_over_years(cur, RATE, "RU-KGD", "t")
    assert tb["role"].tolist() == ["country"]  # no Kaliningrad rows, no NWFD stored row


def test_a_district_profile_has_no_district_row(cur) -> None:
    tb = values_over_years(cur, RATE, "CFD", "t")
    assert set(tb["role"]) == {"place", "country"} and _by_role(tb, "place")[2024] == 12.8


def test_rank_and_its_change_since_the_previous_year(cur) -> None:
    # 2024: St Petersburg 20, Moscow 13.3, Tula 5 → Tula 3rd of 3.
    # 2023: Moscow 12, Tula 10, St Petersburg 10 → Tula shares 2nd.
    rank = rank_of(cur, RATE, "RU-TUL", "t", 2024)
    assert (rank.rank, rank.of, rank.previous, rank.previous_year) == (3, 3, 2, 2023)
    assert rank.change == -1
    first = rank_of(cur, RATE, "RU-TUL", "t", 2023)
    assert first.rank == 2 and first.previous is None and first.change is None


def test_rank_of_a_place_without_a_value_is_none(cur) -> None:
    rank = rank_of(cur, RATE, "RU-KGD", "t", 2024)
    assert rank.rank is None and rank.of == 3


def test_clusters_of_a_subject_include_those_it_shares(cur) -> None:
    tb = clusters_of(cur, "RU-TUL").set_index("cluster_id")
    assert sorted(tb.index) == ["cfd-rail", "tul-arms"]
    arms = tb.loc["tul-arms"]
    assert (arms["participants"], arms["participants_year"]) == (12, 2021)  # the latest
    assert (arms["participants_file"], arms["participants_line"]) == ("doc.txt", 32)
    assert (arms["source_file"], arms["source_line"]) == ("doc.txt", 20)
    assert tb.loc["cfd-rail", "main_region"] == "RU-MOW"


def test_clusters_of_a_district_count_each_once(cur) -> None:
    assert sorted(clusters_of(cur, "CFD")["cluster_id"]) == ["cfd-rail", "tul-arms"]
    assert clusters_of(cur, "RU-KGD").empty


def test_profile_gathers_values_rank_clusters_and_sources(cur) -> None:
    state = ViewState(dataset="t", metric="creation_coef", year=2024, selected="RU-TUL")
    p = place_profile(cur, state)
    assert p.level == "region" and p.district["code"] == "CFD"
    assert p.rank.rank == 3 and len(p.clusters) == 2
    # Values of 2023 and 2024, stored district and Russia rows, clusters and participants.
    assert {Citation("doc.txt", n) for n in (5, 7, 8, 11, 14, 20, 21, 32)} <= set(p.citations)
    assert p.docs["source_file"].tolist() == ["doc.txt"]


def test_profile_of_a_cluster_metric_counts_district_clusters_once(cur) -> None:
    p = place_profile(cur, ViewState(metric="clusters", selected="RU-TUL"))
    values = dict(zip(p.series["role"], p.series["value"], strict=True))
    assert values == {"place": 2, "fd": 2}  # cfd-rail spans Moscow and Tula: once in CFD
    assert p.year is None and (p.rank.rank, p.rank.of) == (1, 3)  # Tula 2 clusters, Moscow 1, SPb 1


def test_no_selection_gives_no_profile(cur) -> None:
    assert place_profile(cur, ViewState(dataset="t")) is None


def test_an_unknown_place_says_where_codes_come_from(cur) -> None:
    with pytest.raises(UnknownPlaceError, match="regions"):
        values_over_years(cur, RATE, "RU-XX", "t")


def test_series_of_keeps_the_asked_order_and_skips_places_without_data(cur) -> None:
    tb = series_of(cur, RATE, ["RU-SPE", "RU-KGD", "RU-MOW"], "t")
    assert tb["geo"].unique().tolist() == ["RU-SPE", "RU-MOW"]
    assert tb[tb["geo"] == "RU-SPE"]["value"].tolist() == [pytest.approx(10), pytest.approx(20)]
    assert series_of(cur, RATE, [], "t").empty
    assert series_of(cur, get_metric("clusters"), ["RU-SPE"], "t").empty


def test_lines_by_document_groups_every_cited_line(cur) -> None:
    tb = lines_by_document(cur).set_index("table_name")
    assert tb.loc["observations", "lines"] == [5, 7, 8, *range(10, 16)]
    assert tb.loc["cluster_mentions", "lines"] == [20, 21, 22]
    assert tb.loc["cluster_facts", "lines"] == [31, 32]
    assert set(tb["source_file"]) == {"doc.txt", "uncited.txt"}
    uncited = tb[tb["source_file"] == "uncited.txt"]
    assert uncited.index.isna().all() and uncited["lines"].tolist() == [[]]  # listed, no lines


def test_comparison_keeps_the_picked_order_with_names_and_sources(cur) -> None:
    c = comparison(
        cur, ViewState(dataset="t", metric="creation_coef", compare=("RU-SPE", "RU-KGD"))
    )
    assert c.names["short_en"].tolist() == ["St Petersburg", "Kaliningrad"]
    assert c.series["geo"].unique().tolist() == ["RU-SPE"]  # Kaliningrad publishes nothing
    assert c.docs["lines"].iloc[0] == [12, 15]


def test_comparison_of_a_cluster_metric_has_one_value_per_subject(cur) -> None:
    c = comparison(cur, ViewState(metric="clusters", compare=("RU-TUL", "RU-MOW")))
    assert dict(zip(c.series["geo"], c.series["value"], strict=True)) == {"RU-MOW": 1, "RU-TUL": 2}
    assert c.series["year"].isna().all() and c.docs["lines"].iloc[0] == [20, 21]
