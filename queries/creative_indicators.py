"""A dataset's creative-business cube → the HSE ISSEK study's indicators, with their subjects.

The study (seed 002) reports, per year: subjects where the number of creative organisations
grew or stayed stable (growth coefficient ≥ 0), subjects growing fast (> 3 %), subjects
whose creations fell against the previous year, the share of creations in Moscow and
Moscow oblast, the top 20 subjects by creations, and per federal district the subjects that
grew since a base year, the subjects with a moderate or high creation coefficient (≥ 6 %)
and the district's own coefficient. Each function computes one of them from the
``observations`` of any dataset shaped like the study's (an import or the synthetic demo),
so the same method can be replayed on new data. Subjects without a value (no base) are left
out of counts, never treated as 0.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
import pandas as pd

from queries.metrics import CREATION_CLASSES
from queries.provenance import Citation, citations_of

CAPITAL_REGION = ("RU-MOW", "RU-MOS")
FAST_GROWTH_PCT = 3.0
TOP_N = 20


@dataclass(frozen=True)
class Indicator:
    """One number of the study (``value``), the subjects behind it (``tb``) and its sources."""

    value: float | None
    tb: pd.DataFrame
    dataset: str
    synthetic: bool
    citations: tuple[Citation, ...]


def _regions(
    cur: duckdb.DuckDBPyConnection, dataset: str, metric: str, year: int, industry: str
) -> pd.DataFrame:
    return cur.execute(
        "SELECT geo, value, numerator, denominator, flag, source_file, source_line "
        "FROM observations WHERE dataset_id = ? AND metric = ? AND level = 'region' "
        "AND year = ? AND industry = ? ORDER BY geo",
        [dataset, metric, year, industry],
    ).df()


def _indicator(
    cur: duckdb.DuckDBPyConnection, dataset: str, value: float | None, tb: pd.DataFrame
) -> Indicator:
    row = cur.execute("SELECT synthetic FROM datasets WHERE dataset_id = ?", [dataset]).fetchall()
    if not row:
        raise KeyError(f"unknown dataset {dataset!r}")
    cited = tb if "source_file" in tb else pd.DataFrame(columns=["source_file", "source_line"])
    return Indicator(
        value, tb.reset_index(drop=True), dataset, bool(row[0][0]), citations_of(cited)
    )


def regions_growing_or_stable(
    cur: duckdb.DuckDBPyConnection, dataset: str, year: int, industry: str = "all"
) -> Indicator:
    """Subjects whose growth coefficient is ≥ 0 in `year` (the study's fig. 1: 33, 67, 59)."""
    tb = _regions(cur, dataset, "growth_coef", year, industry)
    tb = tb[tb["value"] >= 0]
    return _indicator(cur, dataset, float(len(tb)), tb)


def regions_growing_fast(
    cur: duckdb.DuckDBPyConnection,
    dataset: str,
    year: int,
    industry: str = "all",
    threshold: float = FAST_GROWTH_PCT,
) -> Indicator:
    """Subjects whose growth coefficient is above `threshold` % (the study: 20 in 2024)."""
    tb = _regions(cur, dataset, "growth_coef", year, industry)
    tb = tb[tb["value"] > threshold]
    return _indicator(cur, dataset, float(len(tb)), tb)


def regions_fewer_created(
    cur: duckdb.DuckDBPyConnection, dataset: str, year: int, industry: str = "all"
) -> Indicator:
    """Subjects that created fewer organisations in `year` than in `year` − 1 (fig. 2).

    ``tb`` has ``geo, value`` (created in `year`) and ``previous`` (created the year
    before); a subject without both years is left out.
    """
    now = _regions(cur, dataset, "created", year, industry)
    before = _regions(cur, dataset, "created", year - 1, industry)[["geo", "value"]]
    tb = now.merge(before.rename(columns={"value": "previous"}), on="geo")
    tb = tb[tb["value"] < tb["previous"]]
    return _indicator(cur, dataset, float(len(tb)), tb)


def capital_share_created(
    cur: duckdb.DuckDBPyConnection, dataset: str, year: int, industry: str = "all"
) -> Indicator:
    """Moscow + Moscow oblast as a percentage of all creations in Russia (the study: 53.6 %).

    A capital subject absent from the dataset adds nothing (the national total of the same
    dataset does not include it either). None when the dataset has no national total for
    the year, or neither capital subject.
    """
    tb = _regions(cur, dataset, "created", year, industry)
    tb = tb[tb["geo"].isin(CAPITAL_REGION)]
    total = cur.execute(
        "SELECT value FROM observations WHERE dataset_id = ? AND metric = 'created' "
        "AND level = 'country' AND geo = 'RU' AND year = ? AND industry = ?",
        [dataset, year, industry],
    ).fetchall()
    if tb.empty or not total or not total[0][0]:
        return _indicator(cur, dataset, None, tb)
    return _indicator(cur, dataset, 100.0 * tb["value"].sum() / total[0][0], tb)


def top_created(
    cur: duckdb.DuckDBPyConnection, dataset: str, year: int, n: int = TOP_N, industry: str = "all"
) -> Indicator:
    """The `n` subjects with most creations in `year` (table 1), ties sharing a rank.

    ``tb``: ``rank, geo, value`` (created), ``active_end`` (organisations at the year's end,
    the table's "всего"); ``value`` of the indicator is the number of subjects listed.
    """
    created = _regions(cur, dataset, "created", year, industry)
    total = _regions(cur, dataset, "active_end", year, industry)[["geo", "value"]]
    tb = created.merge(total.rename(columns={"value": "active_end"}), on="geo", how="left")
    tb["rank"] = tb["value"].rank(ascending=False, method="min").astype("int64")
    tb = tb.sort_values(["rank", "geo"]).head(n)
    tb = tb[["rank", "geo", "value", "active_end", "source_file", "source_line"]]
    return _indicator(cur, dataset, float(len(tb)), tb)


def district_summary(
    cur: duckdb.DuckDBPyConnection, dataset: str, year: int, base_year: int, industry: str = "all"
) -> Indicator:
    """Per federal district, the study's table 2.

    ``tb``: ``fd, regions_total`` (subjects of the district), ``regions_grew`` (active at the
    end of `year` above the end of `base_year`), ``regions_moderate_or_high`` (creation
    coefficient ≥ 6 %, the registry's published classes) and ``creation_coef`` (the
    district's own: a ratio of sums). ``value`` is None: the table has no single number.
    """
    subjects = cur.execute("SELECT code AS geo, fd FROM regions").df()
    end = _regions(cur, dataset, "active_end", year, industry)[["geo", "value"]]
    base = _regions(cur, dataset, "active_end", base_year, industry)[["geo", "value"]]
    grew = end.merge(base, on="geo", suffixes=("", "_base"))
    grew = set(grew.loc[grew["value"] > grew["value_base"], "geo"])
    coef = _regions(cur, dataset, "creation_coef", year, industry)
    bands = ("moderate", "high")
    strong = {
        g
        for g, v in zip(coef["geo"], coef["value"], strict=True)
        if (band := CREATION_CLASSES.classify(v)) is not None and band.key in bands
    }
    districts = cur.execute(
        "SELECT geo AS fd, value AS creation_coef, source_file, source_line FROM observations "
        "WHERE dataset_id = ? AND metric = 'creation_coef' AND level = 'fd' AND year = ? "
        "AND industry = ?",
        [dataset, year, industry],
    ).df()
    tb = subjects.assign(grew=subjects["geo"].isin(grew), strong=subjects["geo"].isin(strong))
    tb = tb.groupby("fd", as_index=False).agg(
        regions_total=("geo", "size"),
        regions_grew=("grew", "sum"),
        regions_moderate_or_high=("strong", "sum"),
    )
    tb = tb.merge(districts, on="fd", how="left")
    return _indicator(cur, dataset, None, tb)
