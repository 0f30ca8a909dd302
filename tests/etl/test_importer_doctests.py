"""The examples in the importer's docstrings run and hold (headers, values)."""

from __future__ import annotations

import doctest

import pytest

from etl.importer import headers, values


@pytest.mark.parametrize("module", [headers, values], ids=lambda m: m.__name__)
def test_docstring_examples_hold(module) -> None:
    result = doctest.testmod(module)
    assert result.attempted > 0 and result.failed == 0
