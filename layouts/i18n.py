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
    "small_base": {
        "ru": "малая база (менее 30 организаций на начало года)",
        "en": "small base (under 30 organisations at the start of the year)",
    },
    "partial": {
        "ru": "неполные данные: в файле есть не все субъекты округа",
        "en": "partial: the file lacks some of the district's subjects",
    },
    "tab_rankings": {"ru": "Рейтинг", "en": "Rankings"},
    "tab_compare": {"ru": "Сравнение", "en": "Compare"},
    "compare_pick": {
        "ru": "Субъекты для сравнения (до 10)",
        "en": "Subjects to compare (up to 10)",
    },
    # Cluster explorer (/clusters): layouts/clusters_page.py, layouts/cluster_markers.py
    "cl_subtitle": {
        "ru": (
            "Все кластеры, которые называют документы-источники: поиск, карта, профиль, сравнение"
        ),
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
    "col_fd": {"ru": "ФО", "en": "FD"},  # a table column: the federal district
    "cl_col_year": {"ru": "Впервые упомянут", "en": "First mentioned"},
    "cl_export_csv": {"ru": "Скачать CSV", "en": "Download CSV"},
    "cl_export_xlsx": {"ru": "Скачать XLSX", "en": "Download XLSX"},
    "cl_shown": {"ru": "Показано кластеров: {n} из {total}", "en": "{n} of {total} clusters shown"},
    "cl_multi_note": {
        "ru": (
            "Кластер, охватывающий несколько субъектов, виден под каждым из них, но в итогах учтён "
            "один раз."
        ),
        "en": (
            "A cluster spanning several subjects shows under each of them but counts once in "
            "totals."
        ),
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
        "ru": (
            "Кластер стоит в месте, которое называет источник; если места нет — в центре субъекта "
            "(приблизительно). Размер значка — число участников, где оно опубликовано."
        ),
        "en": (
            "A cluster sits at the place its source names, else at its subject's centre "
            "(approximate). Marker size is the number of participants, where published."
        ),
    },
    "cl_place": {"ru": "Место", "en": "Place"},
    "cl_inset": {"ru": "Москва и окрестности", "en": "Moscow and around"},
    "cl_no_match": {
        "ru": "Ни один кластер не подходит под фильтры",
        "en": "No cluster matches the filters",
    },
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
        "ru": (
            "Координаты мест: GeoNames (geonames.org, CC BY 4.0) и собственные приблизительные "
            "оценки (geodata/gazetteer.csv)"
        ),
        "en": (
            "Place coordinates: GeoNames (geonames.org, CC BY 4.0) and the project's approximate "
            "readings (geodata/gazetteer.csv)"
        ),
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
        "ru": (
            "Документы приводят общие числа по всей России, а в каталоге только кластеры, которые "
            "эти пять документов называют поимённо; поэтому в каталоге их меньше, и его числа — не "
            "оценка общего количества."
        ),
        "en": (
            "The documents give nationwide totals, while the directory holds only the clusters "
            "these five documents name one by one; its counts are therefore smaller and are no "
            "estimate of the total."
        ),
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
    "cl_metric_anchor_output_target": {
        "ru": "Выпуск якорного завода (план)",
        "en": "Anchor plant output (target)",
    },
    "cl_metric_applications_approved": {"ru": "Одобренные заявки", "en": "Applications approved"},
    "cl_metric_city_funding": {"ru": "Средства бюджета города", "en": "City budget funding"},
    "cl_metric_coastline_length": {"ru": "Протяжённость побережья", "en": "Coastline length"},
    "cl_metric_companies_at_site": {"ru": "Компании на площадке", "en": "Companies on site"},
    "cl_metric_decision_year": {"ru": "Год решения о создании", "en": "Year of the decision"},
    "cl_metric_drug_inns_new_to_russia": {"ru": "Новые для России МНН", "en": "INNs new to Russia"},
    "cl_metric_drug_inns_produced": {
        "ru": "Выпускаемые лекарства (МНН)",
        "en": "Medicines made (INNs)",
    },
    "cl_metric_equipment_units": {"ru": "Единицы оборудования", "en": "Equipment units"},
    "cl_metric_event_attendees": {
        "ru": "Участники стратегической сессии",
        "en": "Strategy session attendees",
    },
    "cl_metric_extrabudgetary_funding_target": {
        "ru": "Внебюджетные средства (план)",
        "en": "Extra-budgetary funds (target)",
    },
    "cl_metric_federal_funding": {
        "ru": "Средства федерального бюджета",
        "en": "Federal budget funding",
    },
    "cl_metric_first_phase_opening_target_year": {
        "ru": "Открытие первой очереди (план)",
        "en": "First phase opening (target year)",
    },
    "cl_metric_first_plant_launch_year": {
        "ru": "Запуск первого завода (план)",
        "en": "First plant launch (planned year)",
    },
    "cl_metric_formation_start_year": {"ru": "Начало формирования", "en": "Formation began"},
    "cl_metric_formation_target_year": {"ru": "Срок формирования", "en": "Formation due"},
    "cl_metric_founding_parties": {"ru": "Стороны соглашения о создании", "en": "Founding parties"},
    "cl_metric_host_centre_founded_year": {
        "ru": "Год основания центра-площадки",
        "en": "Host centre founded",
    },
    "cl_metric_innovative_output_growth_target": {
        "ru": "Рост инновационной продукции (план)",
        "en": "Innovative output growth (target)",
    },
    "cl_metric_insurance_contribution_rate": {
        "ru": "Ставка страховых взносов",
        "en": "Insurance contribution rate",
    },
    "cl_metric_investment_private_share": {
        "ru": "Доля частных инвестиций (план)",
        "en": "Private share of investment (plan)",
    },
    "cl_metric_investment_state_share": {
        "ru": "Доля государства (план)",
        "en": "State share of investment (plan)",
    },
    "cl_metric_jobs_planned": {"ru": "Рабочие места (план)", "en": "Jobs planned"},
    "cl_metric_max_federal_subsidy": {
        "ru": "Федеральная субсидия (максимум)",
        "en": "Federal subsidy (maximum)",
    },
    "cl_metric_modernised_productions_target": {
        "ru": "Модернизированные производства (план)",
        "en": "Modernised productions (target)",
    },
    "cl_metric_new_small_firms_target": {
        "ru": "Новые малые фирмы (план)",
        "en": "New small firms (target)",
    },
    "cl_metric_output_growth_target": {"ru": "Рост выпуска (план)", "en": "Output growth (target)"},
    "cl_metric_participant_countries": {"ru": "Страны участников", "en": "Member countries"},
    "cl_metric_participant_regions": {"ru": "Регионы участников", "en": "Member regions"},
    "cl_metric_participants_planned": {"ru": "Участники (план)", "en": "Participants (planned)"},
    "cl_metric_participants_sme_tersky": {
        "ru": "Из них МСП Терского района",
        "en": "Of which SMEs of Tersky district",
    },
    "cl_metric_participants_with_production": {
        "ru": "Участники с запущенным производством",
        "en": "Members with production launched",
    },
    "cl_metric_patents": {"ru": "Патенты", "en": "Patents"},
    "cl_metric_photonics_centre_area": {
        "ru": "Площадь центра фотоники",
        "en": "Photonics centre area",
    },
    "cl_metric_planned_completion_year": {
        "ru": "Завершение проекта (план)",
        "en": "Project completion (planned year)",
    },
    "cl_metric_planned_facility_area": {
        "ru": "Площадь центра (план)",
        "en": "Facility floor area (planned)",
    },
    "cl_metric_planned_opening_year": {"ru": "Открытие (план)", "en": "Opening (planned year)"},
    "cl_metric_planned_output_units_per_year": {
        "ru": "Выпуск в год (план)",
        "en": "Units per year (planned)",
    },
    "cl_metric_plants_planned": {"ru": "Заводы (план)", "en": "Plants planned"},
    "cl_metric_private_investment": {"ru": "Частные инвестиции", "en": "Private investment"},
    "cl_metric_processing_sector_growth": {
        "ru": "Рост обрабатывающего сектора",
        "en": "Processing sector growth",
    },
    "cl_metric_production_buildings": {
        "ru": "Производственные корпуса",
        "en": "Production buildings",
    },
    "cl_metric_projects_value": {"ru": "Стоимость проектов", "en": "Value of the projects"},
    "cl_metric_rd_expenditure": {"ru": "Расходы на НИОКР", "en": "R&D spending"},
    "cl_metric_regional_companies": {
        "ru": "Компании отрасли в регионе",
        "en": "Industry firms in the region",
    },
    "cl_metric_researchers_involved": {"ru": "Учёные и специалисты", "en": "Researchers involved"},
    "cl_metric_shipyards_proposed": {"ru": "Верфи (предложено)", "en": "Shipyards proposed"},
    "cl_metric_specialists_trained_target": {
        "ru": "Подготовка специалистов (план)",
        "en": "Specialists to train (target)",
    },
    "cl_metric_strategy_horizon_year": {"ru": "Горизонт стратегии", "en": "Strategy horizon"},
    "cl_metric_support_loans": {"ru": "Займы на поддержку", "en": "Support loans"},
    "cl_metric_support_measures": {"ru": "Меры поддержки", "en": "Support measures"},
    "cl_metric_target_rank": {"ru": "Целевое место", "en": "Target rank"},
    "cl_metric_target_share_cis_market": {
        "ru": "Целевая доля рынка СНГ",
        "en": "Target CIS market share",
    },
    "cl_metric_target_share_friendly_markets": {
        "ru": "Целевая доля рынков дружественных стран",
        "en": "Target share of friendly markets",
    },
    "cl_metric_target_share_russian_market": {
        "ru": "Целевая доля рынка России",
        "en": "Target Russian market share",
    },
    "cl_metric_tax_exemption_years": {"ru": "Налоговые льготы, лет", "en": "Tax exemption, years"},
    "cl_metric_tax_revenue_target": {
        "ru": "Налоговые поступления (план)",
        "en": "Tax revenue (target)",
    },
    "cl_metric_technologies_target": {
        "ru": "Технологии мирового уровня (план)",
        "en": "World-class technologies (target)",
    },
    "cl_metric_tourists": {"ru": "Туристы", "en": "Tourists"},
    # Side panels (layouts/profile.py, rankings.py, compare.py) and /methodology
    "pn_pick_place": {
        "ru": (
            "Щёлкните субъект или федеральный округ на карте, чтобы увидеть его профиль: значения "
            "по годам, место в рейтинге, кластеры и источники."
        ),
        "en": (
            "Click a federal subject or district on the map to see its profile: values over the "
            "years, rank, clusters and sources."
        ),
    },
    "pn_district_of": {"ru": "{fd} федеральный округ", "en": "{fd} Federal District"},
    "pn_fd_short": {"ru": "{fd} ФО", "en": "{fd} FD"},
    "pn_russia": {"ru": "Россия", "en": "Russia"},
    "pn_rank_of": {"ru": "{rank} из {of}", "en": "{rank} of {of}"},
    "pn_rank_region": {
        "ru": "место среди субъектов с данными",
        "en": "rank among subjects with data",
    },
    "pn_rank_fd": {"ru": "место среди округов с данными", "en": "rank among districts with data"},
    "pn_rank_up": {"ru": "▲ {n} с {year} г.", "en": "▲ {n} since {year}"},
    "pn_rank_down": {"ru": "▼ {n} с {year} г.", "en": "▼ {n} since {year}"},
    "pn_rank_same": {"ru": "без изменений с {year} г.", "en": "unchanged since {year}"},
    "pn_rank_no_previous": {
        "ru": "нет данных за предыдущий год",
        "en": "no previous year published",
    },
    "pn_over_years": {
        "ru": "{place}, округ и Россия по годам",
        "en": "{place}, its district and Russia over the years",
    },
    "pn_over_years_fd": {
        "ru": "{place} и Россия по годам",
        "en": "{place} and Russia over the years",
    },
    "pn_one_year": {
        "ru": "Источник публикует только {year} год, поэтому у каждой линии одна точка.",
        "en": "The source publishes {year} only, so each line is a single point.",
    },
    "pn_log_scale": {"ru": "логарифмическая шкала", "en": "logarithmic scale"},
    "pn_stored_rows": {
        "ru": (
            "Округ и Россия — их собственные строки данных (отношение сумм), а не среднее по "
            "субъектам."
        ),
        "en": (
            "District and Russia are their own stored rows (ratios of sums), never averages of "
            "subjects."
        ),
    },
    "pn_no_series": {
        "ru": "Нет опубликованных данных по годам для этого места.",
        "en": "No published yearly data for this place.",
    },
    "pn_cluster_metric_note": {
        "ru": (
            "У этого показателя нет рядов по годам: он считает кластеры, которые называют источники"
            " (кластер в нескольких субъектах учтён в округе один раз)."
        ),
        "en": (
            "This metric has no yearly series: it counts the clusters the sources name (a cluster "
            "in several subjects counts once in its district)."
        ),
    },
    "pn_clusters_n": {"ru": "Кластеры: {n}", "en": "Clusters: {n}"},
    "pn_no_clusters": {
        "ru": "Источники не называют кластеров в этом месте.",
        "en": "The sources name no cluster here.",
    },
    "pn_participants": {"ru": "участников: {n}", "en": "{n} participants"},
    "pn_more_clusters": {"ru": "Ещё кластеры: {n}", "en": "{n} more clusters"},
    "pn_in_subject": {"ru": "основной субъект: {name}", "en": "main subject: {name}"},
    "pn_sources_all": {
        "ru": "Источники всех цифр на панели",
        "en": "Sources of every figure shown",
    },
    "pn_lines": {"ru": "стр.", "en": "lines"},
    "pn_dataset": {"ru": "Набор данных: {label}", "en": "Dataset: {label}"},
    "pn_rankings_subtitle": {
        "ru": "{unit}; данные есть для {n} из {total}",
        "en": "{unit}; data for {n} of {total}",
    },
    "pn_rankings_empty": {
        "ru": "Нет опубликованных данных для этого вида.",
        "en": "No published data for this view.",
    },
    "pn_table_title": {"ru": "Таблица рейтинга", "en": "Ranking table"},
    "pn_table_hint": {
        "ru": (
            "Фильтр — строка под заголовками (например, «Татар» или «> 100»); сортировка — стрелки "
            "в заголовках."
        ),
        "en": (
            "Filter in the row under the headers (e.g. 'Tatar' or '> 100'); sort with the arrows in"
            " the headers."
        ),
    },
    "pn_filter": {"ru": "фильтр", "en": "filter"},
    "pn_n_lines": {"ru": "строк: {n}", "en": "{n} lines"},
    "pn_dash_no_data": {
        "ru": "«—» — нет опубликованных данных.",
        "en": "'—' means no published data.",
    },
    "pn_col_name": {"ru": "Название", "en": "Name"},
    "pn_col_value": {"ru": "Значение", "en": "Value"},
    "pn_col_numerator": {"ru": "Числитель", "en": "Numerator"},
    "pn_col_denominator": {"ru": "Знаменатель", "en": "Denominator"},
    "pn_col_small_base": {"ru": "Малая база", "en": "Small base"},
    "pn_yes": {"ru": "да", "en": "yes"},
    "pn_small_base_note": {
        "ru": (
            "Малая база: на начало года действовало меньше {n} организаций, коэффициент неустойчив."
        ),
        "en": (
            "Small base: fewer than {n} organisations at the start of the year; the rate is "
            "unstable."
        ),
    },
    "pn_missing": {"ru": "Нет опубликованных данных ({n})", "en": "No published data ({n})"},
    "pn_russia_row": {
        "ru": "Россия: {value} (строка данных страны, {source})",
        "en": "Russia: {value} (the country's stored row, {source})",
    },
    "pn_subtotals": {"ru": "Итоги по федеральным округам", "en": "Federal district subtotals"},
    "pn_subtotals_rate": {
        "ru": (
            "«Расчёт по субъектам» — отношение сумм: Σ числителей / Σ знаменателей субъектов округа"
            " (не среднее коэффициентов), только если данные есть по всем субъектам. «Строка "
            "округа» — значение округа, как оно хранится в наборе данных."
        ),
        "en": (
            "'Computed from subjects' is a ratio of sums: Σ numerators / Σ denominators of the "
            "district's subjects (never a mean of rates), only where every subject has data. "
            "'District row' is the district's value as stored in the dataset."
        ),
    },
    "pn_subtotals_sum": {
        "ru": (
            "«Расчёт по субъектам» — сумма значений субъектов округа, только если данные есть по "
            "всем субъектам. «Строка округа» — значение округа, как оно хранится в наборе данных."
        ),
        "en": (
            "'Computed from subjects' is the sum over the district's subjects, only where every "
            "subject has data. 'District row' is the district's value as stored in the dataset."
        ),
    },
    "pn_subtotals_clusters": {
        "ru": (
            "Число различных кластеров округа: кластер, охватывающий несколько субъектов, учтён "
            "один раз, поэтому сумма по субъектам не используется."
        ),
        "en": (
            "Distinct clusters in the district: a cluster spanning several subjects counts once, so"
            " subjects are not summed."
        ),
    },
    "pn_col_computed": {"ru": "Расчёт по субъектам", "en": "Computed from subjects"},
    "pn_col_stored": {"ru": "Строка округа", "en": "District row"},
    "pn_col_coverage": {"ru": "Субъекты с данными", "en": "Subjects with data"},
    "pn_incomplete": {"ru": "неполные", "en": "incomplete"},
    "pn_n_of": {"ru": "{n} из {total}", "en": "{n} of {total}"},
    "pn_compare_empty": {
        "ru": "Выберите в списке выше до 10 субъектов, чтобы сравнить их по годам.",
        "en": "Choose up to 10 subjects in the list above to compare them over the years.",
    },
    "pn_compare_title": {"ru": "Сравнение субъектов", "en": "Subjects compared"},
    "pn_values_table": {"ru": "Значения таблицей", "en": "Values as a table"},
    "pn_compare_no_data": {
        "ru": "Нет опубликованных данных: {names}.",
        "en": "No published data: {names}.",
    },
    "pn_compare_clusters": {
        "ru": "У этого показателя нет рядов по годам, поэтому субъекты сравниваются столбиками.",
        "en": "This metric has no yearly series, so the subjects are compared as bars.",
    },
    "mt_intro": {
        "ru": (
            "Как получены цифры атласа: определения коэффициентов и их классы, правила агрегации, "
            "соответствие ОКВЭД 2, границы и строки документов, из которых взята каждая цифра."
        ),
        "en": (
            "How the atlas's figures are made: the coefficients and their classes, how totals are "
            "aggregated, the OKVED 2 mapping, the boundaries, and the document lines every figure "
            "comes from."
        ),
    },
    "mt_coefficients": {
        "ru": "Коэффициенты создания и прироста",
        "en": "Creation and growth coefficients",
    },
    "mt_creation_def": {
        "ru": (
            "Сколько креативных организаций появилось за год на каждые 100 "
            "организаций, действовавших 1 января этого года."
        ),
        "en": (
            "How many creative organisations were set up during a year per "
            "100 organisations active on 1 January of that year."
        ),
    },
    "mt_growth_def": {
        "ru": (
            "На сколько процентов изменилось за год число действующих "
            "креативных организаций (на конец года минус на начало) относительно их числа на начало"
            " года."
        ),
        "en": (
            "The change over a year in the number of active creative "
            "organisations (end of year minus start), as a percentage of the start-of-year number."
        ),
    },
    "mt_formula": {"ru": "Формула", "en": "Formula"},
    "mt_creation_formula": {
        "ru": "100 × созданные за год / действующие на начало года",
        "en": "100 × created in the year / active at the start of the year",
    },
    "mt_growth_formula": {
        "ru": (
            "100 × (действующие на конец года − действующие на начало) / действующие на начало года"
        ),
        "en": "100 × (active at year end − active at the start) / active at the start of the year",
    },
    "mt_classes": {"ru": "Классы ВШЭ", "en": "HSE classes"},
    "mt_range": {"ru": "Диапазон", "en": "Range"},
    "mt_defined_at": {
        "ru": "Определение и пороги в источнике: {cite}",
        "en": "Definition and thresholds in the source: {cite}",
    },
    "mt_bound_note": {
        "ru": (
            "Значение на общей границе двух классов относится к классу, указанному в реестре "
            "показателей (queries/metrics.py)."
        ),
        "en": (
            "A value on the shared edge of two classes belongs to the class the metric registry "
            "names (queries/metrics.py)."
        ),
    },
    "mt_aggregation": {"ru": "Федеральные округа и Россия", "en": "Federal districts and Russia"},
    "mt_aggregation_text": {
        "ru": (
            "Значения округа и России считаются как отношение сумм: сначала складываются числители "
            "(например, созданные организации) и знаменатели (действующие на начало года) всех "
            "субъектов, затем одно делится на другое. Среднее коэффициентов субъектов не "
            "используется никогда: оно придавало бы малому субъекту тот же вес, что и Москве. Если "
            "в наборе данных нет части субъектов округа, строка округа помечается как неполная. "
            "Опубликованные значения (например, коэффициенты округов в дайджесте ВШЭ) показываются "
            "как опубликованы."
        ),
        "en": (
            "District and national values are ratios of sums: the numerators (e.g. organisations "
            "created) and the denominators (organisations active at the start of the year) of all "
            "subjects are added first, then divided. A mean of the subjects' rates is never used: "
            "it would weigh a small subject as much as Moscow. When a dataset lacks some of a "
            "district's subjects, the district's row is flagged as partial. Published values (such "
            "as the district coefficients of the HSE digest) are shown as published."
        ),
    },
    "mt_small_base": {"ru": "Правило малой базы", "en": "Small-base rule"},
    "mt_small_base_text": {
        "ru": (
            "Если на начало года действовало меньше {n} организаций, коэффициент помечается как "
            "«малая база»: одна-две новые организации сильно меняют процент. Такие значения "
            "показываются, но с пометкой в подсказке и в таблице рейтинга."
        ),
        "en": (
            "When fewer than {n} organisations were active at the start of the year, the rate is "
            "flagged 'small base': one or two new organisations move the percentage a lot. Such "
            "values are shown, marked in the hover text and the ranking table."
        ),
    },
    "mt_okved": {
        "ru": "ОКВЭД 2 → креативные индустрии (предварительно)",
        "en": "OKVED 2 → creative industries (provisional)",
    },
    "mt_okved_text": {
        "ru": (
            "Официальной таблицы соответствия кодов ОКВЭД 2 и 17 креативных индустрий ВШЭ нет, "
            "поэтому соответствие ниже — собственное предварительное решение проекта по названиям "
            "видов деятельности (последняя правка: {date}). Организация относится к индустрии по "
            "основному коду; выигрывает самый длинный совпавший префикс."
        ),
        "en": (
            "No official table maps OKVED 2 codes to the 17 HSE creative industries, so the mapping"
            " below is the project's own provisional judgement by activity names (last revised "
            "{date}). An organisation belongs to an industry by its main code; the longest matching"
            " prefix wins."
        ),
    },
    "mt_okved_rules": {
        "ru": (
            "Класс или группа, все подклассы которой креативны (90.03 — художественное "
            "творчество), считается креативной: в своей индустрии, если подклассы согласны "
            "(74.1 → дизайн), иначе в отдельной группе «Креативные, индустрия не указана» "
            "(90.03: музыка и арт-индустрия). Ячейка с несколькими кодами («90.03,62.01», "
            "«62.01; 58.29», «62.01 58.29», по строкам) делится на основной код (первый, если нет "
            "отдельного столбца основного кода) и дополнительные; «62,01» без точки — один код "
            "с десятичной запятой, «62,01,58,29» отклоняется как неоднозначный."
        ),
        "en": (
            "A class or group whose subclasses are all creative (90.03, artistic creation) counts"
            " as creative: in its industry when the subclasses agree (74.1 → design), otherwise "
            "in a bucket of its own, 'Creative, industry not specified' (90.03: music and art). "
            "A cell holding several codes («90.03,62.01», «62.01; 58.29», «62.01 58.29», one per "
            "line) splits into the main code (the first, unless the file has a separate "
            "main-code column) and additional ones; «62,01» without a point is one code with a "
            "decimal comma, «62,01,58,29» is refused as ambiguous."
        ),
    },
    "mt_shares": {
        "ru": "Доля креативных организаций",
        "en": "Creative share of organisations",
    },
    "mt_share_created_def": {
        "ru": (
            "Какая часть всех организаций, созданных в регионе за год, относится к креативным "
            "индустриям. Есть только у наборов, где загружены все организации (выгрузка реестра),"
            " а не только креативные."
        ),
        "en": (
            "What part of all organisations set up in a region during a year belongs to the "
            "creative industries. Only datasets that hold every organisation (a register "
            "extract), not creative ones alone, have it."
        ),
    },
    "mt_share_created_formula": {
        "ru": "100 × созданные креативные / созданные все организации",
        "en": "100 × creative organisations created / all organisations created",
    },
    "mt_share_active_def": {
        "ru": (
            "Какая часть организаций, действовавших 1 января, относится к креативным индустриям."
        ),
        "en": "What part of the organisations active on 1 January belongs to the creative "
        "industries.",
    },
    "mt_share_active_formula": {
        "ru": "100 × действующие креативные / действующие все организации (на начало года)",
        "en": "100 × creative active / all organisations active (at the start of the year)",
    },
    "mt_shares_note": {
        "ru": (
            "Округа и Россия — отношение сумм (сумма креативных по субъектам / сумма всех × 100), "
            "а не среднее долей. Для нескольких выбранных индустрий знаменатель один — все "
            "организации. Наборы без данных обо всех организациях этот показатель не предлагают."
        ),
        "en": (
            "Districts and Russia are ratios of sums (creative summed over the subjects / all "
            "summed × 100), never a mean of shares. For several chosen industries the "
            "denominator stays one: all organisations. Datasets without counts of all "
            "organisations do not offer this metric."
        ),
    },
    "mt_okved_pending": {
        "ru": (
            "Соответствие ОКВЭД 2 ещё не утверждено: файл data/sources/okved_creative.csv пока "
            "отсутствует."
        ),
        "en": "The OKVED 2 mapping is pending: data/sources/okved_creative.csv does not exist yet.",
    },
    "mt_col_code": {"ru": "Код", "en": "Code"},
    "mt_col_activity": {"ru": "Вид деятельности", "en": "Activity"},
    "mt_col_industry": {"ru": "Индустрия", "en": "Industry"},
    "mt_col_confidence": {"ru": "Уверенность", "en": "Confidence"},
    "mt_confidence_high": {"ru": "высокая", "en": "high"},
    "mt_confidence_medium": {"ru": "средняя", "en": "medium"},
    "mt_confidence_low": {"ru": "низкая", "en": "low"},
    "mt_boundaries": {"ru": "Границы", "en": "Boundaries"},
    "mt_boundaries_text": {
        "ru": (
            "Границы 85 субъектов — Natural Earth 1:50m, административные единицы первого уровня, "
            "версия 5.x (общественное достояние, «Made with Natural Earth»). Они сопоставлены с "
            "кодами субъектов по названиям, упрощены по общим рёбрам с допуском {tolerance}° и "
            "округлены до 0,001°; границы 8 округов собраны из упрощённых субъектов, поэтому "
            "совпадают с ними. Подробности и проверки — geodata/layers/README.md."
        ),
        "en": (
            "The 85 subjects' boundaries are Natural Earth 1:50m admin-1, version 5.x (public "
            "domain, 'Made with Natural Earth'). They are joined to the subject codes by name, "
            "simplified on shared arcs with a tolerance of {tolerance}° and rounded to 0.001°; the "
            "8 districts are dissolved from the simplified subjects, so their borders coincide. "
            "Details and checks: geodata/layers/README.md."
        ),
    },
    "mt_documents": {
        "ru": "Документы-источники и цитируемые строки",
        "en": "Source documents and the lines cited",
    },
    "mt_documents_text": {
        "ru": (
            "Каждая цифра атласа хранится со ссылкой на файл и строку документа. Ниже — все "
            "документы и строки, на которые ссылаются данные, по таблицам базы."
        ),
        "en": (
            "Every figure in the atlas is stored with the file and line of its document. Below "
            "are all the documents and the lines the data cite, by database table."
        ),
    },
    "mt_col_document": {"ru": "Документ", "en": "Document"},
    "mt_col_lines": {"ru": "Цитируемые строки", "en": "Lines cited"},
    "mt_not_cited": {"ru": "строки пока не цитируются", "en": "no line cited yet"},
    "mt_table_observations": {
        "ru": "показатели креативных индустрий",
        "en": "creative-industry figures",
    },
    "mt_table_cluster_mentions": {"ru": "упоминания кластеров", "en": "cluster mentions"},
    "mt_table_cluster_facts": {"ru": "цифры о кластерах", "en": "cluster figures"},
    "mt_table_cluster_criteria": {"ru": "критерии кластеров", "en": "cluster criteria"},
    "mt_table_cluster_counts": {"ru": "числа кластеров", "en": "cluster counts"},
    # exports, permalinks and the embed page (issue #6)
    "ex_bar": {"ru": "Поделиться и выгрузить", "en": "Share and export"},
    "ex_copy_link": {"ru": "Скопировать ссылку", "en": "Copy link"},
    "ex_copy_embed": {"ru": "Скопировать код", "en": "Copy code"},
    "ex_copied": {"ru": "Скопировано", "en": "Copied"},
    "ex_permalink": {"ru": "Ссылка на этот вид", "en": "Link to this view"},
    "ex_embed_code": {"ru": "Код для встраивания (iframe)", "en": "Embed code (iframe)"},
    "ex_embed_open": {"ru": "Открыть полную версию ↗", "en": "Open the full view ↗"},
    "ex_embed_chart_missing": {
        "ru": "такого графика для встраивания нет; показана карта",
        "en": "no such chart to embed; the map is shown",
    },
    "ex_size": {"ru": "Изображение:", "en": "Image:"},
    "ex_size_slide": {"ru": "слайд 16:9 (1600×900)", "en": "slide 16:9 (1600×900)"},
    "ex_size_square": {"ru": "квадрат (1080×1080)", "en": "square (1080×1080)"},
    "ex_title_png": {"ru": "Карта для слайда (PNG)", "en": "Map for a slide (PNG)"},
    "ex_title_svg": {"ru": "Карта в векторе (SVG)", "en": "Vector map (SVG)"},
    "ex_title_csv": {
        "ru": "Таблица показанных значений (CSV)",
        "en": "Table of the values shown (CSV)",
    },
    "ex_title_xlsx": {
        "ru": "Таблица показанных значений (Excel)",
        "en": "Table of the values shown (Excel)",
    },
    "ex_title_pptx": {
        "ru": "Слайд PowerPoint с QR-кодом ссылки",
        "en": "PowerPoint slide with a QR code of the link",
    },
    "ex_failed": {
        "ru": "Не удалось подготовить изображение; попробуйте ещё раз",
        "en": "The image could not be prepared; please try again",
    },
    "ex_cite": {"ru": "Как цитировать", "en": "How to cite"},
    "ex_cite_ru": {"ru": "По-русски:", "en": "In Russian:"},
    "ex_cite_en": {"ru": "По-английски:", "en": "In English:"},
    "ex_synthetic": {"ru": "СИНТЕТИЧЕСКИЕ ДАННЫЕ", "en": "SYNTHETIC DATA"},
    "ex_dataset_clusters": {
        "ru": "кластеры, названные в источниках",
        "en": "clusters named in the sources",
    },
    "ex_focus": {"ru": "Округ (приближение)", "en": "District (zoomed in)"},
    "ex_title": {"ru": "Заголовок", "en": "Title"},
    "ex_warning": {"ru": "Внимание", "en": "Warning"},
    "ex_note": {"ru": "Примечание", "en": "Note"},
    "ex_exported": {"ru": "Выгружено", "en": "Exported"},
    "ex_sheet": {"ru": "Данные", "en": "Data"},
    "ex_small_base": {"ru": "малая база", "en": "small base"},
    "ex_col_code": {"ru": "Код", "en": "Code"},
    "ex_col_name": {"ru": "Название", "en": "Name"},
    "ex_col_fd": {"ru": "Федеральный округ", "en": "Federal district"},
    "ex_col_value": {"ru": "Значение, {unit}", "en": "Value, {unit}"},
    "ex_col_numerator": {"ru": "Числитель", "en": "Numerator"},
    "ex_col_denominator": {"ru": "Знаменатель", "en": "Denominator"},
    "ex_col_class": {"ru": "Класс на карте", "en": "Map class"},
    "ex_col_rank": {"ru": "Место", "en": "Rank"},
    "ex_col_note": {"ru": "Примечание", "en": "Note"},
    "ex_col_source": {"ru": "Источник (файл:строка)", "en": "Source (file:line)"},
    # --- the import page (/import)
    "imp_title": {"ru": "Импорт данных", "en": "Import data"},
    "imp_off": {
        "ru": "Импорт в браузере выключен. Чтобы включить, задайте переменную окружения "
        "ATLAS_ADMIN_TOKEN (длинный случайный ключ) и перезапустите приложение.",
        "en": "Import in the browser is off. To turn it on, set the environment variable "
        "ATLAS_ADMIN_TOKEN (a long random key) and restart the app.",
    },
    "imp_token": {"ru": "Ключ администратора", "en": "Admin token"},
    "imp_token_missing": {
        "ru": "403: введите ключ администратора",
        "en": "403: enter the admin token",
    },
    "imp_token_wrong": {"ru": "403: неверный ключ администратора", "en": "403: wrong admin token"},
    "imp_token_blocked": {
        "ru": "403: слишком много неверных попыток; подождите минуту",
        "en": "403: too many wrong attempts; wait a minute",
    },
    "imp_dataset_id": {"ru": "Код набора (необязательно)", "en": "Dataset id (optional)"},
    "imp_label": {"ru": "Название набора (необязательно)", "en": "Dataset label (optional)"},
    "imp_drop": {
        "ru": "Перетащите файл сюда или нажмите, чтобы выбрать (CSV, XLSX, Parquet; до {mb} МБ)",
        "en": "Drop a file here or click to choose (CSV, XLSX, Parquet; up to {mb} MB)",
    },
    "too_large": {"ru": "Файл больше допустимого размера", "en": "The file is over the size limit"},
    "bad_upload": {"ru": "Файл не удалось принять", "en": "The file could not be received"},
    "imp_no_file": {
        "ru": "Сначала загрузите и проверьте файл",
        "en": "Upload and check a file first",
    },
    "imp_failed": {"ru": "Файл не принят:", "en": "File refused:"},
    "imp_publish": {"ru": "Опубликовать", "en": "Publish"},
    "imp_dataset": {"ru": "Набор", "en": "Dataset"},
    "imp_ready": {
        "ru": "Проверка пройдена: можно публиковать",
        "en": "Check passed: ready to publish",
    },
    "imp_refused": {
        "ru": "ОТКАЗ: слишком много отклонённых строк (или ни одной пригодной); "
        "ничего не загружено",
        "en": "REFUSED: too many rows rejected (or none usable); nothing imported",
    },
    "imp_rows_read": {"ru": "Строк прочитано", "en": "Rows read"},
    "imp_rows_accepted": {"ru": "Принято", "en": "Accepted"},
    "imp_rows_rejected": {"ru": "Отклонено", "en": "Rejected"},
    "imp_rows_outside": {"ru": "Вне 85 субъектов", "en": "Outside the 85 subjects"},
    "imp_duplicates": {"ru": "Одинаковых дублей слито", "en": "Identical duplicates merged"},
    "imp_years_subjects": {
        "ru": "Годы: {years}; субъектов с данными: {n} из 85",
        "en": "Years: {years}; subjects with data: {n} of 85",
    },
    "imp_col_file": {"ru": "Файл", "en": "File"},
    "imp_col_row": {"ru": "Строка", "en": "Row"},
    "imp_col_field": {"ru": "Поле", "en": "Field"},
    "imp_col_reason": {"ru": "Причина", "en": "Reason"},
    "imp_published": {"ru": "Опубликовано: версия {version}", "en": "Published: version {version}"},
    "imp_open_map": {"ru": "Открыть на карте", "en": "Open on the map"},
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
