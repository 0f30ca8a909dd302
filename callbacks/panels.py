"""Side-panel callbacks: the view state → the profile, rankings and compare tabs.

Each panel reads only `view-state` (the map page's one state callback owns it, including
`selected` and `compare`), asks its query and hands the answer to its layout. A panel is
built only while its tab is open: the first page load then carries no table code and
does no work for tabs nobody looks at.
"""

from __future__ import annotations

from dash import Input, Output, callback, no_update

from atlas.store import default_reader
from atlas.viewstate import state_from_dict
from layouts.compare import compare_panel
from layouts.profile import profile_panel
from layouts.rankings import rankings_panel
from queries.profile import comparison, place_profile
from queries.rankings import rankings


def _ask(stored: dict | None, query):
    """The view state in the store, and `query`'s answer for it (one cursor per callback)."""
    state = state_from_dict(stored)
    with default_reader().cursor() as cur:
        return state, query(cur, state)


@callback(
    Output("profile-panel", "children"), Input("view-state", "data"), Input("side-tab", "value")
)
def show_profile(stored: dict | None, tab: str | None):
    """The selected place's profile, or the invitation to click one."""
    if tab not in (None, "profile"):
        return no_update
    state, profile = _ask(stored, place_profile)
    return profile_panel(profile, state.lang)


@callback(
    Output("rankings-panel", "children"), Input("view-state", "data"), Input("side-tab", "value")
)
def show_rankings(stored: dict | None, tab: str | None):
    """The current view ranked, as a bar chart and a table, with district subtotals."""
    if tab != "rankings":
        return no_update
    state, ranking = _ask(stored, rankings)
    return rankings_panel(ranking, state.lang, state.selected)


@callback(
    Output("compare-panel", "children"), Input("view-state", "data"), Input("side-tab", "value")
)
def show_comparison(stored: dict | None, tab: str | None):
    """The subjects picked in `compare-picker`, one line each over the years."""
    if tab != "compare":
        return no_update
    state, compared = _ask(stored, comparison)
    return compare_panel(compared, state.lang)


# Answers depend only on the view state and the data version (see atlas.response_cache).
DETERMINISTIC = frozenset({"show_profile", "show_rankings", "show_comparison"})
