"""The export bar under the map: copy link and embed code, image/table/slide files, citations."""

from __future__ import annotations

from dash import dcc, html

from atlas.viewstate import ViewState
from layouts.i18n import t

IMAGE_SIZES = ("slide", "square")
FILE_BUTTONS = (  # (component id, label): one dcc.Download serves them all
    ("export-png", "PNG"),
    ("export-svg", "SVG"),
    ("export-csv", "CSV"),
    ("export-xlsx", "XLSX"),
    ("export-pptx", "PPTX"),
)
_ROW = {"display": "flex", "flexWrap": "wrap", "gap": "8px", "alignItems": "center"}
_BOX = {
    "background": "white",
    "border": "1px solid #e3e7eb",
    "borderRadius": "8px",
    "padding": "8px 14px",
    "margin": "8px 0",
    "display": "grid",
    "gap": "8px",
}


def _copy(button_id: str, target_id: str, label: str, lang: str) -> dcc.Clipboard:
    return dcc.Clipboard(
        id=button_id,
        target_id=target_id,
        children=label,
        title=label,
        copied_children="✓ " + t("ex_copied", lang),
        className="button",
        style={"display": "inline-block"},
    )


def size_options(lang: str) -> list[dict[str, str]]:
    return [{"label": t(f"ex_size_{s}", lang), "value": s} for s in IMAGE_SIZES]


def export_bar(state: ViewState) -> html.Section:
    """Buttons and texts for the view on screen; `callbacks/exports.py` fills the texts."""
    lang = state.lang
    return html.Section(
        id="export-bar",
        className="export-bar",
        style=_BOX,
        **{"aria-label": t("ex_bar", lang)},
        children=[
            html.Div(
                style=_ROW,
                children=[
                    _copy("copy-link", "permalink-text", t("ex_copy_link", lang), lang),
                    html.Label(
                        t("ex_permalink", lang),
                        htmlFor="permalink-text",
                        className="visually-hidden",
                    ),
                    dcc.Input(
                        id="permalink-text",
                        type="text",
                        readOnly=True,
                        value="",
                        style={"flex": "1 1 320px", "minWidth": "200px", "font": "inherit"},
                    ),
                ],
            ),
            html.Div(
                style=_ROW,
                children=[
                    html.Span(t("ex_size", lang), id="export-size-label"),
                    dcc.RadioItems(
                        id="export-size",
                        options=size_options(lang),
                        value="slide",
                        inline=True,
                        className="control-radio",
                    ),
                    *[
                        html.Button(
                            label,
                            id=button_id,
                            n_clicks=0,
                            className="button",
                            title=t(f"ex_title_{label.lower()}", lang),
                        )
                        for button_id, label in FILE_BUTTONS
                    ],
                ],
            ),
            dcc.Loading(
                html.Div(id="export-status", role="status", className="caption"), type="dot"
            ),
            html.Details(
                [
                    html.Summary(t("ex_embed_code", lang)),
                    html.Div(
                        style={**_ROW, "marginTop": "6px"},
                        children=[
                            html.Label(
                                t("ex_embed_code", lang),
                                htmlFor="embed-code",
                                className="visually-hidden",
                            ),
                            dcc.Textarea(
                                id="embed-code",
                                readOnly=True,
                                value="",
                                style={
                                    "flex": "1 1 420px",
                                    "height": "64px",
                                    "fontFamily": "monospace",
                                    "fontSize": "0.8rem",
                                },
                            ),
                            _copy("copy-embed", "embed-code", t("ex_copy_embed", lang), lang),
                        ],
                    ),
                ]
            ),
            html.Details(
                [
                    html.Summary(t("ex_cite", lang)),
                    html.Div(id="citation-text", className="caption"),
                ]
            ),
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
