"""queries/cube.py: every view read from the arrays equals the DuckDB query of the same view."""

from __future__ import annotations

import random

import numpy as np
import pytest

from atlas.store import Reader
from queries import cube
from queries.metrics import METRICS
from queries.observations import observation_values
from queries.place_values import from_frame


@pytest.fixture(scope="module")
def version(data_dir):
    return cube.for_reader(Reader(data_dir))


def _same(a: np.ndarray, b: np.ndarray) -> bool:
    return bool(
        np.array_equal(np.isnan(a), np.isnan(b)) and np.allclose(a[~np.isnan(a)], b[~np.isnan(b)])
    )


def test_every_cube_view_equals_the_query(version, cur) -> None:
    """Each (dataset, metric, level): 'all', one industry and three industries (ratio of
    sums), for up to three years: values, numerators, flags, sources and citations."""
    rng = random.Random(16)
    checked = 0
    for (dataset, metric, level), metric_cube in version.cubes.items():
        industries = [i for i in metric_cube.industries if i != "all"]
        picks = [("all",)]
        if industries:
            picks += [(rng.choice(industries),), tuple(rng.sample(industries, 3))]
        for year in list(metric_cube.years)[:3]:
            for chosen in picks:
                query = observation_values(cur, METRICS[metric], level, dataset, year, chosen)
                want = from_frame(query)
                got = version.values(dataset, metric, level, chosen, year)
                for name in ("value", "numerator", "denominator"):
                    assert _same(getattr(want, name), getattr(got, name)), (metric, name)
                assert got.flags == want.flags
                assert got.sources == want.sources
                assert got.citations == want.citations
                checked += 1
    assert checked > 50


def test_published_created_keeps_its_source_lines(version) -> None:
    got = version.values("hse-2025", "created", "region", ("all",), 2024)
    moscow = got.places.geo.index("RU-MOW")
    assert got.value[moscow] == 7413 and got.sources[moscow] == "002_d8f5a7355f1388eb.txt:579"
    assert int(np.isnan(got.value).sum()) == 65  # the sources publish the top 20 only


def test_a_version_is_read_once_and_keyed_by_its_file(version, data_dir) -> None:
    assert cube.for_reader(Reader(data_dir)) is version
    assert version.path == str(Reader(data_dir).current_file())
