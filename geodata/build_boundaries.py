"""Turn Natural Earth admin-1 polygons of Russia into the app's simplified GeoJSON layers.

Run from the repository root::

    python -m geodata.build_boundaries [--source PATH] [--out DIR]

Stages: `read_source` → `join_codes` → `repair` → `simplify` → `finalize` (+ `dissolve_districts`,
`marker_points`) → `check` → `write_layers`. Every stage is deterministic, so the committed
files in ``geodata/layers/`` are reproduced byte for byte (``tests/geodata/test_build_boundaries.py``).
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import math
from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
import topojson

from geodata.regions import RegionLookupError, federal_districts, normalize_region, regions

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SOURCE = REPO_ROOT.parent / "shared" / "geodata" / "ne_50m_admin_1_russia.geojson"
DEFAULT_OUT = REPO_ROOT / "geodata" / "layers"
CRS = "EPSG:4326"
NAME_FIELDS = ("name_ru", "name_en", "name")  # never iso_3166_2: wrong for Moscow and Altai
TOLERANCE = 0.05  # degrees, topojson toposimplify on shared arcs
GRID = 0.001  # degrees: coordinates are written with 3 decimals
MAX_REGION_BYTES = 250 * 1024
MAX_OVERLAP = 0.001  # deg², summed over all pairs of neighbouring subjects
MAX_GAP = 0.001  # deg² of holes in the union of the subjects that the source has not
MAX_COUNTRY_CHANGE = 0.005  # relative change of the union area (coasts get simplified too)
LON_RANGE = (19.0, 191.0)  # Kaliningrad … Chukotka east of the antimeridian
LAT_RANGE = (41.0, 82.0)
SNAP_180 = 0.001  # Natural Earth ends one half of Chukotka at 179.9998°, the other at -180°

# Features whose Natural Earth names disagree with each other or fit two subjects
# (see ../shared/geodata/README.md). Keyed by the stable `adm1_code`; the expected `name`
# guards against a new source release that reuses the id for another feature.
OVERRIDES = {
    # name_ru «Республика Алтай» and name_en "Altai Republic" on Altai Krai; `name` "Altay"
    # fits both Altais. The republic is the feature named "Gorno-Altay".
    "RUS-2399": ("Altay", "RU-ALT"),
    # name_en "Moscow" (the city) on Moscow oblast; name_ru and `name` are right.
    "RUS-2364": ("Moskovskaya", "RU-MOS"),
}


class SourceError(RuntimeError):
    """The boundary source is missing or not what the build expects."""


class JoinError(RuntimeError):
    """A source feature's names do not give exactly one subject code."""


class BuildCheckError(RuntimeError):
    """The built layers failed a check; nothing was written."""


@dataclass
class Layers:
    """The built layers and what `check` measured on them."""

    regions: gpd.GeoDataFrame
    districts: gpd.GeoDataFrame
    points: pd.DataFrame
    checks: dict[str, str] = field(default_factory=dict)


def read_source(path: Path) -> gpd.GeoDataFrame:
    """Read the Natural Earth file and check its CRS and feature count."""
    if not path.is_file():
        raise SourceError(
            f"boundary source {path} not found: pass --source PATH to "
            "ne_50m_admin_1_russia.geojson (default ../shared/geodata/ beside the repository)."
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


def repair(tb: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Move Chukotka's western-hemisphere part east of 180° and keep valid polygons only."""
    geom = shapely.transform(tb.geometry.values, _shift_east)
    geom = [_polygonal(g) for g in shapely.make_valid(geom)]
    return tb.set_geometry(gpd.GeoSeries(geom, crs=tb.crs))


def _shift_east(coords: np.ndarray) -> np.ndarray:
    x = coords[:, 0].copy()
    x[x < 0] += 360.0
    x[np.abs(x - 180.0) < SNAP_180] = 180.0  # so the two halves of Chukotka share one edge
    return np.column_stack([x, coords[:, 1]])


def _polygonal(geom: shapely.Geometry) -> shapely.Geometry:
    """Keep the polygon parts: make_valid may return a GeometryCollection, which plotly skips."""
    parts = [p for p in shapely.get_parts(geom) if p.geom_type in ("Polygon", "MultiPolygon")]
    return shapely.union_all(parts)


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
        raise BuildCheckError("topojson changed the feature order; join its output by code.")
    return gpd.GeoDataFrame(out[["code", "fd"]], geometry=out.geometry.values, crs=tb.crs)


def finalize(tb: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Round to the grid, repair, keep polygons and make exterior rings clockwise (d3-geo)."""
    geom = [_polygonal(g) for g in shapely.make_valid(tb.geometry.values)]
    geom = shapely.set_precision(np.array(geom), GRID)
    geom = [_polygonal(g) for g in shapely.make_valid(geom)]
    geom = shapely.orient_polygons(np.array(geom), exterior_cw=True)
    return tb.set_geometry(gpd.GeoSeries(geom, index=tb.index, crs=tb.crs))


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
    k = math.cos(math.radians(largest.centroid.y))  # a degree of longitude is k degrees of lat
    scaled = shapely.transform(largest, lambda c: c * [k, 1.0])
    centre = shapely.get_point(shapely.maximum_inscribed_circle(scaled), 0)
    return round(centre.x / k, 3), round(centre.y, 3)


def check(source: gpd.GeoDataFrame, layers: Layers) -> Layers:
    """Measure the layers; raise `BuildCheckError` listing every failed check."""
    failures: list[str] = []

    def record(name: str, ok: bool, value: str) -> None:
        layers.checks[name] = ("ok   " if ok else "FAIL ") + value
        if not ok:
            failures.append(f"{name}: {value}")

    reg, fd = layers.regions, layers.districts
    codes = tuple(regions()["code"])
    record("subjects", tuple(reg["code"]) == codes, f"{len(reg)} features, {reg.code.nunique()} codes")
    record("districts", tuple(fd["code"]) == tuple(federal_districts()["code"]), f"{len(fd)}")
    for name, tb in (("regions", reg), ("districts", fd)):
        record(f"{name} valid", _all_valid(tb), "valid (Multi)Polygons, clockwise exteriors")
    minx, miny, maxx, maxy = reg.total_bounds
    in_frame = LON_RANGE[0] <= minx and maxx <= LON_RANGE[1] and LAT_RANGE[0] <= miny
    record("bounds", in_frame and maxy <= LAT_RANGE[1], f"lon {minx:.2f}…{maxx:.2f}")
    overlap = neighbour_overlap(reg.geometry.values)
    record("neighbour overlap", overlap <= MAX_OVERLAP, f"{overlap:.6f} deg² (≤ {MAX_OVERLAP})")
    _check_cover(source, reg, fd, record)
    inside = shapely.contains_xy(reg.geometry.values, layers.points.lon, layers.points.lat)
    record("points inside", bool(inside.all()), f"{int(inside.sum())} of {len(inside)}")
    if failures:
        raise BuildCheckError("boundary checks failed, nothing written: " + "; ".join(failures))
    return layers


def _check_cover(source, reg, fd, record) -> None:
    src_union = shapely.union_all(repair(source).geometry.values)
    union = shapely.union_all(reg.geometry.values)
    change = abs(union.area - src_union.area) / src_union.area
    record("country area", change <= MAX_COUNTRY_CHANGE, f"{change:.4%} change vs source")
    gap = _hole_area(union) - _hole_area(src_union)
    record("gaps", gap <= MAX_GAP, f"{gap:.6f} deg² of new holes (≤ {MAX_GAP})")
    fd_diff = shapely.symmetric_difference(shapely.union_all(fd.geometry.values), union).area
    record("districts = subjects", fd_diff <= MAX_GAP, f"{fd_diff:.6f} deg² difference")


def _all_valid(tb: gpd.GeoDataFrame) -> bool:
    geom = tb.geometry.values
    polygonal = all(g.geom_type in ("Polygon", "MultiPolygon") for g in geom)
    rings = shapely.get_exterior_ring(shapely.get_parts(geom))
    return polygonal and bool(shapely.is_valid(geom).all()) and not shapely.is_ccw(rings).any()


def _hole_area(geom: shapely.Geometry) -> float:
    rings = shapely.get_interior_ring
    holes = [rings(p, i) for p in shapely.get_parts(geom) for i in range(len(p.interiors))]
    return float(sum(shapely.Polygon(r).area for r in holes))


def neighbour_overlap(geoms: np.ndarray) -> float:
    """Return the summed intersection area (deg²) of all pairs of touching polygons."""
    left, right = shapely.STRtree(geoms).query(geoms, predicate="intersects")
    pairs = left < right
    return float(shapely.area(shapely.intersection(geoms[left[pairs]], geoms[right[pairs]])).sum())


def feature_collection(tb: gpd.GeoDataFrame) -> str:
    """Return compact GeoJSON text: feature ``id`` = code, properties ``{"code": code}``."""
    features = [
        {
            "type": "Feature",
            "id": code,
            "properties": {"code": code},
            "geometry": _rounded(shapely.geometry.mapping(geom)),
        }
        for code, geom in zip(tb["code"], tb.geometry, strict=True)
    ]
    collection = {"type": "FeatureCollection", "features": features}
    return json.dumps(collection, separators=(",", ":"), ensure_ascii=False)


def _rounded(geometry: dict) -> dict:
    def rnd(value):
        if isinstance(value, (list, tuple)):
            return [rnd(v) for v in value]
        return round(value, 3)

    return {"type": geometry["type"], "coordinates": rnd(geometry["coordinates"])}


def build(source_path: Path = DEFAULT_SOURCE, tolerance: float = TOLERANCE) -> Layers:
    """Run every stage up to and including the checks; return the layers in memory."""
    source = read_source(source_path)
    subjects = repair(join_codes(source))
    simplified = finalize(simplify(subjects, tolerance))
    layers = Layers(simplified, dissolve_districts(simplified), marker_points(simplified))
    return check(join_codes(source), layers)


def write_layers(layers: Layers, out_dir: Path, source_path: Path, tolerance: float) -> dict:
    """Write the two GeoJSON layers, the marker points, the README and the licence note."""
    out_dir.mkdir(parents=True, exist_ok=True)
    texts = {
        "regions.geojson": feature_collection(layers.regions),
        "districts.geojson": feature_collection(layers.districts),
        "region_points.csv": layers.points.to_csv(index=False, lineterminator="\n"),
    }
    sizes = {name: _sizes(text) for name, text in texts.items()}
    if sizes["regions.geojson"][0] > MAX_REGION_BYTES:
        raise BuildCheckError(
            f"regions.geojson is {sizes['regions.geojson'][0]} bytes, over {MAX_REGION_BYTES}: "
            "raise --tolerance."
        )
    texts["README.md"] = _readme(layers, source_path, tolerance, sizes)
    texts["LICENSE-NaturalEarth.txt"] = NATURAL_EARTH_NOTICE
    for name, text in texts.items():
        (out_dir / name).write_text(text, encoding="utf-8", newline="\n")
    return sizes


def _sizes(text: str) -> tuple[int, int]:
    raw = text.encode("utf-8")
    return len(raw), len(gzip.compress(raw, compresslevel=9, mtime=0))


def _vertices(tb: gpd.GeoDataFrame) -> int:
    return int(shapely.get_num_coordinates(tb.geometry.values).sum())


def _readme(layers: Layers, source_path: Path, tolerance: float, sizes: dict) -> str:
    digest = hashlib.sha256(source_path.read_bytes()).hexdigest()
    source = gpd.read_file(source_path)
    size_rows = "\n".join(
        f"| `{name}` | {raw:,} | {gz:,} |" for name, (raw, gz) in sizes.items()
    )
    check_rows = "\n".join(f"| {name} | {value} |" for name, value in layers.checks.items())
    return README_TEMPLATE.format(
        source=source_path.name,
        sha256=digest,
        tolerance=tolerance,
        grid=GRID,
        source_vertices=f"{_vertices(source):,}",
        region_vertices=f"{_vertices(layers.regions):,}",
        district_vertices=f"{_vertices(layers.districts):,}",
        sizes=size_rows,
        checks=check_rows,
    )


def main(argv: list[str] | None = None) -> int:
    """Build the layers and print the checks and sizes."""
    parser = argparse.ArgumentParser(prog="python -m geodata.build_boundaries", description=__doc__)
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE, help="Natural Earth file")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output directory")
    parser.add_argument("--tolerance", type=float, default=TOLERANCE, help="degrees")
    args = parser.parse_args(argv)
    layers = build(args.source, args.tolerance)
    sizes = write_layers(layers, args.out, args.source, args.tolerance)
    for name, value in layers.checks.items():
        print(f"check {name:<22} {value}")
    for name, (raw, gz) in sizes.items():
        print(f"wrote {args.out / name}  {raw / 1024:.1f} KB raw, {gz / 1024:.1f} KB gzip")
    print(f"vertices: regions {_vertices(layers.regions)}, districts {_vertices(layers.districts)}")
    return 0


NATURAL_EARTH_NOTICE = """\
The boundary layers in this directory are derived from Natural Earth
(ne_50m_admin_1_states_provinces, 1:50m cultural vectors, version 5.x).

Made with Natural Earth. Free vector and raster map data @ naturalearthdata.com.

Natural Earth data is in the public domain: "All versions of Natural Earth raster + vector
map data found on this website are in the public domain. You may use the maps in any
manner, including modifying the content and design, electronic dissemination, and
offset printing." No permission is needed; crediting "Made with Natural Earth" is appreciated.

Changes made by this project: features joined by name to the project's own region codes,
Chukotka moved east of the antimeridian, geometry repaired, simplified on shared arcs,
rounded to 3 decimals, exterior rings made clockwise, federal districts dissolved from
the simplified subjects (see README.md and geodata/build_boundaries.py).
"""

README_TEMPLATE = """\
# Boundary layers (generated — do not edit)

Simplified polygons of Russia's 85 federal subjects and 8 federal districts for Plotly
choropleths (`go.Choropleth(geojson=..., featureidkey="id")`), read at runtime by
`geodata/boundaries.py`. Written by `geodata/build_boundaries.py`; this README too.

| file | content |
|---|---|
| `regions.geojson` | 85 features, feature `id` = subject code (`geodata/regions.csv`), properties `{{"code"}}` |
| `districts.geojson` | 8 features, `id` = federal-district code (`geodata/federal_districts.csv`) |
| `region_points.csv` | `code, lon, lat`: centre of the largest inscribed circle of each subject (markers) |

## Source

- Natural Earth 1:50m admin-1 states/provinces, version 5.x, the 85 features with
  `adm0_a3 = RUS` (file `{source}`, kept in the project's shared folder as
  `../shared/geodata/`; SHA-256 `{sha256}`).
- Licence: public domain. "Made with Natural Earth" — see `LICENSE-NaturalEarth.txt`.
- Joined to the subject codes **by name** (`name_ru`, `name_en`, `name` through
  `geodata.regions.normalize_region`), never by the source's `iso_3166_2`, which is wrong for
  Moscow / Moscow oblast; two features with contradictory names are fixed by `OVERRIDES` in the
  build script.

## Build

```
python -m geodata.build_boundaries [--source PATH] [--out DIR]
```

1. longitudes < 0 (Chukotka east of 180°) shifted by +360, `make_valid`, polygon parts only;
2. simplified on shared arcs with `topojson` (`toposimplify={tolerance}`°,
   `prevent_oversimplify=True`, `prequantize=False`);
3. rounded to a {grid}° grid, repaired again, polygon parts only, exterior rings clockwise
   (plotly's d3-geo fills a counter-clockwise ring as "the globe minus the shape");
4. districts dissolved from the simplified subjects, so their borders coincide.

## Measured

Vertices: source {source_vertices}; regions {region_vertices}; districts {district_vertices}.

| file | bytes | gzip -9 bytes |
|---|---|---|
{sizes}

| check | result |
|---|---|
{checks}
"""


if __name__ == "__main__":
    raise SystemExit(main())
