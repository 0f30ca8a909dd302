"""Clusters per place (counted once per place they span) and the cluster list of a place."""

from __future__ import annotations

import duckdb
import pandas as pd

from queries.metrics import Level, Metric
from queries.places import places
from queries.provenance import Result, citations_of

CLUSTERS_DATASET = "clusters"

# A cluster spanning several subjects counts once in each subject it spans and once in
# each district; national totals count it once (see cluster_total).
_PER_PLACE = """
WITH spans AS (
    SELECT DISTINCT cr.cluster_id, {geo} AS geo
    FROM cluster_regions cr JOIN regions r ON r.code = cr.region_code
),
participants AS (
    SELECT cluster_id, max(value) AS participants
    FROM cluster_facts WHERE metric = 'participants' GROUP BY cluster_id
)
SELECT s.geo,
       count(*) AS clusters,
       sum(p.participants) AS cluster_participants,
       count(p.participants) AS with_participants,
       list(s.cluster_id ORDER BY s.cluster_id) AS cluster_ids
FROM spans s LEFT JOIN participants p USING (cluster_id)
GROUP BY s.geo
"""
_GEO_COLUMN = {"region": "r.code", "fd": "r.fd"}


def cluster_values(cur: duckdb.DuckDBPyConnection, metric: Metric, level: Level) -> Result:
    """Clusters (or their stated participants) per place; NaN where the sources name none."""
    per_place = cur.execute(_PER_PLACE.format(geo=_GEO_COLUMN[level])).df()
    tb = places(cur, level).merge(per_place, on="geo", how="left")
    # A place where no source names a cluster stays NaN ("none named"), never 0: the
    # documents are news digests and a strategy, not an exhaustive register.
    tb["value"] = tb[metric.id]
    sources = cur.execute("SELECT DISTINCT source_file, source_line FROM cluster_mentions").df()
    tb = tb.merge(_place_citations(cur, level), on="geo", how="left")
    return Result(tb, citations_of(sources), CLUSTERS_DATASET)


def _place_citations(cur: duckdb.DuckDBPyConnection, level: Level) -> pd.DataFrame:
    """The first-mention line of each cluster in a place, as `source_file`/`source_line`."""
    return cur.execute(
        f"""
        SELECT {_GEO_COLUMN[level]} AS geo,
               min(c.source_file) AS source_file,
               arg_min(c.source_line, c.source_file) AS source_line,
               list(DISTINCT c.source_file || ':' || c.source_line) AS citations
        FROM cluster_regions cr JOIN regions r ON r.code = cr.region_code
        JOIN clusters c USING (cluster_id)
        GROUP BY 1
        """
    ).df()


def cluster_total(cur: duckdb.DuckDBPyConnection) -> int:
    """Distinct clusters in the directory (a multi-subject cluster counts once)."""
    return cur.execute("SELECT count(*) FROM clusters").fetchone()[0]


def clusters_in(cur: duckdb.DuckDBPyConnection, geo: str, level: Level) -> pd.DataFrame:
    """The clusters of one subject or district, with their main source line."""
    return cur.execute(
        f"""
        SELECT DISTINCT c.cluster_id, c.name_ru, c.name_en, c.type, c.scope, c.status,
               c.status_year, c.specialisation_ru, c.specialisation_en,
               c.source_file, c.source_line
        FROM clusters c JOIN cluster_regions cr USING (cluster_id)
        JOIN regions r ON r.code = cr.region_code
        WHERE {_GEO_COLUMN[level]} = ?
        ORDER BY c.name_ru
        """,
        [geo],
    ).df()
