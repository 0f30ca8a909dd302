"""layouts/compare.py: the compare tab's lines, notes and table from hand-made comparisons."""

from __future__ import annotations

import pandas as pd
from dash import dcc, html

from layouts import theme
from layouts.compare import compare_panel
from queries.metrics import get_metric
from queries.profile import Comparison
from tests.helpers import documents_frame, tree_json

NAMES = pd.DataFrame(
    {
        "geo": ["RU-TA", "RU-MOW", "RU-ALT"],
        "short_ru": ["Татарстан", "Москва", "Алтайский край"],
        "short_en": ["Tatarstan", "Moscow", "Altai Krai"],
    }
)
SERIES = pd.DataFrame(
    {
        "geo": ["RU-MOW", "RU-MOW", "RU-TA", "RU-TA"],
        "year": [2023, 2024, 2023, 2024],
        "value": [7000.0, 7413.0, 400.0, 419.0],
        "source_file": ["doc.txt"] * 4,
        "source_line": [578, 579, 581, 582],
    }
)
DOCS = documents_frame([578, 579, 581, 582])


def _comparison(**kw) -> Comparison:
    base = dict(
        metric=get_metric("created"),
        names=NAMES,
        series=SERIES,
        dataset={"dataset_id": "t", "kind": "published"},
        citations=(),
        docs=DOCS,
    )
    return Comparison(**{**base, **kw})


def _graphs(tree) -> list[dcc.Graph]:
    figures = [c for c in tree if isinstance(c, html.Figure)]
    return [g for f in figures for g in f.children if isinstance(g, dcc.Graph)]


def test_no_subject_picked_invites_a_choice() -> None:
    tree = compare_panel(_comparison(names=NAMES.iloc[0:0], series=SERIES.iloc[0:0]), "en")
    assert "Choose up to 10 subjects" in tree_json(tree) and not _graphs(tree)


def test_one_line_per_subject_in_picking_order_with_palette_colours() -> None:
    (graph,) = _graphs(compare_panel(_comparison(), "ru"))
    fig = graph.figure
    assert [tr.name for tr in fig.data] == ["Татарстан", "Москва"]
    assert [tr.line.color for tr in fig.data] == list(theme.PALETTE[:2])
    assert list(fig.data[1].y) == [7000.0, 7413.0] and list(fig.data[1].x) == [2023, 2024]
    assert "doc.txt:579" in fig.data[1].customdata[1]
    assert "Дайджест №6 (2025-06), doc.txt, стр. 578–579, 581–582" in fig.layout.meta["caption"]
    assert graph.config["displaylogo"] is False


def test_subjects_without_data_are_named_not_drawn() -> None:
    tree = compare_panel(_comparison(), "en")
    assert "No published data: Altai Krai." in tree_json(tree)
    assert len(_graphs(tree)[0].figure.data) == 2


def test_values_are_also_given_as_a_table() -> None:
    (details,) = [c for c in compare_panel(_comparison(), "ru") if isinstance(c, html.Details)]
    text = tree_json(details)
    assert "7\u202f413" in text and "2023" in text and "Алтайский край" in text and "—" in text


def test_a_cluster_metric_compares_as_bars() -> None:
    series = pd.DataFrame({"geo": ["RU-MOW", "RU-TA"], "year": [None, None], "value": [23.0, 2.0]})
    tree = compare_panel(_comparison(metric=get_metric("clusters"), series=series), "en")
    (graph,) = _graphs(tree)
    assert graph.figure.data[0].type == "bar"
    assert list(graph.figure.data[0].y) == ["Moscow", "Tatarstan"]
    assert "compared as bars" in tree_json(tree)
