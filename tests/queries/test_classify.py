"""queries/classify.py: published thresholds, quantiles, natural breaks, equal intervals."""

from __future__ import annotations

import math

import pytest

from queries.classify import classify, jenks_edges
from queries.metrics import CREATION_CLASSES, GROWTH_CLASSES


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (5.99, "low"),
        (6.0, "moderate"),
        (8.5, "moderate"),
        (10.0, "moderate"),
        (10.01, "high"),
        (0.0, "low"),
    ],
)
def test_creation_classes_follow_the_published_thresholds(value: float, expected: str) -> None:
    """Seed 002: above 10 % high, 6–10 % moderate, under 6 % low."""
    assert CREATION_CLASSES.classify(value).key == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (-0.1, "negative"),
        (0.0, "stable"),
        (2.99, "stable"),
        (3.0, "high"),
        (30.0, "high"),
        (31.0, "above_range"),
    ],
)
def test_growth_classes_follow_the_published_thresholds(value: float, expected: str) -> None:
    assert GROWTH_CLASSES.classify(value).key == expected


def test_missing_values_have_no_class() -> None:
    bins = classify([5.0, None, math.nan, 12.0], "hse", published=CREATION_CLASSES)
    assert bins.index == (0, None, None, 2)
    assert bins.counts == (1, 0, 1)


def test_table2_districts_classify_as_published() -> None:
    """Table 2's coefficients: SFD 8.5, NCFD 8.0, NWFD 6.0 moderate; the other five low."""
    values = [8.5, 8.0, 6.0, 5.8, 5.7, 5.6, 5.3, 5.2]
    bins = classify(values, "hse", published=CREATION_CLASSES)
    assert bins.counts == (5, 3, 0)


def test_jenks_finds_the_obvious_groups() -> None:
    values = [1, 1, 2, 2, 2, 10, 11, 12, 50, 52]
    assert jenks_edges(values, 3) == [1.0, 10.0, 50.0, 52.0]


def test_jenks_with_fewer_distinct_values_than_classes() -> None:
    assert jenks_edges([3, 3, 3, 7], 5) == [3.0, 7.0, 7.0]


def test_equal_intervals_and_integer_labels() -> None:
    bins = classify([0, 5, 10, 20], "equal", k=2)
    assert bins.edges == (0.0, 10.0, 20.0)
    assert bins.labels_en == ("0–9", "10–20")
    assert bins.index == (0, 0, 1, 1)


def test_quantiles_put_equal_numbers_in_each_class() -> None:
    bins = classify([1.5, 2.5, 3.5, 4.5, 5.5, 6.5], "quantile", k=3)
    assert bins.counts == (2, 2, 2)


def test_fixed_edges_keep_breaks_across_years() -> None:
    edges = [0.0, 5.0, 10.0]
    bins = classify([1.0, 7.0, 12.0], "equal", fixed_edges=edges)
    assert bins.edges == tuple(edges)
    assert bins.index == (0, 1, 1)  # above the top edge stays in the top class


def test_all_missing_gives_no_classes() -> None:
    bins = classify([None, None], "jenks")
    assert bins.labels_en == () and bins.index == (None, None)


def test_hse_needs_published_classes() -> None:
    with pytest.raises(ValueError, match="no published classes"):
        classify([1.0], "hse")


def test_russian_labels_use_thin_space_and_decimal_comma() -> None:
    bins = classify([1036.0, 7413.0, 1.5, 2.5], "equal", k=2)
    assert bins.labels_en[1].endswith("7,413")
    assert bins.labels_ru[1].endswith("7\u202f413")
    assert bins.labels_ru[0].startswith("1,5")
