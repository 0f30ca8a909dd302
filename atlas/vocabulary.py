"""The cluster vocabulary that the seed files and the directory share: types, scopes, statuses.

The ETL validates seed rows against these words and the queries filter by them; both
import them from here (queries never import etl).
"""

from __future__ import annotations

TYPES = (
    "industrial",
    "innovative_territorial",
    "innovation_production",
    "scientific_technological",
    "creative",
    "tourism",
    "agro_food",
    "medical",
    "educational",
    "it",
    "other",
)
SCOPES = ("regional", "interregional", "international")
STATED_STATUSES = ("planned", "created", "operating", "registered")
# The directory shows a cluster whose sources state no status as this.
UNSTATED = "unstated"
STATUSES = (*STATED_STATUSES, UNSTATED)
