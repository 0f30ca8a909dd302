"""layouts/topbar.py: the header each page opens with."""

from __future__ import annotations

from dash import dcc, html

from layouts.topbar import topbar


def test_topbar_has_title_subtitle_links_and_the_language_link() -> None:
    links = [dcc.Link("Map", href="/"), dcc.Link("Clusters", href="/clusters")]
    language = html.A("Русский", href="/?lang=ru", className="lang-toggle")
    header = topbar("Title", "Subtitle", links, language)
    heading, nav, last = header.children
    assert header.className == "topbar"
    assert [c.children for c in heading.children] == ["Title", "Subtitle"]
    assert nav.className == "nav" and nav.children == links
    assert last is language


def test_every_page_links_to_the_three_pages_in_its_language() -> None:
    from layouts.topbar import page_links

    ru = page_links("ru")
    en = page_links("en", id_prefix="cl-")
    assert [link.href for link in ru] == ["/", "/clusters", "/methodology"]
    assert [link.href for link in en] == ["/?lang=en", "/clusters?lang=en", "/methodology?lang=en"]
    assert [link.id for link in en] == ["cl-nav-map", "cl-nav-clusters", "cl-nav-methodology"]
