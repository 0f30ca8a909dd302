"""layouts/rankings.py: the rankings tab's chart, table and subtotals from hand-made rankings."""

from __future__ import annotations

import pandas as pd
from dash import dash_table, dcc

from layouts.figures import class_colours
from layouts.i18n import THIN_SPACE
from layouts.rankings import rankings_panel, subtotal_rows, table_columns, table_rows
from queries.metrics import get_metric
from queries.rankings import COMPLETE, INCOMPLETE, RATIO_OF_SUMS, SUM, Rankings, ranked
from tests.helpers import documents_frame, tree_json

RATE = get_metric("creation_coef")
PLACES = pd.DataFrame(
    {
        "geo": ["RU-MOW", "RU-TUL", "RU-SPE", "RU-KGD"],
        "short_ru": ["Москва", "Тульская обл.", "Санкт-Петербург", "Калининградская обл."],
        "short_en": ["Moscow", "Tula Obl.", "St Petersburg", "Kaliningrad Obl."],
        "fd": ["CFD", "CFD", "NWFD", "NWFD"],
        "fd_short_ru": ["Центральный", "Центральный", "Северо-Западный", "Северо-Западный"],
        "fd_short_en": ["Central", "Central", "Northwestern", "Northwestern"],
        "value": [100 * 40 / 300, 5.0, 20.0, None],
        "numerator": [40.0, 1.0, 10.0, None],
        "denominator": [300.0, 20.0, 50.0, None],
        "flag": [None, "small_base", None, None],
        "source_file": ["doc.txt"] * 3 + [None],
        "source_line": [10, 11, 12, None],
    }
)
SUBTOTALS = pd.DataFrame(
    {
        "fd": ["CFD", "NWFD"],
        "short_ru": ["Центральный", "Северо-Западный"],
        "short_en": ["Central", "Northwestern"],
        "n_total": [2, 2],
        "n_with": [2, 1],
        "value": [100 * 41 / 320, None],
        "numerator": [41.0, None],
        "denominator": [320.0, None],
        "status": [COMPLETE, INCOMPLETE],
        "method": [RATIO_OF_SUMS] * 2,
        "stored_value": [12.8, None],
        "stored_source": ["doc.txt:7", ""],
    }
)
DOCS = documents_frame([5, 10, 11, 12])


def _rankings(metric=RATE, **kw) -> Rankings:
    country = pd.Series({"value": 13.0, "source_file": "doc.txt", "source_line": 5})
    missing = PLACES[PLACES["value"].isna()][["geo", "short_ru", "short_en"]]
    base = dict(
        metric=metric,
        level="region",
        year=2024,
        tb=ranked(PLACES, metric),
        missing=missing,
        subtotals=SUBTOTALS,
        country=country,
        dataset={"dataset_id": "t", "kind": "published"},
        citations=(),
        docs=DOCS,
    )
    return Rankings(**{**base, **kw})


def _of(tree, kind, component_id):
    """The component with `component_id` in a list of components (one level of children)."""
    for item in tree:
        if isinstance(item, kind) and item.id == component_id:
            return item
        for child in getattr(item, "children", None) or []:
            if isinstance(child, kind) and child.id == component_id:
                return child
    raise AssertionError(f"no {kind.__name__} {component_id!r}")


def test_bar_chart_ranks_places_in_class_colours_and_highlights_the_selection() -> None:
    tree = rankings_panel(_rankings(), "ru", selected="RU-TUL")
    fig = _of(tree, dcc.Graph, "rankings-chart").figure
    colours = dict(zip(["низкий", "умеренный", "высокий"], class_colours("YlGnBu", 3), strict=True))
    assert [(tr.name, tr.marker.color) for tr in fig.data] == [
        ("высокий", colours["высокий"]),
        ("низкий", colours["низкий"]),
    ]
    assert list(fig.layout.yaxis.categoryarray) == ["Санкт-Петербург", "Москва", "Тульская обл."]
    assert "<b>Тульская обл.</b>" in fig.layout.yaxis.ticktext
    assert fig.data[0].text == ("20,0", "13,3")
    assert "Источник: Дайджест №6 (2025-06), doc.txt" in fig.layout.meta["caption"]
    assert "данные есть для 3 из 4" in fig.layout.meta["subtitle"]


def test_table_filters_and_sorts_natively_with_every_column_it_needs() -> None:
    tree = rankings_panel(_rankings(), "en")
    table = _of(tree, dash_table.DataTable, "rankings-table")
    assert table.filter_action == "native" and table.sort_action == "native"
    ids = [c["id"] for c in table.columns]
    assert ids == [
        "rank",
        "name",
        "fd",
        "value",
        "numerator",
        "denominator",
        "class",
        "small_base",
        "source",
    ]
    assert len(table.data) == 3 and table.data[2]["small_base"] == "yes"
    assert table.data[0] == {
        "rank": 1,
        "name": "St Petersburg",
        "fd": "Northwestern",
        "value": 20.0,
        "numerator": 10.0,
        "denominator": 50.0,
        "class": "high",
        "small_base": "",
        "source": "doc.txt:12",
    }


def test_numbers_sort_as_numbers_and_show_russian_separators() -> None:
    value = next(c for c in table_columns(_rankings(), "ru") if c["id"] == "value")
    assert value["type"] == "numeric"
    fmt = value["format"].to_plotly_json()
    assert fmt["locale"] == {"group": THIN_SPACE, "decimal": ","} and fmt["specifier"] == ",.1f"


def test_counts_without_parts_drop_the_numerator_columns_and_small_base_flag() -> None:
    counts = PLACES.assign(numerator=None, denominator=None, flag=None)
    r = _rankings(get_metric("created"), tb=ranked(counts, get_metric("created")))
    ids = [c["id"] for c in table_columns(r, "en")]
    assert ids == ["rank", "name", "fd", "value", "source"]
    assert [row["rank"] for row in table_rows(r, "en")] == [1, 2, 3]


def test_subtotals_say_computed_or_incomplete_beside_the_stored_row() -> None:
    rows = subtotal_rows(_rankings(), "ru")
    assert rows[0] == {
        "fd": "Центральный",
        "computed": "12,8 % = 41 / 320",
        "coverage": "2 из 2",
        "stored": "12,8 % (doc.txt:7)",
    }
    assert rows[1] == {
        "fd": "Северо-Западный",
        "computed": "неполные",
        "coverage": "1 из 2",
        "stored": "—",
    }
    text = tree_json(rankings_panel(_rankings(), "en"))
    assert "ratio of sums" in text and "never a mean of rates" in text


def test_a_count_subtotal_is_explained_as_a_sum() -> None:
    sub = SUBTOTALS.assign(method=SUM, numerator=None, denominator=None)
    text = tree_json(rankings_panel(_rankings(get_metric("created"), subtotals=sub), "en"))
    assert "sum over the district's subjects" in text


def test_russia_small_base_and_places_without_data_are_stated() -> None:
    text = tree_json(rankings_panel(_rankings(), "en"))
    assert "Russia: 13.0 % (the country's stored row, doc.txt:5)" in text
    assert "Small base: fewer than 30 organisations" in text
    assert "No published data (1)" in text and "Kaliningrad Obl." in text


def test_an_empty_ranking_says_there_is_no_data() -> None:
    r = _rankings(tb=ranked(PLACES.iloc[0:0], RATE), subtotals=pd.DataFrame(), country=None)
    tree = rankings_panel(r, "en")
    assert "No published data for this view." in tree_json(tree)
    assert not [c for c in tree if isinstance(c, dash_table.DataTable)]


def test_district_level_has_no_subtotals_table() -> None:
    text = tree_json(rankings_panel(_rankings(level="fd", subtotals=pd.DataFrame()), "en"))
    assert "rankings-subtotals" not in text and "rankings-table" in text


def test_the_selected_place_is_highlighted_in_the_table() -> None:
    table = _of(
        rankings_panel(_rankings(), "en", selected="RU-MOW"), dash_table.DataTable, "rankings-table"
    )
    queries = [s["if"].get("filter_query") for s in table.style_data_conditional]
    assert '{name} = "Moscow"' in queries
