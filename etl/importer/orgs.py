"""Rows of an organisation-level file → a checked table `orgs`, and every row rejected.

A row is kept when its id, region, dates and industry are all usable:

- id: the first non-empty of org_id, ogrn, inn;
- region: any spelling `geodata.regions.normalize_region` knows. Places outside the 85
  subjects go to a separate list; an oblast total that includes its okrugs is rejected;
- dates: ``YYYY-MM-DD`` or ``DD.MM.YYYY`` (a time part is ignored), not after `today`, not
  before 1991-01-01; a liquidation not before the registration (an empty one = active);
- industries: the ``industry`` cell when given (ids or names, ``;``-separated), else the
  industry of the main OKVED code (plus additional codes if `count_secondary`). OKVED cells
  are read as they come (`etl.okved.read_cell`: lists, decimal commas, codes followed by their
  names); the first code of the main cell is the main code. A code must be a valid OKVED 2
  code. A row with neither an industry nor an OKVED code is rejected.

Scope is not rejection: a row whose main code lies outside the creative mapping is *counted
not creative*. Such rows tell that the file is an extract of all organisations (scope
``all``, see `resolve_scope`); the cube then also counts every organisation, for the
creative share.

Rows sharing an id are merged when region, dates and industries agree (counted in
`duplicates_merged`) and all rejected when they do not.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

import duckdb
import pandas as pd

from etl import okved
from etl.importer.headers import ID_FIELDS, ColumnMap, RegionCodes
from etl.importer.readers import RawTable
from etl.importer.report import PROBLEM_COLUMNS, merge_reader_problems
from etl.importer.values import (
    distinct_cells,
    resolve_industries,
    resolve_okved,
    resolve_okved_pieces,
    resolve_regions,
    store_lookups,
)

EARLIEST = dt.date(1991, 1, 1)
Scope = Literal["auto", "all", "creative"]
SCOPES: tuple[str, ...] = ("auto", "all", "creative")
FIELDS = ("region", "okved", "okved_extra", "industry", "registered", "liquidated")
DATE_FORMATS = (
    "%Y-%m-%d",
    "%d.%m.%Y",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%dT%H:%M:%S",
    "%d.%m.%Y %H:%M:%S",
    "%Y-%m-%d %H:%M:%S.%f",
)


@dataclass
class OrgCheck:
    """What validation found; the kept organisations are in table `orgs`."""

    problems: pd.DataFrame
    outside: pd.DataFrame
    rows_accepted: int
    organisations: int
    duplicates_merged: int
    counted: pd.DataFrame  # row, industries (None: counted not creative), accepted rows
    scope: str = "creative"  # 'all' when the cube counts every organisation too
    scope_reason: str = ""


def check_orgs(
    con: duckdb.DuckDBPyConnection,
    raw: RawTable,
    columns: ColumnMap,
    *,
    today: dt.date,
    count_secondary: bool = False,
    scope: Scope = "auto",
) -> OrgCheck:
    """Validate view `raw.table` and create ``orgs(org_key, key, region, registered,
    liquidated, industries)`` in `con` from the rows kept: org_key is the first row number,
    industries the sorted industry ids joined by ``;`` (``design;software``), NULL for an
    organisation counted not creative."""
    _source(con, raw, columns)
    _lookups(con, columns.region_codes)
    _checked(con, count_secondary)
    problems = merge_reader_problems(_row_problems(con, today), raw, columns.fields)
    con.register("_bad", problems[["row"]].drop_duplicates())
    con.execute("""
        CREATE OR REPLACE TEMP TABLE accepted AS
        SELECT c._row, c.key, c.region, c.registered, c.liquidated, c.industries,
               c.main_creative
        FROM checked c ANTI JOIN _bad b ON b.row = c._row
        WHERE c.region_status = 'ok'""")
    duplicates = _duplicate_problems(con)
    problems = pd.concat([problems, duplicates], ignore_index=True)
    outside = con.execute("""
        SELECT c._row AS row, c.region_value AS value, c.territory
        FROM checked c ANTI JOIN _bad b ON b.row = c._row
        WHERE c.region_status = 'outside' ORDER BY c._row""").df()
    con.unregister("_bad")
    _kept(con, duplicates)
    accepted, organisations = con.execute(
        "SELECT (SELECT count(*) FROM accepted) - ?, (SELECT count(*) FROM orgs)",
        [len(duplicates)],
    ).fetchall()[0]
    counted = con.execute("""
        SELECT _row AS row, industries, main_creative
        FROM accepted ANTI JOIN _conflict_rows USING (_row) ORDER BY row""").df()
    resolved, reason = resolve_scope(scope, int((~counted.pop("main_creative")).sum()))
    counted["industries"] = counted["industries"].astype("category")
    return OrgCheck(
        problems.sort_values(["row", "field"], ignore_index=True),
        outside,
        accepted,
        organisations,
        accepted - organisations,
        counted,
        resolved,
        reason,
    )


def resolve_scope(scope: Scope, not_creative: int) -> tuple[str, str]:
    """What the file holds: ``all`` organisations, or ``creative`` ones only, and why.

    ``auto`` (the default) reads a file with at least one accepted row whose main OKVED code
    is outside the creative mapping (whatever its additional codes) as an extract of all
    organisations: a selection of
    creative organisations has none. ``--scope creative`` says otherwise (a selection by
    additional codes); non-creative rows are then listed but not counted anywhere.

    Examples
    --------
    >>> resolve_scope("auto", 270)[0], resolve_scope("auto", 0)[0], resolve_scope("creative", 5)[0]
    ('all', 'creative', 'creative')
    """
    if scope not in SCOPES:
        raise ValueError(f"scope {scope!r} must be one of {', '.join(SCOPES)}")
    if scope == "all":
        return "all", "--scope all"
    if scope == "creative":
        return "creative", "--scope creative"
    if not_creative:
        return "all", (
            f"auto: {not_creative} rows have a main OKVED code outside the creative mapping, so "
            "the file is read as an extract of all organisations (--scope creative if not)"
        )
    return "creative", "auto: every counted row is creative, so the file is a creative selection"


def _source(con: duckdb.DuckDBPyConnection, raw: RawTable, columns: ColumnMap) -> None:
    def cell(name: str) -> str:
        index = columns.column(name)
        return "NULL::VARCHAR" if index is None else f"nullif(trim(c{index}), '')"

    selected = ", ".join(f"{cell(name)} AS {name}" for name in FIELDS)
    key = "coalesce(" + ", ".join(cell(name) for name in ID_FIELDS) + ")"
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE src AS SELECT _row, {key} AS key, {selected} "
        f"FROM {raw.table}"
    )
    _okved_pieces(con)


def _okved_pieces(con: duckdb.DuckDBPyConnection) -> None:
    """`okved_pieces(_row, part, pos, piece)`: the main (part 0) and additional (part 1) OKVED
    cells cut at the separators that never occur inside a code (`okved.CELL_SEPARATORS`), so
    the few distinct pieces are read in Python and the many rows joined in SQL."""
    cut = "regexp_split_to_array(regexp_replace({0}, '[\\[\\]''\"]', '', 'g'), $sep)"
    parts = " UNION ALL ".join(
        f"SELECT _row, {part} AS part, {cut.format(column)} AS l FROM src "
        f"WHERE {column} IS NOT NULL"
        for part, column in ((0, "okved"), (1, "okved_extra"))
    )
    con.execute(
        f"""
        CREATE OR REPLACE TEMP TABLE okved_pieces AS
        SELECT * FROM (
            SELECT _row, part, unnest(range(1, len(l) + 1)) AS pos, trim(unnest(l)) AS piece
            FROM ({parts}))
        WHERE piece <> ''""",
        {"sep": okved.CELL_SEPARATORS},
    )


def _lookups(con: duckdb.DuckDBPyConnection, region_codes: RegionCodes) -> None:
    store_lookups(con, {
        "region_map": resolve_regions(distinct_cells(con, "region"), region_codes),
        "piece_map": resolve_okved_pieces(distinct_cells(con, "piece", "okved_pieces")),
        "industry_map": resolve_industries(distinct_cells(con, "industry")),
    })  # fmt: skip
    codes = con.execute("SELECT DISTINCT code FROM piece_map WHERE code IS NOT NULL").fetchall()
    store_lookups(con, {"okved_map": resolve_okved(sorted(c for (c,) in codes))})
    _row_okved(con)


def _row_okved(con: duckdb.DuckDBPyConnection) -> None:
    """`row_okved`: per row, the main code (the first code of the main cell) with its industry
    and the industries of every other code, and the first problem of each cell."""
    con.execute("""
        CREATE OR REPLACE TEMP TABLE row_okved AS
        WITH c AS (
            SELECT p._row, p.part, m.code, o.industry,
                   coalesce(m.problem, o.problem) AS problem,
                   row_number() OVER (PARTITION BY p._row ORDER BY p.part, p.pos, m.ord) = 1
                       AND p.part = 0 AS is_main
            FROM okved_pieces p JOIN piece_map m ON m.piece = p.piece
            LEFT JOIN okved_map o ON o.value = m.code)
        SELECT _row,
               any_value(code) FILTER (is_main) AS main_code,
               any_value(industry) FILTER (is_main) AS main_industry,
               min(problem) FILTER (part = 0) AS main_problem,
               min(problem) FILTER (part = 1) AS extra_problem,
               list(DISTINCT industry) FILTER (NOT is_main AND industry IS NOT NULL)
                   AS extra_industries
        FROM c GROUP BY _row""")


def _checked(con: duckdb.DuckDBPyConnection, count_secondary: bool) -> None:
    formats = "[" + ", ".join(f"'{f}'" for f in DATE_FORMATS) + "]"
    industries = (
        "CASE WHEN i.industries IS NOT NULL THEN i.industry_key::VARCHAR "
        "ELSE nullif(array_to_string(list_sort(list_distinct(list_filter([o.main_industry] "
        "|| coalesce(o.extra_industries, []), lambda v: v IS NOT NULL))), ';'), '') END"
        if count_secondary
        else "coalesce(i.industry_key::VARCHAR, o.main_industry)"
    )  # a sorted text key per industry set ('design;software') groups faster than a list
    no_code = "format('{} is not an OKVED 2 code (expected the form 62.01 or 59.11.1)', s.okved)"
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE checked AS
        SELECT s._row, s.key,
               s.region AS region_value, r.code AS region, r.status AS region_status,
               r.reason AS region_reason, r.detail AS territory,
               s.registered AS registered_value,
               try_strptime(s.registered, {formats})::DATE AS registered,
               s.liquidated AS liquidated_value,
               try_strptime(s.liquidated, {formats})::DATE AS liquidated,
               s.okved AS okved_value, o.main_code AS okved,
               CASE WHEN s.okved IS NOT NULL AND o.main_code IS NULL
                    THEN coalesce(o.main_problem, {no_code}) ELSE o.main_problem END
                   AS okved_problem,
               s.industry AS industry_value, i.problem AS industry_problem,
               s.okved_extra AS extra_value, o.extra_problem,
               {industries} AS industries,
               i.industries IS NOT NULL OR o.main_industry IS NOT NULL AS main_creative
        FROM src s
        LEFT JOIN region_map r ON r.value = s.region
        LEFT JOIN row_okved o ON o._row = s._row
        LEFT JOIN industry_map i ON i.value = s.industry""")


def _row_problems(con: duckdb.DuckDBPyConnection, today: dt.date) -> pd.DataFrame:
    """One row per problem of a row (a row may have several); outside rows have none."""
    sql = """
    WITH c AS (SELECT * FROM checked WHERE region_status IS DISTINCT FROM 'outside')
    SELECT _row, 'id', NULL, 'missing_value', 'no organisation id: org_id, ogrn and inn are all empty'
      FROM c WHERE key IS NULL
    UNION ALL SELECT _row, 'region', NULL, 'missing_value', 'region is empty'
      FROM c WHERE region_value IS NULL
    UNION ALL SELECT _row, 'region', region_value, region_status, region_reason
      FROM c WHERE region_status IN ('unknown_region', 'ambiguous_region', 'composite_total')
    UNION ALL SELECT _row, 'registered', NULL, 'missing_value', 'registration date is empty'
      FROM c WHERE registered_value IS NULL
    UNION ALL SELECT _row, 'registered', registered_value, 'bad_date',
        format('registration date "{}" is not a date; write YYYY-MM-DD or DD.MM.YYYY', registered_value)
      FROM c WHERE registered_value IS NOT NULL AND registered IS NULL
    UNION ALL SELECT _row, 'liquidated', liquidated_value, 'bad_date',
        format('liquidation date "{}" is not a date; write YYYY-MM-DD or DD.MM.YYYY, or leave it empty for an active organisation', liquidated_value)
      FROM c WHERE liquidated_value IS NOT NULL AND liquidated IS NULL
    UNION ALL SELECT _row, f, v, 'future_date', format('{} date {} is after today ({})', w, d, $today)
      FROM (SELECT _row, 'registered' AS f, registered_value AS v, 'registration' AS w, registered AS d FROM c
            UNION ALL SELECT _row, 'liquidated', liquidated_value, 'liquidation', liquidated FROM c)
      WHERE d > $today
    UNION ALL SELECT _row, f, v, 'date_before_1991', format('{} date {} is before 1991-01-01, the start of the period the importer counts', w, d)
      FROM (SELECT _row, 'registered' AS f, registered_value AS v, 'registration' AS w, registered AS d FROM c
            UNION ALL SELECT _row, 'liquidated', liquidated_value, 'liquidation', liquidated FROM c)
      WHERE d < $earliest
    UNION ALL SELECT _row, 'liquidated', liquidated_value, 'liquidation_before_registration',
        format('liquidated {} before it was registered ({})', liquidated, registered)
      FROM c WHERE liquidated < registered
    UNION ALL SELECT _row, 'okved', okved_value, 'unknown_okved', okved_problem
      FROM c WHERE okved_problem IS NOT NULL
    UNION ALL SELECT _row, 'okved_extra', extra_value, 'unknown_okved', extra_problem
      FROM c WHERE extra_problem IS NOT NULL
    UNION ALL SELECT _row, 'industry', industry_value, 'unknown_industry', industry_problem
      FROM c WHERE industry_problem IS NOT NULL
    UNION ALL SELECT _row, 'okved', NULL, 'no_industry',
        'the row has neither an industry nor a main OKVED code, so it cannot be classified'
      FROM c WHERE okved_value IS NULL AND industry_value IS NULL
    """  # noqa: E501
    tb = con.execute(sql, {"today": today, "earliest": EARLIEST}).df()
    tb.columns = PROBLEM_COLUMNS
    return tb


def _duplicate_problems(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every row of an id whose rows disagree on region, dates or industries.

    Also creates `repeated(_row, key, sig)`: the rows of ids that occur more than once, so
    the whole file is grouped once and only those rows are compared.
    """
    tb = con.execute("""
        CREATE OR REPLACE TEMP TABLE repeated AS
        SELECT _row, key, concat_ws('|', region, registered, coalesce(liquidated::VARCHAR, ''),
                                    industries) AS sig
        FROM accepted
        SEMI JOIN (SELECT key FROM accepted GROUP BY key HAVING count(*) > 1) USING (key);
        WITH conflict AS (
            SELECT key, list(_row ORDER BY _row) AS rows FROM repeated
            GROUP BY key HAVING count(DISTINCT sig) > 1)
        SELECT r._row AS row, 'id' AS field, r.key AS value, 'duplicate_conflict' AS code,
               format('id {} is on rows {} with a different region, dates or industries; keep one version of the organisation',
                      r.key, array_to_string(c.rows, ', ')) AS reason
        FROM repeated r JOIN conflict c USING (key) ORDER BY r._row""").df()  # noqa: E501
    tb["row"] = tb["row"].astype("int64")
    return tb


def _kept(con: duckdb.DuckDBPyConnection, duplicates: pd.DataFrame) -> None:
    """`orgs` from the accepted rows less conflicts and repeated copies.

    ``org_key`` is the organisation's first row number in the file.
    """
    con.register("_conflict", duplicates[["row"]])
    con.execute("CREATE OR REPLACE TEMP TABLE _conflict_rows AS SELECT row AS _row FROM _conflict")
    con.execute("""
        CREATE OR REPLACE TEMP TABLE dropped AS
        SELECT row AS _row FROM _conflict
        UNION ALL
        SELECT _row FROM repeated ANTI JOIN _conflict c ON c.row = repeated._row
        QUALIFY row_number() OVER (PARTITION BY key ORDER BY _row) > 1;
        CREATE OR REPLACE TABLE orgs AS
        SELECT _row AS org_key, key, region, registered, liquidated, industries
        FROM accepted ANTI JOIN dropped USING (_row)""")
    con.unregister("_conflict")
