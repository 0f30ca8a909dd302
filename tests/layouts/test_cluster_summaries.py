"""layouts/cluster_summaries.py: the explorer's stated national counts beside the directory's."""

from __future__ import annotations

from layouts.cluster_summaries import counts_block
from queries.cluster_directory import stated_counts
from tests.helpers import visible_text


def test_counts_block_sets_stated_beside_directory(cur) -> None:
    text = visible_text(counts_block(stated_counts(cur).tb, "en"))
    assert "118" in text and "98" in text and "no estimate of the total" in text
