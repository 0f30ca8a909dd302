"""layouts/embed_page.py and callbacks/embed_page.py: one chart, its source, a link back."""

from __future__ import annotations

from pathlib import Path

import pytest
from dash import dcc, html
from plotly.io.json import to_json_plotly

from atlas import store
from atlas.viewstate import ViewState
from callbacks import embed_page as embed_callbacks
from layouts import embed_page
from tests.helpers import walk

HOSTILE = {
    "metric": "<script>alert(1)</script>",
    "year": "99999999999999999999",
    "lang": '"><img src=x onerror=alert(1)>',
    "compare": "RU-MOW,javascript:alert(1)",
    "selected": "RU-MOW;DROP TABLE regions",
    "focus_fd": "\x00",
    "chart": "<svg onload=alert(1)>",
    "evil": "1",
}


@pytest.fixture()
def reader(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(store, "_DEFAULT_READER", store.Reader(data_dir))


def _by_id(tree, component_id: str):
    return next(c for c in walk(tree) if getattr(c, "id", None) == component_id)


def _dump(tree) -> str:
    return to_json_plotly(tree)


def test_map_embed_is_one_graph_with_title_legend_source_and_a_link_back(reader) -> None:
    tree = embed_callbacks.page(metric="created", lang="en", compare="RU-MOW,RU-SPE")
    assert tree.style["height"] == "100vh"
    graph = _by_id(tree, "embed-map")
    assert graph.config["responsive"] is True and graph.responsive is True
    assert graph.config["topojsonURL"] == "/assets/topojson/"
    figure = graph.figure
    assert figure.layout.title.text.startswith("Creative organisations created")
    assert "Natural breaks" in figure.data[1].colorbar.title.text
    assert {len(figure.data[0].locations) + len(figure.data[1].locations)} == {85}
    caption = _by_id(tree, "embed-caption").children
    assert "002_d8f5a7355f1388eb.txt" in caption and "Natural Earth" in caption
    link = _by_id(tree, "embed-open")
    assert link.href == "/?lang=en&metric=created&year=2024&compare=RU-MOW%2CRU-SPE"
    assert link.target == "_top"


def test_no_controls_and_no_panels(reader) -> None:
    tree = embed_callbacks.page()
    kinds = {type(c).__name__ for c in walk(tree)}
    assert not kinds & {"Dropdown", "RadioItems", "Checklist", "Slider", "Tabs", "Button"}
    assert not any(getattr(c, "id", None) in ("map", "export-bar", "side-tab") for c in walk(tree))


def test_rankings_chart_embeds_the_ranked_bars(reader) -> None:
    tree = embed_callbacks.page(chart="rankings", metric="created", lang="en")
    graph = next(c for c in walk(tree) if isinstance(c, dcc.Graph))
    bars = [t for t in graph.figure.data if t.type == "bar"]
    assert bars and sum(len(t.y) for t in bars) == 20
    assert "Creative organisations created" in to_json_plotly(graph.figure)
    assert _by_id(tree, "embed-open").href == "/?lang=en&metric=created&year=2024"


def test_hostile_parameters_fall_back_with_notices_and_are_not_reflected(reader) -> None:
    tree = embed_callbacks.page(**HOSTILE)
    notice = next(c for c in walk(tree) if getattr(c, "className", None) == "notice")
    assert "Часть параметров" in notice.children  # the default language, visible
    dumped = _dump(tree)
    for value in HOSTILE.values():
        if len(value) > 1:
            assert value not in dumped
    for marker in ("<script", "onerror", "javascript:", "onload", "\\u0000"):
        assert marker not in dumped
    assert _by_id(tree, "embed-open").href == "/?compare=RU-MOW"  # the one valid code kept


def test_a_huge_query_is_ignored_whole(reader) -> None:
    tree = embed_callbacks.page(metric="created", selected="x" * 5000)
    assert "x" * 50 not in _dump(tree)
    assert _by_id(tree, "embed-open").href == "/"


def test_repeated_parameters_do_not_break_the_page(reader) -> None:
    tree = embed_callbacks.page(metric=["created", "nope"], chart=["map", "map"])
    assert isinstance(tree, html.Div)


def test_synthetic_banner_and_notices_render_as_text() -> None:
    from layouts.map_render import RenderedMap

    rendered = RenderedMap(
        figure={}, view=None, caption="c", summary=[], sentences=[], drawn_key="", synthetic=True
    )
    tree = embed_page.layout(
        ViewState(lang="en"),
        embed_page.map_chart(rendered),
        caption="c",
        synthetic=True,
        notices=["<b>x</b>"],
    )
    texts = [c.children for c in walk(tree) if isinstance(getattr(c, "children", None), str)]
    assert any(t.startswith("SYNTHETIC DATA") for t in texts)
    assert any(t.endswith("<b>x</b>") for t in texts)  # a string child: React escapes it
