"""Build the embedded database from the transcribed sources and the geography reference tables."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb

from etl import clusters, seed_tables
from etl.sources import SOURCES_DIR, SourceFileError
from geodata.regions import (
    UnknownRegionError,
    federal_districts,
    normalize_region,
    region_codes,
    regions,
)

SCHEMA = Path(__file__).with_name("schema.sql")
SCHEMA_VERSION = "1"


def create_schema(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(SCHEMA.read_text(encoding="utf-8"))


def _region_code_of(name: str, file: str, row: int, field: str) -> str:
    try:
        return normalize_region(name)
    except UnknownRegionError as exc:
        raise SourceFileError(SOURCES_DIR / file, row, field, str(exc)) from exc


def _document_years(con: duckdb.DuckDBPyConnection) -> dict[str, int | None]:
    rows = con.execute("SELECT source_file, date FROM documents").fetchall()
    return {name: int(date[:4]) if date else None for name, date in rows}


def load_geography(con: duckdb.DuckDBPyConnection) -> None:
    con.register("_fd", federal_districts())
    con.execute(
        "INSERT INTO federal_districts SELECT code, name_ru, name_en, short_ru, short_en FROM _fd"
    )
    con.register("_regions", regions())
    con.execute(
        "INSERT INTO regions SELECT code, okato, name_ru, short_ru, name_en, short_en, fd "
        "FROM _regions"
    )
    con.unregister("_fd")
    con.unregister("_regions")


def build_database(con: duckdb.DuckDBPyConnection) -> None:
    """Create every table of a fresh database version (the seeds' figures, no imports)."""
    create_schema(con)
    load_geography(con)
    seed_tables.load_documents(con)
    seed_tables.load_industries(con)
    seed_tables.load_published(con, _region_code_of)
    known = set(region_codes())
    clusters.load_clusters(con, known.__contains__, _document_years(con))
    con.executemany(
        "INSERT INTO meta VALUES (?, ?)",
        [
            ("schema_version", SCHEMA_VERSION),
            ("built_at", dt.datetime.now(dt.UTC).isoformat(timespec="seconds")),
            ("default_dataset", seed_tables.PUBLISHED_DATASET),
        ],
    )
