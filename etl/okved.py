"""OKVED 2 codes → HSE creative industries, by the project's provisional, dated mapping.

No official code-by-code table maps OKVED 2 to the 17 creative industries of the HSE ISSEK
study (Federal Law 330-FZ and the Government concept name industries in words only; Rosstat's
method tables and the HSE grouping are not published code by code). The mapping is therefore
the project's own judgement by activity names, kept in two committed files:

- ``data/sources/okved_creative.csv``: ``okved_code, okved_name, industry_id, basis,
  confidence, mapped_on``, one mapped code a line. It is PROVISIONAL and says so in its header;
  the app must show it as such.
- ``data/sources/okved2_subset.csv``: ``code, name, parent`` for every mapped code, every code
  below them and the groups above them, copied from the OKVED 2 classifier (source and date
  in the file's header). It lets the tests and the importer check codes offline.

An organisation is classified by its main code with the longest mapped prefix: ``59.11.1``
(animation) wins over ``59.11`` (film), and ``59.11.9`` falls to film. OKVED codes are
positional (``32.12.51`` sits under ``32.12.5`` under ``32.12``), so a character prefix is
a hierarchical prefix. A code under a mapped prefix must exist in the classifier subset; a
code outside every mapped subtree can only be checked for its form and is not creative.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pandas as pd

from etl.seed_tables import INDUSTRIES
from etl.sources import SOURCES_DIR, read_source

MAPPING_CSV = SOURCES_DIR / "okved_creative.csv"
CLASSIFIER_CSV = SOURCES_DIR / "okved2_subset.csv"
MAPPING_COLUMNS = ("okved_code", "okved_name", "industry_id", "basis", "confidence", "mapped_on")
CLASSIFIER_COLUMNS = ("code", "name", "parent")
CONFIDENCE = ("high", "medium", "low")
_CODE = re.compile(r"\d{2}(\.\d{1,2}){0,3}")


class OkvedFileError(RuntimeError):
    """The mapping or classifier file is inconsistent; the message names the line to fix."""


@dataclass(frozen=True)
class CodeCheck:
    """What a raw OKVED cell turned into.

    Attributes
    ----------
    code : str
        The normalised code (``62.01``), or the raw text if it is not a code.
    industry : str or None
        The creative industry id of the longest mapped prefix, None if not creative.
    problem : str or None
        Why the cell is not a usable OKVED 2 code (None when it is).
    """

    code: str
    industry: str | None
    problem: str | None = None


def normalize_code(raw: str) -> str | None:
    """Return a cell as an OKVED 2 code, or None if it does not have the form of one.

    Spaces are dropped, a decimal comma becomes a point and a trailing point goes.

    Examples
    --------
    >>> normalize_code(" 62.01 "), normalize_code("59,11,1"), normalize_code("62.01.")
    ('62.01', '59.11.1', '62.01')
    >>> normalize_code("6201") is None, normalize_code("ОКВЭД") is None
    (True, True)
    """
    code = re.sub(r"\s", "", str(raw)).replace(",", ".").rstrip(".")
    return code if _CODE.fullmatch(code) else None


def industry_of(code: str) -> str | None:
    """Return the creative industry of a normalised code by its longest mapped prefix.

    Examples
    --------
    >>> industry_of("59.11.1"), industry_of("59.11.9"), industry_of("59.11")
    ('animation', 'film', 'film')
    >>> industry_of("32.12.51"), industry_of("47.11") is None
    ('jewellery', True)
    """
    table = _mapping()
    for end in range(len(code), 1, -1):
        prefix = code[:end]
        if not prefix.endswith(".") and prefix in table:
            return table[prefix]["industry_id"]
    return None


def check_code(raw: str) -> CodeCheck:
    """Normalise a raw OKVED cell, classify it and say what is wrong with it, if anything.

    Examples
    --------
    >>> check_code("62.01")
    CodeCheck(code='62.01', industry='software', problem=None)
    >>> check_code("62.01.5").problem
    'OKVED 2 has no code 62.01.5 (classifier of 2026-10-01, data/sources/okved2_subset.csv)'
    >>> check_code("47.11")
    CodeCheck(code='47.11', industry=None, problem=None)
    """
    code = normalize_code(raw)
    if code is None:
        return CodeCheck(
            str(raw).strip(),
            None,
            f"{str(raw).strip()!r} is not an OKVED 2 code (expected the form 62.01 or 59.11.1)",
        )
    industry = industry_of(code)
    if industry is not None and code not in _classifier():
        return CodeCheck(
            code,
            None,
            f"OKVED 2 has no code {code} (classifier of "
            f"{classifier_date()}, data/sources/okved2_subset.csv)",
        )
    return CodeCheck(code, industry)


def trailing_zero_hint(code: str) -> str:
    """A hint when a spreadsheet turned a mapped code like 74.10 into the number 74.1.

    Examples
    --------
    >>> trailing_zero_hint("74.1")
    '; if 74.10 was meant, store OKVED codes as text (spreadsheets drop the trailing zero)'
    >>> trailing_zero_hint("62.01")
    ''
    """
    if re.fullmatch(r"\d{2}\.\d", code) and f"{code}0" in _mapping():
        return (
            f"; if {code}0 was meant, store OKVED codes as text "
            "(spreadsheets drop the trailing zero)"
        )
    return ""


def mapping_table() -> pd.DataFrame:
    """Return the provisional mapping, one row per mapped code, as committed.

    Examples
    --------
    >>> tb = mapping_table()
    >>> tb.columns.tolist()[:3], tb.industry_id.nunique()
    (['okved_code', 'okved_name', 'industry_id'], 17)
    """
    return pd.DataFrame(list(_mapping().values()), columns=list(MAPPING_COLUMNS))


def classifier_table() -> pd.DataFrame:
    """Return the committed OKVED 2 subset: ``code, name, parent``."""
    rows = [(code, name, parent) for code, (name, parent) in _classifier().items()]
    return pd.DataFrame(rows, columns=list(CLASSIFIER_COLUMNS))


def mapping_date() -> str:
    """The latest ``mapped_on`` date of the mapping (ISO), for captions: "provisional, <date>"."""
    return max(row["mapped_on"] for row in _mapping().values())


def classifier_date() -> str:
    """The classifier version the subset was copied from, as its header states it."""
    match = re.search(r"dates the classifier (\d{4}-\d{2}-\d{2})", _header(CLASSIFIER_CSV))
    return match.group(1) if match else "unknown date"


# --- loading ---------------------------------------------------------------------------------


def _header(path: Path) -> str:
    with path.open(encoding="utf-8") as handle:
        return " ".join(line[1:].strip() for line in handle if line.startswith("#"))


def _rows(path: Path, columns: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
    """(line number, row) for every data line, skipping the `#` header note."""
    with path.open(encoding="utf-8", newline="") as handle:
        lines = [(n, line) for n, line in enumerate(handle, start=1) if not line.startswith("#")]
    reader = csv.DictReader(line for _, line in lines)
    if tuple(reader.fieldnames or ()) != columns:
        raise OkvedFileError(f"{path.name}: columns {reader.fieldnames}, expected {list(columns)}")
    return [(lines[i + 1][0], row) for i, row in enumerate(reader)]


@cache
def _classifier() -> dict[str, tuple[str, str]]:
    table: dict[str, tuple[str, str]] = {}
    for line, row in _rows(CLASSIFIER_CSV, CLASSIFIER_COLUMNS):
        if normalize_code(row["code"]) != row["code"] or row["code"] in table:
            raise OkvedFileError(
                f"{CLASSIFIER_CSV.name}, line {line}: bad or repeated code {row['code']!r}"
            )
        table[row["code"]] = (row["name"], row["parent"])
    return table


@cache
def _mapping() -> dict[str, dict[str, str]]:
    known = _classifier()
    industries = set(read_source(INDUSTRIES)["industry_id"])
    table: dict[str, dict[str, str]] = {}
    for line, row in _rows(MAPPING_CSV, MAPPING_COLUMNS):
        where = f"{MAPPING_CSV.name}, line {line}"
        code = row["okved_code"]
        if code not in known or row["okved_name"] != known[code][0]:
            raise OkvedFileError(
                f"{where}: {code!r} with that name is not in "
                f"{CLASSIFIER_CSV.name}; copy code and name from the classifier"
            )
        if row["industry_id"] not in industries:
            raise OkvedFileError(
                f"{where}: industry {row['industry_id']!r} is not an id of creative_industries.csv"
            )
        if row["confidence"] not in CONFIDENCE or code in table:
            raise OkvedFileError(
                f"{where}: confidence must be one of {CONFIDENCE} and each code mapped once"
            )
        table[code] = row
    return table
