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
    "no_cluster": {
        "ru": "источники не называют кластеров",
        "en": "no cluster named in the sources",
    },
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
    "notice": {
        "ru": "Часть параметров ссылки не распознана",
        "en": "Some link parameters were not understood",
    },
    "map_alt": {"ru": "Карта: текстовое описание", "en": "Map: text description"},
    "no_year": {"ru": "год не применим", "en": "no year"},
    "methodology": {"ru": "Методика и источники", "en": "Methodology and sources"},
    "cluster_explorer": {"ru": "Каталог кластеров", "en": "Cluster explorer"},
    "map_nav": {"ru": "Карта", "en": "Map"},
    "tab_profile": {"ru": "Профиль", "en": "Profile"},
    "tab_rankings": {"ru": "Рейтинг", "en": "Rankings"},
    "tab_compare": {"ru": "Сравнение", "en": "Compare"},
    "compare_pick": {
        "ru": "Субъекты для сравнения (до 10)",
        "en": "Subjects to compare (up to 10)",
    },
    # Cluster explorer (/clusters): layouts/clusters_page.py, layouts/cluster_markers.py
    "cl_subtitle": {
        "ru": "Все кластеры, которые называют документы-источники: поиск, карта, профиль, сравнение",
        "en": "Every cluster the source documents name: search, map, profile, compare",
    },
    "cl_search": {"ru": "Поиск", "en": "Search"},
    "cl_search_hint": {
        "ru": "название, отрасль, место, субъект… (регистр и ё не важны)",
        "en": "name, industry, place, subject… (case-insensitive)",
    },
    "cl_type": {"ru": "Тип", "en": "Type"},
    "cl_status": {"ru": "Статус", "en": "Status"},
    "cl_fd": {"ru": "Федеральный округ", "en": "Federal district"},
    "cl_subject": {"ru": "Субъект РФ", "en": "Federal subject"},
    "cl_years": {"ru": "Год первого упоминания", "en": "Year first mentioned"},
    "cl_all": {"ru": "все", "en": "all"},
    "cl_reset": {"ru": "Сбросить фильтры", "en": "Reset filters"},
    "cl_rows": {"ru": "Строки таблицы", "en": "Table rows"},
    "cl_rows_cluster": {"ru": "одна на кластер", "en": "one per cluster"},
    "cl_rows_subject": {"ru": "по субъектам", "en": "one per subject"},
    "cl_col_name": {"ru": "Кластер", "en": "Cluster"},
    "cl_col_spec": {"ru": "Специализация", "en": "Specialisation"},
    "cl_col_subjects": {"ru": "Субъекты РФ", "en": "Subjects"},
    "cl_col_subject": {"ru": "Субъект РФ", "en": "Subject"},
    "cl_col_fd": {"ru": "ФО", "en": "FD"},
    "cl_col_year": {"ru": "Впервые упомянут", "en": "First mentioned"},
    "cl_col_participants": {"ru": "Участники", "en": "Participants"},
    "cl_col_staff": {"ru": "Занятые", "en": "Staff"},
    "cl_col_investment": {"ru": "Инвестиции", "en": "Investment"},
    "cl_export_csv": {"ru": "Скачать CSV", "en": "Download CSV"},
    "cl_export_xlsx": {"ru": "Скачать XLSX", "en": "Download XLSX"},
    "cl_shown": {"ru": "Показано кластеров: {n} из {total}", "en": "{n} of {total} clusters shown"},
    "cl_multi_note": {
        "ru": "Кластер, охватывающий несколько субъектов, виден под каждым из них, но в итогах учтён один раз.",
        "en": "A cluster spanning several subjects shows under each of them but counts once in totals.",
    },
    "cl_spans": {"ru": "охватывает субъектов: {n}", "en": "spans {n} subjects"},
    "cl_main": {"ru": "основной", "en": "main"},
    "cl_also_in": {"ru": "также в", "en": "also in"},
    "cl_outside_title": {
        "ru": "Вне 85 субъектов (на карте не показаны)",
        "en": "Outside the 85 subjects (not on the map)",
    },
    "cl_map_title": {"ru": "Где находятся кластеры", "en": "Where the clusters are"},
    "cl_map_base": {
        "ru": "Фон: число кластеров в субъекте",
        "en": "Background: clusters per subject",
    },
    "cl_map_note": {
        "ru": "Кластер стоит в месте, которое называет источник; если места нет — в центре субъекта (приблизительно). Размер значка — число участников, где оно опубликовано.",
        "en": "A cluster sits at the place its source names, else at its subject's centre (approximate). Marker size is the number of participants, where published.",
    },
    "cl_place": {"ru": "Место", "en": "Place"},
    "cl_place_subject": {
        "ru": "центр субъекта (приблизительно)",
        "en": "subject's centre (approximate)",
    },
    "cl_approx": {"ru": "приблизительно", "en": "approximate"},
    "cl_links": {
        "ru": "связь с другими субъектами кластера",
        "en": "link to the cluster's other subjects",
    },
    "cl_geonames": {
        "ru": "Координаты мест: GeoNames (geonames.org, CC BY 4.0) и собственные приблизительные оценки (geodata/gazetteer.csv)",
        "en": "Place coordinates: GeoNames (geonames.org, CC BY 4.0) and the project's approximate readings (geodata/gazetteer.csv)",
    },
    "cl_profile": {"ru": "Профиль кластера", "en": "Cluster profile"},
    "cl_profile_empty": {
        "ru": "Выберите кластер на карте или в таблице, чтобы увидеть его профиль.",
        "en": "Pick a cluster on the map or in the table to see its profile.",
    },
    "cl_unknown_cluster": {
        "ru": "В каталоге нет кластера «{id}».",
        "en": "No cluster '{id}' in the directory.",
    },
    "cl_figures": {"ru": "Показатели", "en": "Figures"},
    "cl_no_figures": {
        "ru": "Источники не приводят цифр об этом кластере.",
        "en": "The sources give no figures for this cluster.",
    },
    "cl_history": {"ru": "Статус по документам", "en": "Status across the documents"},
    "cl_related": {"ru": "Похожие кластеры в других регионах", "en": "Related clusters elsewhere"},
    "cl_no_related": {
        "ru": "Похожих кластеров в каталоге нет.",
        "en": "No related cluster in the directory.",
    },
    "cl_related_type": {"ru": "тот же тип", "en": "same type"},
    "cl_related_spec": {"ru": "близкая специализация", "en": "similar specialisation"},
    "cl_criteria": {"ru": "Официальные критерии", "en": "Official criteria"},
    "cl_no_criteria": {
        "ru": "Для этого типа кластеров источники не дают официальных критериев.",
        "en": "The sources give no official criteria for this type of cluster.",
    },
    "cl_verdict_meets": {"ru": "соответствует", "en": "meets"},
    "cl_verdict_does_not_meet": {"ru": "не соответствует", "en": "does not meet"},
    "cl_verdict_not_enough_data": {"ru": "недостаточно данных", "en": "not enough data"},
    "cl_why_no_figure": {
        "ru": "в источниках нет этого числа",
        "en": "the sources give no such figure",
    },
    "cl_why_qualitative": {
        "ru": "качественный критерий: источники о нём не сообщают",
        "en": "qualitative criterion: the sources do not report on it",
    },
    "cl_why_lower_bound": {
        "ru": "известна лишь нижняя граница",
        "en": "only a lower bound is known",
    },
    "cl_as_printed": {"ru": "в тексте", "en": "as printed"},
    "cl_document": {"ru": "Документ", "en": "Document"},
    "cl_requirement": {"ru": "Требование", "en": "Requirement"},
    "cl_check": {"ru": "Проверка", "en": "Check"},
    "cl_framework_decree_799": {
        "ru": "Постановление Правительства РФ № 799 (промышленные кластеры)",
        "en": "Government Decree No. 799 (industrial clusters)",
    },
    "cl_framework_moscow_ipc_2015": {
        "ru": "Стратегия ИПК Москвы, 2015",
        "en": "Moscow innovation-production cluster strategy, 2015",
    },
    "cl_framework_innovative_cluster": {
        "ru": "Требования к инновационным кластерам",
        "en": "Requirements for innovative clusters",
    },
    "cl_chart_title": {
        "ru": "Кластеры по федеральным округам",
        "en": "Clusters by federal district",
    },
    "cl_chart_by": {"ru": "Разбивка", "en": "Split by"},
    "cl_chart_note": {
        "ru": "Кластер, охватывающий несколько округов, учтён в каждом из них.",
        "en": "A cluster spanning several districts counts in each of them.",
    },
    "cl_counts_title": {
        "ru": "Сколько кластеров: в документах и в каталоге",
        "en": "How many clusters: stated and in the directory",
    },
    "cl_stated": {"ru": "В документе", "en": "Stated"},
    "cl_in_directory": {"ru": "В каталоге", "en": "In the directory"},
    "cl_counts_explained": {
        "ru": "Документы приводят общие числа по всей России, а в каталоге только кластеры, которые эти пять документов называют поимённо; поэтому в каталоге их меньше, и его числа — не оценка общего количества.",
        "en": "The documents give nationwide totals, while the directory holds only the clusters these five documents name one by one; its counts are therefore smaller and are no estimate of the total.",
    },
    "cl_count_clusters_total": {"ru": "Кластеры в России", "en": "Clusters in Russia"},
    "cl_count_industrial_clusters_created": {
        "ru": "Созданные промышленные кластеры",
        "en": "Industrial clusters created",
    },
    "cl_count_pharma_medical_clusters": {
        "ru": "Кластеры фармацевтики и медицины",
        "en": "Pharmaceutical and medical clusters",
    },
    "cl_counterpart_clusters_total": {
        "ru": "все кластеры каталога",
        "en": "every directory cluster",
    },
    "cl_counterpart_industrial_clusters_created": {
        "ru": "тип «промышленный»",
        "en": "type 'industrial'",
    },
    "cl_counterpart_pharma_medical_clusters": {
        "ru": "тип «медицинский» или фармацевтика/медицина в специализации",
        "en": "type 'medical' or a pharmaceutical/medical specialisation",
    },
    "cl_kpi_clusters": {"ru": "кластеров в каталоге", "en": "clusters in the directory"},
    "cl_kpi_subjects": {"ru": "субъектов РФ с кластерами", "en": "federal subjects with clusters"},
    "cl_kpi_multi": {"ru": "охватывают несколько субъектов", "en": "span several subjects"},
    "cl_kpi_participants": {"ru": "с числом участников", "en": "with a participants figure"},
    "cl_kpi_outside": {"ru": "вне 85 субъектов", "en": "outside the 85 subjects"},
    "cl_export_title": {
        "ru": "Атлас кластеров: каталог кластеров (выгрузка)",
        "en": "Cluster Atlas: cluster directory (export)",
    },
    "cl_exported": {"ru": "Выгружено", "en": "Exported"},
    "cl_filters_used": {"ru": "Фильтры", "en": "Filters"},
    "cl_none": {"ru": "нет", "en": "none"},
    "cl_scope_regional": {"ru": "региональный", "en": "regional"},
    "cl_scope_interregional": {"ru": "межрегиональный", "en": "interregional"},
    "cl_scope_international": {"ru": "международный", "en": "international"},
    "cl_type_industrial": {"ru": "промышленный", "en": "industrial"},
    "cl_type_innovative_territorial": {
        "ru": "инновационный территориальный",
        "en": "innovative territorial",
    },
    "cl_type_innovation_production": {
        "ru": "инновационно-производственный",
        "en": "innovation-production",
    },
    "cl_type_scientific_technological": {
        "ru": "научно-технологический",
        "en": "science and technology",
    },
    "cl_type_creative": {"ru": "креативный", "en": "creative"},
    "cl_type_tourism": {"ru": "туристический", "en": "tourism"},
    "cl_type_agro_food": {"ru": "агропромышленный", "en": "agri-food"},
    "cl_type_medical": {"ru": "медицинский", "en": "medical"},
    "cl_type_educational": {"ru": "образовательный", "en": "educational"},
    "cl_type_it": {"ru": "ИТ", "en": "IT"},
    "cl_type_other": {"ru": "другой", "en": "other"},
    "cl_status_planned": {"ru": "планируется", "en": "planned"},
    "cl_status_created": {"ru": "создан", "en": "created"},
    "cl_status_operating": {"ru": "действует", "en": "operating"},
    "cl_status_registered": {"ru": "в реестре", "en": "registered"},
    "cl_status_unstated": {"ru": "не указан", "en": "not stated"},
    "cl_unit_count": {"ru": "", "en": ""},
    "cl_unit_year": {"ru": "", "en": ""},
    "cl_unit_rub": {"ru": "руб.", "en": "RUB"},
    "cl_unit_rub_mln": {"ru": "млн руб.", "en": "RUB mn"},
    "cl_unit_rub_bn": {"ru": "млрд руб.", "en": "RUB bn"},
    "cl_unit_usd_mln": {"ru": "млн долл.", "en": "USD mn"},
    "cl_unit_ha": {"ru": "га", "en": "ha"},
    "cl_unit_sq_m": {"ru": "м²", "en": "m²"},
    "cl_unit_sqm_thousand": {"ru": "тыс. м²", "en": "thousand m²"},
    "cl_unit_percent": {"ru": "%", "en": "%"},
    "cl_unit_persons_thousand": {"ru": "тыс. чел.", "en": "thousand people"},
    "cl_unit_km": {"ru": "км", "en": "km"},
    "cl_unit_rank": {"ru": "место", "en": "rank"},
    "cl_metric_participants": {"ru": "Участники", "en": "Participants"},
    "cl_metric_staff": {"ru": "Занятые", "en": "Staff"},
    "cl_metric_investment": {"ru": "Инвестиции", "en": "Investment"},
    "cl_metric_revenue": {"ru": "Выручка", "en": "Revenue"},
    "cl_metric_output": {"ru": "Объём производства", "en": "Output"},
    "cl_metric_exports": {"ru": "Экспорт", "en": "Exports"},
    "cl_metric_projects": {"ru": "Проекты", "en": "Projects"},
    "cl_metric_jobs_created": {"ru": "Создано рабочих мест", "en": "Jobs created"},
    "cl_metric_founded_year": {"ru": "Год основания", "en": "Year founded"},
    "cl_metric_residents": {"ru": "Резиденты", "en": "Residents"},
    "cl_metric_area": {"ru": "Площадь", "en": "Area"},
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
