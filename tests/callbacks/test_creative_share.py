"""Issue 11: the creative share on the map, through Dash's callback, for an all-organisation
import; a dataset without all-organisation counts does not offer it."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

import atlas.store
from atlas.store import Reader
from atlas.viewstate import ViewState
from etl.importer import import_file
from queries import catalog
from queries.classify import METHODS
from queries.metrics import LEVELS, get_metric
from queries.observations import observation_values
from tests.callbacks.test_map_page import _map
from tests.helpers import build_db, drawn_hovers

SHARES = ("creative_share_created", "creative_share_active")
# region: (organisations, of which creative: 62.01 software, 74.10 design), 2019 and 2020
EXTRACT = {"г. Москва": (300, 20, 10), "Тульская область": (40, 8, 4)}


@pytest.fixture(scope="module")
def share_store(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("share-store")
    build_db(folder)
    path = folder / "extract.csv"
    rows, n = [], 0
    for region, (total, software, design) in EXTRACT.items():
        for i in range(total):
            n += 1
            code = "62.01" if i < software else "74.10" if i < software + design else "47.11"
            rows.append([f"50{n:08d}", region, code, f"{2019 + i % 2}-05-05"])
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([["ИНН", "Регион", "Основной ОКВЭД", "Дата регистрации"]])
        csv.writer(handle).writerows(rows)
    import_file(path, data_dir=folder, dataset_id="extract", label="Extract")
    return folder


@pytest.fixture(scope="module")
def client(share_store):
    previous = atlas.store._DEFAULT_READER
    atlas.store._DEFAULT_READER = Reader(share_store)
    import app

    test_client = app.server.test_client()
    test_client.get("/")
    yield test_client, app.app
    atlas.store._DEFAULT_READER = previous


def test_shares_are_offered_only_where_all_organisations_were_counted(share_store) -> None:
    with Reader(share_store).cursor() as cur:
        for level in LEVELS:
            assert set(SHARES) <= set(catalog.available_metrics(cur, "extract", level))
            assert not set(SHARES) & set(catalog.available_metrics(cur, "synthetic-demo", level))
        assert not catalog.has_industry_breakdown(cur, "hse-2025")


def test_several_industries_share_one_denominator(share_store) -> None:
    metric = get_metric("creative_share_created")
    with Reader(share_store).cursor() as cur:
        tb = observation_values(cur, metric, "region", "extract", 2019, ["software", "design"])
    moscow = tb.tb.set_index("geo").loc["RU-MOW"]
    # 2019: even rows of Moscow: 10 software + 5 design of 150 organisations = 10 %
    assert (moscow.numerator, moscow.denominator) == (15, 150)
    assert moscow.value == pytest.approx(10.0)


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("level", LEVELS)
@pytest.mark.parametrize("metric", SHARES)
def test_share_draws_with_hover(client, metric, level, method) -> None:
    state = ViewState(metric=metric, level=level, dataset="extract", method=method)
    figure = _map(client, state)["map"]["figure"]
    no_data, data = (drawn_hovers(trace) for trace in figure["data"][:2])
    assert len(no_data) + len(data) == (85 if level == "region" else 8)
    assert len(data) == (2 if level == "region" else 1)  # Moscow and Tula; the CFD
    assert all("extract.csv" in hover for hover in data.values())
