"""The baseline: a tutorial-style Dash choropleth that rebuilds the whole figure in every callback.

This is how the Dash and plotly.express tutorials draw a choropleth: the raw boundary
GeoJSON is loaded once, and every filter change calls ``px.choropleth(...)`` with it, so
the full geometry is validated, serialised and sent again on each change. It exists
only to be measured against the app (`bench/load.py`); nothing imports it.

Geometry: Natural Earth 1:50m admin-1 (85 subjects, unsimplified) from
``../shared/geodata/ne_50m_admin_1_russia.geojson``; when that folder is absent it falls
back to the app's own simplified ``geodata/layers/regions.geojson`` and says so on stderr
(the baseline is then lighter than a tutorial's, which flatters it).

Values: four deterministic pseudo-random metrics per region; the cost being measured is
the figure, not the data.

    gunicorn --chdir bench -c gunicorn.conf.py baseline_app:server
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

import pandas as pd
import plotly.express as px
from dash import Dash, Input, Output, callback, dcc, html

REPO_ROOT = Path(__file__).resolve().parent.parent
RAW_GEOJSON = REPO_ROOT.parent / "shared" / "geodata" / "ne_50m_admin_1_russia.geojson"
FALLBACK_GEOJSON = REPO_ROOT / "geodata" / "layers" / "regions.geojson"
METRICS = ("clusters", "participants", "created", "organisations")


def _geometry() -> tuple[dict, str, str]:
    """(GeoJSON, feature id key, which file) — the raw source if it is there."""
    if RAW_GEOJSON.exists():
        return json.loads(RAW_GEOJSON.read_text()), "properties.iso_3166_2", str(RAW_GEOJSON)
    print(f"baseline: {RAW_GEOJSON} is absent; using the app's simplified {FALLBACK_GEOJSON} "
          "(lighter than raw geometry: the baseline looks better than it is)",
          file=sys.stderr)  # fmt: skip
    return json.loads(FALLBACK_GEOJSON.read_text()), "properties.code", str(FALLBACK_GEOJSON)


GEOJSON, FEATURE_KEY, GEOMETRY_FILE = _geometry()
_prop = FEATURE_KEY.split(".", 1)[1]
_rng = random.Random(7)
df = pd.DataFrame({"region": [f["properties"][_prop] for f in GEOJSON["features"]]})
for metric in METRICS:
    df[metric] = [_rng.randint(0, 500) for _ in range(len(df))]

app = Dash(__name__, title="Baseline choropleth")
app.layout = html.Div([
    html.H1("Regions of Russia"),
    dcc.Dropdown(id="metric", options=list(METRICS), value=METRICS[0], clearable=False),
    dcc.Graph(id="map", style={"height": "70vh"}),
])  # fmt: skip


@callback(Output("map", "figure"), Input("metric", "value"))
def update_map(metric: str):
    fig = px.choropleth(df, geojson=GEOJSON, locations="region", featureidkey=FEATURE_KEY,
                        color=metric, color_continuous_scale="Blues",
                        hover_name="region")  # fmt: skip
    fig.update_geos(fitbounds="locations", visible=False)
    fig.update_layout(margin={"r": 0, "t": 30, "l": 0, "b": 0}, title=metric)
    return fig


server = app.server

if __name__ == "__main__":
    app.run(debug=False)
