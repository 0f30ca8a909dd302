"""The embed page for a URL: its query string → a validated view → the chart-only layout.

The page has no callbacks: everything is drawn when the frame loads. ``chart=map`` (the
default) embeds the map, ``chart=rankings`` the ranked bar chart of the rankings tab; any
other value shows the map with a notice.
"""

from __future__ import annotations

from urllib.parse import urlencode

from atlas.store import default_reader
from atlas.viewstate import ViewState, parse_query
from atlas.web import geojson_url
from exports.links import EMBED_CHARTS
from layouts import embed_page
from layouts.i18n import t
from layouts.map_render import render_map
from layouts.rankings import ranking_chart
from queries.rankings import rankings
from queries.views import choices, map_data, settle


def _query_string(query: dict[str, object]) -> str:
    """Dash Pages hands a repeated parameter over as a list; like the URL parser, keep the last."""
    return urlencode({k: v[-1] if isinstance(v, list) and v else v for k, v in query.items()})


def page(chart: object = None, **query: object) -> object:
    """The layout of `/embed?<view>&chart=…`; unknown or hostile values fall back, with notices."""
    if isinstance(chart, list):
        chart = chart[-1] if chart else None
    with default_reader().cursor() as cur:
        try:
            state, notices = parse_query(_query_string(query), choices(cur))
        except ValueError:  # more parameters than parse_qs allows (atlas.viewstate)
            state, notices = ViewState(), ["the link has too many parameters; all were ignored"]
        state = settle(cur, state)
        data = map_data(cur, state)
        ranking = rankings(cur, state) if chart == "rankings" else None
    if chart is not None and chart not in EMBED_CHARTS:
        notices.append(t("ex_embed_chart_missing", state.lang))
    synthetic = bool(data.dataset.get("synthetic"))
    if ranking is not None:  # the chart stamps its own source caption
        figure = ranking_chart(ranking, state.lang, None)
        return embed_page.layout(state, figure, caption=None, synthetic=synthetic, notices=notices)
    rendered = render_map(data, geojson_url(state.level))
    return embed_page.layout(
        state,
        embed_page.map_chart(rendered),
        caption=rendered.caption,
        synthetic=synthetic,
        notices=notices,
    )
