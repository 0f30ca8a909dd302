"""A view state + the site's origin → the permalink, the embed URL and the iframe snippet."""

from __future__ import annotations

import html
import re
from urllib.parse import urlsplit

from atlas.viewstate import ViewState

EMBED_HEIGHT = 520
EMBED_CHARTS = ("map", "rankings")
_ORIGIN = re.compile(
    r"^https?://[A-Za-z0-9.\-]+(:\d{1,5})?$|^https?://\[[0-9A-Fa-f:.]+\](:\d{1,5})?$"
)


def site_origin(href: object, fallback: str) -> str:
    """`scheme://host[:port]` of the page the viewer is on, else `fallback` (the request's).

    Examples
    --------
    >>> site_origin("https://atlas.example/?metric=created", "http://127.0.0.1:8050/")
    'https://atlas.example'
    >>> site_origin('javascript:alert(1)//"', "http://127.0.0.1:8050/")
    'http://127.0.0.1:8050'
    """
    for candidate in (href, fallback):
        if isinstance(candidate, str):
            parts = urlsplit(candidate)
            origin = f"{parts.scheme}://{parts.netloc}"
            if _ORIGIN.match(origin):
                return origin
    return ""


def permalink(origin: str, state: ViewState) -> str:
    """The full view of `state`: `https://host/?metric=…` (defaults are left out).

    Examples
    --------
    >>> permalink("https://atlas.example", ViewState(metric="created", year=2023))
    'https://atlas.example/?metric=created&year=2023'
    """
    return f"{origin}/{state.to_query()}"


def embed_url(origin: str, state: ViewState, chart: str = "map") -> str:
    """The chart-only page of `state` for an iframe (`chart`: one of `EMBED_CHARTS`).

    Examples
    --------
    >>> embed_url("https://atlas.example", ViewState(lang="en"))
    'https://atlas.example/embed?lang=en'
    """
    query = state.to_query()
    if chart != "map":
        query = (query + "&" if query else "?") + f"chart={chart}"
    return f"{origin}/embed{query}"


def embed_code(origin: str, state: ViewState, title: str) -> str:
    """An `<iframe>` snippet for the embed page, every attribute escaped.

    Examples
    --------
    >>> code = embed_code("https://a.example", ViewState(), 'Clusters "2024"')
    >>> code.split(" style=")[0]
    '<iframe src="https://a.example/embed" width="100%" height="520"'
    >>> code.split(" loading=")[1]
    '"lazy" title="Clusters &quot;2024&quot;"></iframe>'
    """
    src = html.escape(embed_url(origin, state), quote=True)
    return (
        f'<iframe src="{src}" width="100%" height="{EMBED_HEIGHT}" style="border:0" '
        f'loading="lazy" title="{html.escape(title, quote=True)}"></iframe>'
    )
