"""Chart views → plotly bar and line figures: thin named functions over one engine.

The layouts of the panels turn query results into frames of ready-made text (names, value
labels, hover lines, all in the viewer's language) and call a named function here:

- `ranked_bar_figure`: places sorted by value, coloured by class, one bar highlighted;
- `place_lines_figure`: a place over the years against its district and Russia;
- `compare_lines_figure`: several places over the years, one colour-blind-safe line each.

Each builds a `ChartView` and hands it to `chart_figure`, the engine, which runs the same
stages for every chart: traces, axes, frame (theme, legend, and the title, subtitle and
source caption kept in ``layout.meta``). `graph` puts a figure on the page with those
words in HTML around the plot, as Datawrapper does, so that they wrap in a narrow panel
and screen readers read them. The theme values, among them the chart defaults
(`CHART_THEME`) and the line palette, come from `layouts.theme`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

import pandas as pd
import plotly.graph_objects as go
from dash import dcc, html

from layouts import theme
from layouts.captions import source_caption
from layouts.i18n import t

# Lines past the palette's seventh colour repeat one with a dashed stroke and another marker.
DASHES = ("solid", "dash")
SYMBOLS = ("circle", "square", "diamond", "triangle-up", "triangle-down", "pentagon", "star")
ROLE_STYLES = {  # place_lines_figure: the place stands out, Russia recedes
    "place": {"colour": theme.PALETTE[0], "dash": "solid", "symbol": "circle", "width": 3.0},
    "fd": {"colour": theme.PALETTE[1], "dash": "solid", "symbol": "square", "width": 2.0},
    "country": {"colour": theme.MUTED_COLOUR, "dash": "dash", "symbol": "diamond", "width": 2.0},
}
GRID_COLOUR = "#e6e9ed"
PANEL_WIDTH = 440  # px a side-panel chart is about; used to foresee legend rows
CAPTION_LINES = 12  # a caption lists up to this many lines of a document, else their count
BAR_PX = 22  # a bar and its gap; long rankings get `BAR_PX_MANY`
BAR_PX_MANY = 15
BAR_EDGE = "rgba(31, 41, 51, 0.35)"
CHART_CONFIG = {
    "displaylogo": False,
    "modeBarButtonsToRemove": ["lasso2d", "select2d", "autoScale2d", "zoomIn2d", "zoomOut2d"],
    "toImageButtonOptions": {"scale": 2},
}
SEPARATORS = {"ru": ",\u202f", "en": ".,"}  # decimal mark, then thousands (as fmt_number)
FIGURE_STYLE = {"margin": "6px 0 10px"}
TITLE_STYLE = {"fontSize": "1rem", "fontWeight": 700, "color": theme.TEXT_COLOUR}
SUBTITLE_STYLE = {"fontSize": "0.85rem", "color": theme.MUTED_COLOUR, "margin": "2px 0 4px"}
CAPTION_STYLE = {
    "fontSize": "0.75rem",
    "color": theme.MUTED_COLOUR,
    "lineHeight": 1.35,
    "marginTop": "4px",
    "overflowWrap": "anywhere",
}


@dataclass(frozen=True)
class Series:
    """One trace: a line, or a group of bars sharing a colour (a class)."""

    name: str
    x: Sequence[object]
    y: Sequence[object]
    hover: Sequence[str]
    colour: str
    labels: Sequence[str] = ()
    dash: str = "solid"
    symbol: str = "circle"
    width: float = 2.0


@dataclass(frozen=True)
class ChartView:
    """Everything a bar or line chart shows, already in the viewer's language."""

    kind: Literal["bar", "line"]
    series: Sequence[Series]
    title: str
    caption: str
    lang: str
    subtitle: str = ""
    value_title: str = ""
    log_values: bool = False
    categories: Sequence[str] = ()  # bars: names top to bottom
    highlight: str | None = None  # bars: the name to emphasise
    years: Sequence[int] = ()  # lines: the x ticks
    legend: bool = True
    height: int = 320


# --- the engine --------------------------------------------------------------------------


def _bar_traces(view: ChartView) -> list[go.Bar]:
    return [
        go.Bar(
            name=s.name,
            orientation="h",
            x=list(s.y),
            y=list(s.x),
            marker={
                "color": s.colour,
                "line": {  # a hairline keeps pale classes visible; the highlight is bold
                    "color": [theme.TEXT_COLOUR if n == view.highlight else BAR_EDGE for n in s.x],
                    "width": [1.5 if n == view.highlight else 0.6 for n in s.x],
                },
            },
            text=list(s.labels) or None,
            textposition="outside",
            textfont={"size": 11, "color": theme.TEXT_COLOUR},
            cliponaxis=False,
            customdata=list(s.hover),
            hovertemplate="%{customdata}<extra></extra>",
        )
        for s in view.series
    ]


def _line_traces(view: ChartView) -> list[go.Scatter]:
    return [
        go.Scatter(
            name=s.name,
            x=list(s.x),
            y=list(s.y),
            mode="lines+markers",
            line={"color": s.colour, "dash": s.dash, "width": s.width},
            marker={"color": s.colour, "symbol": s.symbol, "size": 7 if len(s.x) > 1 else 10},
            customdata=list(s.hover),
            hovertemplate="%{customdata}<extra></extra>",
        )
        for s in view.series
    ]


def _traces(view: ChartView) -> list[go.BaseTraceType]:
    return _bar_traces(view) if view.kind == "bar" else _line_traces(view)


def _values(view: ChartView) -> list[float]:
    return [float(v) for s in view.series for v in s.y if v is not None and not pd.isna(v)]


def _bar_axes(view: ChartView) -> dict[str, object]:
    values = _values(view) or [0.0]
    low, high = min(0.0, min(values)), max(0.0, max(values))
    pad = (high - low) * 0.22 or 1.0  # room for the value labels beside the bars
    ticktext = [f"<b>{n}</b>" if n == view.highlight else n for n in view.categories]
    return {
        "xaxis": {"visible": False, "range": [low - (pad if low < 0 else 0), high + pad]},
        "yaxis": {
            "categoryorder": "array",
            "categoryarray": list(view.categories),
            "autorange": "reversed",
            "tickvals": list(view.categories),
            "ticktext": ticktext,
            "tickfont": {"size": 11, "color": theme.TEXT_COLOUR},
            "ticks": "",
            "automargin": True,
        },
        "barmode": "overlay",
        "bargap": 0.25,
    }


def _line_axes(view: ChartView) -> dict[str, object]:
    years = sorted(set(view.years))
    log = view.log_values and all(v > 0 for v in _values(view))
    span = (years[0] - 0.5, years[-1] + 0.5) if len(years) < 3 else None
    return {
        "xaxis": {
            "tickvals": years if len(years) <= 12 else None,
            "tickformat": "d",
            "range": list(span) if span else None,
            "showgrid": False,
            "ticks": "outside",
            "tickcolor": GRID_COLOUR,
            "tickfont": theme.CHART_THEME["tick_font"],
            "linecolor": "#cbd2d9",
        },
        "yaxis": {
            "type": "log" if log else "linear",
            "dtick": 1 if log else None,  # powers of ten only: no 2, 3, 4… minor labels
            "tickformat": ",~f",
            "title": {"text": view.value_title, "font": theme.CHART_THEME["tick_font"]},
            "gridcolor": GRID_COLOUR,
            "zeroline": False,
            "rangemode": "normal" if log else "tozero",
            "tickfont": theme.CHART_THEME["tick_font"],
            "automargin": True,
        },
        "hovermode": "x unified" if len(view.series) > 1 else "closest",
    }


def _axes(view: ChartView) -> dict[str, object]:
    return _bar_axes(view) if view.kind == "bar" else _line_axes(view)


def _legend_rows(view: ChartView) -> int:
    if not view.legend or len(view.series) < 2:
        return 0
    widths = [len(s.name) * 6.0 + 40 for s in view.series]  # 11 px text, symbol and gap
    rows, used = 1, 0.0
    for w in widths:
        if used and used + w > PANEL_WIDTH:
            rows, used = rows + 1, 0.0
        used += w
    return rows


def _frame(view: ChartView) -> dict[str, object]:
    """Theme, legend above the plot, and the chart's words in `layout.meta` for `graph`."""
    legend_rows = _legend_rows(view)
    top = 6 + 24 * legend_rows
    bottom = 4 if view.kind == "bar" else 28
    return {
        "font": theme.CHART_THEME["font"],
        "paper_bgcolor": theme.CHART_THEME["paper_bgcolor"],
        "plot_bgcolor": theme.CHART_THEME["plot_bgcolor"],
        "hoverlabel": theme.CHART_THEME["hoverlabel"],
        "separators": SEPARATORS.get(view.lang, SEPARATORS["ru"]),
        "showlegend": legend_rows > 0,
        "legend": {
            "orientation": "h",
            "x": 0,
            "xanchor": "left",
            "y": 1.0,
            "yanchor": "bottom",
            "font": {"size": 11},
            "traceorder": "normal",
        },
        "margin": {"l": 4, "r": 12, "t": top, "b": bottom},
        "height": view.height + top + bottom,
        "meta": {
            "title": view.title,
            "subtitle": view.subtitle,
            "caption": view.caption,
            "lang": view.lang,
        },
    }


def chart_figure(view: ChartView) -> go.Figure:
    """The engine: any `ChartView` → a themed figure with hover, legend, title and caption."""
    fig = go.Figure(_traces(view))
    fig.update_layout(**_frame(view), **_axes(view))
    return fig


# --- thin named charts --------------------------------------------------------------------


def ranked_bar_figure(
    tb: pd.DataFrame,
    *,
    title: str,
    caption: str,
    lang: str,
    colours: Mapping[str, str],
    subtitle: str = "",
    highlight: str | None = None,
) -> go.Figure:
    """Horizontal bars of ``value`` by ``name``, in the frame's order (highest first).

    `tb` has ``name, value, label, hover, group``; each group (a class, or one group for
    a metric without classes) is one trace in `colours[group]`, so the legend names them.
    """
    series = [
        Series(group, rows["name"], rows["value"], rows["hover"], colours[group], rows["label"])
        for group, rows in tb.groupby("group", sort=False)
    ]
    return chart_figure(
        ChartView(
            "bar",
            series,
            title,
            caption,
            lang,
            subtitle=subtitle,
            categories=tb["name"].tolist(),
            highlight=highlight,
            legend=len(series) > 1,
            height=max((BAR_PX if len(tb) <= 30 else BAR_PX_MANY) * len(tb), 60),
        )
    )


def _line_series(tb: pd.DataFrame, styles: Mapping[str, Mapping[str, object]]) -> list[Series]:
    return [
        Series(
            name,
            rows["year"].astype(int).tolist(),
            rows["value"].tolist(),
            rows["hover"].tolist(),
            str(styles[name]["colour"]),
            dash=str(styles[name]["dash"]),
            symbol=str(styles[name]["symbol"]),
            width=float(styles[name].get("width", 2.0)),
        )
        for name, rows in tb.groupby("name", sort=False)
    ]


def place_lines_figure(
    tb: pd.DataFrame,
    *,
    title: str,
    caption: str,
    lang: str,
    value_title: str,
    subtitle: str = "",
    log_values: bool = False,
) -> go.Figure:
    """A place, its district and Russia over the years: the place bold, Russia dashed grey.

    `tb` has ``role`` (place, fd, country), ``name, year, value, hover``.
    """
    styles = {name: ROLE_STYLES[role] for role, name in zip(tb["role"], tb["name"], strict=True)}
    return chart_figure(
        ChartView(
            "line",
            _line_series(tb, styles),
            title,
            caption,
            lang,
            subtitle=subtitle,
            value_title=value_title,
            log_values=log_values,
            years=tb["year"].astype(int).tolist(),
            height=240 if tb["year"].nunique() > 1 else 170,
        )
    )


def compare_styles(names: Sequence[str]) -> dict[str, dict[str, object]]:
    """One colour-blind-safe style per name, in order (colour, then dash and marker).

    Examples
    --------
    >>> s = compare_styles([f"p{i}" for i in range(9)])
    >>> s["p0"]["colour"] == s["p7"]["colour"], s["p0"]["dash"], s["p7"]["dash"]
    (True, 'solid', 'dash')
    """
    return {
        name: {
            "colour": theme.PALETTE[i % len(theme.PALETTE)],
            "dash": DASHES[(i // len(theme.PALETTE)) % len(DASHES)],
            "symbol": SYMBOLS[i % len(SYMBOLS)],
        }
        for i, name in enumerate(names)
    }


def compare_lines_figure(
    tb: pd.DataFrame,
    *,
    title: str,
    caption: str,
    lang: str,
    value_title: str,
    subtitle: str = "",
) -> go.Figure:
    """Several places over the years, one line each; `tb` has ``name, year, value, hover``."""
    return chart_figure(
        ChartView(
            "line",
            _line_series(tb, compare_styles(list(dict.fromkeys(tb["name"])))),
            title,
            caption,
            lang,
            subtitle=subtitle,
            value_title=value_title,
            years=tb["year"].astype(int).tolist(),
            height=260 if tb["year"].nunique() > 1 else 170,
        )
    )


def graph(figure: go.Figure, graph_id: str | None = None) -> html.Figure:
    """A chart as the page shows it: title and subtitle above the plot, the source caption
    below (HTML, so they wrap and are read out), the plot as wide as its column."""
    meta = figure.layout.meta or {}
    return html.Figure(
        className="chart",
        style=FIGURE_STYLE,
        children=[
            html.Div(meta.get("title", ""), className="chart-title", style=TITLE_STYLE),
            html.Div(meta.get("subtitle", ""), className="chart-subtitle", style=SUBTITLE_STYLE),
            dcc.Graph(
                figure=figure,
                config=CHART_CONFIG,
                responsive=True,
                style={"height": f"{figure.layout.height}px"},
                **({"id": graph_id} if graph_id else {}),
            ),
            html.Figcaption(
                meta.get("caption", ""), className="chart-caption", style=CAPTION_STYLE
            ),
        ],
    )


def sources_caption(docs: pd.DataFrame, dataset: Mapping[str, object], lang: str) -> str:
    """The caption of a chart: its documents and lines, and the dataset when it was imported
    (an imported file cites no document); SYNTHETIC data say so first."""
    parts = []
    if dataset.get("synthetic"):
        parts.append(t("synthetic_banner", lang))
    if dataset.get("kind") not in (None, "published"):
        label = dataset.get("label_ru" if lang == "ru" else "label_en") or dataset["dataset_id"]
        origin = dataset.get("file_name") or dataset.get("origin") or ""
        parts.append(t("pn_dataset", lang).format(label=label) + (f" ({origin})" if origin else ""))
    documents = source_caption(_counted(docs, lang), lang)
    return ". ".join(p for p in [*parts, documents] if p)


def _counted(docs: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Documents citing more than `CAPTION_LINES` lines give their count, not the list."""
    many = docs["lines"].map(len) > CAPTION_LINES
    if not many.any():
        return docs
    docs = docs.copy()
    docs.loc[many, "source_file"] = [
        f"{f} ({t('pn_n_lines', lang).format(n=len(lines))})"
        for f, lines in zip(docs.loc[many, "source_file"], docs.loc[many, "lines"], strict=True)
    ]
    docs.loc[many, "lines"] = pd.Series([[] for _ in range(many.sum())], index=docs.index[many])
    return docs
