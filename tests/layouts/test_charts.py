"""layouts/charts.py: the chart engine and its named charts, tested as figure data (JSON)."""

from __future__ import annotations

import pandas as pd
import pytest
from dash import dcc, html

from layouts import theme
from layouts.charts import (
    CHART_CONFIG,
    ROLE_STYLES,
    compare_lines_figure,
    compare_styles,
    graph,
    place_lines_figure,
    ranked_bar_figure,
    sources_caption,
)
from tests.helpers import documents_frame


def _bars(**kw):
    tb = pd.DataFrame(
        {
            "name": ["Москва", "Татарстан", "Тула"],
            "value": [7413.0, 419.0, -3.0],
            "label": ["7 413", "419", "−3"],
            "hover": ["hm", "ht", "hu"],
            "group": ["высокий", "высокий", "низкий"],
        }
    )
    args = {
        "title": "Создано",
        "caption": "Источник: doc.txt, стр. 579",
        "lang": "ru",
        "colours": {"высокий": "#111111", "низкий": "#222222"},
    }
    return ranked_bar_figure(tb, **{**args, **kw})


def test_ranked_bars_are_one_trace_per_class_in_rank_order() -> None:
    fig = _bars(highlight="Татарстан")
    assert [tr.name for tr in fig.data] == ["высокий", "низкий"]
    high = fig.data[0]
    assert high.orientation == "h" and list(high.y) == ["Москва", "Татарстан"]
    assert list(high.x) == [7413.0, 419.0] and list(high.text) == ["7 413", "419"]
    assert high.marker.color == "#111111" and list(high.customdata) == ["hm", "ht"]
    assert high.hovertemplate == "%{customdata}<extra></extra>"
    assert list(high.marker.line.width) == [0.6, 1.5]  # the highlighted bar stands out
    assert list(fig.layout.yaxis.categoryarray) == ["Москва", "Татарстан", "Тула"]
    assert fig.layout.yaxis.ticktext[1] == "<b>Татарстан</b>"


def test_ranked_bars_leave_room_for_labels_on_both_sides_and_grow_with_rows() -> None:
    fig = _bars()
    low, high = fig.layout.xaxis.range
    assert low < -3 and high > 7413 and fig.layout.xaxis.visible is False
    one = ranked_bar_figure(
        pd.DataFrame(
            {"name": ["a"], "value": [1.0], "label": ["1"], "hover": ["h"], "group": ["g"]}
        ),
        title="T",
        caption="C",
        lang="en",
        colours={"g": "#000000"},
    )
    margins = fig.layout.margin.t + fig.layout.margin.b
    assert fig.layout.height - margins == 3 * 22  # 22 px a bar
    assert one.layout.height < fig.layout.height


def test_words_travel_in_the_figure_meta_and_separators_follow_the_language() -> None:
    fig = _bars()
    assert fig.layout.meta["title"] == "Создано"
    assert fig.layout.meta["caption"] == "Источник: doc.txt, стр. 579"
    assert fig.layout.separators == ",\u202f"
    assert _bars(lang="en").layout.separators == ".,"
    assert fig.layout.font.family == theme.FONT_FAMILY


def _lines(years=(2023, 2024)):
    rows = [
        (role, name, year, value)
        for role, name, base in (
            ("place", "Татарстан", 400),
            ("fd", "Приволжский ФО", 3000),
            ("country", "Россия", 15000),
        )
        for year, value in zip(years, (base, base * 1.1), strict=False)
    ]
    tb = pd.DataFrame(rows, columns=["role", "name", "year", "value"])
    return tb.assign(hover=[f"h{i}" for i in range(len(tb))])


def test_place_lines_style_the_place_district_and_russia() -> None:
    fig = place_lines_figure(
        _lines(), title="T", caption="C", lang="ru", value_title="", log_values=True
    )
    place, fd, country = fig.data
    assert [tr.name for tr in fig.data] == ["Татарстан", "Приволжский ФО", "Россия"]
    assert place.line.color == ROLE_STYLES["place"]["colour"] and place.line.width == 3
    assert country.line.dash == "dash" and country.line.color == theme.MUTED_COLOUR
    assert list(fd.x) == [2023, 2024] and list(fd.customdata) == ["h2", "h3"]
    assert fig.layout.yaxis.type == "log" and fig.layout.yaxis.dtick == 1
    assert list(fig.layout.xaxis.tickvals) == [2023, 2024] and fig.layout.showlegend


def test_a_single_year_is_a_point_per_line_centred_on_its_year() -> None:
    fig = place_lines_figure(_lines((2024,)), title="T", caption="C", lang="ru", value_title="")
    assert all(len(tr.x) == 1 and tr.mode == "lines+markers" for tr in fig.data)
    assert list(fig.layout.xaxis.range) == [2023.5, 2024.5]
    assert fig.layout.yaxis.type == "linear"


def test_log_scale_is_refused_for_values_at_or_below_zero() -> None:
    tb = _lines().assign(value=[0, 1, 2, 3, 4, 5])
    fig = place_lines_figure(tb, title="T", caption="C", lang="ru", value_title="", log_values=True)
    assert fig.layout.yaxis.type == "linear"


def test_compare_lines_get_distinct_colour_blind_safe_styles() -> None:
    names = [f"P{i}" for i in range(10)]
    tb = pd.DataFrame(
        [(n, y, float(i + y)) for i, n in enumerate(names) for y in (2023, 2024)],
        columns=["name", "year", "value"],
    ).assign(hover="h")
    fig = compare_lines_figure(tb, title="T", caption="C", lang="en", value_title="%")
    assert len(fig.data) == 10
    styles = {(tr.line.color, tr.line.dash, tr.marker.symbol) for tr in fig.data}
    assert len(styles) == 10  # no two lines look alike
    assert [tr.line.color for tr in fig.data[:7]] == list(theme.PALETTE)
    assert "#F0E442" not in theme.PALETTE  # Okabe–Ito yellow is too pale on white
    assert compare_styles(["a", "b"])["b"]["colour"] == theme.PALETTE[1]


def test_graph_puts_title_and_caption_around_a_plot_without_the_plotly_logo() -> None:
    fig = _bars(subtitle="ед.")
    figure = graph(fig, "g")
    assert isinstance(figure, html.Figure)
    title, subtitle, plot, caption = figure.children
    assert (title.children, subtitle.children) == ("Создано", "ед.")
    assert isinstance(caption, html.Figcaption) and "doc.txt" in caption.children
    assert isinstance(plot, dcc.Graph) and plot.id == "g" and plot.responsive is True
    assert plot.config == CHART_CONFIG and plot.config["displaylogo"] is False
    assert plot.style["height"] == f"{fig.layout.height}px"


DOCS = documents_frame([579, 580, 582], source_file=["002_x.txt"])


def test_sources_caption_names_documents_and_lines() -> None:
    text = sources_caption(DOCS, {"dataset_id": "hse-2025", "kind": "published"}, "ru")
    assert text == "Источник: Дайджест №6 (2025-06), 002_x.txt, стр. 579–580, 582"


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_sources_caption_says_synthetic_first_and_names_the_imported_file(lang) -> None:
    dataset = {
        "dataset_id": "synthetic-demo",
        "kind": "imported",
        "synthetic": True,
        "label_ru": "СИНТЕТИЧЕСКИЕ",
        "label_en": "SYNTHETIC",
        "file_name": "demo.parquet",
    }
    text = sources_caption(DOCS.iloc[0:0], dataset, lang)
    assert text.startswith("СИНТЕТИЧЕСКИЕ ДАННЫЕ" if lang == "ru" else "SYNTHETIC DATA")
    assert "demo.parquet" in text


def test_a_document_citing_many_lines_gives_their_count_in_the_caption() -> None:
    docs = DOCS.assign(lines=[list(range(100, 120))])
    text = sources_caption(docs, {"dataset_id": "clusters"}, "en")
    assert text == "Source: Digest №6 (2025-06), 002_x.txt (20 lines)"
