"""An import file → a checked dataset (report + cube rows) → a new database version, atomically.

Checking happens in a private in-memory DuckDB before the store is touched: a file that is
refused (more rejected rows than allowed) changes nothing. Loading runs inside
`atlas.store.publish(..., start_from_current=True)`: a copy of the current version gets the
dataset's rows replaced (other datasets untouched) and becomes current with one atomic link
swap; if anything fails the copy is deleted and the current version stays as it was. `publish`
holds the data folder's one writer lock from the copy to the swap, so an import never starts
from a version that another import or a build is about to replace.

The database keeps the cube only, with the file's base name and SHA-256 as provenance; the
organisations themselves (names, INNs) stay in the user's file.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

import duckdb
import pandas as pd

from atlas.store import publish
from etl import cube, okved
from etl.importer.counts import check_counts
from etl.importer.errors import (
    FileFormatError,
    HeaderError,
    ImportFailed,
    ImportRefused,
    UnsafeNameError,
)
from etl.importer.headers import ColumnMap, Kind, detect_kind, map_headers
from etl.importer.orgs import Scope, check_orgs
from etl.importer.readers import RawTable, read_table
from etl.importer.report import OUTSIDE_COLUMNS, REJECTION_COLUMNS, ImportReport
from etl.seed_tables import PUBLISHED_DATASET

DEFAULT_MAX_REJECT_SHARE = 0.05
MAX_NAME_LENGTH = 200
SYNTHETIC_WORDS = ("SYNTHETIC", "СИНТЕТИЧ")
_DATASET_ID = re.compile(r"[a-z0-9][a-z0-9_-]{0,62}")
# Control characters and invisible direction/zero-width marks that could disguise a name.
_UNSAFE = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")


@dataclass
class CheckedFile:
    """A file that has been read and validated, ready to be written into a database."""

    report: ImportReport
    observations: pd.DataFrame
    dataset: dict[str, object]


def safe_file_name(path: Path | str) -> str:
    """Return the base name of a path, refusing names that are empty or hide characters.

    Examples
    --------
    >>> safe_file_name("../../uploads/orgs 2024.csv")
    'orgs 2024.csv'
    >>> safe_file_name("evil\\u202egpj.csv")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    etl.importer.errors.UnsafeNameError: file name 'evil\\u202egpj.csv' contains control or ...
    """
    name = Path(str(path)).name
    if name in ("", ".", "..") or "\\" in name or len(name) > 255:
        raise UnsafeNameError(f"{str(path)!r} does not end in a usable file name; give a file")
    if _UNSAFE.search(name):
        raise UnsafeNameError(
            f"file name {name!r} contains control or invisible characters; rename the file"
        )
    return name


def safe_label(label: str) -> str:
    """Return a trimmed label, refusing control characters and labels over 200 characters."""
    label = " ".join(str(label).split(" ")).strip()
    if not label or len(label) > MAX_NAME_LENGTH or _UNSAFE.search(label):
        raise UnsafeNameError(
            f"label {label!r} must be 1–{MAX_NAME_LENGTH} characters without "
            "control or invisible characters"
        )
    return label


def default_dataset_id(file_name: str, sha256: str) -> str:
    """``import-<file stem as a slug>`` (or the checksum's start when the stem has no Latin).

    Examples
    --------
    >>> default_dataset_id("Creative Orgs 2024.csv", "ab12" * 16)
    'import-creative-orgs-2024'
    >>> default_dataset_id("организации.xlsx", "ab12" * 16)
    'import-ab12ab12'
    """
    slug = re.sub(r"[^a-z0-9]+", "-", Path(file_name).stem.lower()).strip("-")[:40]
    return f"import-{slug or sha256[:8]}"


def check_dataset_id(dataset_id: str, *, synthetic: bool) -> str:
    """Refuse malformed ids, the published dataset's id, and real data in the synthetic demo."""
    from etl.synthetic import SYNTHETIC_DATASET

    if not _DATASET_ID.fullmatch(dataset_id):
        raise UnsafeNameError(
            f"dataset id {dataset_id!r} must be 1–63 lower-case letters, "
            "digits, '-' or '_', starting with a letter or digit"
        )
    if dataset_id == PUBLISHED_DATASET:
        raise ImportFailed(
            f"{PUBLISHED_DATASET!r} holds the published figures and cannot be "
            "replaced by an import; choose another --dataset-id"
        )
    if dataset_id == SYNTHETIC_DATASET and not synthetic:
        raise ImportFailed(
            f"{SYNTHETIC_DATASET!r} is reserved for the synthetic demo; choose another --dataset-id"
        )
    return dataset_id


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with Path(path).open("rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def check_file(
    path: Path | str,
    *,
    dataset_id: str | None = None,
    label: str | None = None,
    label_en: str | None = None,
    kind: Kind | None = None,
    mapping: Mapping[str, str] | None = None,
    max_reject_share: float = DEFAULT_MAX_REJECT_SHARE,
    count_secondary: bool = False,
    scope: Scope = "auto",
    years: tuple[int | None, int | None] | None = None,
    synthetic: bool = False,
    origin: str | None = None,
    today: dt.date | None = None,
    follow_symlinks: bool = False,
    file_name: str | None = None,
) -> CheckedFile:
    """Read and validate a file and compute its cube, without touching any database.

    Parameters are those of `import_file`; ``label_en`` and ``origin`` default to ``label``
    and the file name. ``file_name`` is the name the file is reported and stored under
    (default: the path's base name; the import page saves uploads under random names).
    The report says whether the file would be refused (`ImportReport.refused`). A symbolic
    link is refused unless ``follow_symlinks`` (the CLI's ``--follow-symlinks``, a deliberate
    choice); an upload path must never set it.
    """
    path = Path(path)
    if path.is_symlink() and not follow_symlinks:
        # A link can point anywhere (/etc/passwd); nothing of its target is read or quoted.
        raise UnsafeNameError(
            f"{path.name} is a symbolic link; import the file itself, or pass "
            "--follow-symlinks to follow it deliberately"
        )
    names = _names(path, dataset_id, label, label_en, synthetic, file_name)
    if not 0 <= max_reject_share <= 1:
        raise ImportFailed(f"--max-reject-share {max_reject_share} must be a share from 0 to 1")
    checked = _read_and_validate(
        path, names, kind, mapping, today or dt.date.today(), (count_secondary, scope), years
    )
    report = _report(checked, names, max_reject_share, synthetic)
    dataset = _dataset_row(report, names.label_en, origin or f"import of {names.file_name}")
    return CheckedFile(report, checked.observations, dataset)


class _Validated(NamedTuple):
    """What reading and validating a file found, before it becomes a report."""

    raw: RawTable
    columns: ColumnMap
    result: object  # the kind's check (`check_orgs` or `check_counts`)
    covered: int  # subjects with at least one count
    span: tuple[int, int] | None  # the years counted
    observations: pd.DataFrame


def _read_and_validate(
    path: Path,
    names: _Names,
    kind: Kind | None,
    mapping: Mapping[str, str] | None,
    today: dt.date,
    classify: tuple[bool, Scope],
    years: tuple[int | None, int | None] | None,
) -> _Validated:
    """Read the file in a scratch DuckDB, map its headers, validate its rows and cube them."""
    with tempfile.TemporaryDirectory(prefix="atlas-import-") as tmp, duckdb.connect() as con:
        con.execute("SET preserve_insertion_order = false")
        try:
            raw = read_table(con, path, Path(tmp))
            columns = map_headers(raw.headers, kind or detect_kind(raw.headers), mapping)
        except (FileFormatError, HeaderError) as exc:
            if names.file_name in str(exc):
                raise
            raise type(exc)(f"{names.file_name}: {exc}") from exc
        result, covered, span = _validate(con, raw, columns, today, classify, years)
        observations = (
            cube.cube_frame(con, names.dataset_id, names.file_name)
            if result.rows_accepted and span
            else pd.DataFrame(columns=list(cube.OBSERVATION_COLUMNS))
        )
    return _Validated(raw, columns, result, covered, span, observations)


def _report(
    checked: _Validated, names: _Names, max_reject_share: float, synthetic: bool
) -> ImportReport:
    raw, columns, result = checked.raw, checked.columns, checked.result
    return ImportReport(
        file_name=names.file_name,
        sha256=names.sha256,
        kind=columns.kind,
        dataset_id=names.dataset_id,
        label=names.label,
        file_format=raw.file_format,
        rows_read=raw.rows_read,
        rows_accepted=result.rows_accepted,
        rows_rejected=int(result.problems["row"].nunique()),
        rows_outside=len(result.outside),
        duplicates_merged=result.duplicates_merged,
        rejections=_rejections(result.problems, raw, columns, names.file_name),
        outside=result.outside.assign(file=names.file_name)[OUTSIDE_COLUMNS],
        counted=getattr(result, "counted", None),
        scope=getattr(result, "scope", None),
        scope_reason=getattr(result, "scope_reason", ""),
        max_reject_share=max_reject_share,
        encoding=raw.encoding,
        delimiter=raw.delimiter,
        years=checked.span,
        regions_covered=checked.covered,
        ignored_columns=columns.ignored,
        synthetic=synthetic,
    )


class _Names(NamedTuple):
    file_name: str
    sha256: str
    dataset_id: str
    label: str
    label_en: str


def _names(
    path: Path,
    dataset_id: str | None,
    label: str | None,
    label_en: str | None,
    synthetic: bool,
    shown_name: str | None = None,
) -> _Names:
    """The checked names a dataset is stored and shown under."""
    file_name = safe_file_name(shown_name or path)
    if not path.is_file():
        raise ImportFailed(f"{path} is not a file")
    sha256 = file_sha256(path)
    dataset_id = check_dataset_id(
        dataset_id or default_dataset_id(file_name, sha256), synthetic=synthetic
    )
    label_en = safe_label(label_en or label or f"Import: {file_name}")
    label = safe_label(label or f"Импорт: {file_name}")
    if synthetic and not all(w in (label + label_en).upper() for w in SYNTHETIC_WORDS):
        raise ImportFailed(
            "a synthetic dataset must say so: its labels must contain SYNTHETIC and СИНТЕТИЧЕСКИЕ"
        )
    return _Names(file_name, sha256, dataset_id, label, label_en)


def _validate(
    con,
    raw: RawTable,
    columns: ColumnMap,
    today: dt.date,
    classify: tuple[bool, Scope],
    years: tuple[int | None, int | None] | None,
):
    """Run the kind's checks and build `region_counts`; returns (check, subjects, years).

    `classify` is (count_secondary, scope) for organisation files."""
    first, last = years or (None, None)
    if columns.kind == "orgs":
        count_secondary, scope = classify
        result = check_orgs(
            con, raw, columns, today=today, count_secondary=count_secondary, scope=scope
        )
        if result.organisations == 0:
            return result, 0, None
        all_orgs = result.scope == "all"
        # A creative selection counts its creative rows only, years included.
        con.execute(
            "CREATE OR REPLACE TEMP VIEW counted_orgs AS SELECT * FROM orgs"
            + ("" if all_orgs else " WHERE industries IS NOT NULL")
        )
        try:
            span = cube.year_range(con, "counted_orgs", first=first, last=last, today=today)
        except cube.CubeError as exc:
            raise ImportFailed(str(exc)) from exc
        cube.org_counts(con, *span, orgs="counted_orgs", all_orgs=all_orgs)
    else:
        result = check_counts(con, raw, columns, today=today)
        con.execute(
            "DELETE FROM region_counts WHERE year < ? OR year > ?", [first or 0, last or 9999]
        )
        low, high = con.execute("SELECT min(year), max(year) FROM region_counts").fetchall()[0]
        if low is None and result.rows_accepted:
            raise ImportFailed(f"no accepted row lies in the years {first}–{last}; widen --years")
        span = (low, high) if low is not None else None
    covered = con.execute("SELECT count(DISTINCT region) FROM region_counts").fetchall()[0][0]
    return result, covered, span


def _rejections(
    problems: pd.DataFrame, raw: RawTable, columns: ColumnMap, file_name: str
) -> pd.DataFrame:
    header_of = {name: raw.headers[index] for name, index in columns.fields.items()}
    tb = problems.assign(file=file_name, column=problems["field"].map(header_of).fillna(""))
    tb["row"] = tb["row"].astype("int64")
    return tb[REJECTION_COLUMNS].reset_index(drop=True)


def _dataset_row(report: ImportReport, label_en: str, origin: str) -> dict[str, object]:
    years = f"{report.years[0]}–{report.years[1]}" if report.years else "none"
    note = (
        f"{report.kind} file; {report.scope_note()}years {years}; "
        f"{report.regions_covered} of 85 subjects "
        f"present; {report.rows_outside} rows outside the 85 subjects not counted; "
        f"{report.duplicates_merged} identical duplicate rows merged; industries by the "
        f"provisional OKVED mapping of {okved.mapping_date()}"
    )
    return {
        "dataset_id": report.dataset_id,
        "kind": "synthetic" if report.synthetic else "imported",
        "synthetic": report.synthetic,
        "label_ru": report.label,
        "label_en": label_en,
        "origin": origin,
        "file_name": report.file_name,
        "sha256": report.sha256,
        "rows_read": report.rows_read,
        "rows_accepted": report.rows_accepted,
        "rows_rejected": report.rows_rejected,
        "imported_at": dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0),
        "note": note,
    }


def write_dataset(con: duckdb.DuckDBPyConnection, checked: CheckedFile) -> None:
    """Replace one dataset's provenance row and observations in a database being built."""
    dataset_id = checked.report.dataset_id
    try:
        con.execute("DELETE FROM observations WHERE dataset_id = ?", [dataset_id])
    except duckdb.CatalogException as exc:
        raise ImportFailed(
            "the database has no observations table; build it first with `python -m atlas build`"
        ) from exc
    con.execute("DELETE FROM datasets WHERE dataset_id = ?", [dataset_id])
    row = checked.dataset
    con.execute(
        f"INSERT INTO datasets ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})",
        list(row.values()),
    )
    con.register("_observations", checked.observations)
    try:
        con.execute("INSERT INTO observations SELECT * FROM _observations")
    finally:
        con.unregister("_observations")


def import_file(
    path: Path | str,
    *,
    data_dir: Path | str | None = None,
    keep_versions: int | None = None,
    **options,
) -> ImportReport:
    """Import a file of organisations or counts as one dataset of a new database version.

    Parameters
    ----------
    path : path-like
        A CSV (UTF-8 or Windows-1251, any of ``; , TAB |``), Parquet or XLSX file.
    data_dir : path-like, optional
        The data folder with ``current.duckdb`` (default: the ATLAS_DATA_DIR setting).
    keep_versions : int, optional
        Database versions to keep (default: the ATLAS_KEEP_VERSIONS setting).
    **options
        ``dataset_id`` (default ``import-<file stem>``; re-importing the same id replaces
        that dataset only), ``label``, ``kind`` (``orgs`` | ``counts``, default: guessed from
        the header), ``mapping`` (``{file header: field}``), ``max_reject_share`` (default
        0.05), ``count_secondary`` (count additional OKVED codes' industries too), ``scope``
        (``auto`` | ``all`` | ``creative``: whether the file holds every organisation; see
        `etl.importer.orgs.resolve_scope`),
        ``years`` (``(first, last)``, either may be None).

    Returns
    -------
    ImportReport
        With ``version`` set to the new database file's name.

    Raises
    ------
    ImportRefused
        More rows were rejected than allowed (the report is attached); nothing changed.
    ImportFailed
        The file, its header, its name or the options cannot be used; nothing changed.
    """
    from atlas.settings import SETTINGS

    data_dir = Path(data_dir or SETTINGS.data_dir)
    checked = check_file(path, **options)
    if checked.report.refused:
        raise ImportRefused(checked.report)
    version = publish(
        lambda con: write_dataset(con, checked),
        data_dir,
        start_from_current=True,
        keep_versions=keep_versions or SETTINGS.keep_versions,
    )
    checked.report.version = version.name
    return checked.report
