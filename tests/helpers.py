"""Shared test helpers: the seeds folder, a real database in a temp folder, component trees."""

from __future__ import annotations

import contextlib
import functools
import json
from collections.abc import Callable
from pathlib import Path

import duckdb
import pandas as pd
import plotly
import pytest

from atlas.settings import REPO_ROOT

SEEDS_DIR = REPO_ROOT.parent / "shared" / "seeds"


@functools.cache
def seed_lines(source_file: str) -> list[str]:
    """The lines of a seed document (1-based access: `seed_lines(f)[n - 1]`)."""
    return (SEEDS_DIR / source_file).read_text(encoding="utf-8").split("\n")


def require_seeds() -> None:
    if not SEEDS_DIR.is_dir():
        pytest.skip(
            f"the source documents are not at {SEEDS_DIR} (../shared/seeds beside the repo)"
        )


def seed_line(source_file: str, line: int) -> str:
    require_seeds()
    lines = seed_lines(source_file)
    assert 1 <= line <= len(lines), f"{source_file} has {len(lines)} lines, cited {line}"
    return lines[line - 1]


def build_db(data_dir: Path) -> Path:
    """A real database version built from data/sources into `data_dir`; returns its path."""
    from atlas.store import publish
    from etl.build import build_database

    return publish(build_database, data_dir)


def assert_cited(value: str, source_file: str, line: int, what: str = "") -> None:
    text = seed_line(source_file, line)
    assert value in text, f"{what}: {value!r} is not on {source_file}:{line}: {text[:200]!r}"


# --- component trees ----------------------------------------------------------------------


def walk(component):
    """A component and every component under it, depth first (text children skipped)."""
    yield component
    children = getattr(component, "children", None)
    for child in children if isinstance(children, list | tuple) else [children]:
        if hasattr(child, "to_plotly_json"):
            yield from walk(child)


def visible_text(component) -> str:
    """The text children of a tree (or of a list of trees), joined by spaces."""
    if isinstance(component, list):
        return " ".join(visible_text(c) for c in component if c is not None)
    parts = []
    for node in walk(component):
        children = getattr(node, "children", None)
        items = children if isinstance(children, list | tuple) else [children]
        parts += [str(c) for c in items if isinstance(c, str | int | float)]
    return " ".join(parts)


def tree_json(tree) -> str:
    """A tree as the JSON Dash sends (Cyrillic kept), for searching ids and text in it."""
    return json.dumps(tree, cls=plotly.utils.PlotlyJSONEncoder, ensure_ascii=False)


def documents_frame(lines: list[int], **columns: list[object]) -> pd.DataFrame:
    """A `queries.documents.documents` answer for one made-up digest, `doc.txt`, citing `lines`."""
    base = {
        "source_file": ["doc.txt"],
        "title_ru": ["Дайджест"],
        "title_en": ["Digest"],
        "publisher": [""],
        "issue": ["№6"],
        "date": ["2025-06"],
        "lines": [lines],
    }
    return pd.DataFrame({**base, **columns})


# --- tiny hand-made databases -------------------------------------------------------------

TWO_DISTRICTS = [  # code, name, district: two districts of two subjects each
    ("RU-MOW", "Moscow", "CFD"),
    ("RU-TUL", "Tula", "CFD"),
    ("RU-SPE", "St Petersburg", "NWFD"),
    ("RU-KGD", "Kaliningrad", "NWFD"),
]


def insert_two_districts(con) -> None:
    """The Central and Northwestern districts with `TWO_DISTRICTS`' subjects (short = full)."""
    con.execute(
        "INSERT INTO federal_districts VALUES ('CFD','Центральный','Central','ЦФО','Central'),"
        "('NWFD','Северо-Западный','Northwestern','СЗФО','Northwestern')"
    )
    for code, name, fd in TWO_DISTRICTS:
        con.execute(
            "INSERT INTO regions VALUES (?, '', ?, ?, ?, ?, ?)", [code, name, name, name, name, fd]
        )


@contextlib.contextmanager
def tiny_database(folder: Path, fill: Callable[[duckdb.DuckDBPyConnection], None]):
    """A cursor on a database version made in `folder` by the schema and then `fill`."""
    from atlas.store import Reader, publish
    from etl.build import create_schema

    def build(con: duckdb.DuckDBPyConnection) -> None:
        create_schema(con)
        fill(con)

    publish(build, folder)
    with Reader(folder).cursor() as cursor:
        yield cursor


def drawn_hovers(trace: dict) -> dict[str, str]:
    """Place → its hover as plotly renders it: the trace's template filled per drawn place.

    `trace` is a choropleth as JSON (``fig.data[i].to_plotly_json()`` or a callback answer).
    """
    customdata = trace.get("customdata")
    out = {}
    for i, (place, z) in enumerate(zip(trace["locations"], trace["z"], strict=True)):
        if z is None:  # plotly does not draw (nor hover) a place whose z is not a number
            continue
        fields = (customdata[i] if customdata is not None else None) or []
        text = trace["hovertemplate"].replace("%{text}", trace["text"][i])
        for k, value in enumerate(fields):
            text = text.replace(f"%{{customdata[{k}]}}", str(value))
        assert "%{" not in text, text  # every field the template names was sent
        out[place] = text.removesuffix("<extra></extra>")
    return out
