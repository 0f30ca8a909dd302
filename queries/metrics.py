"""The one registry of metrics: each declared once, read by queries, controls and legends."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from queries.provenance import Citation

Level = Literal["region", "fd"]
LEVELS: tuple[Level, ...] = ("region", "fd")


class UnknownMetricError(KeyError):
    """A metric id that the registry does not declare."""

    def __init__(self, metric_id: str) -> None:
        super().__init__(f"unknown metric {metric_id!r}; valid metrics are: {', '.join(METRICS)}")


@dataclass(frozen=True)
class ClassBand:
    """One class of a published classification, from `lower` up to `upper` (None = open).

    A value on a shared boundary belongs to the band whose `upper_inclusive` says so, else
    to the next band up.
    """

    key: str
    label_ru: str
    label_en: str
    lower: float | None
    upper: float | None
    upper_inclusive: bool = False

    def admits_from_below(self, value: float) -> bool:
        if self.upper is None:
            return True
        return value <= self.upper if self.upper_inclusive else value < self.upper


@dataclass(frozen=True)
class Classification:
    """A published set of classes, with the line that defines them."""

    key: str
    bands: tuple[ClassBand, ...]
    citation: Citation
    as_published: tuple[str, ...]

    def classify(self, value: float | None) -> ClassBand | None:
        if value is None or value != value:  # NaN
            return None
        # Bands are ordered from the lowest; the first that admits the value holds it.
        return next(band for band in self.bands if band.admits_from_below(value))


# Seed 002 defines both: creation above 10 % high, 6-10 % moderate, under 6 % low;
# growth 3-30 % high, 0-3 % stable, under 0 negative. "More than 10" makes 10.0 moderate;
# 6.0 is moderate, 3.0 high and 30.0 high (the closed ends of "6–10" and "3–30").
CREATION_CLASSES = Classification(
    key="hse_creation",
    bands=(
        ClassBand("low", "низкий", "low", None, 6.0),
        ClassBand("moderate", "умеренный", "moderate", 6.0, 10.0, upper_inclusive=True),
        ClassBand("high", "высокий", "high", 10.0, None),
    ),
    citation=Citation("002_d8f5a7355f1388eb.txt", 628),
    as_published=("более 10%", "6–10%", "менее 6%"),
)
GROWTH_CLASSES = Classification(
    key="hse_growth",
    bands=(
        ClassBand("negative", "отрицательный", "negative", None, 0.0),
        ClassBand("stable", "стабильный", "stable", 0.0, 3.0),
        ClassBand("high", "высокий", "high", 3.0, 30.0, upper_inclusive=True),
        ClassBand("above_range", "выше 30 %", "above 30 %", 30.0, None),
    ),
    citation=Citation("002_d8f5a7355f1388eb.txt", 556),
    as_published=("3–30%", "0–3%", "ниже 0%"),
)


@dataclass(frozen=True)
class Metric:
    """A quantity the map can colour by."""

    id: str
    label_ru: str
    label_en: str
    unit_ru: str
    unit_en: str
    number_format: str  # d3-format for plotly hovers, e.g. ",.0f"
    source: Literal["observations", "clusters"]
    levels: tuple[Level, ...] = LEVELS
    classification: Classification | None = None
    colorscale: str = "Viridis"
    rate: bool = False  # a ratio of two counts: districts are ratios of sums, never means
    # The denominator is one count for every industry (all organisations of the place): the
    # share of several industries is Σ numerators over that one denominator, not over its sum.
    shared_denominator: bool = False

    def label(self, lang: str) -> str:
        return self.label_ru if lang == "ru" else self.label_en

    def unit(self, lang: str) -> str:
        return self.unit_ru if lang == "ru" else self.unit_en


_ALL: tuple[Metric, ...] = (
    Metric(
        "clusters",
        "Кластеры",
        "Clusters",
        "ед.",
        "clusters",
        ",.0f",
        "clusters",
        colorscale="Blues",
    ),
    Metric(
        "cluster_participants",
        "Участники кластеров (где известно)",
        "Cluster participants (where stated)",
        "орг.",
        "organisations",
        ",.0f",
        "clusters",
        colorscale="Blues",
    ),
    Metric(
        "created",
        "Создано креативных организаций",
        "Creative organisations created",
        "ед.",
        "organisations",
        ",.0f",
        "observations",
        colorscale="YlGnBu",
    ),
    Metric(
        "orgs_total_published",
        "Креативные организации, всего (как опубликовано)",
        "Creative organisations, total (as published)",
        "ед.",
        "organisations",
        ",.0f",
        "observations",
        levels=("region",),
        colorscale="YlGnBu",
    ),
    Metric(
        "active_start",
        "Действующие на начало года",
        "Active at start of year",
        "ед.",
        "organisations",
        ",.0f",
        "observations",
        colorscale="YlGnBu",
    ),
    Metric(
        "liquidated",
        "Ликвидировано",
        "Liquidated",
        "ед.",
        "organisations",
        ",.0f",
        "observations",
        colorscale="YlOrRd",
    ),
    Metric(
        "active_end",
        "Действующие на конец года",
        "Active at end of year",
        "ед.",
        "organisations",
        ",.0f",
        "observations",
        colorscale="YlGnBu",
    ),
    Metric(
        "creation_coef",
        "Коэффициент создания",
        "Creation coefficient",
        "%",
        "%",
        ".1f",
        "observations",
        classification=CREATION_CLASSES,
        colorscale="YlGnBu",
        rate=True,
    ),
    Metric(
        "growth_coef",
        "Коэффициент прироста",
        "Growth coefficient",
        "%",
        "%",
        ".1f",
        "observations",
        classification=GROWTH_CLASSES,
        colorscale="RdBu",
        rate=True,
    ),
    # Creative share: creative organisations over ALL organisations of the same place and
    # year (an import of a register extract holding every organisation; etl/cube.py).
    Metric(
        "creative_share_created",
        "Доля креативных среди созданных организаций",
        "Creative share of organisations created",
        "%",
        "%",
        ".1f",
        "observations",
        colorscale="PuRd",
        rate=True,
        shared_denominator=True,
    ),
    Metric(
        "creative_share_active",
        "Доля креативных среди действующих организаций",
        "Creative share of active organisations",
        "%",
        "%",
        ".1f",
        "observations",
        colorscale="PuRd",
        rate=True,
        shared_denominator=True,
    ),
)
METRICS: dict[str, Metric] = {m.id: m for m in _ALL}


def get_metric(metric_id: str) -> Metric:
    """The registry entry, or UnknownMetricError listing the valid ids."""
    try:
        return METRICS[metric_id]
    except KeyError:
        raise UnknownMetricError(metric_id) from None
