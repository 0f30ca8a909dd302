"""Russia's federal subjects and districts: reference tables, name lookup and map layers."""

# `regions()` stays in geodata.regions: exported here it would hide the submodule itself.
from geodata.boundaries import layer_path, load_layer, representative_points
from geodata.regions import (
    AmbiguousRegionError,
    CompositeTotalError,
    UnknownRegionError,
    fd_of,
    federal_districts,
    is_composite_total,
    normalize_region,
    region_codes,
)

__all__ = [
    "AmbiguousRegionError",
    "CompositeTotalError",
    "UnknownRegionError",
    "fd_of",
    "federal_districts",
    "is_composite_total",
    "layer_path",
    "load_layer",
    "normalize_region",
    "region_codes",
    "representative_points",
]
