"""Cluster map points → plotly Scattergeo traces: one per type, sized by participants, unstacked.

Input is the frame of `queries.cluster_directory.cluster_points`. Colours are the Okabe–Ito
palette (safe for colour-blind readers), and each type has its own marker shape too, so the
legend reads without colour. Clusters that share a place are spread on a small golden-angle
spiral around it (deterministic: same data, same picture). A cluster spanning several
subjects gets dotted links to the representative points of its other subjects.
"""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go

from layouts import theme
from layouts.i18n import fmt_number, t

# type → (colour, symbol); Okabe & Ito (2008) colours, shapes from plotly's geo symbols.
TYPE_STYLE: dict[str, tuple[str, str]] = {
    "industrial": ("#0072B2", "circle"),
    "innovative_territorial": ("#D55E00", "diamond"),
    "innovation_production": ("#E69F00", "square"),
    "scientific_technological": ("#CC79A7", "triangle-up"),
    "creative": ("#009E73", "star"),
    "tourism": ("#56B4E9", "triangle-down"),
    "agro_food": ("#F0E442", "pentagon"),
    "medical": ("#000000", "cross"),
    "educational": ("#0072B2", "hexagram"),
    "it": ("#CC79A7", "hexagon"),
    "other": ("#7A7A7A", "circle-x"),
}
OUTLINE = "#1f2933"
LINK_COLOUR = "#52606d"
SIZE_UNKNOWN, SIZE_MAX, SIZE_FULL_AT = 8.0, 30.0, 1000.0
SPIRAL_STEP_DEG = 0.32  # anchors closer than one step share one spiral
GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))


def marker_size(participants: float | None) -> float:
    """8 px when unknown, growing with the square root of participants up to 30 px at 1000.

    Examples
    --------
    >>> marker_size(None), marker_size(1000), marker_size(5000)
    (8.0, 30.0, 30.0)
    """
    if participants is None or pd.isna(participants) or participants <= 0:
        return SIZE_UNKNOWN
    share = math.sqrt(min(participants, SIZE_FULL_AT) / SIZE_FULL_AT)
    return round(SIZE_UNKNOWN + (SIZE_MAX - SIZE_UNKNOWN) * share, 1)


def _groups(points: pd.DataFrame, near: float) -> list[list[int]]:
    """Row positions grouped by nearby anchors, in a stable order (anchor, then cluster id)."""
    order = sorted(
        range(len(points)),
        key=lambda i: (
            round(points["lon"].iat[i], 3),
            round(points["lat"].iat[i], 3),
            points["cluster_id"].iat[i],
        ),
    )
    groups: list[list[int]] = []
    for i in order:
        lon, lat = points["lon"].iat[i], points["lat"].iat[i]
        for group in groups:
            head = group[0]
            if (
                abs(points["lon"].iat[head] - lon) < near
                and abs(points["lat"].iat[head] - lat) < near
            ):
                group.append(i)
                break
        else:
            groups.append([i])
    return groups


def spread_points(points: pd.DataFrame, step: float = SPIRAL_STEP_DEG) -> pd.DataFrame:
    """`points` with `plot_lon`/`plot_lat`: a lone cluster at its anchor, a crowd on a spiral.

    Examples
    --------
    >>> tb = pd.DataFrame({"cluster_id": ["a", "b"], "lon": [37.6, 37.6], "lat": [55.75, 55.75]})
    >>> spread = spread_points(tb)
    >>> spread["plot_lon"].tolist()[0] == 37.6, spread["plot_lon"].nunique()
    (True, 2)
    """
    out = points.copy()
    out["plot_lon"], out["plot_lat"] = out["lon"].astype(float), out["lat"].astype(float)
    for group in _groups(points, near=step):
        lon0, lat0 = points["lon"].iat[group[0]], points["lat"].iat[group[0]]
        for k, i in enumerate(group):
            if len(group) == 1:
                continue
            radius, angle = step * math.sqrt(k), k * GOLDEN_ANGLE
            out.iat[i, out.columns.get_loc("plot_lat")] = lat0 + radius * math.sin(angle)
            out.iat[i, out.columns.get_loc("plot_lon")] = lon0 + radius * math.cos(
                angle
            ) / math.cos(math.radians(lat0))
    return out


def _figure_text(row: pd.Series, lang: str) -> str | None:
    value = row.get("participants")
    if value is None or pd.isna(value):
        return None
    year = row.get("participants_year")
    when = f" ({int(year)})" if year is not None and not pd.isna(year) else ""
    mark = row.get("participants_qualifier") or ""
    mark = "" if pd.isna(mark) else f"{mark} "
    return f"{t('cl_metric_participants', lang)}: {mark}{fmt_number(value, lang)}{when}"


def hover_text(row: pd.Series, lang: str) -> str:
    """Name, type and status, subjects (main first), place and how it was placed, source line."""
    name = row["name_ru"] if lang == "ru" else row["name_en"]
    status = t(f"cl_status_{row['status']}", lang)
    year = row.get("status_year")
    if year is not None and not pd.isna(year) and row["status"] != "unstated":
        status += f" ({int(year)})"
    kind = t(f"cl_type_{row['type']}", lang)
    lines = [f"<b>{name}</b>", f"{kind} · {status}", row[f"subjects_{lang}"]]
    if len(row["regions"]) > 1:
        lines[-1] += f" — {t('cl_spans', lang).format(n=len(row['regions']))}"
    if row["placed_at"] == "place":
        place = row["place_ru"] if lang == "ru" else row["place_en"]
        approx = f" ({t('cl_approx', lang)})" if row["approximate"] else ""
        lines.append(f"{t('cl_place', lang)}: {place}{approx}")
    else:
        lines.append(f"{t('cl_place', lang)}: {t('cl_place_subject', lang)}")
    figure = _figure_text(row, lang)
    if figure:
        lines.append(figure)
    lines.append(f"{t('source', lang)}: {row['source_file']}:{int(row['source_line'])}")
    return "<br>".join(lines)


def _link_trace(spread: pd.DataFrame, lang: str, geo: str) -> go.Scattergeo | None:
    lons: list[float | None] = []
    lats: list[float | None] = []
    for _, row in spread.iterrows():
        for lon, lat in zip(row["span_lon"], row["span_lat"], strict=True):
            lons += [row["plot_lon"], lon, None]
            lats += [row["plot_lat"], lat, None]
    if not lons:
        return None
    return go.Scattergeo(
        lon=lons,
        lat=lats,
        mode="lines",
        name=t("cl_links", lang),
        geo=geo,
        line={"color": LINK_COLOUR, "width": 1.2, "dash": "dot"},
        hoverinfo="skip",
        showlegend=True,
    )


def cluster_marker_traces(
    points: pd.DataFrame,
    lang: str,
    *,
    geo: str = "geo",
    spiral_step: float = SPIRAL_STEP_DEG,
    legend: bool = True,
) -> list[go.Scattergeo]:
    """Scattergeo traces for the cluster points: links first, then one trace per type.

    Each marker's `customdata` is ``[cluster_id]`` so that a click names the cluster. An inset
    map passes its own `geo` subplot, a smaller `spiral_step` (degrees) and ``legend=False``.

    Examples
    --------
    >>> tb = pd.DataFrame({"cluster_id": ["x"], "name_ru": ["Кластер"], "name_en": ["Cluster"],
    ...     "type": ["creative"], "status": ["planned"], "status_year": [2025],
    ...     "regions": [["RU-ALT"]], "subjects_ru": ["Алтайский край"],
    ...     "subjects_en": ["Altai Krai"], "placed_at": ["subject"], "place_ru": [None],
    ...     "place_en": [None], "approximate": [True], "participants": [None],
    ...     "lon": [83.7], "lat": [53.4], "span_lon": [[]], "span_lat": [[]],
    ...     "source_file": ["002.txt"], "source_line": [453]})
    >>> [(tr.name, list(tr.customdata[0])) for tr in cluster_marker_traces(tb, "en")]
    [('creative (1)', ['x'])]
    """
    if points.empty:
        return []
    spread = spread_points(points.reset_index(drop=True), spiral_step)
    traces: list[go.Scattergeo] = []
    link = _link_trace(spread, lang, geo) if legend else None
    if link is not None:
        traces.append(link)
    for type_ in TYPE_STYLE:
        rows = spread[spread["type"] == type_]
        if rows.empty:
            continue
        colour, symbol = TYPE_STYLE[type_]
        traces.append(
            go.Scattergeo(
                lon=rows["plot_lon"].tolist(),
                lat=rows["plot_lat"].tolist(),
                mode="markers",
                name=f"{t(f'cl_type_{type_}', lang)} ({len(rows)})",
                legendgroup=type_,
                geo=geo,
                showlegend=legend,
                customdata=[[c] for c in rows["cluster_id"]],
                text=[hover_text(row, lang) for _, row in rows.iterrows()],
                hovertemplate="%{text}<extra></extra>",
                marker={
                    "color": colour,
                    "symbol": symbol,
                    "opacity": 0.92,
                    "size": [marker_size(p) for p in rows["participants"]],
                    "line": {"color": OUTLINE if colour != "#000000" else "white", "width": 0.8},
                },
                hoverlabel={"bgcolor": "white", "font": {"family": theme.FONT_FAMILY}},
            )
        )
    return traces
