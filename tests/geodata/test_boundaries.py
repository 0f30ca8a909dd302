"""Tests for geodata/boundaries.py and the committed layers it reads (geodata/layers/)."""

from __future__ import annotations

import doctest
import subprocess
import sys

import numpy as np
import pytest
import shapely
from shapely.geometry import shape

import geodata.boundaries
from geodata.boundaries import (
    MissingLayerError,
    UnknownLayerError,
    layer_path,
    load_layer,
    representative_points,
)
from geodata.regions import federal_districts, region_codes

MAX_BYTES = 250 * 1024
MAX_OVERLAP = 0.001  # deg², summed over all pairs of neighbours (as in the build checks)


def _geoms(level: str) -> dict[str, shapely.Geometry]:
    return {f["id"]: shape(f["geometry"]) for f in load_layer(level)["features"]}


@pytest.fixture(scope="module")
def region_geoms() -> dict[str, shapely.Geometry]:
    return _geoms("region")


@pytest.fixture(scope="module")
def district_geoms() -> dict[str, shapely.Geometry]:
    return _geoms("district")


def test_doctests_pass() -> None:
    result = doctest.testmod(geodata.boundaries)
    assert result.attempted > 0 and result.failed == 0


def test_region_layer_has_exactly_the_reference_codes() -> None:
    layer = load_layer("region")
    assert layer["type"] == "FeatureCollection"
    ids = [f["id"] for f in layer["features"]]
    assert tuple(ids) == region_codes()
    assert all(f["properties"] == {"code": f["id"]} for f in layer["features"])


def test_district_layer_has_the_8_districts() -> None:
    ids = [f["id"] for f in load_layer("district")["features"]]
    assert ids == federal_districts()["code"].tolist()


@pytest.mark.parametrize("level", ["region", "district"])
def test_geometries_valid_polygons_with_clockwise_exteriors(level: str) -> None:
    for code, geom in _geoms(level).items():
        assert geom.geom_type in ("Polygon", "MultiPolygon"), code  # no GeometryCollection
        assert geom.is_valid and not geom.is_empty, code
        for polygon in shapely.get_parts(geom):
            assert not polygon.exterior.is_ccw, f"{code}: d3-geo would fill the whole globe"
            assert all(ring.is_ccw for ring in polygon.interiors), code


@pytest.mark.parametrize("level", ["region", "district"])
def test_layer_is_compact_with_3_decimals(level: str) -> None:
    text = layer_path(level).read_text(encoding="utf-8")
    assert len(text.encode()) <= MAX_BYTES
    assert " " not in text and "\n" not in text
    coords = shapely.get_coordinates(list(_geoms(level).values()))
    assert np.allclose(coords, np.round(coords, 3), rtol=0, atol=1e-9)


def test_longitudes_stay_east_so_chukotka_is_whole(region_geoms) -> None:
    minx, _, maxx, _ = region_geoms["RU-CHU"].bounds
    assert minx > 150 and 180 < maxx <= 191  # not spanning -180…180
    bounds = np.array([g.bounds for g in region_geoms.values()])
    assert bounds[:, 0].min() >= 19 and bounds[:, 2].max() <= 191
    assert bounds[:, 1].min() >= 41 and bounds[:, 3].max() <= 82


def test_neighbours_do_not_overlap(region_geoms) -> None:
    geoms = np.array(list(region_geoms.values()))
    left, right = shapely.STRtree(geoms).query(geoms, predicate="intersects")
    pairs = left < right
    assert pairs.sum() > 150  # the subjects really are neighbours sharing borders
    overlap = shapely.area(shapely.intersection(geoms[left[pairs]], geoms[right[pairs]])).sum()
    assert overlap <= MAX_OVERLAP


def test_districts_cover_the_same_land_as_subjects(region_geoms, district_geoms) -> None:
    subjects = shapely.union_all(list(region_geoms.values()))
    districts = shapely.union_all(list(district_geoms.values()))
    assert shapely.symmetric_difference(subjects, districts).area <= MAX_OVERLAP


@pytest.mark.parametrize(
    ("code", "lon", "lat"),
    [
        ("RU-MOW", 37.62, 55.75),  # Moscow
        ("RU-MOS", 37.0, 56.3),  # Moscow oblast (north of the city)
        ("RU-SPE", 30.32, 59.94),  # St Petersburg
        ("RU-SEV", 33.52, 44.6),  # Sevastopol
        ("RU-CR", 34.1, 44.95),  # Simferopol
        ("RU-KR", 34.35, 61.79),  # Petrozavodsk: Karelia is cut out of Murmansk
        ("RU-MUR", 33.08, 68.97),  # Murmansk
        ("RU-ARK", 35.7, 65.05),  # Solovetsky Islands belong to Arkhangelsk oblast
        ("RU-ALT", 83.77, 53.35),  # Barnaul, Altai Krai
        ("RU-AL", 85.96, 51.96),  # Gorno-Altaysk, Altai Republic
        ("RU-CHU", 166.44, 68.05),  # Bilibino
        ("RU-CHU", 186.5, 66.0),  # Chukotka Peninsula, west of 180° W as 173.5° W + 360
        ("RU-KGD", 20.5, 54.7),  # Kaliningrad
    ],
)
def test_known_places_fall_in_their_subject(region_geoms, code, lon, lat) -> None:
    hits = [c for c, g in region_geoms.items() if g.contains(shapely.Point(lon, lat))]
    assert hits == [code]


def test_karelia_is_a_full_subject(region_geoms) -> None:
    assert region_geoms["RU-KR"].area > 25  # deg²; the 1:50m source had only an islet
    assert region_geoms["RU-MUR"].bounds[1] > 66  # Murmansk oblast ends at ~66.6° N


def test_representative_points_inside_their_subject(region_geoms) -> None:
    points = representative_points()
    assert list(points.columns) == ["code", "lon", "lat"]
    assert tuple(points["code"]) == region_codes()
    for code, lon, lat in points.itertuples(index=False):
        assert region_geoms[code].contains(shapely.Point(lon, lat)), code


def test_load_layer_returns_a_fresh_dict() -> None:
    load_layer("region")["features"].clear()
    assert len(load_layer("region")["features"]) == 85


def test_unknown_level_names_the_valid_ones() -> None:
    with pytest.raises(UnknownLayerError, match=r"use one of \['district', 'region'\]"):
        layer_path("oblast")  # type: ignore[arg-type]


def test_missing_file_says_how_to_rebuild(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(geodata.boundaries, "LAYERS_DIR", tmp_path)
    with pytest.raises(MissingLayerError, match=r"python -m geodata\.build_boundaries"):
        load_layer("region")


def test_runtime_reader_does_not_import_geopandas() -> None:
    code = "import sys, geodata; geodata.load_layer('region'); print('geopandas' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_plotly_can_use_the_layer() -> None:
    go = pytest.importorskip("plotly.graph_objects")
    layer = load_layer("region")
    codes = [f["id"] for f in layer["features"]]
    trace = go.Choropleth(geojson=layer, locations=codes, z=list(range(85)), featureidkey="id")
    assert len(trace.geojson["features"]) == 85 and trace.featureidkey == "id"
