"""atlas/viewstate.py: every control survives state → URL → state; any query parses, safely."""

from __future__ import annotations

import random
import string
from dataclasses import fields, replace
from urllib.parse import quote, urlencode

import pytest

from atlas.viewstate import (
    MAX_QUERY_LENGTH,
    Choices,
    ViewState,
    parse_query,
    state_from_dict,
    state_to_dict,
)

CHOICES = Choices(
    metrics=["clusters", "created", "creation_coef"],
    datasets=["hse-2025", "synthetic-demo"],
    years=lambda dataset, metric: [2019, 2020, 2024] if metric != "clusters" else [],
    industries=["music", "film", "software", "design"],
    regions=["RU-MOW", "RU-SPE", "RU-TOM", "RU-KDA"],
    districts=["CFD", "NWFD", "SIBFD"],
    cluster_types=["creative", "industrial", "medical"],
)
# One value other than the default for every field; a new field fails until it is added here.
NON_DEFAULT = {
    "lang": "en",
    "level": "fd",
    "metric": "created",
    "dataset": "synthetic-demo",
    "year": 2020,
    "industries": ("film", "music"),
    "method": "quantile",
    "fixed_breaks": True,
    "selected": "RU-TOM",
    "focus_fd": "SIBFD",
    "compare": ("RU-SPE", "RU-MOW", "RU-KDA"),
    "clusters_layer": False,
    "cluster_types": ("medical", "creative"),
}
NEEDS = {"year": {"metric": "created"}}  # a year only exists for a metric that has years
HOSTILE = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "javascript:alert(1)",
    "%00",
    "\x00",
    "9" * 400,
    "-1",
    "1e308",
    "NaN",
    "x" * 5000,
    "Москва",
    "🙂" * 30,
    "RU-MOW,<script>",
    "${7*7}",
    "'; DROP TABLE regions; --",
]


def _roundtrip(state: ViewState) -> ViewState:
    parsed, notices = parse_query(state.to_query(), CHOICES)
    assert notices == []
    return parsed


def test_every_field_has_a_sample() -> None:
    assert set(NON_DEFAULT) == {f.name for f in fields(ViewState)}
    for name, value in NON_DEFAULT.items():
        assert value != getattr(ViewState(), name), name


@pytest.mark.parametrize("name", sorted(NON_DEFAULT))
def test_one_control_survives_the_url(name: str) -> None:
    state = replace(ViewState(), **NEEDS.get(name, {}), **{name: NON_DEFAULT[name]})
    assert state.to_query().startswith("?")
    assert _roundtrip(state) == state


def test_every_control_at_once_survives_the_url() -> None:
    state = ViewState(**NON_DEFAULT)
    assert _roundtrip(state) == state
    assert state_from_dict(state_to_dict(state)) == state


def test_the_default_view_has_an_empty_query() -> None:
    assert ViewState().to_query() == ""
    assert parse_query("", CHOICES) == (ViewState(), [])


def test_order_of_codes_is_kept() -> None:
    state = ViewState(compare=("RU-KDA", "RU-MOW"))
    assert _roundtrip(state).compare == ("RU-KDA", "RU-MOW")


@pytest.mark.parametrize("name", sorted(NON_DEFAULT))
@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_value_falls_back_with_a_notice_that_does_not_echo_it(name, value) -> None:
    state, notices = parse_query(urlencode({name: value}), CHOICES)
    default = getattr(ViewState(), name)
    assert replace(state, **{name: default}) == ViewState()  # nothing else moved
    kept = getattr(state, name)
    assert kept == default or set(kept) <= set(CHOICES.regions)  # only the valid codes of a list
    assert notices, (name, value)
    for notice in notices:
        assert value not in notice and "<" not in notice and "script" not in notice


def test_repeated_parameters_take_the_last_valid_one() -> None:
    state, _ = parse_query("metric=created&metric=creation_coef", CHOICES)
    assert state.metric == "creation_coef"


def test_too_long_a_query_is_ignored_whole() -> None:
    state, notices = parse_query("metric=created&x=" + "a" * MAX_QUERY_LENGTH, CHOICES)
    assert state == ViewState() and len(notices) == 1


def test_more_parameters_than_parse_qs_allows_fall_back() -> None:
    state, notices = parse_query("&".join(f"k{i}=1" for i in range(51)), CHOICES)
    assert state == ViewState() and notices


def test_year_needs_data_for_the_metric() -> None:
    assert parse_query("metric=created&year=2021", CHOICES)[0].year is None
    assert parse_query("metric=created&year=02020", CHOICES)[0].year is None
    assert parse_query("metric=created&year=2024", CHOICES)[0].year == 2024


def test_too_many_compared_places_are_cut() -> None:
    regions = [f"RU-{c}" for c in string.ascii_uppercase[:12]]
    choices = replace(CHOICES, regions=regions)
    state, notices = parse_query("compare=" + ",".join(regions), choices)
    assert len(state.compare) == 10 and notices


def test_seeded_random_queries_always_parse() -> None:
    rng = random.Random(20251125)
    names = [*NON_DEFAULT, "chart", "utm_source", "", "a[]"]
    alphabet = string.printable + "абв<>\"'%&=;,#\x00🙂"
    for _ in range(3000):
        pairs = [
            (rng.choice(names), "".join(rng.choices(alphabet, k=rng.randint(0, 30))))
            for _ in range(rng.randint(0, 8))
        ]
        raw = "&".join(
            f"{quote(k)}={quote(v)}" if rng.random() < 0.8 else f"{k}={v}" for k, v in pairs
        )
        state, notices = parse_query(raw, CHOICES)
        assert isinstance(state, ViewState)
        assert state.metric in CHOICES.metrics and state.lang in ("ru", "en")
        assert all(c in CHOICES.regions for c in state.compare)
        for notice in notices:
            assert "<" not in notice and "\x00" not in notice


def test_the_real_database_choices_round_trip(cur) -> None:
    from queries.views import choices, settle

    real = choices(cur)
    state = settle(
        cur,
        ViewState(
            lang="en",
            level="region",
            metric="created",
            industries=tuple(real.industries[:2]),
            compare=tuple(real.regions[:3]),
            selected=real.regions[5],
            focus_fd=real.districts[1],
            method="jenks",
            fixed_breaks=True,
            clusters_layer=False,
            cluster_types=tuple(real.cluster_types[:2]),
        ),
    )
    parsed, notices = parse_query(state.to_query(), real)
    assert notices == [] and settle(cur, parsed) == state


@pytest.mark.parametrize("stored", [None, [], "x", 5, {}])
def test_a_tampered_store_falls_back_to_defaults(stored) -> None:
    from atlas.viewstate import state_from_dict

    assert state_from_dict(stored) == ViewState()


def test_a_tampered_store_keeps_only_well_typed_fields() -> None:
    from atlas.viewstate import state_from_dict

    state = state_from_dict(
        {"level": "fd", "year": "2024", "compare": ["RU-MOW", 5], "lang": "<script>",
         "fixed_breaks": "yes", "metric": "created"}
    )  # fmt: skip
    assert state == ViewState(level="fd", metric="created")
