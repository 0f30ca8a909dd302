"""The provisional OKVED 2 → creative-industry mapping (etl/okved.py) and its committed files."""

from __future__ import annotations

import datetime as dt

import pytest

from etl import okved
from etl.seed_tables import INDUSTRIES
from etl.sources import read_source


def test_every_mapped_code_exists_in_the_classifier_with_its_name() -> None:
    classifier = okved.classifier_table().set_index("code")["name"]
    for row in okved.mapping_table().itertuples():
        assert row.okved_code in classifier.index, row.okved_code
        assert classifier[row.okved_code] == row.okved_name


def test_classifier_subset_is_a_tree_holding_every_mapped_subtree() -> None:
    tb = okved.classifier_table()
    codes = set(tb.code)
    assert all(p == "" or p in codes for p in tb.parent)
    for code, parent in zip(tb.code, tb.parent, strict=True):
        assert parent == "" or code.startswith(parent)
    # Spot checks copied from the classifier: subtrees the prefix rule relies on
    assert {"59.11.1", "59.11.9"} <= codes and "59.11.2" not in codes
    assert {"32.12.51", "32.12.7", "56.10.24", "70.21.1", "73.11.9"} <= codes


def test_mapping_is_dated_provisional_and_covers_the_17_industries() -> None:
    tb = okved.mapping_table()
    # the 17 industries and the "creative, industry not specified" bucket (issue 11)
    assert set(tb.industry_id) == set(read_source(INDUSTRIES).industry_id) | {okved.UNSPECIFIED}
    assert tb.okved_code.is_unique and set(tb.confidence) <= set(okved.CONFIDENCE)
    assert all(dt.date.fromisoformat(d) for d in tb.mapped_on)
    assert dt.date.fromisoformat(okved.mapping_date()) <= dt.date.today()
    assert "PROVISIONAL" in okved.MAPPING_CSV.read_text(encoding="utf-8").splitlines()[0]
    assert okved.classifier_date() == "2026-10-01"
    assert "prog815/okved2" in okved.CLASSIFIER_CSV.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("code", "industry"),
    [
        ("59.11.1", "animation"),
        ("59.11", "film"),
        ("59.11.9", "film"),
        ("59.14", "film"),
        ("90.03.1", "music"),
        ("90.03.2", "art"),
        ("90.04.3", "heritage_leisure"),
        ("32.12.62", "jewellery"),
        ("56.10.21", "gastronomy"),
        ("62.01", "software"),
        ("58.21", "video_games"),
        ("70.21.1", "advertising"),
        ("14.19.5", "fashion"),
        ("62.02", None),
        ("90.03", okved.UNSPECIFIED),  # issue 11: music and art subclasses, creative
        ("90", okved.UNSPECIFIED),
        ("47.11", None),
    ],
)
def test_longest_prefix_classifies(code: str, industry: str | None) -> None:
    assert okved.industry_of(code) == industry


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("62.01", okved.CodeCheck("62.01", "software")),
        (" 59,11,1 ", okved.CodeCheck("59.11.1", "animation")),
        ("47.11", okved.CodeCheck("47.11", None)),
    ],
)
def test_check_code_accepts(raw: str, expected: okved.CodeCheck) -> None:
    assert okved.check_code(raw) == expected


@pytest.mark.parametrize(
    ("raw", "problem"),
    [
        ("62.01.5", "OKVED 2 has no code 62.01.5"),  # under a mapped code, not in the classifier
        ("59.11.2", "OKVED 2 has no code 59.11.2"),
        ("6201", "is not an OKVED 2 code"),
        ("62.011", "is not an OKVED 2 code"),
        ("ОКВЭД", "is not an OKVED 2 code"),
    ],
)
def test_check_code_rejects(raw: str, problem: str) -> None:
    check = okved.check_code(raw)
    assert check.industry is None and problem in check.problem


def test_trailing_zero_hint_only_for_mapped_codes() -> None:
    assert "74.10 was meant" in okved.trailing_zero_hint("74.1")
    assert "60.20 was meant" in okved.trailing_zero_hint("60.2")
    assert okved.trailing_zero_hint("47.1") == ""
