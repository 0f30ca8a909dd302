"""The map page: controls, the choropleth, its caption and text description, and the panels."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from dash import dcc, html

from atlas.viewstate import ViewState, state_to_dict
from layouts import theme
from layouts.export_bar import export_bar
from layouts.i18n import t
from layouts.topbar import page_links

MAP_CONFIG = {
    "topojsonURL": theme.TOPOJSON_URL,  # plotly's base map from our own assets: no CDN
    "displaylogo": False,
    "scrollZoom": False,
    "modeBarButtonsToRemove": ["lasso2d", "select2d"],
}
METHODS = ("hse", "quantile", "jenks", "equal")
PLAY_INTERVAL_MS = 1500


def level_options(lang: str) -> list[dict[str, str]]:
    return [
        {"label": t("level_region", lang), "value": "region"},
        {"label": t("level_fd", lang), "value": "fd"},
    ]


def method_options(lang: str) -> list[dict[str, object]]:
    """'hse' falls back to natural breaks for a metric without published classes (it says so)."""
    return [{"label": t(f"method_{m}", lang), "value": m} for m in METHODS]


def toggle_options(lang: str) -> list[dict[str, str]]:
    return [
        {"label": t("fixed_breaks", lang), "value": "fixed_breaks"},
        {"label": t("clusters_layer", lang), "value": "clusters_layer"},
    ]


def toggles_of(state: ViewState) -> list[str]:
    return [k for k in ("fixed_breaks", "clusters_layer") if getattr(state, k)]


def _field(label_key: str, control_id: str, control, lang: str, wide: bool = False) -> html.Div:
    return html.Div(
        className="field wide" if wide else "field",
        children=[
            html.Label(t(label_key, lang), htmlFor=control_id, id=f"{control_id}-label"),
            control,
        ],
    )


def _nav(lang: str) -> html.Nav:
    return html.Nav(className="nav", id="nav", children=page_links(lang))


@dataclass(frozen=True)
class ControlOptions:
    """What the controls offer for a state (from the database), so the page renders complete."""

    metric: list[dict[str, object]]
    dataset: list[dict[str, object]]
    industries: list[dict[str, object]]
    industries_disabled: bool
    years: list[int]
    regions: list[dict[str, object]]


def year_marks(years: Sequence[int]) -> dict[int, dict[str, str]]:
    return {y: {"label": str(y)} for y in years}


def _radio(id_: str, options: list[dict[str, object]], value: str) -> dcc.RadioItems:
    """A row of radio buttons (arrow keys move between them)."""
    return dcc.RadioItems(
        id=id_, options=options, value=value, inline=True, className="control-radio"
    )


def _single_choice(id_: str, value: str, options: list[dict[str, object]]) -> dcc.Dropdown:
    """A dropdown that always holds one value (nothing to type, nothing to clear)."""
    return dcc.Dropdown(id=id_, value=value, options=options, clearable=False, searchable=False)


def controls(state: ViewState, lang: str, opts: ControlOptions) -> html.Section:
    return html.Section(
        className="controls",
        children=[
            _field("level", "level", _radio("level", level_options(lang), state.level), lang),
            _field("metric", "metric", _single_choice("metric", state.metric, opts.metric), lang),
            _field(
                "dataset", "dataset", _single_choice("dataset", state.dataset, opts.dataset), lang
            ),
            _field(
                "industries",
                "industries",
                dcc.Dropdown(
                    id="industries",
                    multi=True,
                    value=list(state.industries),
                    options=opts.industries,
                    disabled=opts.industries_disabled,
                    placeholder=t("all_industries", lang),
                ),
                lang,
            ),
            _field(
                "classification",
                "method",
                _radio("method", method_options(lang), state.method),
                lang,
            ),
            html.Div(
                className="field",
                children=[
                    dcc.Checklist(
                        id="toggles",
                        options=toggle_options(lang),
                        value=toggles_of(state),
                        inline=True,
                        className="control-radio",
                    )
                ],
            ),
            html.Div(
                className="field wide year-row",
                id="year-row",
                hidden=len(opts.years) < 2,
                children=[
                    html.Label(t("year", lang), htmlFor="year", id="year-label"),
                    html.Button(t("play", lang), id="play", n_clicks=0, className="button"),
                    html.Div(
                        dcc.Slider(
                            id="year",
                            min=opts.years[0] if opts.years else 0,
                            max=opts.years[-1] if opts.years else 1,
                            step=1,
                            value=state.year or 0,
                            marks=year_marks(opts.years),
                        ),
                        className="year-slider",
                    ),
                ],
            ),
        ],
    )


SIDE_TABS = ("profile", "rankings", "compare")


def side_tab_options(lang: str) -> list[dict[str, str]]:
    return [{"label": t(f"tab_{tab}", lang), "value": tab} for tab in SIDE_TABS]


def side_panel(state: ViewState, lang: str, opts: ControlOptions) -> html.Aside:
    """Profile, rankings and comparison of the current view (filled by callbacks/panels.py).

    The tab strip is a radio group: native keyboard use (Tab to it, arrows to move).
    """
    compare = html.Div(
        [
            html.Label(
                t("compare_pick", lang), htmlFor="compare-picker", id="compare-picker-label"
            ),
            dcc.Dropdown(
                id="compare-picker", multi=True, value=list(state.compare), options=opts.regions
            ),
            html.Div(id="compare-panel", className="panel"),
        ],
        id="side-compare",
        hidden=True,
    )
    return html.Aside(
        className="side",
        children=[
            dcc.RadioItems(
                id="side-tab",
                options=side_tab_options(lang),
                value="profile",
                inline=True,
                className="side-tabs",
            ),
            html.Div(html.Div(id="profile-panel", className="panel"), id="side-profile"),
            html.Div(
                html.Div(id="rankings-panel", className="panel"), id="side-rankings", hidden=True
            ),
            compare,
        ],
    )


def layout(state: ViewState, opts: ControlOptions, notices: Sequence[str] = ()) -> html.Div:
    """The page for a validated state; the map and panels arrive from the callbacks."""
    lang = state.lang
    return html.Div(
        className="page",
        lang=lang,
        children=[
            html.Header(
                className="topbar",
                children=[
                    html.Div(
                        [
                            html.H1(t("app_title", lang), id="app-title"),
                            html.P(
                                t("app_subtitle", lang), className="subtitle", id="app-subtitle"
                            ),
                        ]
                    ),
                    _nav(lang),
                    html.Button(
                        t("language", lang),
                        id="lang-toggle",
                        className="lang-toggle",
                        n_clicks=0,
                        lang="en" if lang == "ru" else "ru",
                    ),
                ],
            ),
            html.Div(
                [html.Div(f"{t('notice', lang)}: " + "; ".join(notices), className="notice")]
                if notices
                else [],
                id="notices",
                role="status",
            ),
            html.Div(id="dataset-banner", role="status"),
            controls(state, lang, opts),
            dcc.Store(id="view-state", data=state_to_dict(state)),
            dcc.Store(id="permalink"),  # the state's query string; atlas.js puts it in the URL
            dcc.Store(id="map-drawn"),  # "level:lang:focus" of the figure on screen
            dcc.Interval(id="play-timer", interval=PLAY_INTERVAL_MS, disabled=True),
            html.Div(
                className="workspace",
                children=[
                    html.Div(
                        className="map-column",
                        children=[
                            html.Div(
                                className="map-wrap",
                                children=[
                                    html.Button(
                                        t("back_to_russia", lang),
                                        id="back",
                                        n_clicks=0,
                                        className="button back",
                                        hidden=state.focus_fd is None,
                                    ),
                                    dcc.Graph(
                                        id="map",
                                        config=MAP_CONFIG,
                                        className="map",
                                        style={
                                            "width": "100%",
                                            "aspectRatio": "1.3",
                                            "maxHeight": "76vh",
                                        },
                                    ),
                                ],
                            ),
                            html.P(id="map-caption", className="caption"),
                            export_bar(state),
                            html.Section(
                                id="map-summary", className="summary", **{"aria-live": "polite"}
                            ),
                        ],
                    ),
                    side_panel(state, lang, opts),
                ],
            ),
        ],
    )
