"""exports/images.py: slide-sized PNG/SVG of the map that carry title, legend and sources."""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image

from atlas.viewstate import ViewState
from exports import images
from tests.exports.conftest import chromium_or_skip

STATES = {
    "clusters-ru": ViewState(),
    "creation-fd-en": ViewState(lang="en", level="fd", metric="creation_coef"),
    "created-drilled": ViewState(metric="created", focus_fd="CFD"),
}


@pytest.fixture(scope="module", autouse=True)
def _renderer():
    chromium_or_skip()
    yield
    images.RENDERER.stop()


def _caption(fig) -> str:
    return next(a.text for a in fig.layout.annotations if "Natural Earth" in a.text)


@pytest.mark.parametrize("size", sorted(images.SIZES))
@pytest.mark.parametrize("name", sorted(STATES))
def test_png_has_the_slide_size_and_the_figure_carries_its_source(view_of, name, size) -> None:
    view = view_of(STATES[name])
    fig = images.slide_figure(view, size)
    caption = _caption(fig).replace("<br>", " ")
    for _, doc in view.data.docs.iterrows():
        assert doc["source_file"] in caption
    assert view.title in " ".join(a.text for a in fig.layout.annotations)
    colorbar = fig.data[1].colorbar
    assert view.method_label in colorbar.title.text
    assert isinstance(fig.data[0].geojson, dict)  # inlined: kaleido has no server
    png = images.RENDERER.render(fig, "png")
    image = Image.open(io.BytesIO(png))
    assert image.format == "PNG"
    assert image.size == (images.SIZES[size].width, images.SIZES[size].height)


@pytest.mark.parametrize("size", sorted(images.SIZES))
def test_svg_has_the_size_and_contains_the_source_text(view_of, size) -> None:
    view = view_of(ViewState(metric="created"))
    svg = images.map_image(view, "svg", size).decode("utf-8")
    spec = images.SIZES[size]
    assert f'width="{spec.width}"' in svg and f'height="{spec.height}"' in svg
    for _, doc in view.data.docs.iterrows():
        assert doc["source_file"] in svg
    assert "Natural Earth" in svg and view.method_label in svg
    assert svg.count('class="choroplethlocation"') == 85


def test_synthetic_data_are_stamped(synthetic_view) -> None:
    fig = images.slide_figure(synthetic_view, "slide")
    texts = " ".join(a.text for a in fig.layout.annotations)
    assert "SYNTHETIC DATA" in texts
    svg = images.map_image(synthetic_view, "svg", "square").decode("utf-8")
    assert svg.count("SYNTHETIC DATA") >= 2  # the stamp and the source line
    assert "etl/synthetic.py" in svg  # the dataset's origin stands in for a document


@pytest.mark.parametrize("size", sorted(images.SIZES))
def test_map_fills_its_box(view_of, size) -> None:
    """Russia is centred in the fan plotly clips to, fills its height and is not cut."""
    view = view_of(ViewState(lang="en", level="fd", metric="creation_coef"))
    fig = images.slide_figure(view, size)
    fig.layout.annotations = []
    fig.update_traces(showscale=False)
    fig.update_layout(paper_bgcolor="#000000", geo={"bgcolor": "#ffffff"})
    pixels = np.asarray(Image.open(io.BytesIO(images.RENDERER.render(fig, "png"))).convert("L"))
    fan = np.argwhere(pixels > 250)  # the white geo box plotly draws inside the domain
    (fy0, fx0), (fy1, fx1) = fan.min(axis=0), fan.max(axis=0)
    land = np.argwhere(pixels[fy0 : fy1 + 1, fx0 : fx1 + 1] < 245)
    (ly0, lx0), (ly1, lx1) = land.min(axis=0), land.max(axis=0)
    height, width = fy1 - fy0, fx1 - fx0
    assert ly0 > 1 and ly1 < height - 1, "Russia is cut at the top or bottom"
    assert lx0 > 1 and lx1 < width - 1, "Russia is cut at a side"
    assert (ly1 - ly0) / height > 0.9
    assert abs((lx0 + lx1) / 2 - width / 2) < 0.04 * width


def test_a_browser_that_cannot_start_gives_a_named_error(view_of, monkeypatch) -> None:
    renderer = images.Renderer()

    async def broken():
        raise FileNotFoundError("no chromium here")

    monkeypatch.setattr(renderer, "_open", broken)
    with pytest.raises(images.ImageExportError, match="apt-get install chromium"):
        renderer.render(images.slide_figure(view_of(), "slide"), "png")


def test_unknown_format_is_refused(view_of) -> None:
    with pytest.raises(ValueError, match="png"):
        images.RENDERER.render(images.slide_figure(view_of(), "slide"), "gif")
