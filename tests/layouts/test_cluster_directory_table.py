"""layouts/cluster_directory_table.py: the directory's rows, order and accessible table."""

from __future__ import annotations

import doctest

import pandas as pd

import layouts.cluster_directory_table
from layouts.cluster_directory_table import (
    directory_table,
    next_sort,
    sort_rows,
    table_columns,
    table_rows,
)
from queries.cluster_directory import by_subject, directory
from tests.helpers import walk


def test_doctests() -> None:
    assert doctest.testmod(layouts.cluster_directory_table).failed == 0


def test_table_has_every_cluster_with_dashes_where_nothing_is_published(cur) -> None:
    tb = directory(cur).tb
    rows = {r["id"]: r for r in table_rows(tb, "ru")}
    assert len(rows) == len(tb)
    assert rows["mow-zelenograd"]["participants"] == "> 120"
    assert rows["mow-zelenograd"]["source"].startswith("003_2798292aea7c5742.txt:48")
    assert rows["alt-zori"]["investment"] == "—"
    assert "(основной)" in rows["tam-oil-gas-equipment"]["subjects"]


def test_subject_rows_say_where_else_the_cluster_is(cur) -> None:
    tb = directory(cur).tb
    rows = table_rows(by_subject(tb, "RU-RYA"), "en", "subject")
    assert [r["cluster_id"] for r in rows] == ["tam-oil-gas-equipment"]
    assert rows[0]["id"] == "tam-oil-gas-equipment@RU-RYA"
    assert "also in: Tambov Obl." in rows[0]["subjects"]


def test_sorting_uses_the_numbers_and_puts_missing_last(cur) -> None:
    tb = directory(cur).tb
    ordered = sort_rows(tb, {"column": "participants", "direction": "desc"}, "ru")
    values = ordered["participants"].tolist()
    known = [v for v in values if pd.notna(v)]
    assert known == sorted(known, reverse=True) and pd.isna(values[-1])
    default = sort_rows(tb, None, "ru")
    on_map = default[~default["outside_map"]]
    assert on_map["subjects_ru"].is_monotonic_increasing
    assert default.iloc[-1]["outside_map"]


def test_next_sort_flips_and_starts_numbers_high_first() -> None:
    assert next_sort(None, "participants") == {"column": "participants", "direction": "desc"}
    assert next_sort(None, "name") == {"column": "name", "direction": "asc"}
    assert next_sort({"column": "name", "direction": "asc"}, "name")["direction"] == "desc"


def test_directory_table_is_an_accessible_table(cur) -> None:
    tb = directory(cur).tb
    sort = {"column": "participants", "direction": "desc"}
    table = directory_table(
        table_rows(tb, "en"),
        table_columns("en", "cluster"),
        sort,
        "kgd-amber",
        "67 of 67 clusters shown",
    )
    nodes = list(walk(table))
    heads = [n for n in nodes if type(n).__name__ == "Th"]
    assert all(h.scope == "col" for h in heads)
    assert [h.to_plotly_json()["props"]["aria-sort"] for h in heads].count("descending") == 1
    picks = [
        n.id
        for n in nodes
        if isinstance(getattr(n, "id", None), dict) and n.id["type"] == "cl-pick"
    ]
    assert len(picks) == len(tb) == len({p["at"] for p in picks})
    chosen = [
        n
        for n in nodes
        if type(n).__name__ == "Tr" and n.to_plotly_json()["props"].get("aria-selected") == "true"
    ]
    assert len(chosen) == 1
