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


def _panel(tab: str, open_tab: str | None, stored: dict | None, query, render):
    """Build a panel for the view state only while its tab is open (else leave it be)."""
    if open_tab != tab and not (tab == "profile" and open_tab is None):
        return no_update
    state, answer = _ask(stored, query)
    return render(answer, state)


@callback(
    Output("profile-panel", "children"), Input("view-state", "data"), Input("side-tab", "value")
)
def show_profile(stored: dict | None, tab: str | None):
    """The selected place's profile, or the invitation to click one."""
    return _panel("profile", tab, stored, place_profile, lambda p, s: profile_panel(p, s.lang))


@callback(
    Output("rankings-panel", "children"), Input("view-state", "data"), Input("side-tab", "value")
)
def show_rankings(stored: dict | None, tab: str | None):
    """The current view ranked, as a bar chart and a table, with district subtotals."""
    return _panel(
        "rankings", tab, stored, rankings, lambda r, s: rankings_panel(r, s.lang, s.selected)
    )


@callback(
    Output("compare-panel", "children"), Input("view-state", "data"), Input("side-tab", "value")
)
def show_comparison(stored: dict | None, tab: str | None):
    """The subjects picked in `compare-picker`, one line each over the years."""
    return _panel("compare", tab, stored, comparison, lambda c, s: compare_panel(c, s.lang))


# Answers depend only on the view state and the data version (see atlas.response_cache).
DETERMINISTIC = frozenset({"show_profile", "show_rankings", "show_comparison"})
