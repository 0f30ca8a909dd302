"""layouts/profile.py: the profile tab's component tree and its chart, from hand-made profiles."""

from __future__ import annotations

import pandas as pd
from dash import dcc, html

from layouts.i18n import THIN_SPACE
from layouts.profile import profile_panel
from queries.metrics import get_metric
from queries.profile import PlaceProfile, Rank
from tests.helpers import tree_json

PLACE = pd.Series(
    {
        "code": "RU-TA",
        "name_ru": "Республика Татарстан",
        "name_en": "Tatarstan",
        "short_ru": "Татарстан",
        "short_en": "Tatarstan",
        "fd": "VFD",
    }
)
DISTRICT = pd.Series(
    {
        "code": "VFD",
        "name_ru": "Приволжский федеральный округ",
        "name_en": "Volga Federal District",
        "short_ru": "Приволжский",
        "short_en": "Volga",
        "fd": "VFD",
    }
)
SERIES = pd.DataFrame(
    [
        ("place", "RU-TA", 2024, 419.0, "002_x.txt", 582),
        ("country", "RU", 2024, 15900.0, "002_x.txt", 549),
    ],
    columns=["role", "geo", "year", "value", "source_file", "source_line"],
).assign(numerator=None, denominator=None, flag=None)
CLUSTERS = pd.DataFrame(
    [
        {
            "cluster_id": "ta-industrial",
            "name_ru": "промышленный кластер (Татарстан)",
            "name_en": "Tatarstan Industrial Cluster",
            "type": "industrial",
            "scope": "regional",
            "status": "operating",
            "status_year": 2025,
            "specialisation_ru": "машиностроение",
            "specialisation_en": "engineering",
            "source_file": "001_y.txt",
            "source_line": 281,
            "main_region": "RU-TA",
            "region_ru": "Татарстан",
            "region_en": "Tatarstan",
            "participants": 1000.0,
            "participants_year": 2025,
            "participants_file": "001_y.txt",
            "participants_line": 283,
        }
    ]
)
DOCS = pd.DataFrame(
    {
        "source_file": ["001_y.txt", "002_x.txt"],
        "title_ru": ["Дайджест", "Дайджест"],
        "title_en": ["Digest", "Digest"],
        "publisher": ["", ""],
        "issue": ["№3", "№6"],
        "date": ["2025-03", "2025-06"],
        "lines": [[281, 283], [549, 582]],
    }
)


def _profile(**kw) -> PlaceProfile:
    base = dict(
        geo="RU-TA",
        level="region",
        place=PLACE,
        district=DISTRICT,
        metric=get_metric("created"),
        year=2024,
        series=SERIES,
        rank=Rank(4, 20),
        clusters=CLUSTERS,
        dataset={"dataset_id": "hse-2025", "kind": "published"},
        citations=(),
        docs=DOCS,
    )
    return PlaceProfile(**{**base, **kw})


def _find(tree, kind):
    """Every component of a type in a tree (lists and children, depth first)."""
    items = tree if isinstance(tree, list) else [tree]
    found = []
    for item in items:
        if isinstance(item, kind):
            found.append(item)
        children = getattr(item, "children", None)
        if isinstance(children, list | tuple) or hasattr(children, "children"):
            found += _find(list(children) if isinstance(children, tuple) else children, kind)
    return found


def test_nothing_selected_invites_a_click() -> None:
    assert "Щёлкните субъект" in tree_json(profile_panel(None, "ru"))
    assert "Click a federal subject" in tree_json(profile_panel(None, "en"))


def test_tiles_show_value_rank_district_and_russia_in_russian_format() -> None:
    text = tree_json(profile_panel(_profile(), "ru"))
    assert "419 ед." in text and f"15{THIN_SPACE}900 ед." in text
    assert "4 из 20" in text and "нет данных за предыдущий год" in text
    assert "Приволжский ФО" in text and "нет опубликованных данных" in text  # no FD row


def test_rank_change_reads_up_or_down_since_the_previous_year() -> None:
    up = tree_json(profile_panel(_profile(rank=Rank(4, 20, 6, 20, 2023)), "en"))
    down = tree_json(profile_panel(_profile(rank=Rank(4, 20, 3, 20, 2023)), "en"))
    assert "▲ 2 since 2023" in up and "▼ 1 since 2023" in down


def test_chart_draws_the_place_and_russia_with_sources() -> None:
    tree = profile_panel(_profile(), "en")
    (graph,) = _find(tree, dcc.Graph)
    fig = graph.figure
    assert [tr.name for tr in fig.data] == ["Tatarstan", "Russia"]
    assert "002_x.txt:582" in fig.data[0].customdata[0]
    assert "002_x.txt, lines 549, 582" in fig.layout.meta["caption"]
    assert "001_y.txt" not in fig.layout.meta["caption"]  # the clusters' lines are not plotted
    assert fig.layout.yaxis.type == "log"  # 419 against 15,900: a count spanning > 20×
    assert "publishes 2024 only" in tree_json(tree)


def test_clusters_list_names_type_status_participants_and_source_lines() -> None:
    (clusters,) = [
        u for u in _find(profile_panel(_profile(), "ru"), html.Ul) if u.id == "profile-clusters"
    ]
    text = tree_json(clusters)
    assert "промышленный кластер (Татарстан)" in text and "промышленный" in text
    assert "действует (2025)" in text and f"участников: 1{THIN_SPACE}000 (2025)" in text
    assert "машиностроение" in text
    codes = [c.children for c in _find(clusters, html.Code)]
    assert codes == ["001_y.txt:281", "001_y.txt:283"]


def test_sources_list_every_document_with_its_lines() -> None:
    (sources,) = [
        u for u in _find(profile_panel(_profile(), "en"), html.Ul) if u.id == "profile-sources"
    ]
    text = tree_json(sources)
    assert "Digest №3 (2025-03)" in text and "001_y.txt, lines 281, 283" in text
    assert "002_x.txt, lines 549, 582" in text


def test_no_clusters_and_no_series_say_so() -> None:
    empty = _profile(series=SERIES.iloc[0:0], clusters=CLUSTERS.iloc[0:0], rank=Rank(None, 20))
    text = tree_json(profile_panel(empty, "en"))
    assert "No published yearly data" in text and "The sources name no cluster here" in text
    assert not _find(profile_panel(empty, "en"), dcc.Graph)


def test_a_cluster_metric_has_tiles_but_no_chart() -> None:
    series = pd.DataFrame(
        {"role": ["place", "fd"], "geo": ["RU-TA", "VFD"], "year": [None] * 2, "value": [2.0, 13.0]}
    )
    p = _profile(metric=get_metric("clusters"), year=None, series=series, rank=Rank(6, 31))
    tree = profile_panel(p, "en")
    text = tree_json(tree)
    assert "2 clusters" in text and "13 clusters" in text and "6 of 31" in text
    assert "no yearly series" in text and "Russia" not in text.split("Clusters:")[0]
    assert not _find(tree, dcc.Graph)


def test_synthetic_data_carry_the_banner() -> None:
    p = _profile(dataset={"dataset_id": "s", "kind": "imported", "synthetic": True})
    assert "SYNTHETIC DATA" in tree_json(profile_panel(p, "en"))


def test_a_long_cluster_list_opens_on_demand_and_separates_source_lines() -> None:
    many = pd.concat([CLUSTERS] * 9, ignore_index=True)
    tree = profile_panel(_profile(clusters=many), "en")
    (details,) = _find(tree, html.Details)
    assert "3 more clusters" in tree_json(details)
    first = _find(tree, html.Li)[0]
    assert ", " in first.children[2].children  # 001_y.txt:281, 001_y.txt:283
