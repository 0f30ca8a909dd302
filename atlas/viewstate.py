"""The state of a view (every control) ⇄ a URL query string, validated against what exists.

Permalinks, the embed route, exports and every panel read one `ViewState`. Parsing never
fails: an unknown, malformed or hostile parameter falls back to its default and adds a
notice that the page shows (escaped) to the viewer.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
from urllib.parse import parse_qs, urlencode

MAX_QUERY_LENGTH = 2000
MAX_COMPARE = 10
MAX_FIELDS = 50
_CODE = re.compile(r"^[A-Za-z0-9_\-]{1,40}$")

LANGS = ("ru", "en")
LEVELS = ("region", "fd")
METHODS = ("hse", "quantile", "jenks", "equal")


@dataclass(frozen=True)
class ViewState:
    """Every control of the dashboard; defaults describe the first view."""

    lang: str = "ru"
    level: str = "region"
    metric: str = "clusters"
    dataset: str = "hse-2025"
    year: int | None = None
    industries: tuple[str, ...] = ()
    method: str = "hse"
    fixed_breaks: bool = False
    selected: str | None = None
    focus_fd: str | None = None
    compare: tuple[str, ...] = ()
    clusters_layer: bool = True
    cluster_types: tuple[str, ...] = ()

    def to_query(self) -> str:
        """`?metric=…&year=…` with only the parameters that differ from the defaults."""
        default = ViewState()
        params: list[tuple[str, str]] = []
        for f in fields(self):
            value = getattr(self, f.name)
            if value == getattr(default, f.name):
                continue
            if isinstance(value, tuple):
                params.append((f.name, ",".join(value)))
            elif isinstance(value, bool):
                params.append((f.name, "1" if value else "0"))
            else:
                params.append((f.name, str(value)))
        return "?" + urlencode(params) if params else ""


@dataclass(frozen=True)
class Choices:
    """What exists, so that a parameter can be checked (filled from the database)."""

    metrics: Sequence[str]
    datasets: Sequence[str]
    years: Callable[[str, str], Sequence[int]]  # (dataset, metric) → years with data
    industries: Sequence[str]
    regions: Sequence[str]
    districts: Sequence[str]
    cluster_types: Sequence[str] = field(default_factory=tuple)


def _one(params: Mapping[str, list[str]], name: str) -> str | None:
    values = params.get(name)
    return values[-1] if values else None


def _codes(raw: str, allowed: Sequence[str], limit: int) -> tuple[tuple[str, ...], bool]:
    items = [p for p in raw.split(",") if p]
    good = tuple(dict.fromkeys(p for p in items if p in allowed))[:limit]
    return good, len(good) != len(items)


def parse_query(query: str, choices: Choices) -> tuple[ViewState, list[str]]:
    """A valid state from any query string, and notices naming each parameter ignored."""
    notices: list[str] = []
    query = query.lstrip("?")
    if len(query) > MAX_QUERY_LENGTH:
        return ViewState(), [
            f"the link's parameters are longer than {MAX_QUERY_LENGTH} characters and were ignored"
        ]
    try:
        params = parse_qs(query, keep_blank_values=True, max_num_fields=MAX_FIELDS)
    except ValueError:  # more fields than any view has: a hostile or broken link
        return ViewState(), [f"the link has more than {MAX_FIELDS} parameters; they were ignored"]
    state = ViewState()
    updates: dict[str, object] = {}

    def pick(name: str, allowed: Sequence[str]) -> None:
        raw = _one(params, name)
        if raw is None:
            return
        if raw in allowed:
            updates[name] = raw
        else:
            notices.append(f"unknown {name} ignored")

    pick("lang", LANGS)
    pick("level", LEVELS)
    pick("metric", choices.metrics)
    pick("dataset", choices.datasets)
    pick("method", METHODS)
    pick("selected", [*choices.regions, *choices.districts])
    pick("focus_fd", choices.districts)
    for name in ("fixed_breaks", "clusters_layer"):
        raw = _one(params, name)
        if raw is not None:
            if raw in ("0", "1"):
                updates[name] = raw == "1"
            else:
                notices.append(f"{name} must be 0 or 1; ignored")
    for name, allowed, limit in (
        ("industries", choices.industries, 17),
        ("compare", choices.regions, MAX_COMPARE),
        ("cluster_types", choices.cluster_types, 20),
    ):
        raw = _one(params, name)
        if raw is not None:
            updates[name], dropped = _codes(raw, allowed, limit)
            if dropped:
                notices.append(f"some {name} were unknown or too many and were ignored")
    state = replace(state, **updates)
    raw_year = _one(params, "year")
    if raw_year is not None:
        years = choices.years(state.dataset, state.metric)
        if raw_year.isdigit() and len(raw_year) == 4 and int(raw_year) in years:
            state = replace(state, year=int(raw_year))
        else:
            notices.append("year has no data for this metric; the latest year is shown")
    unknown = sorted(set(params) - {f.name for f in fields(ViewState)})
    if unknown:
        notices.append(f"{len(unknown)} unknown parameter(s) ignored")
    return state, notices


def state_to_dict(state: ViewState) -> dict[str, object]:
    """JSON-ready form for a dcc.Store (tuples become lists)."""
    return {
        f.name: list(v) if isinstance(v := getattr(state, f.name), tuple) else v
        for f in fields(ViewState)
    }


def state_from_dict(data: Mapping[str, object] | None) -> ViewState:
    """The inverse of `state_to_dict`; unknown keys are ignored (stores are client-side)."""
    if not isinstance(data, Mapping) or not data:  # a tampered store: start from defaults
        return ViewState()
    default = ViewState()
    values: dict[str, object] = {}
    for f in fields(ViewState):
        value = data.get(f.name, getattr(default, f.name))
        if isinstance(value, list):
            value = tuple(value)
        if _well_typed(value, getattr(default, f.name), f.name):
            values[f.name] = value
    return replace(default, **values)


def _well_typed(value: object, default: object, name: str) -> bool:
    """The browser sends the store back: keep a field only if it has its field's shape."""
    if name == "year":
        return value is None or (type(value) is int and 1900 < value < 2200)
    if isinstance(default, bool):
        return type(value) is bool
    if isinstance(default, tuple):
        return isinstance(value, tuple) and all(
            isinstance(v, str) and _CODE.match(v) for v in value
        )
    if value is None:
        return default is None
    return isinstance(value, str) and bool(_CODE.match(value))
