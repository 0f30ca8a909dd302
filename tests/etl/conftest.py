"""Fixtures for the importer, cube and synthetic tests: a built database to import into."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.helpers import build_db

IMPORT_DATA = Path(__file__).resolve().parent.parent / "data" / "import"


@pytest.fixture(scope="session")
def base_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data folder with one database version built from data/sources (never modified)."""
    folder = tmp_path_factory.mktemp("base-store")
    build_db(folder)
    return folder


@pytest.fixture()
def store(base_store: Path, tmp_path: Path) -> Path:
    """A private copy of `base_store` that a test may import into."""
    folder = tmp_path / "store"
    shutil.copytree(base_store, folder, symlinks=True)
    return folder
