"""Cluster mentions from every document → one row per cluster, its subjects, its figures."""

from __future__ import annotations

from collections.abc import Callable

import duckdb
import pandas as pd

from etl.seed_tables import (
    CLUSTER_COUNTS,
    CRITERIA,
    FACTS,
    MENTIONS,
    _insert,
)
from etl.sources import SOURCES_DIR, SourceFileError, read_source

OUTSIDE_PREFIX = "OUTSIDE:"
CheckRegion = Callable[[str], bool]


def _split_regions(mentions: pd.DataFrame, is_region: CheckRegion) -> pd.DataFrame:
    """One row per (mention, listed region); unknown codes stop the build at their cell."""
    rows = []
    for m in mentions.itertuples():
        for position, item in enumerate(p.strip() for p in m.regions.split(";") if p.strip()):
            outside = item.startswith(OUTSIDE_PREFIX)
            if not outside and not is_region(item):
                raise SourceFileError(
                    SOURCES_DIR / "clusters" / m.file,
                    m.row,
                    "regions",
                    f"{item!r} is not a code of geodata/regions.csv (write OUTSIDE:<name> "
                    "for a place outside the 85 subjects)",
                )
            rows.append(
                dict(
                    cluster_id=m.cluster_id,
                    region_code=None if outside else item,
                    outside_name=item.removeprefix(OUTSIDE_PREFIX) if outside else None,
                    is_main=position == 0,
                    doc_order=m.doc_order,
                    source_file=m.source_file,
                    source_line=m.source_line,
                )
            )
    return pd.DataFrame(rows)


def _latest_first(mentions: pd.DataFrame) -> pd.DataFrame:
    return mentions.sort_values(
        ["cluster_id", "doc_order", "status_year", "source_line"],
        ascending=[True, False, False, True],
        na_position="last",
    )


def _one_per_cluster(mentions: pd.DataFrame, spans: pd.DataFrame) -> pd.DataFrame:
    """Name, type and status from the latest document that states them."""
    latest = _latest_first(mentions)
    base = latest.groupby("cluster_id", sort=True).first()
    with_status = latest[latest["status"] != ""].groupby("cluster_id").first()
    base["status"] = with_status["status"].reindex(base.index).fillna("")
    base["status_year"] = with_status["status_year"].reindex(base.index)
    base["first_year"] = mentions.groupby("cluster_id")["first_year"].min()
    base["mentions"] = mentions.groupby("cluster_id").size()
    main = spans[spans["is_main"]].sort_values("doc_order", ascending=False)
    main = main.groupby("cluster_id").first()
    base["main_region"] = main["region_code"].reindex(base.index)
    on_map = spans.groupby("cluster_id")["region_code"].apply(lambda s: s.notna().any())
    base["outside_map"] = ~on_map.reindex(base.index).fillna(False).astype(bool)
    earliest = mentions.sort_values(["doc_order", "source_line"]).groupby("cluster_id").first()
    base["source_file"] = earliest["source_file"]
    base["source_line"] = earliest["source_line"]
    columns = [
        "name_ru",
        "name_en",
        "type",
        "scope",
        "specialisation_ru",
        "specialisation_en",
        "place_ru",
        "status",
        "status_year",
        "first_year",
        "main_region",
        "outside_map",
        "mentions",
        "source_file",
        "source_line",
    ]
    return base[columns].reset_index()


def load_clusters(
    con: duckdb.DuckDBPyConnection, is_region: CheckRegion, doc_years: dict[str, int | None]
) -> None:
    """Mentions, deduplicated clusters, their subjects, figures, criteria and stated counts."""
    mentions = read_source(MENTIONS)
    # Undated documents sort first, so that a dated document's statement wins.
    order = {n: i for i, n in enumerate(sorted(doc_years, key=lambda n: doc_years[n] or 0))}
    mentions["doc_order"] = mentions["source_file"].map(order).fillna(-1)
    doc_year = mentions["source_file"].map(doc_years)
    mentions["first_year"] = mentions["status_year"].fillna(doc_year)
    spans = _split_regions(mentions, is_region)
    clusters = _one_per_cluster(mentions, spans)
    spans = spans.drop_duplicates(["cluster_id", "region_code", "outside_name"])
    main = spans["cluster_id"].map(clusters.set_index("cluster_id")["main_region"])
    spans["is_main"] = spans["region_code"].notna() & (spans["region_code"] == main)
    _insert(
        con, "cluster_mentions", mentions.drop(columns=["file", "row", "doc_order", "first_year"])
    )
    _insert(con, "clusters", clusters)
    _insert(con, "cluster_regions", spans.drop(columns=["doc_order"]))
    facts = read_source(FACTS)
    unknown = facts[~facts["cluster_id"].isin(mentions["cluster_id"])]
    if len(unknown):
        bad = unknown.iloc[0]
        raise SourceFileError(
            SOURCES_DIR / "cluster_facts" / bad["file"],
            bad["row"],
            "cluster_id",
            f"{bad['cluster_id']!r} has no mention in clusters/",
        )
    _insert(con, "cluster_facts", facts.drop(columns=["file", "row"]))
    _insert(con, "cluster_criteria", read_source(CRITERIA).drop(columns=["file", "row"]))
    counts = read_source(CLUSTER_COUNTS)
    for bad in counts[~counts["geo"].map(lambda g: g == "RU" or is_region(g))].itertuples():
        raise SourceFileError(
            SOURCES_DIR / "cluster_counts" / bad.file,
            bad.row,
            "geo",
            f"{bad.geo!r} is neither RU nor a code of geodata/regions.csv",
        )
    _insert(con, "cluster_counts", counts.drop(columns=["file", "row"]))
