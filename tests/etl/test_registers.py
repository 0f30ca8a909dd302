"""INN/OGRN checks by the tax register's own algorithms (etl/importer/registers.py)."""

from __future__ import annotations

import doctest

import pytest

from etl.importer import registers
from etl.importer.registers import check_inns, check_ogrns, inn_is_valid, ogrn_is_valid


def test_docstring_examples_hold() -> None:
    result = doctest.testmod(registers)
    assert result.attempted > 0 and result.failed == 0


@pytest.mark.parametrize("inn", ["7707083893", "500100732259", "0105012349"])
def test_real_and_computed_inns_pass(inn: str) -> None:
    assert inn_is_valid(inn)


@pytest.mark.parametrize("position", range(10))
def test_every_single_digit_change_of_a_10_digit_inn_fails(position: int) -> None:
    digits = list("7707083893")
    digits[position] = str((int(digits[position]) + 1) % 10)
    assert not inn_is_valid("".join(digits))


def test_ogrn_and_ogrnip() -> None:
    assert ogrn_is_valid("1027700132195") and ogrn_is_valid("304500116000157")
    assert not ogrn_is_valid("304500116000158") and not ogrn_is_valid("102770013219")


@pytest.mark.parametrize(
    ("value", "severity", "code"),
    [
        ("7707083893", None, None),
        ("77070838A3", "rejected", "bad_inn"),
        ("77070838", "rejected", "bad_inn"),
        ("7707083894", "warning", "inn_check_digit"),
        ("105012349", "warning", "inn_leading_zero"),
        ("7 707 083 893", None, None),
    ],
)
def test_inn_findings(value: str, severity, code) -> None:
    row = check_inns([value]).iloc[0]
    assert (row.severity if isinstance(row.severity, str) else None) == severity
    assert (row.code if isinstance(row.code, str) else None) == code


def test_ogrn_findings() -> None:
    tb = check_ogrns(["1027700132195", "102770013219X", "1027700132194"])
    assert tb.code.fillna("ok").tolist() == ["ok", "bad_ogrn", "ogrn_check_digit"]
    assert tb.reason.dropna().str.contains("OGRN").all()
