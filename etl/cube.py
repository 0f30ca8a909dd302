"""Organisations or region counts → the region × industry × year cube; districts as ratios of sums.

The year boundary, for each region, industry and year Y:

- ``active_start`` — organisations registered before 1 January Y and not liquidated before
  1 January Y (one liquidated on 1 January Y is active at its start and liquidated in Y);
- ``created`` — registered from 1 January to 31 December Y;
- ``liquidated`` — liquidated from 1 January to 31 December Y;
- ``active_end`` = active_start + created − liquidated (= active_start of Y + 1).

An organisation created and liquidated in the same year counts in both ``created`` and
``liquidated`` of that year and in no ``active_start``. Industry ``all`` counts each
organisation once, even when it belongs to several industries, so ``all`` is not the sum of
the industries.

Coefficients are percentages of the start-of-year stock, as in the HSE ISSEK study:
``creation_coef`` = 100 · created / active_start and ``growth_coef`` = 100 · (active_end −
active_start) / active_start, with the numerator and denominator stored beside the value.
A coefficient is NULL when active_start is 0, and flagged ``small_base`` when active_start <
`SMALL_BASE`. When the file holds every organisation (industry `ALL_ORGS`), the creative
shares ``creative_share_created`` = 100 · created (industry) / created (all organisations)
and ``creative_share_active`` = 100 · active_start (industry) / active_start (all
organisations) are stored too, with their numerator and denominator. Federal districts
(level ``fd``) and Russia (level ``country``, geo ``RU``) sum
the counts of their subjects first and divide afterwards: ratios of sums, never means of
regional rates. When some subjects of a district (or of Russia) are absent from the data,
its rows carry the flag ``partial``.

The counts come from one event query (registrations grouped by year, liquidations grouped by
year, a dense grid, a running sum of the net change), as measured in the stack notes §4,
instead of testing every organisation against every year. Years run from the
first to the last registration year in the data, never past the current year; events before
the first year only feed its ``active_start``. The grid covers the regions and industries
present in the data: a region absent from a file gets no rows rather than invented zeros.
"""

from __future__ import annotations

import datetime as dt

import duckdb
import pandas as pd

from geodata.regions import regions

SMALL_BASE = 30
COUNT_METRICS = ("active_start", "created", "liquidated", "active_end")
RATE_METRICS = ("creation_coef", "growth_coef")
METRICS = COUNT_METRICS + RATE_METRICS
ALL = "all"
# Every organisation of the file, creative or not: a reserved industry id beside the creative
# ones, so the all-organisation counts live in the same (metric, level, geo, industry, year)
# table and one view is still one index. Only files that hold all organisations have it.
ALL_ORGS = "all_orgs"
SHARE_METRICS = {  # creative share (%) → the count it is a share of
    "creative_share_created": "created",
    "creative_share_active": "active_start",
}
OBSERVATION_COLUMNS = (
    "dataset_id",
    "metric",
    "level",
    "geo",
    "industry",
    "year",
    "value",
    "numerator",
    "denominator",
    "flag",
    "as_published",
    "source_file",
    "source_line",
)


class CubeError(ValueError):
    """The data cannot make a cube (no organisations, or an impossible year range)."""


def year_range(
    con: duckdb.DuckDBPyConnection,
    orgs: str = "orgs",
    *,
    first: int | None = None,
    last: int | None = None,
    today: dt.date | None = None,
) -> tuple[int, int]:
    """Return the cube's years: first to last registration year, capped at the current year.

    `first` / `last` override either end (e.g. ``first=2019`` to match a study period);
    earlier events still count in the first year's ``active_start``.
    """
    low, high = con.execute(
        f"SELECT min(year(registered)), max(year(registered)) FROM {orgs}"
    ).fetchall()[0]
    if low is None:
        raise CubeError("no organisations were accepted, so there is nothing to count")
    this_year = (today or dt.date.today()).year
    first, last = first or low, min(last or high, this_year)
    if first > last:
        raise CubeError(
            f"the years {first}–{last} are empty; the data register organisations in {low}–{high}"
        )
    return first, last


def org_counts(
    con: duckdb.DuckDBPyConnection,
    first: int,
    last: int,
    *,
    orgs: str = "orgs",
    target: str = "region_counts",
    all_orgs: bool = False,
) -> None:
    """Create `target(region, industry, year, active_start, created, liquidated)` in `con`.

    `orgs` has one row per organisation: ``region, registered, liquidated, industries``
    (industry ids joined by ``;``, e.g. ``design;software``; NULL for one that is not
    creative). Organisations are first grouped by region, industries and the years of their
    two events, so the industries are split over those groups rather than over every
    organisation. With `all_orgs` (the file holds every organisation) industry `ALL_ORGS`
    counts them all; otherwise organisations that are not creative are left out.
    """
    con.execute(
        f"""
        CREATE OR REPLACE TABLE {target} AS
        WITH g AS (
            SELECT region, industries, year(registered) AS born, year(liquidated) AS died,
                   count(*) AS n
            FROM {orgs} WHERE $all_orgs OR industries IS NOT NULL GROUP BY ALL),
        m AS (
            SELECT region, unnest(string_split(industries, ';')) AS industry, born, died, n
            FROM g WHERE industries IS NOT NULL
            UNION ALL
            SELECT region, '{ALL}', born, died, n FROM g WHERE industries IS NOT NULL
            UNION ALL
            SELECT region, '{ALL_ORGS}', born, died, n FROM g WHERE $all_orgs),
        events AS (
            SELECT region, industry, greatest(born, $first - 1) AS year,
                   sum(n) AS created, 0 AS liquidated
            FROM m WHERE born <= $last GROUP BY ALL
            UNION ALL
            SELECT region, industry, greatest(died, $first - 1), 0, sum(n)
            FROM m WHERE died <= $last GROUP BY ALL),
        grid AS (
            SELECT r.region, i.industry, y.range AS year
            FROM (SELECT DISTINCT region FROM g) r,
                 (SELECT DISTINCT industry FROM m) i,
                 range($first - 1, $last + 1) y),
        cells AS (
            SELECT g.region, g.industry, g.year,
                   coalesce(sum(e.created), 0)::BIGINT AS created,
                   coalesce(sum(e.liquidated), 0)::BIGINT AS liquidated
            FROM grid g LEFT JOIN events e USING (region, industry, year) GROUP BY ALL)
        SELECT region, industry, year::INTEGER AS year,
               coalesce(sum(created - liquidated) OVER (
                   PARTITION BY region, industry ORDER BY year
                   ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0)::BIGINT AS active_start,
               created, liquidated
        FROM cells
        QUALIFY year >= $first
        ORDER BY region, industry, year""",
        {"first": first, "last": last, "all_orgs": all_orgs},
    )


def cube_frame(
    con: duckdb.DuckDBPyConnection,
    dataset_id: str,
    source_file: str,
    counts: str = "region_counts",
) -> pd.DataFrame:
    """Return the rows of `observations` for a table of region counts, at all three levels.

    `counts` has ``region, industry, year, active_start, created, liquidated`` (liquidated may
    be NULL when a counts file does not give it: then active_end and growth_coef are absent).
    """
    subjects = regions()[["code", "fd"]]
    con.register("_region_fd", subjects)
    try:
        tb = con.execute(
            _CUBE_SQL.format(
                counts=counts,
                all_subjects=len(subjects),
                small=SMALL_BASE,
                all_orgs=ALL_ORGS,
                shares=_shares_sql(),
            ),
            {"dataset": dataset_id, "source": source_file},
        ).df()
    finally:
        con.unregister("_region_fd")
    return tb[list(OBSERVATION_COLUMNS)]


def _shares_sql() -> str:
    """The creative-share rows: each creative industry's count over the count of every
    organisation (industry `ALL_ORGS`) of the same place and year, both summed over the
    subjects first for districts and Russia, so the share is a ratio of sums."""
    parts = []
    for metric, count in SHARE_METRICS.items():
        parts.append(f"""
    UNION ALL SELECT t.level, t.geo, t.industry, t.year, '{metric}',
           CASE WHEN a.{count} > 0 THEN 100.0 * t.{count} / a.{count} END,
           t.{count}, a.{count},
           CASE WHEN a.{count} < {SMALL_BASE} THEN 'small_base' WHEN t.partial THEN 'partial' END
    FROM totals t JOIN totals a ON a.level = t.level AND a.geo = t.geo AND a.year = t.year
         AND a.industry = '{ALL_ORGS}'
    WHERE t.industry <> '{ALL_ORGS}'""")
    return "".join(parts)


_CUBE_SQL = """
WITH r AS (SELECT c.*, f.fd FROM {counts} c JOIN _region_fd f ON f.code = c.region),
n_fd AS (SELECT fd, count(*) AS n FROM _region_fd GROUP BY fd),
cells AS (
    SELECT 'region' AS level, region AS geo, industry, year, active_start, created,
           liquidated, FALSE AS partial
    FROM r
    UNION ALL
    SELECT 'fd', r.fd, industry, year, sum(active_start)::BIGINT, sum(created)::BIGINT,
           CASE WHEN count(liquidated) = count(*) THEN sum(liquidated)::BIGINT END,
           count(*) < any_value(n.n)
    FROM r JOIN n_fd n USING (fd) GROUP BY r.fd, industry, year
    UNION ALL
    SELECT 'country', 'RU', industry, year, sum(active_start)::BIGINT, sum(created)::BIGINT,
           CASE WHEN count(liquidated) = count(*) THEN sum(liquidated)::BIGINT END,
           count(*) < {all_subjects}
    FROM r GROUP BY industry, year),
totals AS (
    SELECT *, active_start + created - liquidated AS active_end,
           CASE WHEN partial THEN 'partial' END AS count_flag,
           CASE WHEN active_start < {small} THEN 'small_base'
                WHEN partial THEN 'partial' END AS rate_flag
    FROM cells),
stacked AS (
    SELECT level, geo, industry, year, 'active_start' AS metric, active_start::DOUBLE AS value,
           NULL::DOUBLE AS numerator, NULL::DOUBLE AS denominator, count_flag AS flag
    FROM totals
    UNION ALL SELECT level, geo, industry, year, 'created', created, NULL, NULL, count_flag
    FROM totals
    UNION ALL SELECT level, geo, industry, year, 'liquidated', liquidated, NULL, NULL, count_flag
    FROM totals WHERE liquidated IS NOT NULL
    UNION ALL SELECT level, geo, industry, year, 'active_end', active_end, NULL, NULL, count_flag
    FROM totals WHERE active_end IS NOT NULL
    UNION ALL SELECT level, geo, industry, year, 'creation_coef',
           CASE WHEN active_start > 0 THEN 100.0 * created / active_start END,
           created, active_start, rate_flag
    FROM totals
    UNION ALL SELECT level, geo, industry, year, 'growth_coef',
           CASE WHEN active_start > 0 THEN 100.0 * (active_end - active_start) / active_start END,
           active_end - active_start, active_start, rate_flag
    FROM totals WHERE active_end IS NOT NULL
    {shares})
SELECT $dataset AS dataset_id, metric, level, geo, industry, year::INTEGER AS year, value,
       numerator, denominator, flag, NULL::VARCHAR AS as_published, $source AS source_file,
       NULL::INTEGER AS source_line
FROM stacked
ORDER BY metric, level, geo, industry, year
"""
