"""A page's title, subtitle, navigation and language link → the header every page opens with."""

from __future__ import annotations

from collections.abc import Sequence

from dash import html
from dash.development.base_component import Component


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
