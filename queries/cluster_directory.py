"""Clusters → directory rows, map points, a cluster's profile, district counts and stated counts.

Every frame keeps the seed file and line of what it shows. A cluster spanning several
subjects is one row of the directory (listing every subject, main first); filters by subject
or district find it under each of them, and totals count it once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import duckdb
import pandas as pd

from atlas.vocabulary import STATUSES, TYPES
from geodata.boundaries import representative_points
from geodata.gazetteer import find_place, fold
from queries.provenance import Citation, Result, citations_of

DATASET = "clusters"
KEY_FIGURES = ("participants", "staff", "investment")
VERDICTS = ("meets", "does_not_meet", "not_enough_data")
# The figure that measures a numeric criterion; other criteria are qualitative.
MEASURED_BY = {"mipc-min-organisations": "participants", "inno-min-organisations": "participants"}
# A framework that applies to its cluster type only in one subject (Moscow's 2015 strategy).
FRAMEWORK_REGION = {"moscow_ipc_2015": "RU-MOW"}
# Stated national counts → the directory rows they are set beside (a SQL condition).
COUNTERPARTS = {
    "clusters_total": "TRUE",
    "industrial_clusters_created": "type = 'industrial'",
    "pharma_medical_clusters": (
        "type = 'medical' OR regexp_matches(specialisation_en, 'pharma|medic')"
    ),
}


class UnknownClusterError(KeyError):
    """A cluster id the directory does not hold."""

    def __init__(self, cluster_id: str) -> None:
        super().__init__(
            f"no cluster {cluster_id!r}; take an id from the directory "
            "(`directory(cur).tb['cluster_id']`) or from data/sources/clusters/"
        )


class UnknownFilterError(ValueError):
    """A filter value that is not one of the valid ones (the message lists them)."""


@dataclass(frozen=True)
class Filters:
    """What the directory is narrowed to; empty means everything."""

    types: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    fd: str | None = None
    region: str | None = None
    years: tuple[int, int] | None = None  # first mentioned, inclusive
    search: str = ""

    def __post_init__(self) -> None:
        for name, valid in (("types", TYPES), ("statuses", STATUSES)):
            bad = [v for v in getattr(self, name) if v not in valid]
            if bad:
                raise UnknownFilterError(f"unknown {name} {bad}; valid: {', '.join(valid)}")


_CLUSTERS = """
WITH spans AS (
    SELECT cr.cluster_id,
           list(DISTINCT cr.region_code) FILTER (WHERE cr.region_code IS NOT NULL) AS codes,
           any_value(cr.region_code) FILTER (WHERE cr.is_main) AS main_code,
           string_agg(DISTINCT cr.outside_name, '; ') AS outside_name
    FROM cluster_regions cr GROUP BY 1
), mentioned AS (
    SELECT m.cluster_id,
           min(TRY_CAST(left(d.date, 4) AS INTEGER)) AS first_mentioned,
           list(m.place_ru ORDER BY d.date DESC NULLS LAST, m.source_line)
               FILTER (WHERE coalesce(m.place_ru, '') <> '') AS places,
           string_agg(concat_ws(' ', m.name_ru, m.name_en, m.specialisation_ru,
                                m.specialisation_en, m.place_ru), ' ') AS mention_text,
           list(DISTINCT m.source_file || ':' || m.source_line) AS citations
    FROM cluster_mentions m LEFT JOIN documents d USING (source_file) GROUP BY 1
)
SELECT c.cluster_id, c.name_ru, c.name_en, c.type, c.scope, c.specialisation_ru,
       c.specialisation_en, c.place_ru, coalesce(nullif(c.status, ''), 'unstated') AS status,
       c.status_year, m.first_mentioned, s.codes, s.main_code, s.outside_name, m.places,
       m.mention_text, m.citations, c.mentions, c.source_file, c.source_line
FROM clusters c JOIN spans s USING (cluster_id) JOIN mentioned m USING (cluster_id)
ORDER BY c.cluster_id
"""
_FIGURES = """
SELECT f.cluster_id, f.metric, f.value, f.unit, f.year, f.as_published, f.note,
       f.source_file, f.source_line
FROM cluster_facts f LEFT JOIN documents d USING (source_file)
WHERE f.metric IN (SELECT unnest(?))
QUALIFY row_number() OVER (PARTITION BY f.cluster_id, f.metric
                           ORDER BY f.year DESC NULLS LAST, d.date DESC NULLS LAST,
                                    f.source_line) = 1
"""


def qualifier(note: object) -> str:
    """'>' / '≥' / '≤' / '≈' for a figure our notes call a lower/upper bound or approximate.

    Examples
    --------
    >>> [qualifier(n) for n in ("lower bound (more than)", "Lower bound (at least); x",
    ...                         "upper bound; y", "approximate", "members", None)]
    ['>', '≥', '≤', '≈', '', '']
    """
    text = str(note or "").strip().lower()
    if text.startswith("lower bound"):
        return "≥" if text.startswith("lower bound (at least)") else ">"
    if text.startswith("upper bound"):
        return "≤"
    return "≈" if text.startswith("approx") else ""


def _names(cur: duckdb.DuckDBPyConnection) -> tuple[pd.DataFrame, pd.DataFrame]:
    regions = cur.execute("SELECT code, short_ru, short_en, name_ru, name_en, fd FROM regions").df()
    fds = cur.execute("SELECT code, short_ru, short_en FROM federal_districts ORDER BY rowid").df()
    return regions.set_index("code"), fds.set_index("code")


def _key_figures(cur: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """participants, participants_unit, participants_as_published … one row per cluster."""
    figures = cur.execute(_FIGURES, [list(KEY_FIGURES)]).df()
    figures["qualifier"] = figures["note"].map(qualifier)
    figures["source"] = figures["source_file"] + ":" + figures["source_line"].astype(str)
    wide = pd.DataFrame(index=pd.Index(sorted(figures["cluster_id"].unique()), name="cluster_id"))
    for metric in KEY_FIGURES:
        part = figures[figures["metric"] == metric].set_index("cluster_id")
        wide[metric] = part["value"]
        for column in ("unit", "year", "as_published", "qualifier", "source"):
            wide[f"{metric}_{column}"] = part[column]
    return wide.reset_index()


def _subject_columns(tb: pd.DataFrame, regions: pd.DataFrame, fds: pd.DataFrame) -> None:
    """Subjects main first, their districts in official order, and names in both languages."""
    tb["regions"] = [
        sorted(codes, key=lambda c, m=main: (c != m, c))
        for codes, main in zip(tb["codes"], tb["main_code"], strict=True)
    ]
    fd_of, order = regions["fd"].to_dict(), {code: i for i, code in enumerate(fds.index)}
    tb["fds"] = [sorted({fd_of[c] for c in codes}, key=order.get) for codes in tb["regions"]]
    for lang in ("ru", "en"):
        subject, district = regions[f"short_{lang}"].to_dict(), fds[f"short_{lang}"].to_dict()
        tb[f"subjects_{lang}"] = ["; ".join(subject[c] for c in codes) for codes in tb["regions"]]
        tb[f"fd_{lang}"] = ["; ".join(district[c] for c in codes) for codes in tb["fds"]]
    tb["multi_subject"] = tb["regions"].map(len) > 1
    tb["outside_map"] = tb["regions"].map(len) == 0


def _search_key(tb: pd.DataFrame, regions: pd.DataFrame) -> list[str]:
    """Every name, specialisation, place, subject and district of a row, folded for search."""
    full = (regions["name_ru"] + " " + regions["name_en"]).to_dict()
    columns = [
        "cluster_id",
        "mention_text",
        "subjects_ru",
        "subjects_en",
        "fd_ru",
        "fd_en",
        "outside_name",
    ]
    keys = []
    for row, codes in zip(tb[columns].itertuples(index=False), tb["regions"], strict=True):
        text = [str(v) for v in row if isinstance(v, str)] + [full[c] for c in codes]
        keys.append(fold(" ".join(text)))
    return keys


def all_clusters(cur: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every cluster of the directory, one row each, with its key figures and subjects."""
    tb = cur.execute(_CLUSTERS).df()
    regions, fds = _names(cur)
    for column in ("codes", "places", "citations"):
        tb[column] = [
            list(v) if hasattr(v, "__iter__") and not isinstance(v, str) else [] for v in tb[column]
        ]
    _subject_columns(tb, regions, fds)
    tb["search_key"] = _search_key(tb, regions)
    tb = tb.merge(_key_figures(cur), on="cluster_id", how="left")
    return tb.drop(columns=["codes", "main_code", "mention_text"])


def filter_clusters(tb: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    """The rows of `all_clusters` that pass every filter (a multi-subject cluster under each)."""
    keep = pd.Series(True, index=tb.index)
    if filters.types:
        keep &= tb["type"].isin(filters.types)
    if filters.statuses:
        keep &= tb["status"].isin(filters.statuses)
    if filters.region:
        keep &= tb["regions"].map(lambda codes: filters.region in codes)
    if filters.fd:
        keep &= tb["fds"].map(lambda codes: filters.fd in codes)
    if filters.years:
        low, high = filters.years
        keep &= tb["first_mentioned"].between(low, high)
    for word in fold(filters.search).split():
        keep &= tb["search_key"].str.contains(word, regex=False)
    return tb[keep].reset_index(drop=True)


def _row_citations(tb: pd.DataFrame) -> tuple[Citation, ...]:
    cited = {c for items in tb["citations"] for c in items}
    for metric in KEY_FIGURES:
        cited |= set(tb[f"{metric}_source"].dropna())
    pairs = pd.DataFrame([c.rsplit(":", 1) for c in cited], columns=["source_file", "source_line"])
    return citations_of(pairs.astype({"source_line": int})) if len(pairs) else ()


def directory(cur: duckdb.DuckDBPyConnection, filters: Filters = Filters()) -> Result:
    """The directory, narrowed by `filters`, one row per cluster, with every line it cites.

    Examples
    --------
    >>> tb = directory(cur, Filters(search="ЗЕЛЕНОГРАД")).tb  # doctest: +SKIP
    >>> tb["cluster_id"].tolist()  # doctest: +SKIP
    ['mow-zelenograd']
    """
    tb = filter_clusters(all_clusters(cur), filters)
    return Result(tb, _row_citations(tb), DATASET)


def by_subject(tb: pd.DataFrame, region: str | None = None) -> pd.DataFrame:
    """One row per (cluster, subject it spans), with the subject's name and the other subjects.

    `is_main` marks the cluster's main subject; `also_in_ru`/`also_in_en` name the others.
    """
    rows = []
    for _, row in tb[~tb["outside_map"]].iterrows():
        names = {lang: row[f"subjects_{lang}"].split("; ") for lang in ("ru", "en")}
        for i, code in enumerate(row["regions"]):
            if region and code != region:
                continue
            rows.append(
                {
                    **row.to_dict(),
                    "region": code,
                    "is_main": i == 0,
                    **{f"region_{lang}": names[lang][i] for lang in names},
                    **{f"also_in_{lang}": names[lang][:i] + names[lang][i + 1 :] for lang in names},
                }
            )
    out = pd.DataFrame(
        rows,
        columns=[
            *tb.columns,
            "region",
            "is_main",
            "region_ru",
            "region_en",
            "also_in_ru",
            "also_in_en",
        ],
    )
    return out.sort_values(["region", "cluster_id"]).reset_index(drop=True)


def totals(tb: pd.DataFrame) -> dict[str, int]:
    """Distinct clusters (national total, each once), subject rows, multi-subject, off-map."""
    return {
        "clusters": int(tb["cluster_id"].nunique()),
        "subject_rows": int(tb["regions"].map(len).sum()),
        "multi_subject": int(tb["multi_subject"].sum()),
        "outside_map": int(tb["outside_map"].sum()),
        "subjects": len({c for codes in tb["regions"] for c in codes}),
    }


# fmt: off
ANCHOR_COLUMNS = ["lon", "lat", "placed_at", "place_ru", "place_en", "anchor_region",
                  "place_source", "approximate"]
# fmt: on


def _anchor(row: pd.Series, points: pd.DataFrame) -> dict[str, object]:
    """The named place if the gazetteer has it (within the cluster's subjects), else the subject."""
    for text in [row["place_ru"], *row["places"]]:
        place = find_place(text, row["regions"])
        if place is not None:
            return {
                "lon": place["lon"],
                "lat": place["lat"],
                "placed_at": "place",
                "place_ru": place["place_ru"],
                "place_en": place["place_en"],
                "anchor_region": place["region_code"],
                "place_source": place["source"],
                "approximate": bool(place["approximate"]),
            }
    main = row["regions"][0]
    return {
        "lon": points.at[main, "lon"],
        "lat": points.at[main, "lat"],
        "placed_at": "subject",
        "place_ru": None,
        "place_en": None,
        "anchor_region": main,
        "place_source": "geodata/layers/region_points.csv",
        "approximate": True,
    }


def cluster_points(
    cur: duckdb.DuckDBPyConnection,
    types: tuple[str, ...] | list[str] | None = None,
    statuses: tuple[str, ...] | list[str] | None = None,
    ids: list[str] | None = None,
) -> Result:
    """One map point per cluster inside the 85 subjects: where the sources put it.

    A cluster sits at the town or district its text names when `geodata/gazetteer.csv`
    has that place in one of the cluster's subjects, else at its main subject's
    representative point (``approximate`` is then True). ``span_lon``/``span_lat`` hold the
    representative points of its other subjects.
    """
    tb = filter_clusters(
        all_clusters(cur), Filters(types=tuple(types or ()), statuses=tuple(statuses or ()))
    )
    if ids is not None:
        tb = tb[tb["cluster_id"].isin(ids)]
    tb = tb[~tb["outside_map"]].reset_index(drop=True)
    points = representative_points().set_index("code")
    anchors = pd.DataFrame(
        [_anchor(row, points) for _, row in tb.iterrows()], index=tb.index, columns=ANCHOR_COLUMNS
    )  # the columns named, so that no cluster is an empty table of the same shape
    tb = pd.concat([tb.drop(columns=["place_ru"]), anchors], axis=1)
    tb["span_lon"] = [[points.at[c, "lon"] for c in codes[1:]] for codes in tb["regions"]]
    tb["span_lat"] = [[points.at[c, "lat"] for c in codes[1:]] for codes in tb["regions"]]
    return Result(tb, _row_citations(tb), DATASET)


def outside_map(cur: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Clusters placed outside the 85 subjects, with the name of the place as published."""
    tb = all_clusters(cur)
    return tb[tb["outside_map"]][
        [
            "cluster_id",
            "name_ru",
            "name_en",
            "type",
            "status",
            "outside_name",
            "source_file",
            "source_line",
        ]
    ]


@dataclass(frozen=True)
class ClusterProfile:
    """Everything the sources say about one cluster, each figure with its document and line."""

    cluster: pd.Series
    figures: pd.DataFrame  # every cluster_facts row, with its document
    history: pd.DataFrame  # every mention, oldest document first
    related: pd.DataFrame
    criteria: pd.DataFrame  # one row per official criterion, with a verdict
    citations: tuple[Citation, ...]


_DOC = "d.title_ru, d.title_en, d.issue, d.date"


def _figures(cur: duckdb.DuckDBPyConnection, cluster_id: str) -> pd.DataFrame:
    tb = cur.execute(
        f"SELECT f.metric, f.value, f.unit, f.year, f.as_published, f.note, f.source_file, "
        f"f.source_line, {_DOC} FROM cluster_facts f LEFT JOIN documents d USING (source_file) "
        "WHERE f.cluster_id = ? ORDER BY array_position(?, f.metric) NULLS LAST, f.metric, "
        "f.year DESC NULLS LAST, d.date DESC, f.source_line",
        [cluster_id, list(KEY_FIGURES)],
    ).df()
    tb["qualifier"] = tb["note"].map(qualifier)
    return tb


def _history(cur: duckdb.DuckDBPyConnection, cluster_id: str) -> pd.DataFrame:
    return cur.execute(
        "SELECT coalesce(nullif(m.status, ''), 'unstated') AS status, m.status_year, "
        f"m.name_ru, m.name_en, m.place_ru, m.source_file, m.source_line, {_DOC} "
        "FROM cluster_mentions m LEFT JOIN documents d USING (source_file) "
        "WHERE m.cluster_id = ? ORDER BY d.date NULLS FIRST, m.status_year NULLS FIRST, "
        "m.source_line",
        [cluster_id],
    ).df()


def _words(text: object) -> set[str]:
    """Specialisation words cut to a six-letter stem ('pharmaceuticals' ~ 'pharmaceutical')."""
    return {w[:6] for w in re.findall(r"[a-z]{4,}", str(text or "").lower())} - {"and", "other"}


def related_clusters(tb: pd.DataFrame, cluster_id: str, limit: int = 6) -> pd.DataFrame:
    """Clusters elsewhere (another main subject) of the same type or a similar specialisation."""
    me = tb.set_index("cluster_id").loc[cluster_id]
    main = me["regions"][0] if me["regions"] else None
    others = tb[
        (tb["cluster_id"] != cluster_id)
        & tb["regions"].map(lambda c: (c[0] if c else None) != main)
    ].copy()
    mine = _words(me["specialisation_en"])
    others["shared"] = others["specialisation_en"].map(lambda s: len(mine & _words(s)))
    others["same_type"] = others["type"] == me["type"]
    others["score"] = 2 * others["shared"] + others["same_type"]
    others = others[others["score"] > 0]
    return others.sort_values(["score", "cluster_id"], ascending=[False, True]).head(limit)


def check_criteria(cur: duckdb.DuckDBPyConnection, cluster: pd.Series) -> pd.DataFrame:
    """The official criteria for the cluster's type and what its published figures show.

    `verdict` is 'meets' or 'does_not_meet' where a figure measures the criterion, else
    'not_enough_data' (no figure, or a qualitative criterion the sources do not report on).
    A lower bound below the threshold ('more than 20' against 30) stays 'not_enough_data'.
    """
    tb = cur.execute(
        "SELECT * FROM cluster_criteria WHERE cluster_type = ? ORDER BY framework, source_line, "
        "criterion_id",
        [cluster["type"]],
    ).df()
    where = FRAMEWORK_REGION.get
    applies = [where(f) in (None, *cluster["regions"]) for f in tb["framework"]]
    tb = tb.loc[pd.Series(applies, index=tb.index, dtype=bool)].reset_index(drop=True)
    verdicts, bases = [], []
    for row in tb.itertuples():
        metric = MEASURED_BY.get(row.criterion_id)
        value = cluster.get(metric) if metric else None
        if value is None or pd.isna(value):
            verdicts.append("not_enough_data")
            bases.append(None)
            continue
        # A lower bound proves 'meets' only above the threshold, an upper bound only 'does not'.
        mark = cluster.get(f"{metric}_qualifier")
        if value >= row.threshold:
            verdicts.append("not_enough_data" if mark == "≤" else "meets")
        else:
            verdicts.append("not_enough_data" if mark in (">", "≥") else "does_not_meet")
        bases.append(
            {
                k: cluster.get(f"{metric}_{k}")
                for k in ("as_published", "source", "year", "qualifier")
            }
            | {"value": value, "metric": metric}
        )
    tb["verdict"], tb["basis"] = verdicts, bases
    tb["measured"] = tb["criterion_id"].isin(MEASURED_BY)
    return tb


def cluster_profile(cur: duckdb.DuckDBPyConnection, cluster_id: str) -> ClusterProfile:
    """One cluster: the directory row, every figure, status history, related, criteria."""
    everything = all_clusters(cur)
    if cluster_id not in set(everything["cluster_id"]):
        raise UnknownClusterError(cluster_id)
    cluster = everything.set_index("cluster_id", drop=False).loc[cluster_id]
    figures, history = _figures(cur, cluster_id), _history(cur, cluster_id)
    criteria = check_criteria(cur, cluster)
    cited = pd.concat(
        [
            figures[["source_file", "source_line"]],
            history[["source_file", "source_line"]],
            criteria[["source_file", "source_line"]],
        ]
    )
    return ClusterProfile(
        cluster,
        figures,
        history,
        related_clusters(everything, cluster_id),
        criteria,
        citations_of(cited),
    )


def type_status_by_fd(tb: pd.DataFrame, fds: pd.DataFrame) -> pd.DataFrame:
    """Clusters per district × type × status (a cluster spanning districts counts in each)."""
    rows = tb[~tb["outside_map"]].explode("fds")
    counts = rows.groupby(["fds", "type", "status"]).size().rename("clusters").reset_index()
    counts = counts.rename(columns={"fds": "fd"}).merge(fds, left_on="fd", right_index=True)
    order = {code: i for i, code in enumerate(fds.index)}
    return counts.sort_values("fd", key=lambda s: s.map(order)).reset_index(drop=True)


def district_names(cur: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """The 8 districts in official order (code index; short_ru, short_en)."""
    return _names(cur)[1]


def stated_counts(cur: duckdb.DuckDBPyConnection) -> Result:
    """National cluster counts the documents state, beside the matching directory count."""
    tb = cur.execute(
        f"SELECT k.geo, k.metric, k.value, k.unit, k.year, k.as_published, k.note, "
        f"k.source_file, k.source_line, {_DOC} FROM cluster_counts k "
        "LEFT JOIN documents d USING (source_file) "
        "WHERE k.geo = 'RU' AND k.metric IN (SELECT unnest(?)) ORDER BY k.year, k.metric",
        [list(COUNTERPARTS)],
    ).df()
    tb["directory"] = [
        cur.execute(f"SELECT count(*) FROM clusters WHERE {COUNTERPARTS[m]}").fetchone()[0]
        for m in tb["metric"]
    ]
    return Result(tb, citations_of(tb), DATASET)
