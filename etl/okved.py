"""OKVED 2 codes → HSE creative industries, by the project's provisional, dated mapping.

No official code-by-code table maps OKVED 2 to the 17 creative industries of the HSE ISSEK
study (Federal Law 330-FZ and the Government concept name industries in words only; Rosstat's
method tables and the HSE grouping are not published code by code). The mapping is therefore
the project's own judgement by activity names, kept in two committed files:

- ``data/sources/okved_creative.csv``: ``okved_code, okved_name, industry_id, basis,
  confidence, mapped_on, rule``, one mapped code a line; ``rule`` is ``code`` (the code and
  its subtree) or ``subclasses`` (a class or group whose subclasses are all creative: their
  common industry, or `UNSPECIFIED` when they disagree; re-derived and checked on loading).
  It is PROVISIONAL and says so in its header; the app must show it as such.
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
MAPPING_COLUMNS = (
    "okved_code",
    "okved_name",
    "industry_id",
    "basis",
    "confidence",
    "mapped_on",
    "rule",
)
RULES = ("code", "subclasses")  # see the header of okved_creative.csv
# The pseudo-industry of a class whose creative subclasses disagree (90.03: music and art):
# counted as creative and in `all`, shown under its own name, never split by guesswork.
UNSPECIFIED = "creative_unspecified"
UNSPECIFIED_NAMES = ("Креативные, индустрия не указана", "Creative, industry not specified")
# How a cell of codes splits (declared in the header of okved_creative.csv): first at these
# separators, which never occur inside a code …
CELL_SEPARATORS = r"[;|\s]+"
# … then, inside a piece, a comma separates codes when the piece holds a point; without a
# point, up to this many comma-separated numbers are one code with decimal commas.
DECIMAL_COMMA_PARTS = 3
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


@dataclass(frozen=True)
class CellCodes:
    """The codes one cell holds, in order (the first is the main code), or why it cannot be read."""

    codes: tuple[str, ...]
    problem: str | None = None


def read_piece(piece: str) -> CellCodes:
    """The codes of one piece of a cell (a cell cut at `CELL_SEPARATORS`).

    A comma separates codes when the piece holds a point; without a point, 2–3 numbers
    joined by commas are one code with decimal commas, more are refused as ambiguous.

    Examples
    --------
    >>> read_piece("90.03,62.01").codes, read_piece("62,01").codes, read_piece("62,01,1").codes
    (('90.03', '62.01'), ('62.01',), ('62.01.1',))
    >>> read_piece("62,01,58,29").problem  # doctest: +ELLIPSIS
    "'62,01,58,29': cannot tell decimal commas from separators; ...
    """
    piece = piece.strip("()[]'\",")
    if not piece:
        return CellCodes(())
    if "." in piece or "," not in piece:
        parts = [p for p in piece.split(",") if p]
    elif piece.count(",") < DECIMAL_COMMA_PARTS:
        parts = [piece.replace(",", ".")]
    else:
        return CellCodes(
            (),
            f"{piece!r}: cannot tell decimal commas from separators; write the codes with "
            "points (62.01) or separate them with ';'",
        )
    codes = []
    for part in parts:
        code = normalize_code(part)
        if code is None:
            return CellCodes(
                (), f"{part!r} is not an OKVED 2 code (expected the form 62.01 or 59.11.1)"
            )
        codes.append(code)
    return CellCodes(tuple(codes))


def read_cell(raw: str) -> CellCodes:
    """All codes of a cell as it comes from a register export or a spreadsheet.

    Pieces without a digit (the activity's name written after its code) are skipped; a cell
    with no code at all is a problem.

    Examples
    --------
    >>> read_cell("62.01; 58.29").codes, read_cell("62.01 58.29").codes
    (('62.01', '58.29'), ('62.01', '58.29'))
    >>> read_cell("90.03,62.01\\n58.11").codes, read_cell("62,01; 58,29").codes
    (('90.03', '62.01', '58.11'), ('62.01', '58.29'))
    >>> read_cell("62.01 Разработка компьютерного программного обеспечения").codes
    ('62.01',)
    """
    codes: list[str] = []
    for piece in re.split(CELL_SEPARATORS, str(raw)):
        if not re.search(r"\d", piece):
            continue
        found = read_piece(piece)
        if found.problem:
            return found
        codes.extend(c for c in found.codes if c not in codes)
    if not codes:
        text = str(raw).strip()
        return CellCodes(
            (), f"{text!r} is not an OKVED 2 code (expected the form 62.01 or 59.11.1)"
        )
    return CellCodes(tuple(codes))


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
    >>> tb.columns.tolist()[:3], tb.industry_id.nunique()  # the 17 and creative_unspecified
    (['okved_code', 'okved_name', 'industry_id'], 18)
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
    industries = set(read_source(INDUSTRIES)["industry_id"]) | {UNSPECIFIED}
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
                f"{where}: industry {row['industry_id']!r} is not an id of "
                f"creative_industries.csv nor {UNSPECIFIED!r}"
            )
        if row["confidence"] not in CONFIDENCE or code in table or row["rule"] not in RULES:
            raise OkvedFileError(
                f"{where}: confidence must be one of {CONFIDENCE}, rule one of {RULES}, "
                "and each code mapped once"
            )
        table[code] = row | {"_line": line}
    for code, row in table.items():
        if row["rule"] == "subclasses":
            _check_subclasses_row(code, row, table, known)
    return {code: {k: v for k, v in row.items() if k != "_line"} for code, row in table.items()}


def _check_subclasses_row(
    code: str,
    row: dict[str, str],
    table: dict[str, dict[str, str]],
    known: dict[str, tuple[str, str]],
) -> None:
    """Refuse a ``subclasses`` row that its subclasses, by the ``code`` rows, do not bear out."""
    where = f"{MAPPING_CSV.name}, line {row['_line']}"
    found = _subtree_industries(code, table, known, top=True)
    if None in found or not found:
        raise OkvedFileError(
            f"{where}: {code} is declared 'subclasses', but not all of its subclasses in "
            f"{CLASSIFIER_CSV.name} are creative by the code rows"
        )
    expected = next(iter(found)) if len(found) == 1 else UNSPECIFIED
    if row["industry_id"] != expected:
        raise OkvedFileError(
            f"{where}: the subclasses of {code} give industry {expected!r} "
            f"({', '.join(sorted(found))}), not {row['industry_id']!r}"
        )


def _subtree_industries(
    code: str,
    table: dict[str, dict[str, str]],
    known: dict[str, tuple[str, str]],
    *,
    top: bool = False,
) -> set[str | None]:
    """Industries the ``code`` rows give a code and everything below it (None: not creative)."""
    children = [c for c, (_, parent) in known.items() if parent == code]
    own = _code_industry(code, table)
    if own is not None and not top:
        below = [c for c in known if c.startswith(code + ".")]
        return {own} | {_code_industry(c, table) for c in below}
    if not children:
        return {None}
    return set().union(*(_subtree_industries(c, table, known) for c in children))


def _code_industry(code: str, table: dict[str, dict[str, str]]) -> str | None:
    """Longest-prefix industry by the ``code`` rows only."""
    for end in range(len(code), 1, -1):
        row = table.get(code[:end])
        if row is not None and row["rule"] == "code":
            return row["industry_id"]
    return None
