"""Tests for geodata/build_boundaries.py: its stages, and that it reproduces geodata/layers/."""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

import geopandas as gpd
import pytest
import shapely

from geodata import build_boundaries as bb

COMMITTED = bb.DEFAULT_OUT
OUTPUTS = (
    "regions.geojson",
    "districts.geojson",
    "region_points.csv",
    "README.md",
    "LICENSE-NaturalEarth.txt",
)


def _require_source() -> Path:
    if not bb.DEFAULT_SOURCE.is_file():
        pytest.skip(
            f"boundary source {bb.DEFAULT_SOURCE} is absent (../shared/geodata is not beside "
            "the repository); the committed layers are still tested by test_boundaries.py"
        )
    return bb.DEFAULT_SOURCE


@pytest.fixture(scope="module")
def rebuilt(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    source = _require_source()
    out = tmp_path_factory.mktemp("layers")
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        assert bb.main(["--source", str(source), "--out", str(out)]) == 0
    return out, printed.getvalue()


@pytest.mark.parametrize("name", OUTPUTS)
def test_build_reproduces_committed_file(rebuilt, name: str) -> None:
    out, _ = rebuilt
    assert (out / name).read_bytes() == (COMMITTED / name).read_bytes(), (
        f"geodata/layers/{name} is stale: run `python -m geodata.build_boundaries` and commit"
    )


def test_build_prints_checks_and_sizes(rebuilt) -> None:
    _, printed = rebuilt
    assert "check subjects" in printed and "FAIL" not in printed
    assert "regions.geojson" in printed and "KB gzip" in printed


def test_join_by_name_gives_every_subject_once() -> None:
    tb = bb.join_codes(bb.read_source(_require_source()))
    assert tuple(tb["code"]) == tuple(sorted(tb["code"]))
    assert len(tb) == 85 and tb["code"].is_unique
    assert set(tb.loc[tb["code"].isin(["RU-CR", "RU-SEV"]), "fd"]) == {"SFD"}


def test_override_refuses_a_changed_source() -> None:
    row = {"adm1_code": "RUS-2399", "name": "Altai", "name_ru": "Алтайский край", "name_en": ""}
    with pytest.raises(bb.JoinError, match="re-check OVERRIDES"):
        bb._code_of(row)


def test_contradictory_names_are_refused() -> None:
    row = {"adm1_code": "X", "name": "Moskovskaya", "name_ru": "Москва", "name_en": "Moscow"}
    with pytest.raises(bb.JoinError, match="give codes"):
        bb._code_of(row)


def test_missing_source_says_what_to_pass(tmp_path: Path) -> None:
    with pytest.raises(bb.SourceError, match="--source"):
        bb.read_source(tmp_path / "absent.geojson")


def test_repair_joins_the_two_halves_of_an_antimeridian_polygon() -> None:
    west = shapely.box(170, 60, 179.9998, 65)
    east = shapely.box(-180, 60, -170, 65)
    tb = gpd.GeoDataFrame({"code": ["RU-CHU"]}, geometry=[shapely.MultiPolygon([west, east])])
    geom = bb.repair(tb).geometry.iloc[0]
    assert geom.geom_type == "Polygon" and geom.bounds == (170.0, 60.0, 190.0, 65.0)


def test_finalize_keeps_polygons_rounds_and_turns_rings_clockwise() -> None:
    ccw = shapely.Polygon([(0, 0), (1.00004, 0), (1, 1), (0, 1)])
    collection = shapely.GeometryCollection([ccw, shapely.LineString([(2, 2), (3, 3)])])
    tb = gpd.GeoDataFrame({"code": ["X"]}, geometry=[collection])
    geom = bb.finalize(tb).geometry.iloc[0]
    assert geom.geom_type == "Polygon" and not geom.exterior.is_ccw
    assert (shapely.get_coordinates(geom) * 1000 % 1 == 0).all()


def test_fix_karelia_refuses_once_the_source_is_fixed() -> None:
    tb = gpd.GeoDataFrame(
        {"code": ["RU-ARK", "RU-KR", "RU-MUR"]},
        geometry=[
            shapely.box(40, 60, 45, 65),
            shapely.box(30, 61, 35, 66),
            shapely.box(30, 66, 35, 69),
        ],
    )
    with pytest.raises(bb.SourceError, match="delete fix_karelia"):
        bb.fix_karelia(tb)
