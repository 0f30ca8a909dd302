"""Measure built boundary layers against their source and refuse layers that fail."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geodata.regions import federal_districts, region_codes

MAX_OVERLAP = 0.001  # deg², summed over all pairs of neighbouring subjects
MAX_GAP = 0.001  # deg² of holes in the union of the subjects that the source does not have
MAX_COUNTRY_CHANGE = 0.005  # relative change of the union area (coasts are simplified too)
MAX_SUBJECT_CHANGE = 0.10  # relative change of any one subject's area
LON_RANGE = (19.0, 191.0)  # Kaliningrad … Chukotka east of the antimeridian
LAT_RANGE = (41.0, 82.0)


class BuildCheckError(RuntimeError):
    """The built layers failed a check; nothing was written."""


def check(
    source: gpd.GeoDataFrame,
    regions: gpd.GeoDataFrame,
    districts: gpd.GeoDataFrame,
    points: pd.DataFrame,
) -> dict[str, str]:
    """Measure the layers; raise `BuildCheckError` listing every failed check.

    Parameters
    ----------
    source : GeoDataFrame
        The repaired, unsimplified subjects (``code``, geometry), ordered like ``regions``.
    regions, districts : GeoDataFrame
        The finished layers (``code``, geometry).
    points : DataFrame
        ``code, lon, lat`` marker points, ordered like ``regions``.

    Returns
    -------
    dict
        Check name → ``"ok   <measurement>"``, in a fixed order (printed and kept in the README).
    """
    results: dict[str, tuple[bool, str]] = {
        "subjects": _codes_match(regions, region_codes()),
        "districts": _codes_match(districts, tuple(federal_districts()["code"])),
        "regions valid": _valid_clockwise(regions),
        "districts valid": _valid_clockwise(districts),
        "bounds": _in_frame(regions),
        "neighbour overlap": _overlap(regions),
        **_cover(source, regions, districts),
        "points inside": _points_inside(regions, points),
    }
    failures = [f"{name}: {text}" for name, (ok, text) in results.items() if not ok]
    if failures:
        raise BuildCheckError(
            "boundary checks failed, nothing written: "
            + "; ".join(failures)
            + ". Adjust the stage or tolerance in geodata/build_boundaries.py."
        )
    return {name: f"ok   {text}" for name, (_, text) in results.items()}


def neighbour_overlap(geoms: np.ndarray) -> float:
    """Return the summed intersection area (deg²) of all pairs of intersecting polygons."""
    left, right = shapely.STRtree(geoms).query(geoms, predicate="intersects")
    pairs = left < right
    return float(shapely.area(shapely.intersection(geoms[left[pairs]], geoms[right[pairs]])).sum())


def _codes_match(tb: gpd.GeoDataFrame, codes: tuple[str, ...]) -> tuple[bool, str]:
    ok = tuple(tb["code"]) == codes
    return ok, f"{len(tb)} features, {tb['code'].nunique()} unique codes, expected {len(codes)}"


def _valid_clockwise(tb: gpd.GeoDataFrame) -> tuple[bool, str]:
    geom = tb.geometry.values
    kinds = {g.geom_type for g in geom}
    rings = shapely.get_exterior_ring(shapely.get_parts(geom))
    ccw = int(shapely.is_ccw(rings).sum())
    invalid = int((~shapely.is_valid(geom)).sum())
    ok = kinds <= {"Polygon", "MultiPolygon"} and not ccw and not invalid
    return ok, f"{invalid} invalid, {ccw} counter-clockwise exteriors, types {sorted(kinds)}"


def _in_frame(tb: gpd.GeoDataFrame) -> tuple[bool, str]:
    minx, miny, maxx, maxy = tb.total_bounds
    ok = LON_RANGE[0] <= minx and maxx <= LON_RANGE[1]
    ok = ok and LAT_RANGE[0] <= miny and maxy <= LAT_RANGE[1]
    return ok, f"lon {minx:.3f}…{maxx:.3f}, lat {miny:.3f}…{maxy:.3f}"


def _overlap(tb: gpd.GeoDataFrame) -> tuple[bool, str]:
    area = neighbour_overlap(tb.geometry.values)
    return area <= MAX_OVERLAP, f"{area:.6f} deg² (limit {MAX_OVERLAP})"


def _cover(source, regions, districts) -> dict[str, tuple[bool, str]]:
    src_union = shapely.union_all(source.geometry.values)
    union = shapely.union_all(regions.geometry.values)
    change = abs(union.area - src_union.area) / src_union.area
    gap = _hole_area(union) - _hole_area(src_union)
    fd_diff = shapely.symmetric_difference(shapely.union_all(districts.geometry.values), union)
    ratio = shapely.area(regions.geometry.values) / shapely.area(source.geometry.values)
    worst = int(np.argmax(np.abs(ratio - 1)))
    worst_change = abs(ratio[worst] - 1)
    return {
        "country area": (change <= MAX_COUNTRY_CHANGE, f"{change:.3%} change (limit 0.5%)"),
        "gaps": (gap <= MAX_GAP, f"{gap:.6f} deg² of new holes (limit {MAX_GAP})"),
        "districts = subjects": (fd_diff.area <= MAX_GAP, f"{fd_diff.area:.6f} deg² apart"),
        "subject areas": (
            worst_change <= MAX_SUBJECT_CHANGE,
            f"largest change {worst_change:.1%} ({regions['code'].iloc[worst]}; limit 10%)",
        ),
    }


def _hole_area(geom: shapely.Geometry) -> float:
    polygons = shapely.get_parts(geom)
    holes = [shapely.get_interior_ring(p, i) for p in polygons for i in range(len(p.interiors))]
    return float(shapely.area(shapely.polygons(holes)).sum()) if holes else 0.0


def _points_inside(tb: gpd.GeoDataFrame, points: pd.DataFrame) -> tuple[bool, str]:
    same_order = tuple(points["code"]) == tuple(tb["code"])
    inside = shapely.contains_xy(tb.geometry.values, points["lon"], points["lat"])
    return same_order and bool(inside.all()), f"{int(inside.sum())} of {len(inside)}"
