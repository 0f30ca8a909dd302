"""Fixtures shared by all tests: one real database built once per session."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import build_db


@pytest.fixture(scope="session")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("atlas-data")
    build_db(folder)
    return folder


@pytest.fixture()
def cur(data_dir: Path):
    from atlas.store import Reader

    with Reader(data_dir).cursor() as cursor:
        yield cursor
