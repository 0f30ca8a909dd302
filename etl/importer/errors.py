"""The importer's exceptions: each message says what to change before trying again."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from etl.importer.report import ImportReport


class ImportFailed(RuntimeError):
    """A file cannot be imported as it is; nothing was changed."""


class FileFormatError(ImportFailed):
    """The file is not a readable CSV, Parquet or XLSX table."""


class HeaderError(ImportFailed):
    """The header does not name the fields the importer needs (or names one twice)."""


class UnsafeNameError(ImportFailed):
    """A file name, label or dataset id that would be shown or stored is unsafe or malformed."""


class ImportRefused(ImportFailed):
    """Too many rows were rejected; the whole file was refused and `report` lists them."""

    def __init__(self, report: ImportReport) -> None:
        self.report = report
        if report.rows_accepted == 0:
            detail = (
                f"no row of {report.rows_read} could be used ({report.rows_rejected} "
                f"rejected, {report.rows_outside} outside the 85 subjects)"
            )
        else:
            detail = (
                f"{report.rows_rejected} of {report.rows_read} rows "
                f"({report.rejected_share:.1%}) rejected, above the "
                f"{report.max_reject_share:.1%} limit"
            )
        super().__init__(
            f"import refused: {detail}. Nothing was changed. Fix the rows listed in the "
            "report (write it with --report PATH), or raise --max-reject-share if dropping "
            "them is intended."
        )
