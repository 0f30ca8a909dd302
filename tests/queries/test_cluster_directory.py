"""Tests for queries/cluster_directory.py on the real database built from data/sources."""

from __future__ import annotations

import doctest

import pandas as pd
import pytest

import queries.cluster_directory
from queries.cluster_directory import (
    STATUSES,
    Filters,
    UnknownClusterError,
    UnknownFilterError,
    all_clusters,
    by_subject,
    check_criteria,
    cluster_points,
    cluster_profile,
    directory,
    district_names,
    outside_map,
    stated_counts,
    totals,
    type_status_by_fd,
)
from queries.clusters import cluster_total
from queries.provenance import Citation
from tests.helpers import assert_cited

MULTI = "tam-oil-gas-equipment"
MULTI_SUBJECTS = ("RU-TAM", "RU-RYA", "RU-VOR")


def _ids(tb: pd.DataFrame) -> set[str]:
    return set(tb["cluster_id"])


def _db_ids(cur) -> set[str]:
    return {r[0] for r in cur.execute("SELECT cluster_id FROM clusters").fetchall()}


def test_doctests() -> None:
    assert doctest.testmod(queries.cluster_directory).failed == 0


def test_every_cluster_is_in_the_directory_once(cur) -> None:
    tb = directory(cur).tb
    assert _ids(tb) == _db_ids(cur)
    assert tb["cluster_id"].is_unique
    assert totals(tb)["clusters"] == cluster_total(cur)


def test_every_cluster_is_placed_or_listed_outside(cur) -> None:
    points = cluster_points(cur).tb
    outside = outside_map(cur)
    assert _ids(points) | _ids(outside) == _db_ids(cur)
    assert not _ids(points) & _ids(outside)
    assert points["cluster_id"].is_unique
    assert points["lon"].between(19, 191).all() and points["lat"].between(41, 82).all()
    assert outside["outside_name"].str.len().gt(0).all()
    assert "dnr-tourism" in _ids(outside)


def test_a_named_place_wins_over_the_subject_point(cur) -> None:
    points = cluster_points(cur).tb.set_index("cluster_id")
    zelenograd = points.loc["mow-zelenograd"]
    assert (zelenograd["placed_at"], zelenograd["place_en"]) == ("place", "Zelenograd")
    assert not zelenograd["approximate"]
    # named only in a mention, not in the cluster row
    assert points.loc["tom-microelectronics", "place_en"] == "Tomsk"
    unnamed = points.loc["ba-childrens-goods"]
    assert unnamed["placed_at"] == "subject" and unnamed["approximate"]


@pytest.mark.parametrize("query", ["зеленоград", "ЗЕЛЕНОГРАД", "  Зеленоград "])
def test_search_ignores_case_and_spaces(cur, query: str) -> None:
    assert "mow-zelenograd" in _ids(directory(cur, Filters(search=query)).tb)


@pytest.mark.parametrize("query", ["органический мёд", "органический мед", "ОРГАНИЧЕСКИЙ МЕД"])
def test_search_folds_yo_on_both_sides(cur, query: str) -> None:
    # the specialisation of kya-organic is printed with «мёд»
    assert _ids(directory(cur, Filters(search=query)).tb) == {"kya-organic"}


def test_search_needs_every_word(cur) -> None:
    assert directory(cur, Filters(search="зеленоград томск")).tb.empty


def test_type_filter_returns_only_and_all_of_that_type(cur) -> None:
    tb = directory(cur, Filters(types=("industrial",))).tb
    n = cur.execute("SELECT count(*) FROM clusters WHERE type = 'industrial'").fetchone()[0]
    assert set(tb["type"]) == {"industrial"} and len(tb) == n


def test_status_filter_includes_unstated(cur) -> None:
    tb = directory(cur, Filters(statuses=("unstated",))).tb
    assert len(tb) and set(tb["status"]) == {"unstated"}
    both = directory(cur, Filters(statuses=("planned", "operating"))).tb
    assert set(both["status"]) == {"planned", "operating"}


def test_year_filter_uses_the_first_mentioning_document(cur) -> None:
    tb = directory(cur, Filters(years=(2015, 2015))).tb
    assert "mow-zelenograd" in _ids(tb) and set(tb["first_mentioned"]) == {2015}


def test_multi_subject_cluster_shows_under_each_subject_but_counts_once(cur) -> None:
    for code in MULTI_SUBJECTS:
        assert MULTI in _ids(directory(cur, Filters(region=code)).tb), code
    everything = directory(cur).tb
    assert (everything["cluster_id"] == MULTI).sum() == 1
    row = everything.set_index("cluster_id").loc[MULTI]
    assert row["regions"][0] == "RU-TAM" and set(MULTI_SUBJECTS) <= set(row["regions"])
    rows = by_subject(everything)
    mine = rows[rows["cluster_id"] == MULTI]
    assert set(mine["region"]) == set(row["regions"])
    assert mine["is_main"].sum() == 1
    assert all(len(also) == len(row["regions"]) - 1 for also in mine["also_in_en"])
    counts = totals(everything)
    assert counts["subject_rows"] == len(rows) > counts["clusters"] == len(everything)


def test_district_filter_and_counts_per_district(cur) -> None:
    districts = district_names(cur)
    assert MULTI in _ids(directory(cur, Filters(fd="UFD")).tb)  # Chelyabinsk is in the Urals
    counts = type_status_by_fd(directory(cur).tb, districts)
    mine = directory(cur, Filters(search=MULTI)).tb
    per_fd = type_status_by_fd(mine, districts)
    assert set(per_fd["fd"]) == {"CFD", "UFD"} and per_fd["clusters"].sum() == 2
    assert counts["clusters"].sum() >= cluster_total(cur) - len(outside_map(cur))
    assert set(counts["status"]) <= set(STATUSES)


def test_directory_cites_its_lines(cur) -> None:
    result = directory(cur, Filters(search="зеленоград"))
    assert Citation("003_2798292aea7c5742.txt", 48) in result.citations
    assert Citation("003_2798292aea7c5742.txt", 79) in result.citations  # its participants


def test_key_figures_carry_their_line_and_bound(cur) -> None:
    row = directory(cur).tb.set_index("cluster_id").loc["mow-zelenograd"]
    assert (row["participants"], row["participants_qualifier"]) == (120, ">")
    file, line = row["participants_source"].split(":")
    assert_cited(row["participants_as_published"], file, int(line), "participants")
    nothing = directory(cur).tb.set_index("cluster_id").loc["alt-zori"]
    assert pd.isna(nothing["participants"]) and pd.isna(nothing["investment"])


def test_profile_cites_every_figure_on_its_line(cur) -> None:
    profile = cluster_profile(cur, "mow-zelenograd")
    assert len(profile.figures) >= 2
    for _, f in profile.figures.iterrows():
        assert_cited(f["as_published"], f["source_file"], int(f["source_line"]), f["metric"])
    assert profile.figures["title_en"].notna().all()


def test_status_history_follows_document_dates(cur) -> None:
    history = cluster_profile(cur, "mow-innovative").history
    dates = history["date"].tolist()
    assert dates == sorted(dates) and len(set(dates)) >= 2
    assert history.iloc[-1]["status"] == "operating"


def test_criteria_meets_with_a_figure_above_the_threshold(cur) -> None:
    criteria = cluster_profile(cur, "mow-zelenograd").criteria.set_index("criterion_id")
    assert set(criteria["framework"]) == {"innovative_cluster"}
    assert criteria.loc["inno-min-organisations", "verdict"] == "meets"
    assert criteria.loc["inno-development-projects", "verdict"] == "not_enough_data"


def test_criteria_say_not_enough_data_without_participants(cur) -> None:
    cluster = all_clusters(cur).set_index("cluster_id", drop=False).loc["ta-kamsky-innovative"]
    assert pd.isna(cluster["participants"])
    criteria = check_criteria(cur, cluster)
    assert len(criteria) and set(criteria["verdict"]) == {"not_enough_data"}


@pytest.mark.parametrize(
    ("value", "mark", "verdict"),
    [
        (20.0, "", "does_not_meet"),
        (20.0, ">", "not_enough_data"),
        (30.0, "", "meets"),
        (45.0, "≤", "not_enough_data"),
        (20.0, "≤", "does_not_meet"),
    ],
)
def test_bounds_decide_only_what_they_prove(cur, value: float, mark: str, verdict: str) -> None:
    cluster = all_clusters(cur).set_index("cluster_id", drop=False).loc["mow-composite"].copy()
    cluster["participants"], cluster["participants_qualifier"] = value, mark
    criteria = check_criteria(cur, cluster).set_index("criterion_id")
    assert criteria.loc["mipc-min-organisations", "verdict"] == verdict


def test_moscow_strategy_applies_only_in_moscow(cur) -> None:
    moscow = cluster_profile(cur, "mow-composite").criteria
    assert set(moscow["framework"]) == {"moscow_ipc_2015"}
    stavropol = cluster_profile(cur, "sta-radioelectronics").criteria
    assert stavropol.empty


def test_industrial_clusters_are_measured_against_decree_799(cur) -> None:
    criteria = cluster_profile(cur, "mow-pharma").criteria
    assert set(criteria["framework"]) == {"decree_799"}


@pytest.mark.parametrize("cluster_id", ["kya-organic", "sta-radioelectronics"])
def test_a_type_without_criteria_gets_an_empty_frame(cur, cluster_id: str) -> None:
    criteria = cluster_profile(cur, cluster_id).criteria
    assert criteria.empty and {"criterion_id", "verdict", "framework"} <= set(criteria.columns)


def test_related_clusters_are_elsewhere(cur) -> None:
    profile = cluster_profile(cur, "mow-uas")
    related = profile.related
    assert len(related) and not related["regions"].map(lambda c: c[0] == "RU-MOW").any()
    assert "pnz-uas" in _ids(related)


def test_unknown_cluster_and_filter_say_what_to_do() -> None:
    with pytest.raises(UnknownFilterError, match="industrial"):
        Filters(types=("factory",))


def test_unknown_cluster_id(cur) -> None:
    with pytest.raises(UnknownClusterError, match="directory"):
        cluster_profile(cur, "no-such-cluster")


def test_stated_counts_sit_beside_the_directory(cur) -> None:
    stated = stated_counts(cur)
    tb = stated.tb.set_index("metric")
    assert (tb.loc["clusters_total", "value"], tb.loc["clusters_total", "year"]) == (118, 2019)
    assert tb.loc["clusters_total", "directory"] == cluster_total(cur)
    assert tb.loc["industrial_clusters_created", "value"] == 98
    industrial = len(directory(cur, Filters(types=("industrial",))).tb)
    assert tb.loc["industrial_clusters_created", "directory"] == industrial
    for _, row in stated.tb.iterrows():
        assert_cited(row["as_published"], row["source_file"], int(row["source_line"]), row.name)
