"""Build the embedded database from the transcribed sources and the geography reference tables."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import duckdb

from atlas.settings import REPO_ROOT
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
_BUILD_INPUTS = ("data/sources/**/*.csv", "etl/*.py", "etl/schema.sql", "geodata/*.csv")
SCHEMA_VERSION = "1"


def sources_digest() -> str:
    """A digest of everything a build reads, so a stale database can be detected."""
    digest = hashlib.sha256()
    for pattern in _BUILD_INPUTS:
        for path in sorted(REPO_ROOT.glob(pattern)):
            digest.update(path.relative_to(REPO_ROOT).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


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


def carry_over_imports(con: duckdb.DuckDBPyConnection, previous: Path) -> list[str]:
    """Copy the user-imported datasets of the previous version into the one being built.

    A rebuild re-reads the transcribed sources; what users imported lives only in the
    database (their files are not kept), so it is carried over, never dropped.
    """
    con.execute("ATTACH ? AS previous (READ_ONLY)", [str(previous)])
    try:
        ids = [
            r[0]
            for r in con.execute(
                "SELECT dataset_id FROM previous.datasets WHERE kind = 'imported'"
            ).fetchall()
        ]
        for table in ("datasets", "observations"):
            columns = ", ".join(
                r[0]
                for r in con.execute(
                    "SELECT column_name FROM duckdb_columns() WHERE database_name = 'previous' "
                    "AND table_name = ? AND column_name IN (SELECT column_name FROM "
                    "duckdb_columns() WHERE database_name = current_database() "
                    "AND table_name = ?) ORDER BY column_index",
                    [table, table],
                ).fetchall()
            )
            con.execute(
                f"INSERT INTO {table} ({columns}) SELECT {columns} FROM previous.{table} "
                "WHERE dataset_id IN (SELECT unnest(?))",
                [ids],
            )
    finally:
        con.execute("DETACH previous")
    return ids


def build_database(
    con: duckdb.DuckDBPyConnection, *, previous: Path | None = None, synthetic: bool = True
) -> None:
    """Create every table of a new database version.

    The seeds' figures and clusters, the labelled synthetic demo (`synthetic-demo`) unless
    `synthetic` is False, and the imported datasets of the `previous` version if given.
    """
    create_schema(con)
    load_geography(con)
    seed_tables.load_documents(con)
    seed_tables.load_industries(con)
    seed_tables.load_published(con, _region_code_of)
    known = set(region_codes())
    clusters.load_clusters(con, known.__contains__, _document_years(con))
    if synthetic:
        from etl.synthetic import add_synthetic_demo

        add_synthetic_demo(con)
    if previous is not None:
        carry_over_imports(con, previous)
    con.executemany(
        "INSERT INTO meta VALUES (?, ?)",
        [
            ("schema_version", SCHEMA_VERSION),
            ("built_at", dt.datetime.now(dt.UTC).isoformat(timespec="seconds")),
            ("default_dataset", seed_tables.PUBLISHED_DATASET),
            ("sources_digest", sources_digest()),
        ],
    )
