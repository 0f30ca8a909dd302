"""Rows of an aggregated file (counts by region × year × industry) → checked table `region_counts`.

A row is kept when its region is one of the 85 subjects (places outside them are listed
apart, an oblast total including its okrugs is rejected), its year lies in 1991..`today`,
its industry is empty or ``all`` (= all creative industries) or one industry, and its
counts are whole numbers ≥ 0 (spaces as thousands separators are fine). ``created`` and
``active_start`` are required. ``liquidated`` and ``active_end`` are optional, but when both
are given they must agree (active_end = active_start + created − liquidated); when only
``active_end`` is given, ``liquidated`` is derived from it.

Industry ``all`` is only what the file states: it is never summed from the industries,
because an organisation may belong to several. Rows repeating a region, year and industry
are merged when identical and all rejected otherwise.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import duckdb
import pandas as pd

from etl.importer.headers import ColumnMap, RegionCodes
from etl.importer.orgs import EARLIEST
from etl.importer.readers import RawTable
from etl.importer.report import PROBLEM_COLUMNS, merge_reader_problems
from etl.importer.values import (
    ALL_INDUSTRIES,
    distinct_cells,
    resolve_industries,
    resolve_regions,
    store_lookups,
)

FIELDS = ("region", "year", "industry", "active_start", "created", "liquidated", "active_end")
COUNTS = ("active_start", "created", "liquidated", "active_end")
# At most 9 digits: Russia has a few million organisations, so a larger count is a typo or
# an attack, and sums of such counts stay far inside BIGINT (a 20-digit cell overflowed it).
MAX_COUNT_DIGITS = 9
MAX_COUNT = 10**MAX_COUNT_DIGITS - 1


@dataclass
class CountCheck:
    """What validation found; the kept rows are in table `region_counts`."""

    problems: pd.DataFrame
    outside: pd.DataFrame
    rows_accepted: int
    duplicates_merged: int


def check_counts(
    con: duckdb.DuckDBPyConnection, raw: RawTable, columns: ColumnMap, *, today: dt.date
) -> CountCheck:
    """Validate `raw.table` and create ``region_counts(region, industry, year, active_start,
    created, liquidated)`` in `con` from the rows kept."""

    def cell(name: str) -> str:
        index = columns.column(name)
        return "NULL::VARCHAR" if index is None else f"nullif(trim(c{index}), '')"

    cells = ", ".join(f"{cell(n)} AS {n}" for n in FIELDS)
    con.execute(f"CREATE OR REPLACE TEMP TABLE src AS SELECT _row, {cells} FROM {raw.table}")
    _lookups(con, columns.region_codes)
    _checked(con)
    problems = merge_reader_problems(_problems(con, today), raw, columns.fields)
    con.register("_bad", problems[["row"]].drop_duplicates())
    con.execute("""
        CREATE OR REPLACE TEMP TABLE accepted AS
        SELECT c.* FROM checked c ANTI JOIN _bad b ON b.row = c._row
        WHERE c.region_status = 'ok'""")
    outside = con.execute("""
        SELECT c._row AS row, c.region_value AS value, c.territory
        FROM checked c ANTI JOIN _bad b ON b.row = c._row
        WHERE c.region_status = 'outside' ORDER BY c._row""").df()
    con.unregister("_bad")
    duplicates = _duplicates(con)
    con.register("_conflict", duplicates[["row"]])
    con.execute("""
        CREATE OR REPLACE TABLE region_counts AS
        SELECT region, industry, year, active_start, created, liquidated
        FROM accepted a ANTI JOIN _conflict d ON d.row = a._row
        QUALIFY row_number() OVER (PARTITION BY region, industry, year ORDER BY _row) = 1""")
    con.unregister("_conflict")
    accepted, kept = con.execute(
        "SELECT (SELECT count(*) FROM accepted) - ?, (SELECT count(*) FROM region_counts)",
        [len(duplicates)],
    ).fetchall()[0]
    problems = pd.concat([problems, duplicates], ignore_index=True)
    return CountCheck(
        problems.sort_values(["row", "field"], ignore_index=True),
        outside,
        accepted,
        accepted - kept,
    )


def _lookups(con: duckdb.DuckDBPyConnection, region_codes: RegionCodes) -> None:
    store_lookups(con, {
        "region_map": resolve_regions(distinct_cells(con, "region"), region_codes),
        "industry_map": resolve_industries(distinct_cells(con, "industry"), allow_all=True,
                                           allow_many=False),
    })  # fmt: skip


def _checked(con: duckdb.DuckDBPyConnection) -> None:
    def number(name: str) -> str:
        """A whole number of at most MAX_COUNT_DIGITS digits, else NULL (never an overflow)."""
        clean = f"regexp_replace({name}, '[\\s\\x{{00a0}}\\x{{202f}}]', '', 'g')"
        return (
            f"CASE WHEN regexp_full_match({clean}, '\\d{{1,{MAX_COUNT_DIGITS}}}(\\.0+)?') "
            f"THEN CAST(split_part({clean}, '.', 1) AS BIGINT) END"
        )

    counts = ", ".join(f"s.{n} AS {n}_value, {number('s.' + n)} AS {n}_n" for n in COUNTS)
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE parsed AS
        SELECT s._row, s.region AS region_value, r.code AS region, r.status AS region_status,
               r.reason AS region_reason, r.detail AS territory,
               s.year AS year_value, {number("s.year")} AS year,
               s.industry AS industry_value, i.problem AS industry_problem,
               coalesce(i.industries[1], '{ALL_INDUSTRIES}') AS industry, {counts}
        FROM src s
        LEFT JOIN region_map r ON r.value = s.region
        LEFT JOIN industry_map i ON i.value = s.industry;
        CREATE OR REPLACE TEMP TABLE checked AS
        SELECT *, active_start_n AS active_start, created_n AS created,
               coalesce(liquidated_n, active_start_n + created_n - active_end_n) AS liquidated
        FROM parsed""")


def _problems(con: duckdb.DuckDBPyConnection, today: dt.date) -> pd.DataFrame:
    per_count = " UNION ALL ".join(
        f"""
        SELECT _row, '{n}', {n}_value, 'missing_value', '{n} is empty'
          FROM c WHERE {n}_value IS NULL AND '{n}' IN ('active_start', 'created')
        UNION ALL SELECT _row, '{n}', {n}_value, 'bad_count',
            format('{n} "{{}}" is not a whole number of organisations from 0 to {MAX_COUNT:,}',
                   {n}_value)
          FROM c WHERE {n}_value IS NOT NULL AND {n}_n IS NULL"""
        for n in COUNTS
    )
    sql = f"""
    WITH c AS (SELECT * FROM checked WHERE region_status IS DISTINCT FROM 'outside')
    SELECT _row, 'region', NULL, 'missing_value', 'region is empty'
      FROM c WHERE region_value IS NULL
    UNION ALL SELECT _row, 'region', region_value, region_status, region_reason
      FROM c WHERE region_status IN ('unknown_region', 'ambiguous_region', 'composite_total')
    UNION ALL SELECT _row, 'year', year_value, 'bad_year',
        -- a cell of 20 digits is NULL here (`number` reads at most 9), never an overflow
        format('year "{{}}" is not a year from {{}} to {{}}', coalesce(year_value, ''),
               year($earliest), year($today))
      FROM c WHERE year IS NULL OR year < year($earliest) OR year > year($today)
    UNION ALL SELECT _row, 'industry', industry_value, 'unknown_industry', industry_problem
      FROM c WHERE industry_problem IS NOT NULL
    UNION ALL {per_count}
    UNION ALL SELECT _row, 'active_end', active_end_value, 'inconsistent_counts',
        format('active_end {{}} is not active_start {{}} + created {{}} - liquidated {{}}',
               active_end_n, active_start_n, created_n, liquidated_n)
      FROM c WHERE active_end_n IS NOT NULL AND liquidated_n IS NOT NULL
           AND active_end_n <> active_start_n + created_n - liquidated_n
    UNION ALL SELECT _row, 'active_end', active_end_value, 'inconsistent_counts',
        format('active_end {{}} is more than active_start {{}} + created {{}}: liquidations cannot be negative',
               active_end_n, active_start_n, created_n)
      FROM c WHERE active_end_n IS NOT NULL AND liquidated_n IS NULL
           AND active_end_n > active_start_n + created_n
    UNION ALL SELECT _row, 'liquidated', liquidated_value, 'inconsistent_counts',
        format('liquidated {{}} is more than active_start {{}} + created {{}}',
               liquidated_n, active_start_n, created_n)
      FROM c WHERE liquidated_n > active_start_n + created_n
    """  # noqa: E501
    tb = con.execute(sql, {"today": today, "earliest": EARLIEST}).df()
    tb.columns = PROBLEM_COLUMNS
    return tb


def _duplicates(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    tb = con.execute("""
        WITH sig AS (
            SELECT _row, region, industry, year,
                   concat_ws('|', active_start, created, coalesce(liquidated::VARCHAR, '')) AS sig
            FROM accepted),
        conflict AS (
            SELECT region, industry, year, list(_row ORDER BY _row) AS rows FROM sig
            GROUP BY ALL HAVING count(DISTINCT sig) > 1)
        SELECT s._row AS row, 'region' AS field, s.region AS value,
               'duplicate_conflict' AS code,
               format('{} {} {} is on rows {} with different counts; keep one row', s.region,
                      s.year, s.industry, array_to_string(c.rows, ', ')) AS reason
        FROM sig s JOIN conflict c USING (region, industry, year) ORDER BY s._row""").df()
    tb["row"] = tb["row"].astype("int64")
    return tb
