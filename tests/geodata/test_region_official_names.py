"""The official long forms of all 85 subjects and the UA-43/UA-40 codes resolve (issue 13)."""

from __future__ import annotations

import doctest

import pandas as pd
import pytest

import geodata.regions
from geodata.regions import (
    FOREIGN_CODES_CSV,
    OFFICIAL_NAMES_CSV,
    foreign_code,
    normalize_region,
    region_codes,
)

OFFICIAL = pd.read_csv(OFFICIAL_NAMES_CSV, dtype=str, keep_default_na=False)


def test_the_table_holds_one_official_name_per_subject() -> None:
    assert sorted(OFFICIAL["code"]) == sorted(region_codes())
    assert OFFICIAL["official_ru"].is_unique


@pytest.mark.parametrize(("code", "name"), OFFICIAL.itertuples(index=False, name=None))
def test_each_official_name_resolves_to_its_subject(code: str, name: str) -> None:
    assert normalize_region(name) == code
    assert normalize_region(name.upper()) == code
    assert normalize_region(name.replace(" - ", " — ")) == code


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Город Москва столица Российской Федерации город федерального значения", "RU-MOW"),
        ("Республика Саха (Якутия)", "RU-SA"),
        ("Ханты-Мансийский автономный округ - Югра", "RU-KHM"),
        ("Кемеровская область - Кузбасс", "RU-KEM"),
        ("Чувашская Республика - Чувашия", "RU-CU"),
        ("Город федерального значения Севастополь", "RU-SEV"),
    ],
)
def test_the_forms_named_in_the_issue(name: str, code: str) -> None:
    assert normalize_region(name) == code


def test_ua_codes_are_crimea_and_sevastopol_and_say_so() -> None:
    assert normalize_region("UA-43") == "RU-CR"
    assert normalize_region("UA-40") == "RU-SEV"
    assert foreign_code("UA-40") == ("UA-40", "RU-SEV")
    assert foreign_code("RU-SEV") is None and foreign_code("Севастополь") is None
    table = pd.read_csv(FOREIGN_CODES_CSV, dtype=str)
    assert dict(zip(table["foreign_code"], table["code"], strict=True)) == {
        "UA-43": "RU-CR",
        "UA-40": "RU-SEV",
    }


def test_docstring_examples_hold() -> None:
    result = doctest.testmod(geodata.regions)
    assert result.attempted > 0 and result.failed == 0
