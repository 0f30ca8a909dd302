"""The export bar under the map: copy link and embed code, image/table/slide files, citations."""

from __future__ import annotations

from dash import dcc, html

from atlas.viewstate import ViewState
from layouts.i18n import t

IMAGE_SIZES = ("slide", "square")
FILE_BUTTONS = (  # (component id, label)
    ("export-png", "PNG"),
    ("export-svg", "SVG"),
    ("export-csv", "CSV"),
    ("export-xlsx", "XLSX"),
    ("export-pptx", "PPTX"),
)


def _copy(button_id: str, target_id: str, label: str, lang: str) -> dcc.Clipboard:
    return dcc.Clipboard(
        id=button_id,
        target_id=target_id,
        children=label,
        title=label,
        copied_children="✓ " + t("ex_copied", lang),
        className="button export-copy",
    )


def _hidden_label(text: str, control_id: str) -> html.Label:
    """A label screen readers announce for a control whose purpose the row already shows."""
    return html.Label(text, htmlFor=control_id, className="visually-hidden")


def size_options(lang: str) -> list[dict[str, str]]:
    return [{"label": t(f"ex_size_{s}", lang), "value": s} for s in IMAGE_SIZES]


def _link_row(lang: str) -> html.Div:
    """The permalink of the view, with a button that copies it."""
    return html.Div(
        className="export-row",
        children=[
            _copy("copy-link", "permalink-text", t("ex_copy_link", lang), lang),
            _hidden_label(t("ex_permalink", lang), "permalink-text"),
            dcc.Input(
                id="permalink-text", type="text", readOnly=True, value="", className="export-link"
            ),
        ],
    )


def _files_row(lang: str) -> html.Div:
    """The image size, then one button per file kind (one dcc.Download serves them all)."""
    buttons = [
        html.Button(
            label,
            id=button_id,
            n_clicks=0,
            className="button",
            title=t(f"ex_title_{label.lower()}", lang),
        )
        for button_id, label in FILE_BUTTONS
    ]
    sizes = dcc.RadioItems(
        id="export-size",
        options=size_options(lang),
        value="slide",
        inline=True,
        className="control-radio",
    )
    return html.Div(
        className="export-row",
        children=[html.Span(t("ex_size", lang), id="export-size-label"), sizes, *buttons],
    )


def _embed_details(lang: str) -> html.Details:
    """The iframe snippet, folded, with a button that copies it."""
    code = dcc.Textarea(id="embed-code", readOnly=True, value="", className="export-code")
    return html.Details(
        [
            html.Summary(t("ex_embed_code", lang)),
            html.Div(
                className="export-row export-embed",
                children=[
                    _hidden_label(t("ex_embed_code", lang), "embed-code"),
                    code,
                    _copy("copy-embed", "embed-code", t("ex_copy_embed", lang), lang),
                ],
            ),
        ]
    )


def export_bar(state: ViewState) -> html.Section:
    """Buttons and texts for the view on screen; `callbacks/exports.py` fills the texts."""
    lang = state.lang
    status = html.Div(id="export-status", role="status", className="caption")
    citations = [
        html.Summary(t("ex_cite", lang)),
        html.Div(id="citation-text", className="caption"),
    ]
    return html.Section(
        id="export-bar",
        className="export-bar",
        **{"aria-label": t("ex_bar", lang)},
        children=[
            _link_row(lang),
            _files_row(lang),
            dcc.Loading(status, type="dot"),
            _embed_details(lang),
            html.Details(citations),
            dcc.Download(id="export-download"),
        ],
    )


def citation_block(cited: dict[str, list[str]], lang: str) -> list[html.Div]:
    """The ready citations, Russian then English, each a short list."""
    return [
        html.Div(
            [
                html.Strong(t(f"ex_cite_{code}", lang)),
                html.Ul([html.Li(line, lang=code) for line in cited[code]]),
            ]
        )
        for code in ("ru", "en")
    ]
