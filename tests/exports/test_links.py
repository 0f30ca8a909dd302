"""exports/links.py: permalinks and embed snippets from a state, never from raw input."""

from __future__ import annotations

import pytest

from atlas.viewstate import ViewState
from exports.links import embed_code, embed_url, permalink, site_origin


@pytest.mark.parametrize(
    "href",
    [
        None,
        "",
        "javascript:alert(1)",
        'https://a.example"><script>',
        "https://user@a.example/",
        "data:text/html,<b>",
        "ftp://a.example/",
        42,
    ],
)
def test_a_strange_href_falls_back_to_the_request_origin(href) -> None:
    assert site_origin(href, "http://127.0.0.1:8050/") == "http://127.0.0.1:8050"


def test_origin_keeps_scheme_host_and_port() -> None:
    assert site_origin("https://atlas.gov.example:8443/embed?x=1#y", "") == (
        "https://atlas.gov.example:8443"
    )


def test_links_carry_the_canonical_query() -> None:
    state = ViewState(metric="created", year=2024, compare=("RU-MOW", "RU-SPE"), lang="en")
    assert permalink("https://a.example", state) == "https://a.example/" + state.to_query()
    assert embed_url("https://a.example", state) == "https://a.example/embed" + state.to_query()
    assert embed_url("https://a.example", ViewState(), "rankings").endswith("/embed?chart=rankings")


def test_embed_code_is_the_requested_snippet_and_escapes_everything() -> None:
    code = embed_code("https://a.example", ViewState(metric="created", year=2024), '<b>"x"</b>')
    assert code.startswith('<iframe src="https://a.example/embed?metric=created&amp;year=2024"')
    assert 'width="100%" height="520" style="border:0" loading="lazy"' in code
    assert 'title="&lt;b&gt;&quot;x&quot;&lt;/b&gt;"></iframe>' in code
