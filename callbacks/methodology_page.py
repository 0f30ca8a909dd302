"""The methodology page (/methodology): a URL's language → the page, filled from the database,
the OKVED mapping file and the boundary layers' README.

The page has no interaction; language switches are links (`?lang=en`).
"""

from __future__ import annotations

import re

from atlas.store import default_reader
from etl import okved
from geodata.boundaries import layer_path
from layouts import methodology_page
from queries import catalog
from queries.documents import lines_by_document

TITLE = "Методика и источники · Cluster Atlas"
_TOLERANCE = re.compile(r"toposimplify=([0-9.]+)")


def boundary_tolerance() -> float | None:
    """The simplification tolerance (degrees) the boundary build wrote into its README."""
    readme = layer_path("region").with_name("README.md")
    found = _TOLERANCE.search(readme.read_text(encoding="utf-8")) if readme.exists() else None
    return float(found.group(1)) if found else None


def page(lang: str = "ru", **_other_params: str) -> object:
    """The page for `?lang=` (Russian unless it says en); other parameters are ignored."""
    lang = "en" if lang == "en" else "ru"
    with default_reader().cursor() as cur:
        documents = lines_by_document(cur)
        industries = {i: (ru, en) for i, ru, en in catalog.industries(cur)}
    mapping = okved.mapping_table() if okved.MAPPING_CSV.exists() else None
    return methodology_page.layout(
        lang,
        documents,
        industries,
        okved=mapping,
        okved_date=okved.mapping_date() if mapping is not None else None,
        tolerance=boundary_tolerance(),
    )
