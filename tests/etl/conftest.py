"""Fixtures for the importer, cube and synthetic tests: a built database to import into."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

IMPORT_DATA = Path(__file__).resolve().parent.parent / "data" / "import"


@pytest.fixture(scope="session")
def base_store(data_dir: Path) -> Path:
    """The session's database built from data/sources (tests/conftest.py); never modified."""
    return data_dir


@pytest.fixture()
def store(base_store: Path, tmp_path: Path) -> Path:
    """A private copy of `base_store` that a test may import into (its files, not its logs)."""
    folder = tmp_path / "store"
    shutil.copytree(base_store, folder, symlinks=True, ignore=shutil.ignore_patterns("*.log"))
    return folder
