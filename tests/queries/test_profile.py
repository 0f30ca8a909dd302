"""queries/profile.py on the tiny hand-made DuckDB of tests/queries/conftest.py (its numbers
are written out there)."""

from __future__ import annotations

import pytest

from atlas.viewstate import ViewState
from queries.metrics import get_metric
from queries.profile import (
    UnknownPlaceError,
    clusters_of,
    comparison,
    place_profile,
    rank_of,
    series_of,
    values_over_years,
)
from queries.provenance import Citation


@pytest.fixture(scope="module")
def cur(hand_made_cur):
    return hand_made_cur


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
