"""layouts/cluster_text.py: how the explorer writes a cluster's figures, statuses and links."""

from __future__ import annotations

import doctest

import pytest

import layouts.cluster_text
from layouts.cluster_text import figure_text, page_href


def test_doctests() -> None:
    assert doctest.testmod(layouts.cluster_text).failed == 0


def test_every_label_the_page_needs_exists_in_both_languages(cur) -> None:
    from layouts.i18n import STRINGS
    from queries.cluster_directory import COUNTERPARTS, STATUSES, TYPES

    frameworks = {r[0] for r in cur.execute("SELECT framework FROM cluster_criteria").fetchall()}
    keys = [f"cl_type_{k}" for k in TYPES] + [f"cl_status_{k}" for k in STATUSES]
    keys += [f"cl_scope_{k}" for k in ("regional", "interregional", "international")]
    keys += [f"cl_framework_{k}" for k in frameworks]
    keys += [f"cl_{p}_{m}" for m in COUNTERPARTS for p in ("count", "counterpart")]
    for key in keys:
        assert STRINGS[key]["ru"] and STRINGS[key]["en"], key


def test_page_href() -> None:
    assert page_href("ru") == "/clusters"
    assert page_href("en", "kgd-amber") == "/clusters?cluster=kgd-amber&lang=en"


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ((None, "count", None, "ru"), "—"),
        ((120.0, "count", ">", "ru"), "> 120"),
        ((55.0, "rub_bn", "", "ru"), "55 млрд руб."),
        ((3.5, "rub_bn", "", "en"), "3.5 RUB bn"),
        ((2015.0, "year", "", "ru"), "2015"),
    ],
)
def test_figure_text(args, expected: str) -> None:
    assert figure_text(*args) == expected
