"""Files of organisations or counts (CSV, Parquet, XLSX) → checked datasets in a new DB version.

Start at `import_file` (``python -m atlas import FILE``). Modules, in the order a file
goes through them: `readers` (any file → text cells with row numbers), `headers` (column
names → fields), `values` (regions, industries, OKVED codes), `orgs` / `counts` (row
checks), `report` (what happened to every row), `load` (cube and atomic publish).
"""

from etl.importer.errors import (
    FileFormatError,
    HeaderError,
    ImportFailed,
    ImportRefused,
    UnsafeNameError,
)
from etl.importer.load import CheckedFile, check_file, import_file, write_dataset
from etl.importer.report import ImportReport

__all__ = [
    "CheckedFile",
    "FileFormatError",
    "HeaderError",
    "ImportFailed",
    "ImportRefused",
    "ImportReport",
    "UnsafeNameError",
    "check_file",
    "import_file",
    "write_dataset",
]
