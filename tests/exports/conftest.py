"""Export views of a real database (published data, and one with the SYNTHETIC demo)."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from atlas.store import Reader
from atlas.viewstate import ViewState
from tests.helpers import build_db

TODAY = dt.date(2026, 11, 25)
ORIGIN = "https://atlas.example"


def chromium_or_skip() -> None:
    if not (shutil.which("chromium") or Path("/usr/bin/chromium").exists()):
        pytest.skip("Debian chromium is not installed (kaleido renders with it; ./dev test)")


@pytest.fixture(scope="session")
def synthetic_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from etl.synthetic import import_synthetic

    folder = tmp_path_factory.mktemp("atlas-synthetic")
    build_db(folder)
    import_synthetic(folder, n_orgs=3000, seed=7)
    return folder


def make_view(folder: Path, state: ViewState):
    """The ExportView of `state` (settled) in the database under `folder`."""
    from exports import export_view, permalink
    from queries.views import map_data, settle

    with Reader(folder).cursor() as cur:
        state = settle(cur, state)
        return export_view(cur, map_data(cur, state), permalink(ORIGIN, state), TODAY)


@pytest.fixture(scope="session")
def view_of(data_dir: Path):
    def view_of(state: ViewState | None = None):
        return make_view(data_dir, state or ViewState())

    return view_of


@pytest.fixture(scope="session")
def synthetic_view(synthetic_dir: Path):
    state = ViewState(dataset="synthetic-demo", metric="creation_coef", lang="en")
    return make_view(synthetic_dir, state)
