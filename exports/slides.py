"""A view → a one-slide 16:9 PPTX: title, the map, its source line, a QR code and the text of
the permalink; the ready citations (Russian and English) go into the speaker notes."""

from __future__ import annotations

import io

import qrcode
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.util import Emu, Inches, Pt

from exports.citation import citations
from exports.images import PPTX_SIZE, STAMP_COLOUR
from exports.view import ExportView
from layouts import theme
from layouts.i18n import t

SLIDE_W, SLIDE_H = Inches(13.333), Inches(7.5)
TITLE_ONLY_LAYOUT = 5  # in python-pptx's default template
MAP_LEFT, MAP_TOP, MAP_W = Inches(0.35), Inches(1.45), Inches(10.1)
QR_LEFT, QR_SIZE = Inches(10.75), Inches(2.2)
# Shape names a reader (or a test) can find the parts by.
MAP_NAME, QR_NAME, SOURCE_NAME, LINK_NAME = "Map", "QR code", "Source", "Permalink"


def qr_png(text: str) -> bytes:
    """A QR code of `text` (error correction M, 4-module quiet zone) as PNG bytes."""
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, box_size=10, border=4)
    code.add_data(text)
    code.make(fit=True)
    buffer = io.BytesIO()
    code.make_image(fill_color="black", back_color="white").save(buffer, format="PNG")
    return buffer.getvalue()


def _rgb(hex_colour: str) -> RGBColor:
    return RGBColor.from_string(hex_colour.lstrip("#").upper())


def _textbox(
    slide,
    name: str,
    box: tuple[Emu, Emu, Emu, Emu],
    text: str,
    size: int,
    colour: str = theme.TEXT_COLOUR,
    bold: bool = False,
):
    shape = slide.shapes.add_textbox(*box)
    shape.name = name
    frame = shape.text_frame
    frame.word_wrap = True
    run = frame.paragraphs[0].add_run()
    run.text = text
    run.font.size, run.font.bold, run.font.color.rgb = Pt(size), bold, _rgb(colour)
    return shape


def _notes(view: ExportView) -> str:
    cited = citations(view.data.docs, view.short_titles(), view.permalink, view.today)
    parts = [t("ex_cite_ru", view.lang), *cited["ru"], "", t("ex_cite_en", view.lang), *cited["en"]]
    return "\n".join(parts)


def slide_deck(view: ExportView, map_png: bytes) -> bytes:
    """The PPTX file; `map_png` is `exports.images.bare_map_image(view)`."""
    deck = Presentation()
    deck.slide_width, deck.slide_height = SLIDE_W, SLIDE_H
    deck.core_properties.title = view.title
    deck.core_properties.author = t("app_title", view.lang)
    slide = deck.slides.add_slide(deck.slide_layouts[TITLE_ONLY_LAYOUT])
    title = slide.shapes.title
    title.left, title.top = Inches(0.5), Inches(0.3)
    title.width, title.height = Inches(12.3), Inches(0.75)
    title.text = view.title
    paragraph = title.text_frame.paragraphs[0]
    paragraph.runs[0].font.size, paragraph.runs[0].font.bold = Pt(28), True
    paragraph.alignment = 1  # left
    _textbox(
        slide,
        "Subtitle",
        (Inches(0.5), Inches(0.95), Inches(9.5), Inches(0.4)),
        view.subtitle,
        14,
        theme.MUTED_COLOUR,
    )
    if view.synthetic:
        _textbox(
            slide,
            "Synthetic",
            (Inches(10.0), Inches(0.95), Inches(2.9), Inches(0.4)),
            t("ex_synthetic", view.lang),
            14,
            STAMP_COLOUR,
            bold=True,
        )
    map_h = int(MAP_W * PPTX_SIZE.height / PPTX_SIZE.width)
    picture = slide.shapes.add_picture(io.BytesIO(map_png), MAP_LEFT, MAP_TOP, MAP_W, map_h)
    picture.name = MAP_NAME
    qr = slide.shapes.add_picture(
        io.BytesIO(qr_png(view.permalink)), QR_LEFT, Inches(1.6), QR_SIZE, QR_SIZE
    )
    qr.name = QR_NAME
    _textbox(
        slide,
        LINK_NAME,
        (QR_LEFT, Inches(3.9), Inches(2.3), Inches(1.9)),
        f"{t('ex_permalink', view.lang)}:\n{view.permalink}",
        9,
        theme.MUTED_COLOUR,
    )
    _textbox(
        slide,
        SOURCE_NAME,
        (Inches(0.5), MAP_TOP + map_h + Inches(0.1), Inches(12.3), Inches(0.9)),
        view.source_line(),
        10,
        theme.MUTED_COLOUR,
    )
    slide.notes_slide.notes_text_frame.text = _notes(view)
    buffer = io.BytesIO()
    deck.save(buffer)
    return buffer.getvalue()
