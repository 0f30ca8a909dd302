"""Read the transcribed source files in `data/sources/` into checked tables.

Each file has a declared schema; a bad cell stops the build with an error that
names the file, the row (1-based, header = row 1) and the field.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from atlas.settings import REPO_ROOT

SOURCES_DIR = REPO_ROOT / "data" / "sources"


class SourceFileError(ValueError):
    """A transcribed source file breaks its schema; fix the named cell."""

    def __init__(self, path: Path, row: int, field: str, problem: str) -> None:
        self.path, self.row, self.field, self.problem = path, row, field, problem
        super().__init__(f"{path.name}, row {row}, field '{field}': {problem}")


def _text(value: str) -> str:
    return value.strip()


def _required(value: str) -> str:
    if not value.strip():
        raise ValueError("is empty")
    return value.strip()


def _int(value: str) -> int | None:
    return int(value) if value.strip() else None


def _float(value: str) -> float | None:
    return float(value.replace(",", ".")) if value.strip() else None


def _seed_file(value: str) -> str:
    value = _required(value)
    if not (value.endswith(".txt") and "/" not in value):
        raise ValueError(f"{value!r} is not a seed file name like 002_d8f5a7355f1388eb.txt")
    return value


def _line(value: str) -> int:
    line = int(_required(value))
    if line < 1:
        raise ValueError("line numbers start at 1")
    return line


def one_of(*allowed: str, empty_ok: bool = False) -> Callable[[str], str]:
    def check(value: str) -> str:
        value = value.strip()
        if (value or not empty_ok) and value not in allowed:
            raise ValueError(f"{value!r} is not one of {', '.join(allowed)}")
        return value

    return check


TEXT, REQUIRED, INT, FLOAT = _text, _required, _int, _float
SEED_FILE, LINE = _seed_file, _line
CITATION = {"source_file": SEED_FILE, "source_line": LINE}


@dataclass(frozen=True)
class SourceSpec:
    """A transcribed file (or a glob of them) and the parser of each column."""

    pattern: str
    columns: dict[str, Callable[[str], object]]

    def paths(self, root: Path = SOURCES_DIR) -> list[Path]:
        return sorted(root.glob(self.pattern))


def read_source(spec: SourceSpec, root: Path = SOURCES_DIR) -> pd.DataFrame:
    """All rows of every file matching the spec, parsed, with `file` and `row` columns added."""
    records: list[dict[str, object]] = []
    for path in spec.paths(root):
        records.extend(_read_file(path, spec))
    return pd.DataFrame(records, columns=[*spec.columns, "file", "row"])


def _read_file(path: Path, spec: SourceSpec) -> Iterable[dict[str, object]]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in spec.columns if c not in (reader.fieldnames or [])]
        if missing:
            raise SourceFileError(path, 1, missing[0], "column is missing from the header")
        for row_number, raw in enumerate(reader, start=2):
            record: dict[str, object] = {"file": path.name, "row": row_number}
            for column, parse in spec.columns.items():
                cell = raw.get(column)
                if cell is None:
                    raise SourceFileError(path, row_number, column, "row has too few cells")
                try:
                    record[column] = parse(cell)
                except ValueError as exc:
                    raise SourceFileError(path, row_number, column, str(exc)) from exc
            yield record
