"""Interface strings in Russian and English, and number formats for each language."""

from __future__ import annotations

import math

LANGS = ("ru", "en")
THIN_SPACE = "\u202f"

STRINGS: dict[str, dict[str, str]] = {
    "app_title": {"ru": "Атлас кластеров", "en": "Cluster Atlas"},
    "app_subtitle": {
        "ru": "Кластеры России и создание креативных бизнесов по регионам",
        "en": "Russia's clusters and creative-business creation by region",
    },
    "level": {"ru": "Уровень", "en": "Level"},
    "level_region": {"ru": "Субъекты РФ (85)", "en": "Federal subjects (85)"},
    "level_fd": {"ru": "Федеральные округа (8)", "en": "Federal districts (8)"},
    "metric": {"ru": "Показатель", "en": "Metric"},
    "year": {"ru": "Год", "en": "Year"},
    "classification": {"ru": "Классы", "en": "Classes"},
    "method_hse": {"ru": "Пороги ВШЭ (где заданы)", "en": "HSE thresholds (where defined)"},
    "method_quantile": {"ru": "Квантили", "en": "Quantiles"},
    "method_jenks": {"ru": "Естественные границы (Дженкс)", "en": "Natural breaks (Jenks)"},
    "method_equal": {"ru": "Равные интервалы", "en": "Equal intervals"},
    "no_data": {"ru": "нет опубликованных данных", "en": "no published data"},
    "no_cluster": {"ru": "источники не называют кластеров", "en": "no cluster named in the sources"},
    "source": {"ru": "Источник", "en": "Source"},
    "sources": {"ru": "Источники", "en": "Sources"},
    "class": {"ru": "Класс", "en": "Class"},
    "rank": {"ru": "Место", "en": "Rank"},
    "of": {"ru": "из", "en": "of"},
    "clusters_here": {"ru": "Кластеры", "en": "Clusters"},
    "synthetic_banner": {
        "ru": "СИНТЕТИЧЕСКИЕ ДАННЫЕ: сгенерированы для демонстрации, не реальные показатели",
        "en": "SYNTHETIC DATA: generated for demonstration, not real figures",
    },
    "boundaries": {
        "ru": "Границы: Natural Earth 1:50m (общественное достояние), упрощены",
        "en": "Boundaries: Natural Earth 1:50m (public domain), simplified",
    },
    "language": {"ru": "English", "en": "Русский"},
    "dataset": {"ru": "Данные", "en": "Dataset"},
    "industries": {"ru": "Креативные индустрии", "en": "Creative industries"},
    "all_industries": {"ru": "все индустрии", "en": "all industries"},
    "fixed_breaks": {"ru": "одинаковые границы для всех лет", "en": "same breaks for all years"},
    "clusters_layer": {"ru": "кластеры поверх карты", "en": "clusters on top of the map"},
    "play": {"ru": "▶ Анимация по годам", "en": "▶ Play years"},
    "pause": {"ru": "⏸ Пауза", "en": "⏸ Pause"},
    "back_to_russia": {"ru": "← Вся Россия", "en": "← All of Russia"},
    "several_industries_note": {
        "ru": "Организация, относящаяся к нескольким выбранным индустриям, учтена в каждой.",
        "en": "An organisation in several of the chosen industries is counted in each.",
    },
    "notice": {"ru": "Часть параметров ссылки не распознана", "en": "Some link parameters were not understood"},
    "map_alt": {"ru": "Карта: текстовое описание", "en": "Map: text description"},
    "no_year": {"ru": "год не применим", "en": "no year"},
    "methodology": {"ru": "Методика и источники", "en": "Methodology and sources"},
    "cluster_explorer": {"ru": "Каталог кластеров", "en": "Cluster explorer"},
    "map_nav": {"ru": "Карта", "en": "Map"},
    "tab_profile": {"ru": "Профиль", "en": "Profile"},
    "tab_rankings": {"ru": "Рейтинг", "en": "Rankings"},
    "tab_compare": {"ru": "Сравнение", "en": "Compare"},
    "compare_pick": {"ru": "Субъекты для сравнения (до 10)", "en": "Subjects to compare (up to 10)"},
}


def t(key: str, lang: str) -> str:
    """The interface string `key` in `lang` (Russian when the language is unknown)."""
    return STRINGS[key]["en" if lang == "en" else "ru"]


def fmt_number(value: float | None, lang: str, decimals: int = 0) -> str:
    """`12 345,6` (thin-space thousands, decimal comma) in Russian, `12,345.6` in English."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    text = f"{value:,.{decimals}f}"
    if lang == "en":
        return text
    return text.replace(",", THIN_SPACE).replace(".", ",")


def decimals_of(number_format: str) -> int:
    """Decimals of a d3 format such as ',.1f'."""
    return int(number_format.rsplit(".", 1)[1].rstrip("f%")) if "." in number_format else 0
