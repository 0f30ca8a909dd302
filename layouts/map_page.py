"""The map page: controls, the choropleth and its caption."""

from __future__ import annotations

from dash import dcc, html

from layouts import theme
from layouts.i18n import t

MAP_CONFIG = {
    "topojsonURL": theme.TOPOJSON_URL,  # plotly's base map from our own assets: no CDN
    "displaylogo": False,
    "scrollZoom": False,
    "modeBarButtonsToRemove": ["lasso2d", "select2d"],
}


def _radio(id_: str, options: list[dict[str, str]], value: str) -> dcc.RadioItems:
    return dcc.RadioItems(id=id_, options=options, value=value, inline=True,
                          className="control-radio")  # fmt: skip


def layout(lang: str = "ru", level: str = "region", metric: str = "clusters") -> html.Div:
    """The page; the map itself arrives from the first callback."""
    return html.Div(
        className="page",
        children=[
            html.Header(
                className="topbar",
                children=[
                    html.Div([html.H1(t("app_title", lang), id="app-title"),
                              html.P(t("app_subtitle", lang), className="subtitle")]),
                    html.Button(t("language", lang), id="lang-toggle", className="lang-toggle",
                                n_clicks=0),  # fmt: skip
                ],
            ),
            html.Div(id="dataset-banner", role="status"),
            html.Section(
                className="controls",
                children=[
                    html.Label(t("level", lang), htmlFor="level", id="level-label"),
                    _radio("level", [{"label": t("level_region", lang), "value": "region"},
                                     {"label": t("level_fd", lang), "value": "fd"}], level),
                    html.Label(t("metric", lang), htmlFor="metric", id="metric-label"),
                    dcc.Dropdown(id="metric", value=metric, clearable=False, searchable=False),
                ],
            ),
            dcc.Store(id="lang", data=lang),
            dcc.Store(id="map-drawn"),  # "level:lang" of the figure on screen (Patch or redraw)
            dcc.Graph(id="map", config=MAP_CONFIG, className="map",
                      style={"height": "68vh"}),  # fmt: skip
            html.P(id="map-caption", className="caption"),
        ],
    )
