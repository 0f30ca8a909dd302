"""exports/slides.py: the PPTX opens, and holds the map, title, source, QR code and citations."""

from __future__ import annotations

import io

import numpy as np
import pytest
import qrcode
from PIL import Image
from pptx import Presentation
from pptx.util import Inches

from atlas.viewstate import ViewState
from exports import images, slides
from tests.exports.conftest import chromium_or_skip


@pytest.fixture(scope="module")
def deck(view_of):
    chromium_or_skip()
    view = view_of(ViewState(metric="created"))
    data = slides.slide_deck(view, images.bare_map_image(view))
    yield view, Presentation(io.BytesIO(data))
    images.RENDERER.stop()


def _shape(slide, name: str):
    return next(s for s in slide.shapes if s.name == name)


def test_one_widescreen_slide_with_title_and_source(deck) -> None:
    view, prs = deck
    assert len(prs.slides) == 1
    assert (prs.slide_width, prs.slide_height) == (Inches(13.333), Inches(7.5))
    slide = prs.slides[0]
    assert slide.shapes.title.text == view.title
    source = _shape(slide, slides.SOURCE_NAME).text_frame.text
    for _, doc in view.data.docs.iterrows():
        assert doc["source_file"] in source
    assert "Natural Earth" in source


def test_the_map_picture_is_the_rendered_map(deck) -> None:
    _, prs = deck
    picture = _shape(prs.slides[0], slides.MAP_NAME)
    image = Image.open(io.BytesIO(picture.image.blob))
    assert image.size == (images.PPTX_SIZE.width, images.PPTX_SIZE.height)
    assert picture.width / picture.height == pytest.approx(image.width / image.height, rel=0.01)


def test_qr_code_encodes_the_permalink_printed_beside_it(deck) -> None:
    view, prs = deck
    slide = prs.slides[0]
    assert view.permalink in _shape(slide, slides.LINK_NAME).text_frame.text
    blob = _shape(slide, slides.QR_NAME).image.blob
    pixels = np.asarray(Image.open(io.BytesIO(blob)).convert("L")) < 128
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=4)
    code.add_data(view.permalink)
    code.make(fit=True)
    matrix = np.array(code.get_matrix())  # with the quiet zone
    box = pixels.shape[0] / matrix.shape[0]
    centres = ((np.arange(matrix.shape[0]) + 0.5) * box).astype(int)
    assert (pixels[np.ix_(centres, centres)] == matrix).all()


def test_notes_hold_the_citations_in_both_languages(deck) -> None:
    view, prs = deck
    notes = prs.slides[0].notes_slide.notes_text_frame.text
    assert "Стр. " in notes and "Lines " in notes
    assert view.permalink in notes and "дата обращения" in notes and "accessed" in notes


def test_synthetic_slide_says_so(synthetic_view) -> None:
    png = io.BytesIO()
    Image.new("RGB", (images.PPTX_SIZE.width, images.PPTX_SIZE.height), "white").save(png, "PNG")
    prs = Presentation(io.BytesIO(slides.slide_deck(synthetic_view, png.getvalue())))
    texts = [s.text_frame.text for s in prs.slides[0].shapes if s.has_text_frame]
    assert "SYNTHETIC DATA" in texts
    assert "etl/synthetic.py" in _shape(prs.slides[0], slides.SOURCE_NAME).text_frame.text
