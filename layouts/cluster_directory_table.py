"""Directory rows (queries.cluster_directory) → the explorer's sortable, accessible table.

Header buttons sort by the numbers behind the text (missing last); a cluster's name opens
its profile. The look is the `cl-directory` rules of assets/atlas.css.
"""

from __future__ import annotations

import pandas as pd
from dash import html

from layouts.cluster_text import (
    cite_line,
    figure_text,
    is_missing,
    name_of,
    pick_id,
    status_text,
    subjects_text,
)
from layouts.i18n import t

COLUMNS = (  # (column id, label key); the subjects label depends on the rows' mode
    ("name", "cl_col_name"),
    ("type", "cl_type"),
    ("spec", "cl_col_spec"),
    ("subjects", "cl_col_subjects"),
    ("fd", "col_fd"),
    ("status", "cl_status"),
    ("year", "cl_col_year"),
    ("participants", "cl_metric_participants"),
    ("staff", "cl_metric_staff"),
    ("investment", "cl_metric_investment"),
    ("source", "source"),
)
# fmt: off
COLUMN_WIDTHS = {"name": "200px", "type": "135px", "spec": "160px", "subjects": "135px",
                 "fd": "135px", "status": "105px", "year": "75px", "participants": "85px",
                 "staff": "70px", "investment": "90px", "source": "160px"}
# fmt: on
NUMERIC = ("year", "participants", "staff", "investment")
ARIA_SORT = {"asc": "ascending", "desc": "descending"}
SORT_ARROWS = {"asc": " ▲", "desc": " ▼"}
# Investment in RUB bn for sorting; other units sort by their own number.
RUB_BN = {"rub_bn": 1.0, "rub_mln": 1e-3, "rub": 1e-9}


def table_columns(lang: str, mode: str) -> list[dict[str, object]]:
    subjects = "cl_col_subject" if mode == "subject" else "cl_col_subjects"
    return [
        {"id": key, "name": t(subjects if key == "subjects" else label, lang)}
        for key, label in COLUMNS
    ]


def shown_text(n: int, total: int, lang: str) -> str:
    return t("cl_shown", lang).format(n=n, total=total)


# --- order --------------------------------------------------------------------------------


def _sort_keys(tb: pd.DataFrame) -> pd.DataFrame:
    factor = tb["investment_unit"].map(RUB_BN).fillna(1.0)
    return pd.DataFrame(
        {
            "name": tb[["name_ru", "name_en"]].agg(" ".join, axis=1).str.lower(),
            "type": tb["type"],
            "spec": tb["specialisation_ru"].fillna("").str.lower(),
            "fd": tb["fd_ru"],
            "status": tb["status"],
            "year": tb["first_mentioned"],
            "participants": tb["participants"],
            "staff": tb["staff"],
            "investment": tb["investment"] * factor,
            "source": tb["source_file"],
        },
        index=tb.index,
    )


def sort_rows(tb: pd.DataFrame, sort: dict | None, lang: str) -> pd.DataFrame:
    """Rows ordered by a table column, by the numbers behind the text (missing last).

    `sort` is ``{"column": id, "direction": "asc" | "desc"}``; with none, rows go by subject,
    then name, so that a region's clusters stand together.
    """
    subject = tb[f"region_{lang}" if f"region_{lang}" in tb else f"subjects_{lang}"].fillna("")
    subject = subject.where(subject != "", "\uffff")  # off-map clusters go last
    if not sort:
        key = subject + " " + tb[f"name_{lang}"].str.lower()
        return tb.loc[key.sort_values(kind="stable").index]
    column, ascending = sort["column"], sort["direction"] == "asc"
    keys = _sort_keys(tb)
    key = subject if column == "subjects" else keys.get(column, keys["name"])
    order = key.sort_values(ascending=ascending, na_position="last", kind="stable").index
    return tb.loc[order]


def next_sort(current: dict | None, column: str) -> dict[str, str]:
    """Clicking a header: same column flips the order; a new one starts high-first for numbers.

    Examples
    --------
    >>> next_sort(None, "participants"), next_sort({"column": "name", "direction": "asc"}, "name")
    ({'column': 'participants', 'direction': 'desc'}, {'column': 'name', 'direction': 'desc'})
    """
    if current and current.get("column") == column:
        return {"column": column, "direction": "asc" if current["direction"] == "desc" else "desc"}
    return {"column": column, "direction": "desc" if column in NUMERIC else "asc"}


# --- rows as text -------------------------------------------------------------------------


def _subjects_cell(row: pd.Series, lang: str, mode: str) -> str:
    """Every subject of a cluster row; for a subject row, that subject and where else."""
    if mode == "cluster":
        codes = list(row["regions"])
        names = row[f"subjects_{lang}"].split("; ") if codes else []
        return subjects_text(codes, names, lang) or (row["outside_name"] or "")
    also = row[f"also_in_{lang}"]
    text = row[f"region_{lang}"] + (f" ({t('cl_main', lang)})" if also and row["is_main"] else "")
    return text + (f" — {t('cl_also_in', lang)}: {', '.join(also)}" if also else "")


def _row_text(row: pd.Series, lang: str, mode: str) -> dict[str, object]:
    mentions = len(row["citations"])
    year = row["first_mentioned"]
    return {
        "id": row["cluster_id"] + (f"@{row['region']}" if mode == "subject" else ""),
        "cluster_id": row["cluster_id"],
        "name": name_of(row, lang),
        "type": t(f"cl_type_{row['type']}", lang),
        "spec": row[f"specialisation_{lang}"] or "",
        "subjects": _subjects_cell(row, lang, mode),
        "fd": row[f"fd_{lang}"],
        "status": status_text(row["status"], row["status_year"], lang),
        "year": "—" if is_missing(year) else str(int(year)),
        "participants": figure_text(
            row["participants"], "count", row["participants_qualifier"], lang
        ),
        "staff": figure_text(row["staff"], "count", row["staff_qualifier"], lang),
        "investment": figure_text(
            row["investment"], row["investment_unit"], row["investment_qualifier"], lang
        ),
        "source": cite_line(row) + (f" (+{mentions - 1})" if mentions > 1 else ""),
    }


def table_rows(tb: pd.DataFrame, lang: str, mode: str = "cluster") -> list[dict[str, object]]:
    """Table rows of the directory, or of `by_subject` rows when `mode` is 'subject'.

    `id` is the cluster id (with `@<subject>` per subject row); `cluster_id` stays bare.
    """
    return [_row_text(row, lang, mode) for _, row in tb.iterrows()]


# --- the table ----------------------------------------------------------------------------


def _align(column_id: str) -> str | None:
    return "numeric" if column_id in NUMERIC else None


def _header_cell(column: dict[str, object], sort: dict | None) -> html.Th:
    sort = sort or {}
    direction = sort.get("direction") if sort.get("column") == column["id"] else None
    arrow = SORT_ARROWS.get(direction or "", " ↕")
    return html.Th(
        html.Button(
            [column["name"], html.Span(arrow, **{"aria-hidden": "true"}, className="sort-arrow")],
            id={"type": "cl-sort", "column": column["id"]},
            n_clicks=0,
            className="link-button sort-button",
        ),
        scope="col",
        **{"aria-sort": ARIA_SORT.get(direction or "", "none")},
        className=_align(column["id"]),
        style={"width": COLUMN_WIDTHS.get(column["id"])},
    )


def _cell(row: dict[str, object], key: str) -> html.Td:
    value = row[key]
    if key == "name":
        value = html.Button(
            value,
            id=pick_id(row["cluster_id"], f"table-{row['id']}"),
            n_clicks=0,
            className="link-button cl-name",
        )
    elif key == "source":
        value = html.Code(value, className="cl-source")
    return html.Td(value, className=_align(key))


def _row(row: dict[str, object], columns: list[dict], selected: str | None) -> html.Tr:
    chosen = row["cluster_id"] == selected
    return html.Tr(
        [_cell(row, column["id"]) for column in columns],
        **{"data-cluster": row["cluster_id"], "aria-selected": "true" if chosen else "false"},
    )


def directory_table(
    rows: list[dict[str, object]],
    columns: list[dict[str, object]],
    sort: dict | None,
    selected: str | None,
    caption: str,
) -> html.Table:
    """An accessible, sortable table: header buttons sort, a cluster's name opens its profile."""
    return html.Table(
        [
            html.Caption(caption, className="visually-hidden"),
            html.Thead(html.Tr([_header_cell(c, sort) for c in columns])),
            html.Tbody([_row(r, columns, selected) for r in rows]),
        ],
        className="cl-directory",
    )
