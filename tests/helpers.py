"""Shared test helpers: the seeds folder, building a real database in a temp folder."""

from __future__ import annotations

import functools
from pathlib import Path

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
