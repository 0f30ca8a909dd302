"""Every transcribed figure stands on the seed line it cites (data/sources, etl/sources.py)."""

from __future__ import annotations

import pytest

from etl import seed_tables
from etl.sources import read_source
from queries.metrics import METRICS
from tests.helpers import assert_cited

_CITED_COLUMNS = {
    "creative_top20.csv": ("region_as_published", "created_as_published", "total_as_published"),
    "creative_fd.csv": ("fd_as_published", "coef_as_published"),
}


def _cases():
    for spec in seed_tables.ALL_SPECS:
        if spec is seed_tables.DOCUMENTS:
            continue
        tb = read_source(spec)
        columns = _CITED_COLUMNS.get(spec.pattern, ("as_published",))
        for row in tb.itertuples():
            for column in columns:
                yield pytest.param(
                    getattr(row, column),
                    row.source_file,
                    row.source_line,
                    id=f"{row.file}:{row.row}:{column}",
                )


@pytest.mark.parametrize(("value", "source_file", "line"), list(_cases()))
def test_value_is_on_cited_line(value: str, source_file: str, line: int) -> None:
    assert_cited(value, source_file, line)


def test_numbers_match_their_as_published_text() -> None:
    """The parsed number equals the one printed (60 493 → 60493; 8.5 → 8.5)."""
    for row in read_source(seed_tables.TOP20).itertuples():
        assert row.created == int(row.created_as_published.replace(" ", "").replace("\xa0", ""))
        assert row.total == int(row.total_as_published.replace(" ", "").replace("\xa0", ""))
    for row in read_source(seed_tables.FD_TABLE).itertuples():
        assert row.creation_coef_pct == float(row.coef_as_published.replace(",", "."))


@pytest.mark.parametrize(
    "metric", [m for m in METRICS.values() if m.classification], ids=lambda m: m.id
)
def test_published_class_thresholds_are_cited(metric) -> None:
    scheme = metric.classification
    for text in scheme.as_published:
        assert_cited(text, scheme.citation.source_file, scheme.citation.source_line, metric.id)


def test_seventeen_industries() -> None:
    tb = read_source(seed_tables.INDUSTRIES)
    assert len(tb) == 17
    assert tb["industry_id"].is_unique
