"""Theme values shared by every figure and page: colours, fonts, chart defaults, the map frame."""

from __future__ import annotations

FONT_FAMILY = "Inter, 'Segoe UI', Roboto, Arial, sans-serif"
NO_DATA_COLOUR = "#e4e4e4"
BORDER_COLOUR = "#ffffff"
TEXT_COLOUR = "#1f2933"
MUTED_COLOUR = "#52606d"
# Conic equal-area frame for Russia; plotly.js 4 auto-fits geo to the data unless
# fitbounds is off, and with a rotation that shrinks the map to a dot (stack notes §1.5).
GEO_FRAME = {
    "projection": {"type": "conic equal area", "parallels": [52, 64], "rotation": {"lon": 105}},
    "center": {"lon": 105, "lat": 62},
    "lonaxis": {"range": [19, 191]},
    "lataxis": {"range": [41, 82]},
    "fitbounds": False,
    "visible": False,
    "bgcolor": "rgba(0,0,0,0)",
}
# Plotly fits the whole lon/lat range fan of GEO_FRAME (aspect 2.03 : 1) into the map
# box and clips to it; at projection scale 1 Russia covers 0.729 x 0.387 of the fan's width,
# off centre. This centre and zoom make Russia fill the fan's height (measured by rendering;
# `test_map_fills_its_box` re-measures them).
FAN_ASPECT = 2.03
COUNTRY_CENTRE = {"lon": 91.3, "lat": 65.2}
COUNTRY_ZOOM = 0.95 / (0.387 * FAN_ASPECT)
TOPOJSON_URL = "/assets/topojson/"
# Okabe & Ito's colour-blind-safe palette without its yellow (too pale on white).
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#000000")
# The defaults of every bar and line chart (layouts.charts applies them).
CHART_THEME = {
    "font": {"family": FONT_FAMILY, "color": TEXT_COLOUR, "size": 12},
    "paper_bgcolor": "white",
    "plot_bgcolor": "white",
    "hoverlabel": {
        "bgcolor": "white",
        "bordercolor": "#cbd2d9",
        "font": {"family": FONT_FAMILY, "color": TEXT_COLOUR, "size": 12},
        "align": "left",
    },
    "tick_font": {"size": 11, "color": MUTED_COLOUR},
}
