"""INN and OGRN cells → whether they are identifiers the tax register could have issued.

The checks are the register's own (FNS): an INN has 10 digits for an organisation and 12
for an individual (entrepreneur), with one or two check digits; an OGRN has 13 digits
(organisation) and an OGRNIP 15 (entrepreneur), the last being the rest of the others
modulo 11 or 13, taken modulo 10. Spreadsheets drop leading zeros (INNs of the subjects with
codes 01–09 start with 0), so a 9- or 11-digit INN (12- or 14-digit OGRN) whose zero-padded
form passes the check is read as that form, with a warning.

What a row with a bad identifier becomes is decided here, as a registry-data engineer would:

- not an identifier at all (letters, wrong length): the row is **rejected** (``bad_inn``,
  ``bad_ogrn``): the cell is some other column's value, and nothing about the row can be
  trusted to be an organisation;
- a wrong check digit: the row is **counted with a warning** (``inn_check_digit``,
  ``ogrn_check_digit``): typically one mistyped digit; region, dates and industry still say
  what the row counts, and the identifier only serves to merge duplicate rows.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

import pandas as pd

_INN10 = (2, 4, 10, 3, 5, 9, 4, 6, 8)
_INN11 = (7, 2, 4, 10, 3, 5, 9, 4, 6, 8)
_INN12 = (3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8)
INN_LENGTHS = {10: "organisation", 12: "individual"}
OGRN_LENGTHS = {13: "organisation (OGRN)", 15: "individual entrepreneur (OGRNIP)"}


class IdCheck(NamedTuple):
    """One identifier cell: its digits as read (``None`` when rejected), and a finding."""

    value: str
    digits: str | None
    severity: str | None  # "rejected" | "warning" | None
    code: str | None
    reason: str | None


def _weighted(digits: str, weights: tuple[int, ...]) -> int:
    return sum(int(d) * w for d, w in zip(digits, weights, strict=False)) % 11 % 10


def inn_is_valid(digits: str) -> bool:
    """True when `digits` is a 10- or 12-digit INN with correct check digits.

    Examples
    --------
    >>> inn_is_valid("7707083893"), inn_is_valid("7707083894"), inn_is_valid("500100732259")
    (True, False, True)
    """
    if not digits.isascii() or not digits.isdigit():
        return False
    if len(digits) == 10:
        return _weighted(digits, _INN10) == int(digits[9])
    if len(digits) == 12:
        return _weighted(digits, _INN11) == int(digits[10]) and _weighted(digits, _INN12) == int(
            digits[11]
        )
    return False


def ogrn_is_valid(digits: str) -> bool:
    """True when `digits` is a 13-digit OGRN (mod 11) or 15-digit OGRNIP (mod 13).

    Examples
    --------
    >>> ogrn_is_valid("1027700132195"), ogrn_is_valid("1027700132196")
    (True, False)
    >>> ogrn_is_valid("304500116000157")
    True
    """
    if not digits.isascii() or not digits.isdigit() or len(digits) not in OGRN_LENGTHS:
        return False
    modulus = 11 if len(digits) == 13 else 13
    return int(digits[:-1]) % modulus % 10 == int(digits[-1])


def _cleaned(value: str) -> str:
    """Spaces and a trailing '.0' (a number cell of a spreadsheet) do not count."""
    text = "".join(str(value).split())
    return text[:-2] if text.endswith(".0") and text[:-2].isdigit() else text


def _check(
    value: str, name: str, lengths: dict[int, str], valid, code: str
) -> IdCheck:  # one body for INN and OGRN: they differ only in lengths and algorithm
    text = _cleaned(value)
    wanted = " or ".join(f"{n} digits ({what})" for n, what in lengths.items())
    if not text.isascii() or not text.isdigit():
        return IdCheck(
            value,
            None,
            "rejected",
            f"bad_{code}",
            f"{name} {value!r} is not a number; an {name} has {wanted}",
        )
    if len(text) + 1 in lengths and valid(text.zfill(len(text) + 1)):
        padded = text.zfill(len(text) + 1)
        return IdCheck(
            value,
            padded,
            "warning",
            f"{code}_leading_zero",
            f"{name} {value!r} has {len(text)} digits; read as {padded}, its leading "
            "zero lost by a spreadsheet (the check digit agrees)",
        )
    if len(text) not in lengths:
        return IdCheck(
            value,
            None,
            "rejected",
            f"bad_{code}",
            f"{name} {value!r} has {len(text)} digits; an {name} has {wanted}",
        )
    if not valid(text):
        return IdCheck(
            value,
            text,
            "warning",
            f"{code}_check_digit",
            f"{name} {text} fails the tax register's check-digit test (a mistyped "
            "digit?); the row is counted, but duplicates of it may not be merged",
        )
    return IdCheck(value, text, None, None, None)


def check_inns(values: Iterable[str]) -> pd.DataFrame:
    """INN cells → ``value, digits, severity, code, reason`` (see the module docstring).

    Examples
    --------
    >>> tb = check_inns(["7707083893", "770708389X", "105012349", "7707083894"])
    >>> tb.code.fillna("ok").tolist(), tb.digits[2]
    (['ok', 'bad_inn', 'inn_leading_zero', 'inn_check_digit'], '0105012349')
    """
    rows = [_check(v, "INN", INN_LENGTHS, inn_is_valid, "inn") for v in values]
    return pd.DataFrame(rows, columns=list(IdCheck._fields))


def check_ogrns(values: Iterable[str]) -> pd.DataFrame:
    """OGRN/OGRNIP cells → ``value, digits, severity, code, reason``.

    Examples
    --------
    >>> check_ogrns(["1027700132195", "1027700132194", "10277001321"]).code.fillna("ok").tolist()
    ['ok', 'ogrn_check_digit', 'bad_ogrn']
    """
    rows = [_check(v, "OGRN", OGRN_LENGTHS, ogrn_is_valid, "ogrn") for v in values]
    return pd.DataFrame(rows, columns=list(IdCheck._fields))
