"""An import file (CSV in any common encoding, Parquet, XLSX) → a DuckDB view of text cells.

Every format becomes the same view in the work connection (valid while the file and the
normalised copy exist; columns are read only when used): ``_row`` (the row number as a
spreadsheet shows it: with the header in row 1 the first record is row 2) and one VARCHAR
column per file column, ``c0, c1, …``, empty cells as NULL. Nothing is typed yet; validation
does that.

- CSV: the encoding is UTF-8 (with or without BOM), UTF-16 with BOM, or else Windows-1251;
  the delimiter is the one of ``; , TAB |`` that splits the first lines most consistently.
  The file is parsed once by Python's csv module (quoted cells may hold delimiters, quotes
  and line breaks; a quoted line break stays inside one row) into a normalised UTF-8 copy that
  DuckDB's ``read_csv`` reads as text. The first non-empty row is the header; blank lines
  are skipped but keep their row number; a row with more non-empty cells than the header
  is rejected.
- Parquet: DuckDB's ``read_parquet`` with ``file_row_number``; every column cast to text
  (dates as ``YYYY-MM-DD``).
- XLSX: the first worksheet, read with openpyxl without evaluating formulas: a formula cell
  is rejected with a clear reason rather than guessed. Rows are the sheet's row numbers.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from etl.importer.errors import FileFormatError

DELIMITERS = (";", ",", "\t", "|")
SAMPLE_BYTES = 256 * 1024
_CHUNK = 1 << 20


@dataclass(frozen=True)
class CellProblem:
    """A row the reader already knows is bad (wrong number of cells, a formula)."""

    row: int
    column: int | None
    value: str
    code: str
    reason: str


@dataclass
class RawTable:
    """The loaded file: view name, original headers and what the reader found."""

    table: str
    headers: list[str]
    rows_read: int
    file_format: str
    encoding: str | None = None
    delimiter: str | None = None
    problems: list[CellProblem] = field(default_factory=list)


def read_table(
    con: duckdb.DuckDBPyConnection, path: Path, workdir: Path, table: str = "raw"
) -> RawTable:
    """Expose an import file as view `table` of `con` (see the module docstring).

    Raises
    ------
    FileFormatError
        The file is empty, an old .xls, or cannot be parsed at all.
    """
    path = Path(path)
    head = path.open("rb").read(8)
    if not head:
        raise FileFormatError(f"{path.name} is empty")
    if head.startswith(b"PAR1"):
        return _read_parquet(con, path, table)
    if head.startswith(b"PK\x03\x04"):
        return _read_xlsx(con, path, workdir, table)
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise FileFormatError(
            f"{path.name} is an old Excel .xls workbook; save it as .xlsx or "
            "CSV (UTF-8) and import that"
        )
    return _read_csv(con, path, workdir, table)


# --- CSV -------------------------------------------------------------------------------------


def detect_encoding(path: Path) -> str:
    """Return ``utf-8-sig``, ``utf-16``, ``utf-8`` or ``cp1251`` for a text file.

    The whole file is decoded as UTF-8; one invalid byte anywhere means Windows-1251.
    """
    with path.open("rb") as handle:
        start = handle.read(4)
        if start.startswith(codecs.BOM_UTF8):
            return "utf-8-sig"
        if start.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            return "utf-16"
        handle.seek(0)
        decoder = codecs.getincrementaldecoder("utf-8")()
        try:
            while chunk := handle.read(_CHUNK):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return "cp1251"
    return "utf-8"


def detect_delimiter(sample: str) -> str:
    """Return the delimiter that gives the most columns, the same number on most lines.

    Examples
    --------
    >>> detect_delimiter('ИНН;Название;Регион\\n1;"ООО «А, Б»";Москва\\n')
    ';'
    >>> detect_delimiter("inn,name,region\\n1,x,Moscow\\n2,y,Tver\\n")
    ','
    """
    lines = sample.splitlines()[:50]
    if len(lines) > 1 and len(sample) >= SAMPLE_BYTES // 2:
        lines = lines[:-1]  # the sample may end mid-record
    best, best_score = DELIMITERS[0], (0, 0)
    for delim in DELIMITERS:
        try:
            rows = [r for r in csv.reader(lines, delimiter=delim) if r]
        except csv.Error:
            continue
        if not rows or len(rows[0]) < 2:
            continue
        width = len(rows[0])
        score = (sum(len(r) == width for r in rows), width)
        if score > best_score:
            best, best_score = delim, score
    return best


def _read_csv(con: duckdb.DuckDBPyConnection, path: Path, workdir: Path, table: str) -> RawTable:
    encoding = detect_encoding(path)
    with path.open(encoding=encoding, errors="replace", newline="") as handle:
        delimiter = detect_delimiter(handle.read(SAMPLE_BYTES))
    with path.open(encoding=encoding, errors="replace", newline="") as handle:
        records = csv.reader(handle, delimiter=delimiter, quotechar='"', doublequote=True)
        raw = _records(records, path.name)
        result = _write_normalised(con, raw, workdir / f"{table}.csv", table, "csv")
    result.encoding, result.delimiter = encoding, delimiter
    return result


def _records(reader: Iterable[list[str]], name: str) -> Iterator[tuple[int, list[str]]]:
    """(row number, cells) for every record; blank records keep their number."""
    csv.field_size_limit(16 * 1024 * 1024)
    number = 0
    try:
        for number, cells in enumerate(reader, start=1):
            yield number, cells
    except csv.Error as exc:
        raise FileFormatError(
            f"{name} cannot be parsed as CSV after row {number}: {exc}; "
            "save it again as CSV from a spreadsheet"
        ) from exc


# --- XLSX ------------------------------------------------------------------------------------


def _read_xlsx(con: duckdb.DuckDBPyConnection, path: Path, workdir: Path, table: str) -> RawTable:
    import openpyxl

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=False)
    except Exception as exc:  # openpyxl raises many types for a damaged zip
        raise FileFormatError(f"{path.name} cannot be opened as an .xlsx workbook: {exc}") from exc
    try:
        sheet = book.worksheets[0]
        formulas: list[CellProblem] = []
        raw = _sheet_records(sheet, formulas)
        result = _write_normalised(con, raw, workdir / f"{table}.csv", table, "xlsx")
    finally:
        book.close()
    result.problems.extend(formulas)
    return result


def _sheet_records(sheet, formulas: list[CellProblem]) -> Iterator[tuple[int, list[str]]]:
    for number, row in enumerate(sheet.iter_rows(min_row=1, min_col=1), start=1):
        cells = []
        for column, cell in enumerate(row):
            value = getattr(cell, "value", None)
            if getattr(cell, "data_type", None) == "f" or _is_formula(value):
                text = str(getattr(value, "text", value))
                formulas.append(
                    CellProblem(
                        number,
                        column,
                        text,
                        "formula_cell",
                        f"formula cell {text} is not evaluated by the importer; replace formulas "
                        "by their values (copy, paste special → values) and import again",
                    )
                )
                cells.append("")
            else:
                cells.append(_cell_text(value))
        yield number, cells


def _is_formula(value: object) -> bool:
    return type(value).__name__ in ("ArrayFormula", "DataTableFormula")


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and math.isfinite(value) and value.is_integer():
        return str(int(value))
    return str(value)


# --- shared ----------------------------------------------------------------------------------


def _write_normalised(
    con: duckdb.DuckDBPyConnection,
    records: Iterator[tuple[int, list[str]]],
    target: Path,
    table: str,
    file_format: str,
) -> RawTable:
    """Write `_row` + cells as plain UTF-8 CSV and load it with DuckDB's read_csv."""
    headers: list[str] | None = None
    problems: list[CellProblem] = []
    rows = 0
    with target.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, lineterminator="\n")
        for number, cells in records:
            if not any(c.strip() for c in cells):
                continue  # blank rows (also above the header) keep their numbers
            if headers is None:
                headers = [c.strip() for c in cells]
                while not headers[-1]:
                    headers.pop()
                writer.writerow(["_row", *(f"c{i}" for i in range(len(headers)))])
                continue
            rows += 1
            width = len(headers)
            if len(cells) > width and any(c.strip() for c in cells[width:]):
                problems.append(
                    CellProblem(
                        number,
                        None,
                        "",
                        "bad_row",
                        f"row has {len(cells)} cells, the header has {width}; a delimiter "
                        "inside a value needs quotes around the value",
                    )
                )
            cells = (cells + [""] * width)[:width]
            writer.writerow([number, *cells])
    if headers is None:
        raise FileFormatError(
            "the file has no rows at all; the first non-empty row must be the header"
        )
    columns = ", ".join(["'_row': 'BIGINT'", *(f"'c{i}': 'VARCHAR'" for i in range(len(headers)))])
    con.execute(
        f"CREATE OR REPLACE VIEW {table} AS SELECT * FROM read_csv({_literal(target)}, "
        "header = true, delim = ',', quote = '\"', escape = '\"', auto_detect = false, "
        f"columns = {{{columns}}}, max_line_size = 33554432)"
    )
    return RawTable(table, headers, rows, file_format, problems=problems)


def _read_parquet(con: duckdb.DuckDBPyConnection, path: Path, table: str) -> RawTable:
    try:
        schema = con.execute("DESCRIBE SELECT * FROM read_parquet(?)", [str(path)]).fetchall()
    except duckdb.Error as exc:
        raise FileFormatError(f"{path.name} cannot be read as Parquet: {exc}") from exc
    names = [name for name, *_ in schema]  # DuckDB renames a repeated name ("Регион_1")
    kinds = [kind for _, kind, *_ in schema]
    cells = ", ".join(
        f"nullif(trim({_parquet_text(h, kind)}), '') AS c{i}"
        for i, (h, kind) in enumerate(zip(names, kinds, strict=True))
    )
    headers = _parquet_headers(path, names)
    con.execute(
        f"CREATE OR REPLACE VIEW {table} AS SELECT file_row_number + 2 AS _row, {cells} "
        f"FROM read_parquet({_literal(path)}, file_row_number = true)"
    )
    rows = con.execute("SELECT count(*) FROM read_parquet(?)", [str(path)]).fetchall()[0][0]
    return RawTable(table, headers, rows, "parquet")


def _parquet_text(name: str, kind: str) -> str:
    """A Parquet column as text. A time-zone-aware timestamp becomes its date in Moscow time
    (the register's time zone): 2020-12-31 22:30 UTC was registered on 2021-01-01."""
    column = f'"{_quoted(name)}"'
    if kind.startswith("TIMESTAMP WITH TIME ZONE"):
        return f"CAST(CAST(timezone('Europe/Moscow', {column}) AS DATE) AS VARCHAR)"
    return f"CAST({column} AS VARCHAR)"


def _parquet_headers(path: Path, names: list[str]) -> list[str]:
    """The column names as the file stores them, so that two «Регион» columns are refused
    by the header check, as in a CSV, instead of DuckDB's «Регион_1» passing unnoticed."""
    import pyarrow.parquet as pq

    try:
        stored = pq.read_schema(path).names
    except Exception:  # pyarrow cannot read what DuckDB could: keep DuckDB's names
        return names
    return stored if len(stored) == len(names) else names


def _quoted(name: str) -> str:
    return name.replace('"', '""')


def _literal(path: Path) -> str:
    """A path as an SQL string literal (a view cannot hold bound parameters)."""
    return "'" + str(path).replace("'", "''") + "'"
