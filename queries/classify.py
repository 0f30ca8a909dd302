"""Class breaks for a choropleth: published thresholds, quantiles, Jenks, equal intervals."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np

from queries.metrics import Classification

Method = Literal["hse", "quantile", "jenks", "equal"]
METHODS: tuple[Method, ...] = ("hse", "quantile", "jenks", "equal")


@dataclass(frozen=True)
class Bins:
    """Class edges (k+1 numbers, or published bands), labels and the class of each value."""

    method: Method
    edges: tuple[float, ...]
    labels_ru: tuple[str, ...]
    labels_en: tuple[str, ...]
    index: tuple[int | None, ...]  # class per input value, None where no value

    @property
    def counts(self) -> tuple[int, ...]:
        return tuple(sum(1 for i in self.index if i == k) for k in range(len(self.labels_en)))

    def labels(self, lang: str) -> tuple[str, ...]:
        return self.labels_ru if lang == "ru" else self.labels_en


def _fmt(x: float, lang: str) -> str:
    """12,345 / 1.5 in English; 12 345 / 1,5 (thin space, decimal comma) in Russian."""
    text = f"{x:,.0f}" if abs(x) >= 100 or float(x).is_integer() else f"{x:,.1f}"
    return text if lang == "en" else text.replace(",", "\u202f").replace(".", ",")


def _range_labels(edges: Sequence[float], integers: bool, lang: str) -> tuple[str, ...]:
    """Class k holds edges[k] <= v < edges[k+1] (the last one includes its top)."""
    labels = []
    for k, (low, high) in enumerate(itertools.pairwise(edges)):
        last = k == len(edges) - 2
        top = (high if last else high - 1) if integers else high
        if integers and top <= low:
            labels.append(_fmt(low, lang))
        else:
            labels.append(f"{_fmt(low, lang)}–{_fmt(top, lang)}")
    return tuple(labels)


def _index_by_edges(values: np.ndarray, edges: Sequence[float]) -> tuple[int | None, ...]:
    inner = np.asarray(edges[1:-1], dtype=float)
    found = np.searchsorted(inner, values, side="right")
    return tuple(None if np.isnan(v) else int(k) for v, k in zip(values, found, strict=True))


def jenks_edges(values: Sequence[float], k: int) -> list[float]:
    """Fisher–Jenks natural breaks: k classes minimising within-class squared deviation."""
    data = np.sort(np.asarray([v for v in values if not np.isnan(v)], dtype=float))
    n = len(data)
    k = max(1, min(k, len(np.unique(data))))
    if n == 0:
        return []
    prefix = np.concatenate([[0.0], np.cumsum(data)])
    prefix_sq = np.concatenate([[0.0], np.cumsum(data**2)])

    # cost[i, j] = within-class squared deviation of data[i:j] (inf where j <= i); then
    # best[c][j] = min over i of best[c-1][i] + cost[i, j], the first i that attains it.
    i, j = np.arange(n + 1)[:, None], np.arange(n + 1)[None, :]
    size = j - i
    s, s2 = prefix[j] - prefix[i], prefix_sq[j] - prefix_sq[i]
    with np.errstate(divide="ignore", invalid="ignore"):
        cost = np.where(size > 0, s2 - s * s / np.where(size > 0, size, 1), np.inf)
    best = np.full((k + 1, n + 1), np.inf)
    cut = np.zeros((k + 1, n + 1), dtype=int)
    best[0][0] = 0.0
    for c in range(1, k + 1):
        total = best[c - 1][:, None] + cost
        cut[c] = total.argmin(axis=0)
        best[c] = total[cut[c], np.arange(n + 1)]
        best[c][:c] = np.inf  # fewer values than classes: not a split
    starts, j = [], n
    for c in range(k, 0, -1):
        starts.append(cut[c][j])
        j = cut[c][j]
    starts = sorted(starts)[1:]
    return [float(data[0]), *[float(data[s]) for s in starts], float(data[-1])]


def _numeric_edges(values: np.ndarray, method: Method, k: int) -> list[float]:
    present = values[~np.isnan(values)]
    if method == "quantile":
        edges = np.quantile(present, np.linspace(0, 1, k + 1)).tolist()
    elif method == "equal":
        edges = np.linspace(present.min(), present.max(), k + 1).tolist()
    else:
        edges = jenks_edges(present.tolist(), k)
    return sorted(set(edges)) if len(set(edges)) > 1 else [edges[0], edges[0]]


def classify(
    values: Sequence[float | None],
    method: Method,
    *,
    k: int = 5,
    published: Classification | None = None,
    fixed_edges: Sequence[float] | None = None,
) -> Bins:
    """Assign each value a class; `fixed_edges` keeps the breaks of another year."""
    arr = np.asarray([np.nan if v is None else v for v in values], dtype=float)
    if method == "hse":
        if published is None:
            raise ValueError(
                "this metric has no published classes; choose quantile, jenks or equal"
            )
        bands = published.bands
        index = tuple(
            None if b is None else bands.index(b)
            for b in (published.classify(None if np.isnan(v) else float(v)) for v in arr)
        )
        edges = (*(b.lower if b.lower is not None else -np.inf for b in bands), np.inf)
        return Bins(
            method, edges, tuple(b.label_ru for b in bands), tuple(b.label_en for b in bands), index
        )
    if np.isnan(arr).all():
        return Bins(method, (), (), (), tuple(None for _ in arr))
    edges = list(fixed_edges) if fixed_edges else _numeric_edges(arr, method, k)
    present = arr[~np.isnan(arr)]
    integers = bool(np.all(present == np.round(present))) and all(
        float(e).is_integer() for e in edges
    )
    return Bins(
        method,
        tuple(edges),
        _range_labels(edges, integers, "ru"),
        _range_labels(edges, integers, "en"),
        _index_by_edges(arr, edges),
    )
