"""Read the committed boundary layers (GeoJSON text, marker points) for the web app.

Only the standard library and pandas are used here, so the app never imports geopandas.
The layers are built by ``python -m geodata.build_boundaries`` (see geodata/layers/README.md).
"""

from __future__ import annotations

import io
import json
from functools import cache
from pathlib import Path
from typing import Literal

import pandas as pd

LAYERS_DIR = Path(__file__).parent / "layers"
LAYER_FILES = {"region": "regions.geojson", "district": "districts.geojson"}
POINTS_FILE = "region_points.csv"

Level = Literal["region", "district"]


class UnknownLayerError(ValueError):
    """The requested layer level does not exist."""


class MissingLayerError(FileNotFoundError):
    """A layer file is missing from geodata/layers/."""


def layer_path(level: Level) -> Path:
    """Return the path of a layer's GeoJSON file.

    Parameters
    ----------
    level : {"region", "district"}
        Federal subjects (85 features) or federal districts (8 features).

    Returns
    -------
    pathlib.Path

    Examples
    --------
    >>> layer_path("region").name
    'regions.geojson'
    """
    if level not in LAYER_FILES:
        raise UnknownLayerError(f"unknown layer level {level!r}: use one of {sorted(LAYER_FILES)}.")
    return LAYERS_DIR / LAYER_FILES[level]


def load_layer(level: Level) -> dict:
    """Return a layer as a GeoJSON FeatureCollection (a fresh dict; the file is read once).

    Feature ``id`` is the subject code (``RU-MOW`` …) or the district code (``CFD`` …), so
    plotly traces use ``featureidkey="id"``. Longitudes run from 19 to 191 (Chukotka is east
    of the antimeridian), exterior rings are clockwise, as plotly's geo traces need.

    Parameters
    ----------
    level : {"region", "district"}

    Returns
    -------
    dict

    Examples
    --------
    >>> layer = load_layer("district")
    >>> len(layer["features"]), layer["features"][0]["id"]
    (8, 'CFD')
    """
    return json.loads(_layer_text(layer_path(level)))


def representative_points() -> pd.DataFrame:
    """Return one point inside each subject (``code, lon, lat``), ordered by code.

    The point is the centre of the largest circle that fits in the subject's largest part,
    a good anchor for markers and labels.

    Examples
    --------
    >>> points = representative_points()
    >>> len(points), list(points.columns)
    (85, ['code', 'lon', 'lat'])
    """
    return _points().copy()


@cache
def _layer_text(path: Path) -> str:
    return _read(path)


@cache
def _points() -> pd.DataFrame:
    text = _read(LAYERS_DIR / POINTS_FILE)
    return pd.read_csv(io.StringIO(text), dtype={"code": str, "lon": float, "lat": float})


def _read(path: Path) -> str:
    if not path.is_file():
        raise MissingLayerError(
            f"{path} is missing: restore it from git or rebuild the layers with "
            "`python -m geodata.build_boundaries`."
        )
    return path.read_text(encoding="utf-8")
