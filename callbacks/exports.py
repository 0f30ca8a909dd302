"""Export bar callbacks: view state → permalink, embed code and citations; a button → a file.

The state arrives from the browser, so it is validated again (`_trusted_state`) before any
query: a tampered store gets the defaults, never an error.
"""

from __future__ import annotations

import logging

import flask
from dash import Input, Output, State, callback, ctx, dcc, no_update

from atlas.store import default_reader
from atlas.viewstate import ViewState, parse_query, state_from_dict
from exports.citation import citations
from exports.images import ImageExportError, bare_map_image, map_image
from exports.links import embed_code, permalink, site_origin
from exports.tables import csv_bytes, xlsx_bytes
from exports.view import ExportView, export_view
from layouts.export_bar import FILE_BUTTONS, IMAGE_SIZES, citation_block
from layouts.i18n import t
from queries.views import choices, map_data, settle

log = logging.getLogger(__name__)


def _trusted_state(cur, stored: object) -> ViewState:
    """The stored state, re-read through `parse_query` (anything odd falls back to defaults)."""
    try:
        query = state_from_dict(stored if isinstance(stored, dict) else None).to_query()
    except (TypeError, ValueError, AttributeError):
        query = ""
    state, _ = parse_query(query, choices(cur))
    return settle(cur, state)


def _origin(href: object) -> str:
    """The site as the viewer sees it (their address bar), else as this request reached us."""
    return site_origin(href, flask.request.host_url)


def _view(stored: object, origin: str) -> ExportView:
    with default_reader().cursor() as cur:
        state = _trusted_state(cur, stored)
        return export_view(cur, map_data(cur, state), permalink(origin, state))


@callback(
    Output("permalink-text", "value"),
    Output("embed-code", "value"),
    Output("citation-text", "children"),
    Input("view-state", "data"),
    State("url", "href"),
)
def describe_exports(stored: dict, href: str | None):
    """State → the link to copy, the iframe snippet and the ready citations."""
    origin = _origin(href)
    view = _view(stored, origin)
    cited = citations(view.data.docs, view.short_titles(), view.permalink, view.today)
    return (
        view.permalink,
        embed_code(origin, view.data.state, view.title),
        citation_block(cited, view.lang),
    )


def _file_name(view: ExportView, ext: str, size: str | None = None) -> str:
    state = view.data.state
    parts = ["cluster-atlas", state.metric, state.level, str(view.data.year or "")]
    if state.dataset != ViewState().dataset:
        parts.append(state.dataset)
    if size:
        parts.append(size)
    return "_".join(p for p in parts if p) + "." + ext


def _file(view: ExportView, kind: str, size: str) -> dict:
    if kind in ("png", "svg"):
        return dcc.send_bytes(map_image(view, kind, size), _file_name(view, kind, size))
    if kind == "csv":
        return dcc.send_bytes(csv_bytes(view), _file_name(view, "csv"))
    if kind == "xlsx":
        return dcc.send_bytes(xlsx_bytes(view), _file_name(view, "xlsx"))
    # python-pptx, qrcode and Pillow load on the first slide export, not in every worker.
    from exports.slides import slide_deck

    return dcc.send_bytes(slide_deck(view, bare_map_image(view)), _file_name(view, "pptx"))


@callback(
    Output("export-download", "data"),
    Output("export-status", "children"),
    *[Input(button_id, "n_clicks") for button_id, _ in FILE_BUTTONS],
    State("export-size", "value"),
    State("view-state", "data"),
    State("url", "href"),
    prevent_initial_call=True,
)
def download(*args):
    """A button → the file of the view on screen (images at the chosen slide size)."""
    *_clicks, size, stored, href = args
    kind = str(ctx.triggered_id or "").removeprefix("export-")
    if kind not in {b.removeprefix("export-") for b, _ in FILE_BUTTONS}:
        return no_update, no_update
    view = _view(stored, _origin(href))
    try:
        return _file(view, kind, size if size in IMAGE_SIZES else IMAGE_SIZES[0]), ""
    except ImageExportError as exc:
        log.error("export failed", exc_info=exc, extra={"format": kind})
        return no_update, t("ex_failed", view.lang)
