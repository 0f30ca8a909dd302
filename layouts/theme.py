"""Theme values shared by every figure and page: colours, fonts, the map frame."""

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
TOPOJSON_URL = "/assets/topojson/"
