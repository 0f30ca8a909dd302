"""layouts/methodology_page.py (and the facts callbacks/methodology_page.py reads for it)."""

from __future__ import annotations

import pandas as pd
from dash import dcc, html

from callbacks.methodology_page import boundary_tolerance
from layouts.methodology_page import band_range, layout
from queries.metrics import CREATION_CLASSES, GROWTH_CLASSES
from tests.helpers import tree_json, walk

DOCUMENTS = pd.DataFrame(
    [
        ("002_d8f5a7355f1388eb.txt", "Дайджест", "Digest", "ВШЭ", "№6", "2025-06",
         "observations", [549, 579, 580, 581]),
        ("002_d8f5a7355f1388eb.txt", "Дайджест", "Digest", "ВШЭ", "№6", "2025-06",
         "cluster_facts", [171]),
        ("004_x.txt", "Слайды", "Slides", "ИНО Томск", "", "", None, []),
    ],
    columns=["source_file", "title_ru", "title_en", "publisher", "issue", "date",
             "table_name", "lines"],
)  # fmt: skip
INDUSTRIES = {"design": ("Дизайн", "Design")}
OKVED = pd.DataFrame(
    {
        "okved_code": ["74.10"],
        "okved_name": ["Деятельность специализированная в области дизайна"],
        "industry_id": ["design"],
        "basis": ["x"],
        "confidence": ["high"],
        "mapped_on": ["2026-11-25"],
    }
)


def _page(lang: str = "ru", **kw) -> html.Div:
    return layout(lang, DOCUMENTS, INDUSTRIES, **{"tolerance": 0.03, **kw})


def test_thresholds_come_from_the_registry_with_their_bounds() -> None:
    bands = CREATION_CLASSES.bands
    ranges = [band_range(b, bands[i - 1] if i else None, "ru") for i, b in enumerate(bands)]
    assert ranges == ["< 6 %", "≥ 6 и ≤ 10 %", "> 10 %"]
    growth = GROWTH_CLASSES.bands
    assert band_range(growth[1], growth[0], "en") == "≥ 0 and < 3 %"


def test_coefficients_cite_the_seed_line_that_defines_them() -> None:
    text = tree_json(_page("en"))
    assert "002_d8f5a7355f1388eb.txt:628 — Digest №6 (2025-06)" in text
    assert "002_d8f5a7355f1388eb.txt:556" in text
    assert "100 × created in the year / active at the start of the year" in text


def test_aggregation_and_small_base_rules_are_stated() -> None:
    text = tree_json(_page("en"))
    assert "ratios of sums" in text and "fewer than 30 organisations" in text


def test_documents_table_lists_every_document_with_lines_by_table() -> None:
    page = _page("en")
    text = tree_json(page)
    assert text.count("Digest №6 (2025-06)") >= 1 and "Slides" in text
    assert "creative-industry figures: " in text and "549, 579–581" in text
    assert "cluster figures: " in text and "no line cited yet" in text
    assert '"id": "documents-table"' in text


def test_okved_mapping_is_a_table_or_pending() -> None:
    shown = tree_json(_page("ru", okved=OKVED, okved_date="2026-11-25"))
    assert '"id": "okved-table"' in shown and "74.10" in shown and "Дизайн" in shown
    assert "2026-11-25" in shown and "предварительное" in shown
    pending = tree_json(_page("en"))
    assert '"id": "okved-pending"' in pending and "pending" in pending


def test_boundaries_name_natural_earth_and_the_tolerance() -> None:
    text = tree_json(_page("ru"))
    assert "Natural Earth 1:50m" in text and "0,03°" in text
    assert boundary_tolerance() == 0.03  # as geodata/layers/README.md records it


def test_language_link_and_navigation_keep_the_language() -> None:
    page = _page("en")
    links = {c.id: c.href for c in walk(page) if isinstance(c, dcc.Link | html.A) and c.id}
    assert links["methodology-lang"] == "/methodology"
    assert links["nav-map"] == "/?lang=en" and links["nav-clusters"] == "/clusters?lang=en"
    assert page.lang == "en"
