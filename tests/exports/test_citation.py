"""exports/citation.py: ready citations of the cited documents and of the view, RU and EN."""

from __future__ import annotations

import doctest

import pytest

from atlas.viewstate import ViewState
from exports import citation, links, tables
from exports.citation import citations


@pytest.mark.parametrize("module", [citation, links, tables])
def test_doctests(module) -> None:
    assert doctest.testmod(module).failed == 0


def test_each_cited_document_then_the_view(view_of) -> None:
    view = view_of(ViewState(metric="created"))
    cited = citations(view.data.docs, view.short_titles(), view.permalink, view.today)
    n = len(view.data.docs)
    assert n >= 1 and len(cited["ru"]) == len(cited["en"]) == n + 1
    for (_, doc), ru, en in zip(view.data.docs.iterrows(), cited["ru"], cited["en"], strict=False):
        assert ru.startswith(doc["title_ru"]) and doc["source_file"] in ru and "Стр. " in ru
        assert doc["title_en"] in en and doc["source_file"] in en and "Lines " in en
        assert "НИУ ВШЭ" in ru and "HSE ISSEK" in en and "HSE" not in ru
    assert cited["ru"][-1].startswith("Атлас кластеров: Создано креативных организаций, 2024")
    assert view.permalink in cited["ru"][-1] and "25.11.2026" in cited["ru"][-1]
    assert cited["en"][-1].startswith("Cluster Atlas: Creative organisations created, 2024")
