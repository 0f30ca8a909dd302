"""What an import did with every row → a report to print, test against or save as CSV.

Errors are data here: a rejected row is a line of `ImportReport.rejections` with the file
name, the row number as a spreadsheet shows it (header = row 1), the column, the field, the
value and the reason. Rows naming a place outside the 85 subjects are not errors; they are
listed apart in `ImportReport.outside` and not counted in the rejected share. Every other
row is counted: creative (with its industries) or not creative (`ImportReport.counted`);
only rejected rows count towards the refusal threshold.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from atlas.spreadsheet import neutralise_frame
from etl.importer.readers import RawTable

PROBLEM_COLUMNS = ["row", "field", "value", "code", "reason"]
REJECTION_COLUMNS = ["file", "row", "column", "field", "value", "code", "reason"]
OUTSIDE_COLUMNS = ["file", "row", "value", "territory"]
STATUSES = ("creative", "not_creative", "outside", "rejected")
REASONS = {
    "missing_value": "a required cell is empty",
    "unknown_region": "region not recognised",
    "ambiguous_region": "region spelling fits several subjects",
    "composite_total": "oblast total including its autonomous okrugs",
    "bad_date": "date cannot be read",
    "future_date": "date after today",
    "date_before_1991": "date before 1991-01-01",
    "liquidation_before_registration": "liquidated before registered",
    "duplicate_conflict": "same id (or region-year-industry) with conflicting data",
    "unknown_okved": "not an OKVED 2 code",
    "no_industry": "neither an industry nor an OKVED code",
    "unknown_industry": "industry not recognised",
    "formula_cell": "spreadsheet formula instead of a value",
    "bad_row": "more cells than the header",
    "bad_year": "year missing or out of range",
    "bad_count": "count is not a whole number ≥ 0",
    "inconsistent_counts": "counts do not add up",
}


def merge_reader_problems(
    problems: pd.DataFrame, raw: RawTable, fields: dict[str, int]
) -> pd.DataFrame:
    """Add the reader's problems (bad rows, formula cells in used columns) to `problems` and
    drop the ones they explain (a formula cell also reads as an empty cell)."""
    field_of = {index: name for name, index in fields.items()}
    rows = [
        (p.row, field_of.get(p.column, ""), p.value, p.code, p.reason)
        for p in raw.problems
        if p.column is None or p.column in field_of
    ]
    reader = pd.DataFrame(rows, columns=PROBLEM_COLUMNS)
    if reader.empty:
        return problems
    explained = set(zip(reader["row"], reader["field"], strict=True))
    whole_rows = set(reader.loc[reader["field"] == "", "row"])
    keep = [
        (r, f) not in explained and r not in whole_rows
        for r, f in zip(problems["row"], problems["field"], strict=True)
    ]
    return pd.concat([problems[keep], reader], ignore_index=True)


@dataclass
class ImportReport:
    """The outcome of checking (and perhaps loading) one file.

    ``rows_read = rows_accepted + rows_rejected + rows_outside``; identical duplicate rows
    are accepted and merged (``duplicates_merged``), so the cube counts
    ``rows_accepted - duplicates_merged`` organisations (or region-year rows).
    """

    file_name: str
    sha256: str
    kind: str
    dataset_id: str
    label: str
    file_format: str
    rows_read: int
    rows_accepted: int
    rows_rejected: int
    rows_outside: int
    duplicates_merged: int
    rejections: pd.DataFrame
    outside: pd.DataFrame
    max_reject_share: float
    encoding: str | None = None
    delimiter: str | None = None
    years: tuple[int, int] | None = None
    regions_covered: int = 0
    ignored_columns: tuple[str, ...] = field(default=())
    synthetic: bool = False
    version: str | None = None
    counted: pd.DataFrame | None = None  # row, industries (NaN: not creative); orgs files
    scope: str | None = None  # 'all' | 'creative' for organisation files
    scope_reason: str = ""

    @property
    def rows_creative(self) -> int:
        return 0 if self.counted is None else int(self.counted["industries"].notna().sum())

    @property
    def rows_not_creative(self) -> int:
        return 0 if self.counted is None else int(self.counted["industries"].isna().sum())

    def creative_by_industry(self) -> dict[str, int]:
        """Counted creative rows per industry id (a row in two industries counts in both)."""
        if self.counted is None:
            return {}
        keys = self.counted["industries"].dropna().astype(str)
        found = keys.str.split(";").explode().value_counts()
        return {str(k): int(v) for k, v in found.items()}

    def scope_note(self) -> str:
        """What the file holds, for the dataset's note (empty for counts files)."""
        if self.scope is None:
            return ""
        what = "all organisations" if self.scope == "all" else "creative organisations only"
        return (
            f"scope: {what} ({self.scope_reason}); counted creative {self.rows_creative}, "
            f"counted not creative {self.rows_not_creative}; "
        )

    @property
    def rejected_share(self) -> float:
        return self.rows_rejected / self.rows_read if self.rows_read else 1.0

    @property
    def refused(self) -> bool:
        """True when the rejected share is above the limit (or nothing was accepted)."""
        return self.rejected_share > self.max_reject_share or self.rows_accepted == 0

    def reason_counts(self) -> dict[str, int]:
        """Rejected rows per reason code (a row with two problems counts under both)."""
        grouped = self.rejections.groupby("code")["row"].nunique()
        return {str(k): int(v) for k, v in grouped.sort_values(ascending=False).items()}

    def summary(self, limit: int = 20) -> str:
        """A plain-text report: totals, reasons, the first `limit` rejected rows."""
        fmt = self.file_format + (
            f", {self.encoding}, delimiter {self.delimiter!r}" if self.encoding else ""
        )
        lines = [
            f"{self.file_name} ({fmt}) → dataset {self.dataset_id!r}"
            + (" [SYNTHETIC]" if self.synthetic else ""),
            f"  rows read {self.rows_read}: accepted {self.rows_accepted} "
            f"(identical duplicates merged {self.duplicates_merged}), rejected "
            f"{self.rows_rejected} ({self.rejected_share:.1%}, limit "
            f"{self.max_reject_share:.1%}), outside the 85 subjects {self.rows_outside}",
        ]
        if self.scope is not None:
            lines.append(
                f"  counted creative {self.rows_creative}, counted not creative "
                f"{self.rows_not_creative}; scope "
                + ("all organisations" if self.scope == "all" else "creative only")
                + f" ({self.scope_reason})"
            )
            by_industry = ", ".join(f"{k} {v}" for k, v in self.creative_by_industry().items())
            if by_industry:
                lines.append(f"  creative by industry: {by_industry}")
        if self.years:
            lines.append(
                f"  years {self.years[0]}–{self.years[1]}, subjects present "
                f"{self.regions_covered} of 85"
            )
        if self.ignored_columns:
            lines.append(f"  columns not used: {', '.join(self.ignored_columns)}")
        for code, n in self.reason_counts().items():
            lines.append(f"  {n:>7} rows  {code}: {REASONS.get(code, code)}")
        if not self.outside.empty:
            for territory, n in self.outside["territory"].value_counts().items():
                lines.append(f"  {n:>7} rows  outside the 85 subjects: {territory}")
        for r in self.rejections.head(limit).itertuples():
            lines.append(f"  {r.file}, row {r.row}, {r.field or 'row'}: {r.reason}")
        if len(self.rejections) > limit:
            lines.append(f"  … {len(self.rejections) - limit} more; write all with --report PATH")
        if self.version:
            lines.append(f"  published as {self.version}")
        elif self.refused:
            lines.append("  REFUSED: too many rows rejected (or none usable); nothing imported")
        return "\n".join(lines)

    def to_csv(self, path: Path) -> Path:
        """Write the status of every row (column ``status``: creative, not_creative, outside,
        rejected) to a UTF-8 CSV; a creative row's ``reason`` is its industry ids.

        A cell that a spreadsheet would run as a formula (starting with ``= + - @``, a tab
        or a carriage return) is written with a leading apostrophe, so opening the report
        never executes what a hostile file put in it.
        """
        rejected = self.rejections.assign(status="rejected")
        outside = self.outside.rename(columns={"territory": "reason"}).assign(
            status="outside", code="outside_territory", column="", field="region"
        )
        parts = [rejected, outside]
        if self.counted is not None and not self.counted.empty:
            industries = self.counted["industries"].astype(object)
            status = industries.isna().map({True: "not_creative", False: "creative"})
            columns = {"file": self.file_name, "row": self.counted["row"], "column": ""}
            columns |= {"field": "okved", "value": "", "code": status}
            reason = industries.fillna("outside the creative mapping")
            parts.append(pd.DataFrame({"status": status, **columns, "reason": reason}))
        tb = pd.concat(parts, ignore_index=True)
        tb = tb[["status", *REJECTION_COLUMNS]].sort_values(["row", "status"], kind="stable")
        tb = neutralise_frame(tb)
        path = Path(path)
        tb.to_csv(path, index=False, encoding="utf-8", quoting=csv.QUOTE_MINIMAL)
        return path
