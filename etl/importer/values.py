"""Distinct cells of an import (regions, industries, OKVED codes) → codes, or why they are rejected.

Each resolver takes the distinct values of one column and returns a small frame keyed by
``value`` that validation joins back to the rows, so a 10-million-row file costs one lookup
per distinct spelling.

Places outside the 85 subjects that Russian sources list (the territories annexed in 2022 and
Baikonur) are recognised by name and reported separately: they are neither errors nor counted.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

import duckdb
import pandas as pd

from etl import okved
from etl.importer.headers import RegionCodes
from etl.seed_tables import INDUSTRIES
from etl.sources import read_source
from geodata.regions import (
    AmbiguousRegionError,
    CompositeTotalError,
    RegionLookupError,
    normalize_region,
    region_by_fns_code,
    region_key,
)

ALL_INDUSTRIES = "all"
# Territory → word stems of its spellings (3-letter abbreviations must match a whole word).
OUTSIDE_TERRITORIES: dict[str, tuple[str, ...]] = {
    "Донецкая Народная Республика": ("донецк", "днр", "donetsk", "dnr"),
    "Луганская Народная Республика": ("луганск", "лнр", "luhansk", "lugansk", "lnr"),
    "Запорожская область": ("запорож", "zaporizh", "zaporozh"),
    "Херсонская область": ("херсон", "kherson"),
    "Байконур": ("байконур", "baikonur", "baykonur"),
}
_ALL_WORDS = (
    "all",
    "total",
    "все",
    "всего",
    "итого",
    "все индустрии",
    "креативные индустрии всего",
)
_LIST_SEPARATORS = (";", "|", "\n")


def outside_territory(name: str) -> str | None:
    """Return the territory a spelling names if it lies outside the 85 subjects, else None.

    Examples
    --------
    >>> outside_territory("ДНР"), outside_territory("г. Байконур")
    ('Донецкая Народная Республика', 'Байконур')
    >>> outside_territory("Ростовская область") is None
    True
    """
    words = region_key(name).split()
    for territory, stems in OUTSIDE_TERRITORIES.items():
        for stem in stems:
            if any(w == stem or (len(stem) > 3 and w.startswith(stem)) for w in words):
                return territory
    return None


def distinct_cells(con: duckdb.DuckDBPyConnection, column: str, table: str = "src") -> list[str]:
    """The distinct non-empty cells of one column of the import's source table."""
    sql = f"SELECT DISTINCT {column} FROM {table} WHERE {column} IS NOT NULL"
    return [r[0] for r in con.execute(sql).fetchall()]


def store_lookups(con: duckdb.DuckDBPyConnection, frames: dict[str, pd.DataFrame]) -> None:
    """Each resolved lookup as a temp table of that name, for the validation SQL to join."""
    for name, frame in frames.items():
        con.register(f"_{name}", frame)
        con.execute(f"CREATE OR REPLACE TEMP TABLE {name} AS SELECT * FROM _{name}")
        con.unregister(f"_{name}")


# value, code, status, detail, reason (see `resolve_regions`)
RegionRow = tuple[str, str | None, str, str | None, str | None]


def resolve_regions(values: Iterable[str], codes: RegionCodes = "name") -> pd.DataFrame:
    """Region spellings → ``value, code, status, detail, reason``.

    ``status`` is ``ok`` (``code`` set), ``outside`` (``detail`` = territory), or one of
    ``unknown_region``, ``ambiguous_region``, ``composite_total`` with a ``reason`` that says
    what to do and ``detail`` = suggested codes. A bare number is read as the column's
    ``codes`` say (``okato`` or ``fns``); in a column of names it is refused, never guessed.

    Examples
    --------
    >>> tb = resolve_regions(["г. Москва", "ЛНР", "Масква", "77"]).set_index("value")
    >>> tb.loc["г. Москва", "code"], tb.loc["ЛНР", "status"], tb.loc["Масква", "status"]
    ('RU-MOW', 'outside', 'unknown_region')
    >>> tb.loc["77", "status"]
    'ambiguous_region'
    >>> resolve_regions(["77"], "fns").code[0], resolve_regions(["77"], "okato").code[0]
    ('RU-MOW', 'RU-CHU')
    """
    return pd.DataFrame(
        [_region(v, codes) for v in values], columns=["value", "code", "status", "detail", "reason"]
    )


def _number(value: str, codes: RegionCodes) -> RegionRow:
    """A region given as a number, read in the column's numbering."""
    try:
        if codes == "fns":
            return value, region_by_fns_code(value), "ok", None, None
        if codes == "okato":
            return value, normalize_region(value), "ok", None, None
    except RegionLookupError as exc:
        return value, None, "unknown_region", None, str(exc)
    return (
        value,
        None,
        "ambiguous_region",
        None,
        f"region {value!r} is a number, and the two numberings of the subjects disagree "
        "(OKATO 45 and FNS 77 are both Moscow; OKATO 77 is Chukotka). Head the column «ОКАТО» "
        'or «Код региона» (FNS), or import with --mapping "<column>=region_okato" or '
        '"<column>=region_fns"',
    )


def _region(value: str, codes: RegionCodes = "name") -> RegionRow:
    if value.strip().isdigit():
        return _number(value, codes)
    try:
        return value, normalize_region(value), "ok", None, None
    except CompositeTotalError as exc:
        parent = exc.suggestions[0] if exc.suggestions else "the oblast"
        return (
            value,
            None,
            "composite_total",
            parent,
            f"{value!r} is a total that includes autonomous okrugs; it is not counted, so "
            "the okrugs are never counted twice. Give the oblast without its okrugs "
            f"({parent}) and each okrug on its own row",
        )
    except AmbiguousRegionError as exc:
        return value, None, "ambiguous_region", " ".join(exc.suggestions), str(exc)
    except RegionLookupError as exc:
        territory = outside_territory(value)
        if territory is not None:
            return value, None, "outside", territory, None
        return value, None, "unknown_region", " ".join(exc.suggestions), str(exc)


def resolve_industries(
    values: Iterable[str], *, allow_all: bool = False, allow_many: bool = True
) -> pd.DataFrame:
    """Industry cells (ids or names, ``;``-separated) → ``value, industries, industry_key, problem``

    (``industry_key``: the sorted ids joined by ``;``, e.g. ``design;software``, one text key
    per set of industries).

    Examples
    --------
    >>> tb = resolve_industries(["software; Дизайн", "Культурное наследие, отдых и развлечения",
    ...                          "cinema"])
    >>> tb.industries.tolist()[:2], tb.problem.notna().tolist()
    ([['software', 'design'], ['heritage_leisure']], [False, False, True])
    """
    rows = []
    lookup = _industry_lookup()
    for value in values:
        key = _industry_key(value)
        if allow_all and key in _ALL_WORDS:
            rows.append((value, [ALL_INDUSTRIES], None))
            continue
        found, unknown = _split_industries(value, lookup)
        if unknown:
            rows.append(
                (
                    value,
                    None,
                    f"unknown industry {unknown!r}; use one of the 17 ids "
                    f"({', '.join(sorted(set(lookup.values())))}) or their names",
                )
            )
        elif len(found) > 1 and not allow_many:
            rows.append(
                (value, None, "one industry per row here; put each industry on its own row")
            )
        else:
            rows.append((value, found, None))
    tb = pd.DataFrame(rows, columns=["value", "industries", "problem"])
    tb.insert(2, "industry_key", [";".join(sorted(i)) if i else None for i in tb["industries"]])
    return tb


def _split_industries(value: str, lookup: dict[str, str]) -> tuple[list[str], str | None]:
    if _industry_key(value) in lookup:
        return [lookup[_industry_key(value)]], None
    parts = [value]
    for sep in _LIST_SEPARATORS:
        parts = [p for part in parts for p in part.split(sep)]
    found: list[str] = []
    for part in (p for p in parts if p.strip()):
        key = _industry_key(part)
        if key in lookup:
            found.append(lookup[key])
            continue
        pieces = [_industry_key(p) for p in part.split(",") if p.strip()]
        if len(pieces) > 1 and all(p in lookup for p in pieces):
            found.extend(lookup[p] for p in pieces)
            continue
        return [], part.strip()
    return list(dict.fromkeys(found)), None


def _industry_key(text: str) -> str:
    cleaned = str(text).replace("«", " ").replace("»", " ").replace('"', " ")
    return " ".join(cleaned.casefold().replace("ё", "е").split())


@cache
def _industry_lookup() -> dict[str, str]:
    tb = read_source(INDUSTRIES)
    lookup: dict[str, str] = {}
    for row in tb.itertuples():
        for name in (row.industry_id, row.name_ru, row.name_en, row.as_published):
            lookup[_industry_key(name)] = row.industry_id
    return lookup


def industry_ids() -> tuple[str, ...]:
    """The 17 industry ids, in the order of creative_industries.csv."""
    return tuple(read_source(INDUSTRIES)["industry_id"])


def resolve_okved(values: Iterable[str]) -> pd.DataFrame:
    """OKVED cells → ``value, code, industry, problem, hint`` (see `etl.okved.check_code`).

    Examples
    --------
    >>> resolve_okved(["62.01", "74.1", "47.11"]).industry.fillna("-").tolist()  # 74.1: 74.10
    ['software', 'design', '-']
    """
    rows = []
    for value in values:
        check = okved.check_code(value)
        rows.append(
            (value, check.code, check.industry, check.problem, okved.trailing_zero_hint(check.code))
        )
    return pd.DataFrame(rows, columns=["value", "code", "industry", "problem", "hint"])


def resolve_okved_pieces(values: Iterable[str]) -> pd.DataFrame:
    """Pieces of OKVED cells (cut at `okved.CELL_SEPARATORS`) → ``piece, ord, code, problem``:
    one row per code the piece holds (``ord`` from 1), or one row with the problem.

    A piece without a digit (a word of an activity name) gives no row.

    Examples
    --------
    >>> resolve_okved_pieces(["90.03,62.01", "62,01", "Слово"])[["ord","code"]].to_numpy().tolist()
    [[1, '90.03'], [2, '62.01'], [1, '62.01']]
    """
    rows: list[tuple[str, int, str | None, str | None]] = []
    for value in values:
        if not any(ch.isdigit() for ch in value):
            continue
        found = okved.read_piece(value)
        if found.problem:
            rows.append((value, 1, None, found.problem))
        rows.extend((value, n, code, None) for n, code in enumerate(found.codes, start=1))
    return pd.DataFrame(rows, columns=["piece", "ord", "code", "problem"])
