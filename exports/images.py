"""A view → a slide-ready map (PNG or SVG) at 16:9 or square, rendered by kaleido offline.

The figure is the engine's map with the geometry inlined (kaleido has no server to fetch
``/geo/…`` from), laid out for a slide: title and subtitle, the map, the legend with its
classification method and a key for grey places, the source line wrapped under the map, and
a red SYNTHETIC DATA stamp where the dataset is synthetic. Plotly's base map comes from
``assets/topojson/`` and plotly.js from ``assets/vendor/``, so nothing is fetched online.

One Chromium per process stays open after the first export (`Renderer`): a cold export
takes a few seconds, a warm one well under one. Exports of one process run one at a time.
"""

from __future__ import annotations

import asyncio
import contextlib
import copy
import textwrap
import threading
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass

import plotly.graph_objects as go

from atlas.settings import REPO_ROOT
from exports.view import ExportView
from geodata.boundaries import load_layer
from layouts import theme
from layouts.figures import DATA_TRACE, drawn_places_only
from layouts.i18n import t

FORMATS = ("png", "svg")
TOPOJSON_URL = (REPO_ROOT / "assets" / "topojson").as_uri() + "/"
PLOTLY_JS = REPO_ROOT / "assets" / "vendor" / "plotly-atlas.min.js"
RENDER_TIMEOUT_S = 30.0
START_TIMEOUT_S = 30.0
STAMP_COLOUR = "#b00020"
LEGEND_ROOM = 150  # px under the map (square); beside it, twice that
CHAR_WIDTH = 0.56  # average glyph width / font size (Liberation Sans, mixed Latin/Cyrillic)


class ImageExportError(RuntimeError):
    """The image could not be rendered; the message says what to install or retry."""


@dataclass(frozen=True)
class SlideSize:
    """A slide format and where the parts of the figure go on it, in pixels."""

    key: str
    width: int
    height: int
    pad: int
    title_size: int
    legend_below: bool  # square: a horizontal legend under the map; 16:9: a column at right


SIZES = {
    "slide": SlideSize("slide", 1600, 900, 48, 32, legend_below=False),
    "square": SlideSize("square", 1080, 1080, 40, 30, legend_below=True),
}
PPTX_SIZE = SlideSize("pptx", 1650, 800, 16, 0, legend_below=False)  # the map inside a slide


def _wrap(text: str, width_px: float, font_size: int) -> list[str]:
    return textwrap.wrap(text, max(20, int(width_px / (font_size * CHAR_WIDTH)))) or [""]


def _text(x: float, y: float, text: str, size: int, **extra: object) -> dict[str, object]:
    """An annotation at pixel (x, y) from the top left (`_place` converts to paper units)."""
    return {
        "text": text,
        "x": x,
        "y": y,
        "showarrow": False,
        "xanchor": "left",
        "yanchor": "top",
        "align": "left",
        "font": {"size": size},
        **extra,
    }


def _place(note: dict[str, object], size: SlideSize) -> dict[str, object]:
    return {
        **note,
        "xref": "paper",
        "yref": "paper",
        "x": note["x"] / size.width,
        "y": 1 - note["y"] / size.height,
    }


def _header(view: ExportView, size: SlideSize) -> tuple[list[dict[str, object]], float]:
    """Title, subtitle and the synthetic stamp; returns them and the y where the map may start."""
    stamp_w = 300 if view.synthetic else 0
    notes, y = [], size.pad * 0.7
    for line in _wrap(view.title, size.width - 2 * size.pad - stamp_w, size.title_size):
        notes.append(
            _text(
                size.pad,
                y,
                f"<b>{line}</b>",
                size.title_size,
                font={"size": size.title_size, "color": theme.TEXT_COLOUR},
            )
        )
        y += size.title_size * 1.3
    notes.append(
        _text(size.pad, y + 2, view.subtitle, 18, font={"size": 18, "color": theme.MUTED_COLOUR})
    )
    if view.synthetic:
        notes.append(_stamp(view, size))
    return notes, y + 18 * 1.3 + 18


def _stamp(view: ExportView, size: SlideSize) -> dict[str, object]:
    """The red SYNTHETIC DATA box at the top right."""
    return _text(
        size.width - size.pad,
        size.pad * 0.7,
        f"<b>{t('ex_synthetic', view.lang)}</b>",
        18,
        xanchor="right",
        font={"size": 18, "color": STAMP_COLOUR},
        bordercolor=STAMP_COLOUR,
        borderwidth=2,
        borderpad=6,
        bgcolor="#fff4f4",
    )


def _caption(view: ExportView, size: SlideSize) -> tuple[dict[str, object], float]:
    """The stamped source line, wrapped to the slide, with the app and date; and its top."""
    font = 13
    lines = _wrap(view.source_line(), size.width - 2 * size.pad, font)
    top = size.height - size.pad * 0.6 - len(lines) * font * 1.3
    note = _text(
        size.pad, top, "<br>".join(lines), font, font={"size": font, "color": theme.MUTED_COLOUR}
    )
    return note, top


def _legend(view: ExportView, size: SlideSize, box: tuple[float, float, float, float]):
    """Colorbar settings and the grey 'no data' key, beside (16:9) or under (square) the map."""
    _, y0, x1, y1 = box
    key_text = (
        f"<span style='color:{theme.NO_DATA_COLOUR};font-size:24px'>■</span> "
        f"{view.rendered.view.no_data_label}"
    )
    title = (
        f"<b>{view.data.metric.unit(view.lang)}</b><br><span style='font-size:14px;"
        f"color:{theme.MUTED_COLOUR}'>{view.method_label}</span>"
    )
    common = {
        "thickness": 22,
        "thicknessmode": "pixels",
        "lenmode": "fraction",
        "outlinewidth": 0,
        "tickfont": {"size": 15},
        "title": {"text": title, "font": {"size": 17}, "side": "top"},
    }
    if size.legend_below:
        bar = {
            **common,
            "orientation": "h",
            "x": 0.5,
            "xanchor": "center",
            "y": 1 - (y1 + 16) / size.height,
            "yanchor": "top",
            "len": 0.8,
        }
        key = _text(size.width / 2, y1 + 128, key_text, 15, xanchor="center")
    else:
        middle = (y0 + y1) / 2
        bar = {
            **common,
            "orientation": "v",
            "x": (x1 + 24) / size.width,
            "xanchor": "left",
            "y": 1 - middle / size.height,
            "yanchor": "middle",
            "len": 0.62 * (y1 - y0) / size.height,
        }
        key = _text(x1 + 24, middle + 0.31 * (y1 - y0) + 16, key_text, 15)
    return bar, key


def _map_box(size: SlideSize, top: float, bottom: float) -> tuple[float, float, float, float]:
    """(x0, y0, x1, y1) of the map: beside the legend (16:9), or above it, centred (square)."""
    if not size.legend_below:
        return (size.pad, top, size.width - size.pad - 2 * LEGEND_ROOM, bottom)
    width = size.width - 2 * size.pad
    height = min(width / theme.FAN_ASPECT, bottom - top - LEGEND_ROOM)
    y0 = top + (bottom - top - LEGEND_ROOM - height) / 2
    return (size.pad, y0, size.width - size.pad, y0 + height)


def slide_figure(view: ExportView, size_key: str = "slide") -> go.Figure:
    """The view's map laid out for a slide of `SIZES[size_key]`, geometry inlined.

    The source caption stays an annotation of the figure (wrapped), so the image carries it.
    """
    return _figure(view, SIZES[size_key], with_text=True)


def bare_map_figure(view: ExportView) -> go.Figure:
    """The map, legend and synthetic stamp only, for a slide whose title and source are text."""
    return _figure(view, PPTX_SIZE, with_text=False)


def _figure(view: ExportView, size: SlideSize, with_text: bool) -> go.Figure:
    fig = drawn_places_only(go.Figure(copy.deepcopy(view.rendered.figure)))
    fig.update_traces(geojson=load_layer(view.layer), selector={"type": "choropleth"})
    if with_text:
        header, map_top = _header(view, size)
        caption, caption_top = _caption(view, size)
        texts = [*header, caption]
    else:
        map_top, caption_top, texts = size.pad, size.height - size.pad + 16, []
        if view.synthetic:
            texts = [_stamp(view, size)]
    box = _map_box(size, map_top, caption_top - 16)
    bar, key = _legend(view, size, box)
    engine_bar = fig.data[DATA_TRACE].colorbar  # keep its classes, place it for the slide
    fig.data[DATA_TRACE].colorbar = {
        **bar,
        "tickvals": engine_bar.tickvals,
        "ticktext": engine_bar.ticktext,
    }
    geo = {
        "domain": {
            "x": [box[0] / size.width, box[2] / size.width],
            "y": [1 - box[3] / size.height, 1 - box[1] / size.height],
        }
    }
    if not view.data.state.focus_fd:
        geo |= {"center": theme.COUNTRY_CENTRE, "projection": {"scale": theme.COUNTRY_ZOOM}}
    fig.update_layout(
        width=size.width,
        height=size.height,
        margin={"l": 0, "r": 0, "t": 0, "b": 0},
        title={"text": ""},
        geo=geo,
    )
    fig.layout.annotations = [_place(n, size) for n in (*texts, key)]  # replaces the caption
    return fig


class Renderer:
    """One kaleido (headless Chromium) on its own event-loop thread, opened on first use.

    `kaleido.start_sync_server()` would do the same, but a browser that fails to open leaves
    its callers waiting forever, and two threads may receive each other's images; here each
    render is serialised, bounded by a timeout, and a failed browser is reopened next time.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._kaleido = None

    def _run(self, coroutine, timeout: float):
        if self._loop is None:
            self._loop = asyncio.new_event_loop()
            threading.Thread(target=self._loop.run_forever, name="kaleido", daemon=True).start()
        return asyncio.run_coroutine_threadsafe(coroutine, self._loop).result(timeout)

    async def _open(self):
        import kaleido

        plotlyjs = str(PLOTLY_JS) if PLOTLY_JS.is_file() else None
        k = kaleido.Kaleido(n=1, timeout=RENDER_TIMEOUT_S, mathjax=False, plotlyjs=plotlyjs)
        await k.open()
        return k

    def _close(self) -> None:
        if self._kaleido is not None:
            k, self._kaleido = self._kaleido, None
            with contextlib.suppress(Exception):  # a dead browser cannot close cleanly
                self._run(k.close(), START_TIMEOUT_S)

    def start(self) -> None:
        """Open the browser now (a warm first export); safe to call again."""
        with self._lock:
            self._start()

    def _start(self) -> None:
        if self._kaleido is None:
            try:
                self._kaleido = self._run(self._open(), START_TIMEOUT_S)
            except (Exception, FutureTimeout) as exc:
                raise ImageExportError(
                    f"could not start headless Chromium for image export ({exc}); install it "
                    "with `apt-get install chromium` or set BROWSER_PATH"
                ) from exc

    def render(self, fig: go.Figure, fmt: str) -> bytes:
        """PNG or SVG bytes of `fig` at its layout width and height (scale 1)."""
        if fmt not in FORMATS:
            raise ValueError(f"unknown image format {fmt!r}; use one of {FORMATS}")
        opts = {"format": fmt, "width": fig.layout.width, "height": fig.layout.height, "scale": 1}
        with self._lock:
            self._start()
            try:
                coroutine = self._kaleido.calc_fig(fig, opts=opts, topojson=TOPOJSON_URL)
                return self._run(coroutine, RENDER_TIMEOUT_S + 5)
            except (Exception, FutureTimeout) as exc:
                self._close()  # the next export opens a fresh browser
                raise ImageExportError(
                    f"the image could not be rendered ({exc}); try again"
                ) from exc

    def stop(self) -> None:
        with self._lock:
            self._close()


RENDERER = Renderer()


def map_image(view: ExportView, fmt: str = "png", size_key: str = "slide") -> bytes:
    """The view's slide map as PNG or SVG bytes (`SIZES[size_key]` pixels)."""
    return RENDERER.render(slide_figure(view, size_key), fmt)


def bare_map_image(view: ExportView) -> bytes:
    """PNG of `bare_map_figure` (`PPTX_SIZE` pixels), for the PPTX slide."""
    return RENDERER.render(bare_map_figure(view), "png")
