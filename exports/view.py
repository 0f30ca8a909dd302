"""A view's data → what every export says about it: title, filters, method, dataset, link, date."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import duckdb

from layouts.i18n import t
from layouts.map_render import RenderedMap, render_map
from queries import catalog
from queries.classify import METHODS
from queries.places import places
from queries.views import MapData

LAYER_OF_LEVEL = {"region": "region", "fd": "district"}  # geodata layer of a map level


@dataclass(frozen=True)
class ExportView:
    """One view, ready for any file format, in the viewer's language."""

    data: MapData
    rendered: RenderedMap  # the figure with the source caption stamped in it
    lang: str
    title: str
    subtitle: str
    method_label: str
    dataset_label: str
    synthetic: bool
    filters: tuple[tuple[str, str], ...]  # (label, value), in reading order
    permalink: str
    today: dt.date

    @property
    def layer(self) -> str:
        return LAYER_OF_LEVEL[self.data.state.level]

    def source_line(self) -> str:
        """The caption the map carries (sources, boundaries, synthetic warning), the dataset's
        origin when no document is cited, and the app with the export date."""
        text = self.rendered.caption
        origin = self.data.dataset.get("origin")
        if self.data.docs.empty and origin:  # an imported or generated dataset
            text = f"{t('dataset', self.lang)}: {self.dataset_label} ({origin}). {text}"
        return f"{text} · {t('app_title', self.lang)}, {self.today:%d.%m.%Y}"

    def short_titles(self) -> dict[str, str]:
        """'Metric, year' in both languages, for citations (the title proper is in one)."""
        year = [str(self.data.year)] if self.data.year else []
        return {lang: ", ".join([self.data.metric.label(lang), *year]) for lang in ("ru", "en")}


def _method_label(legend_title: str, chosen: str, lang: str) -> str:
    """The method the legend names (the 'hse' choice may have fallen back to natural breaks)."""
    for method in METHODS:
        label = t(f"method_{method}", lang)
        if label in legend_title:
            return label
    return t(f"method_{chosen}", lang)


def _dataset_label(data: MapData, lang: str) -> str:
    info = data.dataset
    label = info.get("label_ru" if lang == "ru" else "label_en")
    return str(label) if label else t("ex_dataset_clusters", lang)


def _filters(cur: duckdb.DuckDBPyConnection, data: MapData, lang: str) -> list[tuple[str, str]]:
    state, metric = data.state, data.metric
    rows = [
        (t("level", lang), t(f"level_{state.level}", lang)),
        (t("metric", lang), f"{metric.label(lang)} ({metric.unit(lang)})"),
        (t("year", lang), str(data.year) if data.year else t("no_year", lang)),
    ]
    if metric.source == "observations":
        names = {i: ru if lang == "ru" else en for i, ru, en in catalog.industries(cur)}
        chosen = [names.get(i, i) for i in state.industries]
        rows.append((t("industries", lang), ", ".join(chosen) or t("all_industries", lang)))
    if state.focus_fd:
        districts = places(cur, "fd").set_index("geo")
        name = districts.loc[state.focus_fd, "name_ru" if lang == "ru" else "name_en"]
        rows.append((t("ex_focus", lang), str(name)))
    return rows


def export_view(
    cur: duckdb.DuckDBPyConnection,
    data: MapData,
    permalink: str,
    today: dt.date | None = None,
) -> ExportView:
    """Everything the exporters print about `data` (a settled, validated view).

    The figure keeps its geometry URL; `exports.images` inlines the geometry for kaleido.
    """
    lang = data.state.lang
    rendered = render_map(data, f"/geo/{data.state.level}.geojson", stamp_caption=True)
    dataset_label = _dataset_label(data, lang)
    subtitle = t(f"level_{data.state.level}", lang)
    if data.metric.source == "observations":
        subtitle += " · " + dataset_label
    return ExportView(
        data=data,
        rendered=rendered,
        lang=lang,
        title=rendered.view.title,
        subtitle=subtitle,
        method_label=_method_label(rendered.view.legend_title, data.state.method, lang),
        dataset_label=dataset_label,
        synthetic=rendered.synthetic,
        filters=tuple(_filters(cur, data, lang)),
        permalink=permalink,
        today=today or dt.date.today(),
    )
