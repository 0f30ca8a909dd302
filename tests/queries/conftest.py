"""Fixtures of the query tests: a tiny real DuckDB whose numbers are written out by hand.

Dataset 't', creation coefficient (created / active at start, %):

  2023: Moscow 30/250 (12 %)     Tula 2/20 (10 %)   St Petersburg 5/50 (10 %)
  2024: Moscow 40/300 (13.33 %)  Tula 1/20 (5 %)    St Petersburg 10/50 (20 %)

Stored district rows CFD: 2023 11.0 %, 2024 12.8 % (rounded as published; the mean of
Moscow and Tula would be 9.17 % in 2024). Russia: 2024 only, 13.0 %. Kaliningrad (NWFD)
publishes nothing and NWFD has no stored row.

Clusters: 'tul-arms' in Tula (participants 10 in 2019 on line 31, 12 in 2021 on line 32)
and 'cfd-rail' spanning Moscow (main) and Tula; 'spb-ship' in St Petersburg. Documents:
'doc.txt', cited by all of them, and 'uncited.txt', cited by none.
"""

from __future__ import annotations

import duckdb
import pytest

from tests.helpers import insert_two_districts, tiny_database

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


def _hand_made(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("INSERT INTO meta VALUES ('default_dataset', 't')")
    con.execute(
        "INSERT INTO documents (source_file, title_ru, title_en, issue, date) "
        "VALUES ('doc.txt', 'Документ', 'Document', '№1', '2025-06'), "
        "('uncited.txt', 'Слайды', 'Slides', '', '')"
    )
    insert_two_districts(con)
    _observations(con)
    _clusters(con)


@pytest.fixture(scope="module")
def hand_made_cur(tmp_path_factory: pytest.TempPathFactory):
    """A cursor on the database described above (one per test module that asks for it)."""
    with tiny_database(tmp_path_factory.mktemp("hand-made"), _hand_made) as cursor:
        yield cursor
