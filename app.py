"""The front door: create the Dash app, wire pages, callbacks and routes; `gunicorn app:server`."""

from __future__ import annotations

from dash import Dash

import callbacks.map_page  # noqa: F401  (registers the callbacks)
from atlas.web import register_routes
from layouts import map_page

app = Dash(
    __name__,
    title="Cluster Atlas",
    serve_locally=True,
    compress=True,
    update_title=None,
)
app.layout = map_page.layout
server = app.server
register_routes(server)

if __name__ == "__main__":
    app.run(debug=False)
