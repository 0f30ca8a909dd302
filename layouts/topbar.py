"""A page's title, subtitle, navigation and language link → the header every page opens with."""

from __future__ import annotations

from collections.abc import Sequence

from dash import dcc, html
from dash.development.base_component import Component

from layouts.i18n import t

PAGES = (("map_nav", "/", "nav-map"), ("cluster_explorer", "/clusters", "nav-clusters"),
         ("methodology", "/methodology", "nav-methodology"))  # fmt: skip


def page_links(lang: str, id_prefix: str = "") -> list[dcc.Link]:
    """The links between the pages, in the viewer's language (ids prefixed per page)."""
    suffix = "?lang=en" if lang == "en" else ""
    return [
        dcc.Link(t(key, lang), href=path + suffix, id=id_prefix + link_id)
        for key, path, link_id in PAGES
    ]


def topbar(
    title: str, subtitle: str, links: Sequence[Component], language_link: Component
) -> html.Header:
    """The `topbar` header: heading and subtitle, the page links, the other language's link."""
    return html.Header(
        className="topbar",
        children=[
            html.Div([html.H1(title), html.P(subtitle, className="subtitle")]),
            html.Nav(className="nav", children=list(links)),
            language_link,
        ],
    )
