"""The front door: create the Dash app, register pages, callbacks and routes (`app:server`)."""

from __future__ import annotations

import dash
from dash import Dash, dcc, html
from flask import Flask

import callbacks.embed_page
import callbacks.exports
import callbacks.import_page
import callbacks.map_page
import callbacks.methodology_page
import callbacks.panels
from atlas import response_cache
from atlas.store import default_reader
from atlas.web import deterministic_outputs, hide_versions, register_routes
from callbacks import clusters_page

server = Flask(__name__)
# Flask-Compress reads these once, inside Dash(): assets are streamed responses, whose
# default list has no gzip, and GeoJSON is not among its default types.
server.config["COMPRESS_ALGORITHM_STREAMING"] = ["zstd", "br", "gzip", "deflate"]
server.config["COMPRESS_MIMETYPES"] = [
    "text/html", "text/css", "text/javascript", "application/javascript", "application/json",
    "application/geo+json", "image/x-icon", "image/svg+xml",
]  # fmt: skip

app = Dash(
    __name__,
    server=server,
    title="Cluster Atlas",
    use_pages=True,
    pages_folder="",
    serve_locally=True,
    compress=True,
    update_title=None,
    # Each page's callbacks name components that exist on that page only; while the router
    # swaps pages, a queued callback may find its outputs gone. That is expected here.
    suppress_callback_exceptions=True,
)
dash.register_page("map", path="/", layout=callbacks.map_page.page, title="Cluster Atlas")
dash.register_page("clusters", "/clusters", layout=clusters_page.layout, title=clusters_page.TITLE)
dash.register_page(
    "methodology",
    path="/methodology",
    layout=callbacks.methodology_page.page,
    title=callbacks.methodology_page.TITLE,
)
dash.register_page(
    "import", path="/import", layout=callbacks.import_page.page, title=callbacks.import_page.TITLE
)
dash.register_page("embed", path="/embed", layout=callbacks.embed_page.page, title="Cluster Atlas")
app.layout = html.Div([dcc.Location(id="url", refresh="callback-nav"), dash.page_container])
register_routes(server)
hide_versions(app)
response_cache.install(
    server,
    cacheable_outputs=lambda: deterministic_outputs(
        app, callbacks.map_page.DETERMINISTIC | callbacks.panels.DETERMINISTIC
    ),
    data_version=lambda: default_reader().version(),
)

if __name__ == "__main__":
    app.run(debug=False)
