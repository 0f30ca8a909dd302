"""queries/metrics.py: the registry declares each metric once, completely."""

from __future__ import annotations

import pytest

from queries.metrics import METRICS, UnknownMetricError, get_metric


@pytest.mark.parametrize("metric", METRICS.values(), ids=lambda m: m.id)
def test_every_metric_is_complete(metric) -> None:
    assert metric.label_ru and metric.label_en and metric.unit_ru and metric.unit_en
    assert metric.source in ("observations", "clusters")
    assert set(metric.levels) <= {"region", "fd"}
    assert metric.number_format.endswith("f")
    if metric.rate:
        assert metric.unit_en == "%"


def test_unknown_metric_lists_the_valid_ids() -> None:
    with pytest.raises(UnknownMetricError) as err:
        get_metric("creation_rate")
    assert "creation_coef" in str(err.value) and "clusters" in str(err.value)
