"""atlas/vocabulary.py: one cluster vocabulary for the seed files (etl) and the directory."""

from __future__ import annotations

import pytest

from atlas import vocabulary
from etl import seed_tables
from queries import cluster_directory


def test_the_directory_knows_every_stated_status_and_unstated() -> None:
    assert (*vocabulary.STATED_STATUSES, vocabulary.UNSTATED) == vocabulary.STATUSES


def test_etl_and_queries_read_the_same_words() -> None:
    assert cluster_directory.TYPES is vocabulary.TYPES
    assert cluster_directory.STATUSES is vocabulary.STATUSES


@pytest.mark.parametrize(
    ("column", "words"),
    [
        ("type", vocabulary.TYPES),
        ("scope", vocabulary.SCOPES),
        ("status", vocabulary.STATED_STATUSES),
    ],
)
def test_seed_rows_are_checked_against_it(column: str, words: tuple[str, ...]) -> None:
    check = seed_tables.MENTIONS.columns[column]
    assert [check(w) for w in words] == list(words)
    with pytest.raises(ValueError, match="is not one of"):
        check("bogus")


def test_a_seed_row_leaves_an_unstated_status_empty() -> None:
    check = seed_tables.MENTIONS.columns["status"]
    assert check("") == ""
    with pytest.raises(ValueError):
        check(vocabulary.UNSTATED)
