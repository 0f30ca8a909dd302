"""The front door: create the Dash app, register pages, callbacks and routes; `gunicorn app:server`."""

from __future__ import annotations

import dash
from dash import Dash, dcc, html

import callbacks.map_page
from atlas.web import register_routes

app = Dash(
    __name__,
    title="Cluster Atlas",
    use_pages=True,
    pages_folder="",
    serve_locally=True,
    compress=True,
    update_title=None,
)
dash.register_page("map", path="/", layout=callbacks.map_page.page, title="Cluster Atlas")
app.layout = html.Div([dcc.Location(id="url", refresh="callback-nav"), dash.page_container])
server = app.server
register_routes(server)

if __name__ == "__main__":
    app.run(debug=False)
