"""Transcribed seed tables → database rows (documents, creative figures, clusters)."""

from __future__ import annotations

import duckdb
import pandas as pd

from atlas.vocabulary import SCOPES, STATED_STATUSES, TYPES
from etl.sources import (
    CITATION,
    FLOAT,
    INT,
    LINE,
    REQUIRED,
    SEED_FILE,
    TEXT,
    SourceSpec,
    one_of,
    read_source,
)

PUBLISHED_DATASET = "hse-2025"
# A figure as a document prints it: national facts, and (with a cluster id or a place)
# a cluster's figures and the stated cluster counts.
FIGURE_COLUMNS = {
    "metric": REQUIRED,
    "value": FLOAT,
    "unit": REQUIRED,
    "year": INT,
    "as_published": REQUIRED,
    **CITATION,
    "note": TEXT,
}
DOCUMENTS = SourceSpec(
    "documents.csv",
    {
        "source_file": SEED_FILE,
        "kind": REQUIRED,
        "title_ru": REQUIRED,
        "title_en": REQUIRED,
        "publisher": REQUIRED,
        "issue": TEXT,
        "date": TEXT,
        "note": TEXT,
    },
)
INDUSTRIES = SourceSpec(
    "creative_industries.csv",
    {
        "industry_id": REQUIRED,
        "name_ru": REQUIRED,
        "name_en": REQUIRED,
        "as_published": REQUIRED,
        **CITATION,
    },
)
TOP20 = SourceSpec(
    "creative_top20.csv",
    {
        "rank": INT,
        "region_as_published": REQUIRED,
        "created": INT,
        "total": INT,
        "year": INT,
        "created_as_published": REQUIRED,
        "total_as_published": REQUIRED,
        **CITATION,
    },
)
FD_TABLE = SourceSpec(
    "creative_fd.csv",
    {
        "fd": REQUIRED,
        "fd_as_published": REQUIRED,
        "regions_total": INT,
        "regions_grew_2024_vs_2019": INT,
        "regions_moderate_or_high_creation": INT,
        "creation_coef_pct": FLOAT,
        "coef_as_published": REQUIRED,
        "year": INT,
        **CITATION,
    },
)
NATIONAL = SourceSpec("creative_national.csv", FIGURE_COLUMNS)
MENTIONS = SourceSpec(
    "clusters/*.csv",
    {
        "cluster_id": REQUIRED,
        "name_ru": REQUIRED,
        "name_en": TEXT,
        "type": one_of(*TYPES),
        "scope": one_of(*SCOPES),
        "specialisation_ru": TEXT,
        "specialisation_en": TEXT,
        "regions": REQUIRED,
        "place_ru": TEXT,
        "status": one_of(*STATED_STATUSES, empty_ok=True),
        "status_year": INT,
        "source_file": SEED_FILE,
        "source_line": LINE,
        "as_published": REQUIRED,
        "note": TEXT,
    },
)
FACTS = SourceSpec("cluster_facts/*.csv", {"cluster_id": REQUIRED, **FIGURE_COLUMNS})
CRITERIA = SourceSpec(
    "cluster_criteria.csv",
    {
        "criterion_id": REQUIRED,
        "framework": REQUIRED,
        "cluster_type": REQUIRED,
        "description_en": REQUIRED,
        "description_ru": REQUIRED,
        "comparator": REQUIRED,
        "threshold": FLOAT,
        "unit": TEXT,
        "as_published": REQUIRED,
        **CITATION,
    },
)
CLUSTER_COUNTS = SourceSpec("cluster_counts/*.csv", {"geo": REQUIRED, **FIGURE_COLUMNS})

ALL_SPECS = (
    DOCUMENTS,
    INDUSTRIES,
    TOP20,
    FD_TABLE,
    NATIONAL,
    MENTIONS,
    FACTS,
    CRITERIA,
    CLUSTER_COUNTS,
)


def _insert(con: duckdb.DuckDBPyConnection, table: str, frame: pd.DataFrame) -> None:
    columns = ", ".join(frame.columns)
    con.register("_frame", frame)
    try:
        con.execute(f"INSERT INTO {table} ({columns}) SELECT {columns} FROM _frame")
    finally:
        con.unregister("_frame")


def load_documents(con: duckdb.DuckDBPyConnection) -> None:
    _insert(con, "documents", read_source(DOCUMENTS).drop(columns=["file", "row"]))


def load_industries(con: duckdb.DuckDBPyConnection) -> None:
    """The 17 industries of the seeds, and the project's "creative, industry not specified"
    bucket (`etl.okved.UNSPECIFIED`), which cites the mapping file that declares it."""
    from etl import okved

    tb = read_source(INDUSTRIES)[["industry_id", "name_ru", "name_en", *CITATION]]
    bucket = pd.DataFrame(
        [[okved.UNSPECIFIED, *okved.UNSPECIFIED_NAMES, okved.MAPPING_CSV.name, None]],
        columns=tb.columns,
    )
    _insert(con, "creative_industries", pd.concat([tb, bucket], ignore_index=True))


def _observation(metric: str, level: str, geo: str, value, as_published, r) -> dict[str, object]:
    """One `observations` row of the published dataset, cited by seed row `r`."""
    return dict(
        dataset_id=PUBLISHED_DATASET,
        metric=metric,
        level=level,
        geo=geo,
        industry="all",
        year=r.year,
        value=value,
        as_published=as_published,
        source_file=r.source_file,
        source_line=r.source_line,
    )


def _top20_rows(region_code_of) -> list[dict[str, object]]:
    """Per subject of the top 20: organisations created, the total, and the published rank."""
    rows = []
    for r in read_source(TOP20).itertuples():
        code = region_code_of(r.region_as_published, r.file, r.row, "region_as_published")
        rows += [
            _observation("created", "region", code, r.created, r.created_as_published, r),
            _observation("orgs_total_published", "region", code, r.total, r.total_as_published, r),
            _observation("created_rank_published", "region", code, r.rank, str(r.rank), r),
        ]
    return rows


def _district_rows() -> list[dict[str, object]]:
    """Per district: the counts of subjects by trend and class, and the creation coefficient."""
    rows = []
    for r in read_source(FD_TABLE).itertuples():
        cells = {
            "regions_total": r.regions_total,
            "regions_grew_vs_2019": r.regions_grew_2024_vs_2019,
            "regions_moderate_high_creation": r.regions_moderate_or_high_creation,
        }
        rows += [_observation(m, "fd", r.fd, v, str(v), r) for m, v in cells.items()]
        rows.append(
            _observation("creation_coef", "fd", r.fd, r.creation_coef_pct, r.coef_as_published, r)
        )
    return rows


def _national_rows() -> list[dict[str, object]]:
    """Russia's figures, in units (a value published in thousands is multiplied out)."""
    scale = {"thousand": 1000.0}
    renamed = {"active_orgs": "active_end", "created_orgs": "created"}
    return [
        _observation(
            renamed.get(r.metric, r.metric),
            "country",
            "RU",
            r.value * scale.get(r.unit, 1.0),
            r.as_published,
            r,
        )
        for r in read_source(NATIONAL).itertuples()
    ]


def _published_observations(region_code_of) -> pd.DataFrame:
    """Seed 002's tables and national facts as rows of `observations`."""
    return pd.DataFrame([*_top20_rows(region_code_of), *_district_rows(), *_national_rows()])


def load_published(con: duckdb.DuckDBPyConnection, region_code_of) -> None:
    """The figures seed 002 publishes, as dataset `hse-2025`."""
    con.execute(
        "INSERT INTO datasets (dataset_id, kind, synthetic, label_ru, label_en, origin, note) "
        "VALUES (?, 'published', FALSE, ?, ?, ?, ?)",
        [
            PUBLISHED_DATASET,
            "ИСИЭЗ НИУ ВШЭ по данным «СПАРК-Интерфакс»: опубликованные показатели, 2024",
            "HSE ISSEK from SPARK-Interfax data: published figures, 2024",
            "002_d8f5a7355f1388eb.txt",
            "Only the top-20 regions and the 8 districts are published; "
            "other subjects have no data.",
        ],
    )
    _insert(con, "observations", _published_observations(region_code_of))
