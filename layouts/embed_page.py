"""The embeddable page: one chart filling its frame, its source line and a link to the full view."""

from __future__ import annotations

from collections.abc import Sequence

from dash import dcc, html

from atlas.viewstate import ViewState
from layouts import theme
from layouts.figures import drawn_places_only
from layouts.i18n import t
from layouts.map_render import RenderedMap

EMBED_CONFIG = {
    "topojsonURL": theme.TOPOJSON_URL,  # no CDN, also inside a partner's page
    "displaylogo": False,
    "scrollZoom": False,
    "responsive": True,
    "modeBarButtonsToRemove": ["lasso2d", "select2d"],
}
_PAGE = {
    "height": "100vh",
    "display": "flex",
    "flexDirection": "column",
    "background": "white",
    "overflow": "hidden",
}
_FOOT = {
    "display": "flex",
    "gap": "12px",
    "alignItems": "flex-start",
    "justifyContent": "space-between",
    "padding": "0 8px 4px",
}
_BOX = {"margin": "4px 8px", "padding": "4px 8px"}


def map_chart(rendered: RenderedMap) -> dcc.Graph:
    """The map (title and legend in the figure), stretched to the frame."""
    return dcc.Graph(
        id="embed-map",
        figure=drawn_places_only(rendered.figure),  # drawn once, never patched
        config=EMBED_CONFIG,
        responsive=True,
        style={"height": "100%"},
    )


def layout(
    state: ViewState,
    chart: object,
    *,
    caption: str | None,
    synthetic: bool,
    notices: Sequence[str] = (),
) -> html.Div:
    """One chart, its source line, a link back; no controls and no panels.

    The map's source line is HTML under the chart rather than stamped in the figure, so it
    wraps to any frame width (`caption=None` for a chart that stamps its own). The link opens
    `/` with the same canonical query in the top window, not inside the frame.
    """
    lang = state.lang
    top = []
    if notices:
        text = f"{t('notice', lang)}: " + "; ".join(notices)
        top.append(html.Div(text, className="notice", role="status", style=_BOX))
    if synthetic:
        top.append(html.Div(t("synthetic_banner", lang), className="banner synthetic", style=_BOX))
    foot = [html.P(caption or "", id="embed-caption", className="caption", style={"margin": 0})]
    foot.append(
        html.A(
            t("ex_embed_open", lang),
            id="embed-open",
            href="/" + state.to_query(),
            target="_top",
            rel="noopener",
            className="button",
            style={"whiteSpace": "nowrap", "textDecoration": "none"},
        )
    )
    return html.Div(
        id="embed",
        className="embed",
        lang=lang,
        style=_PAGE,
        children=[
            *top,
            html.Div(
                chart,
                id="embed-chart",
                style={"flex": "1 1 auto", "minHeight": 0, "overflowY": "auto"},
            ),
            html.Div(foot, style=_FOOT),
        ],
    )
