"""Tests for geodata/regions.py: the reference tables and the region-name lookup."""

from __future__ import annotations

import doctest

import pandas as pd
import pytest

import geodata.regions
from geodata.regions import (
    AmbiguousRegionError,
    CompositeTotalError,
    UnknownRegionError,
    fd_of,
    federal_districts,
    is_composite_total,
    normalize_region,
    region_by_fns_code,
    region_codes,
    region_key,
    regions,
)

FD_COUNTS = {
    "SFD": 8,
    "NCFD": 7,
    "NWFD": 11,
    "CFD": 18,
    "VFD": 14,
    "UFD": 6,
    "SIBFD": 10,
    "FEFD": 11,
}
AMBIGUOUS = {"Алтай", "Altai", "Altay"}

# (spelling as found in real files, expected code)
SPELLINGS = [
    # Russian official names
    ("Республика Татарстан", "RU-TA"),
    ("Ханты-Мансийский автономный округ — Югра", "RU-KHM"),
    ("Кемеровская область — Кузбасс", "RU-KEM"),
    ("Республика Северная Осетия — Алания", "RU-SE"),
    ("Чувашская Республика — Чувашия", "RU-CU"),
    ("Еврейская автономная область", "RU-YEV"),
    ("Кабардино-Балкарская Республика", "RU-KB"),
    ("Удмуртская Республика", "RU-UD"),
    ("Республика Крым", "RU-CR"),
    ("Пермский край", "RU-PER"),
    ("Забайкальский край", "RU-ZAB"),
    ("Московская область", "RU-MOS"),
    ("Тюменская область", "RU-TYU"),
    ("Архангельская область", "RU-ARK"),
    ("Республика Алтай", "RU-AL"),
    ("Алтайский край", "RU-ALT"),
    # short names
    ("Москва", "RU-MOW"),
    ("Татарстан", "RU-TA"),
    ("ХМАО — Югра", "RU-KHM"),
    ("Чувашия", "RU-CU"),
    ("Якутия", "RU-SA"),
    ("Удмуртия", "RU-UD"),
    ("Крым", "RU-CR"),
    ("Северная Осетия", "RU-SE"),
    ("ЕАО", "RU-YEV"),
    ("ХМАО", "RU-KHM"),
    ("ЯНАО", "RU-YAN"),
    ("Петербург", "RU-SPE"),
    ("Кемеровская область", "RU-KEM"),
    # Rosstat style: «г.», parentheses, dashes, abbreviations, word order
    ("г. Москва", "RU-MOW"),
    ("Москва г", "RU-MOW"),
    ("город Москва", "RU-MOW"),
    ("г.Москва", "RU-MOW"),
    ("Город федерального значения Москва", "RU-MOW"),
    ("г. Санкт-Петербург", "RU-SPE"),
    ("г. Севастополь", "RU-SEV"),
    ("Республика Татарстан (Татарстан)", "RU-TA"),
    ("Республика Адыгея (Адыгея)", "RU-AD"),
    ("Республика Саха (Якутия)", "RU-SA"),
    ("Саха /Якутия/ Респ", "RU-SA"),
    ("Кемеровская область - Кузбасс", "RU-KEM"),
    ("Ханты-Мансийский автономный округ - Югра", "RU-KHM"),
    ("Ханты-Мансийский автономный округ – Югра (Тюменская область)", "RU-KHM"),
    ("Ненецкий автономный округ (Архангельская область)", "RU-NEN"),
    ("ХМАО-Югра", "RU-KHM"),
    ("Чувашская Республика - Чувашия", "RU-CU"),
    ("Республика Северная Осетия - Алания", "RU-SE"),
    ("Северная Осетия–Алания", "RU-SE"),
    (
        "Тюменская область (кроме Ханты-Мансийского автономного округа-Югры и "
        "Ямало-Ненецкого автономного округа)",
        "RU-TYU",
    ),
    ("Архангельская область (кроме Ненецкого автономного округа)", "RU-ARK"),
    ("Московская обл.", "RU-MOS"),
    ("Московская обл", "RU-MOS"),
    ("Респ. Татарстан", "RU-TA"),
    ("Татарстан Респ", "RU-TA"),
    ("Ямало-Ненецкий АО", "RU-YAN"),
    ("Ханты-Мансийский Автономный округ - Югра АО", "RU-KHM"),
    ("Кемеровская область - Кузбасс обл", "RU-KEM"),
    # ё/е, case, stray spaces, Latin look-alike letters
    ("ТЮМЕНСКАЯ ОБЛАСТЬ", "RU-TYU"),
    ("  республика   татарстан ", "RU-TA"),
    ("Еврейская  Автономная  Область", "RU-YEV"),
    ("Eврейская автономная область", "RU-YEV"),  # Latin E
    ("Марий-Эл", "RU-ME"),
    # English names and transliterations
    ("Moscow", "RU-MOW"),
    ("Moscow City", "RU-MOW"),
    ("Moscow Oblast", "RU-MOS"),
    ("Moscow Region", "RU-MOS"),
    ("St. Petersburg", "RU-SPE"),
    ("Saint Petersburg", "RU-SPE"),
    ("Tatarstan", "RU-TA"),
    ("Republic of Tatarstan", "RU-TA"),
    ("Yakutia", "RU-SA"),
    ("Sakha (Yakutia) Republic", "RU-SA"),
    ("Khanty-Mansi Autonomous Okrug – Yugra", "RU-KHM"),
    ("Khanty-Mansi Autonomous Area - Yugra", "RU-KHM"),
    ("Chuvashia", "RU-CU"),
    ("North Ossetia–Alania", "RU-SE"),
    ("Kabardino-Balkaria", "RU-KB"),
    ("Altai Krai", "RU-ALT"),
    ("Altai Territory", "RU-ALT"),
    ("Altai Republic", "RU-AL"),
    ("Jewish Autonomous Oblast", "RU-YEV"),
    ("Jewish Autonomous Region", "RU-YEV"),
    ("Primorsky Krai", "RU-PRI"),
    ("Primorye", "RU-PRI"),
    ("Krasnodar Territory", "RU-KDA"),
    ("Tomsk Region", "RU-TOM"),
    ("Nizhny Novgorod Oblast", "RU-NIZ"),
    ("Novgorod Oblast", "RU-NGR"),
    ("Sevastopol", "RU-SEV"),
    ("Republic of Crimea", "RU-CR"),
    # Natural Earth's odd names
    ("Maga Buryatdan", "RU-MAG"),
    ("Yevrey", "RU-YEV"),
    ("Chita", "RU-ZAB"),
    ("Moskovskaya", "RU-MOS"),
    ("Moskva", "RU-MOW"),
    ("Nizhegorod", "RU-NIZ"),
    ("Tver'", "RU-TVE"),
    ("Gorno-Altay", "RU-AL"),
    ("Chukchi Autonomous Okrug", "RU-CHU"),
    ("City of St. Petersburg", "RU-SPE"),
    ("Primor'ye", "RU-PRI"),
    ("Khanty-Mansiy", "RU-KHM"),
    # ISO and OKATO codes
    ("RU-MOW", "RU-MOW"),
    ("RU-MOS", "RU-MOS"),
    ("ru-spe", "RU-SPE"),
    ("RU-CR", "RU-CR"),
    ("RU-SEV", "RU-SEV"),
    ("TA", "RU-TA"),
    ("45", "RU-MOW"),
    ("46", "RU-MOS"),
    ("40", "RU-SPE"),
    ("35", "RU-CR"),
    ("67", "RU-SEV"),
    ("92", "RU-TA"),
    ("71100", "RU-KHM"),
    ("71140", "RU-YAN"),
    ("11100", "RU-NEN"),
    ("71", "RU-TYU"),
    ("01", "RU-ALT"),
    ("45000000000", "RU-MOW"),
    ("71100000000", "RU-KHM"),
]


def test_doctests_pass() -> None:
    result = doctest.testmod(geodata.regions)
    assert result.attempted > 0 and result.failed == 0


def test_85_subjects_in_code_order() -> None:
    tb = regions()
    assert len(tb) == 85
    assert list(tb.columns) == ["code", "okato", "name_ru", "short_ru", "name_en", "short_en", "fd"]
    assert tb["code"].tolist() == sorted(tb["code"])
    assert region_codes() == tuple(tb["code"])
    assert (tb.map(lambda v: isinstance(v, str) and v.strip() == v and v != "")).all().all()


def test_federal_districts_in_official_order() -> None:
    fd = federal_districts()
    assert fd["code"].tolist() == ["CFD", "NWFD", "SFD", "NCFD", "VFD", "UFD", "SIBFD", "FEFD"]
    assert fd.set_index("code").loc["FEFD", "name_ru"] == "Дальневосточный федеральный округ"
    assert fd["name_ru"].str.endswith("федеральный округ").all()


def test_district_counts_2018_membership() -> None:
    tb = regions()
    assert tb["fd"].value_counts().to_dict() == FD_COUNTS
    assert set(tb["fd"]) <= set(federal_districts()["code"])
    fd = tb.set_index("code")["fd"]
    assert fd["RU-BU"] == fd["RU-ZAB"] == "FEFD"  # moved from Siberian in 2018
    assert fd["RU-CR"] == fd["RU-SEV"] == "SFD"


def test_codes_and_okato_unique_and_well_formed() -> None:
    tb = regions()
    assert tb["code"].is_unique and tb["okato"].is_unique
    assert tb["code"].str.fullmatch(r"RU-[A-Z]{2,3}").all()
    okrugs = {"RU-KHM": "71100", "RU-YAN": "71140", "RU-NEN": "11100"}
    assert dict(tb.loc[tb["okato"].str.len() == 5, ["code", "okato"]].values) == okrugs
    assert tb.loc[~tb["code"].isin(okrugs), "okato"].str.fullmatch(r"\d\d").all()


def test_no_regions_annexed_in_2022() -> None:
    names = " ".join(regions()["name_ru"])
    for word in ("Донецк", "Луганск", "Запорож", "Херсон"):
        assert word not in names


@pytest.mark.parametrize(("name", "code"), SPELLINGS)
def test_normalize_region(name: str, code: str) -> None:
    assert normalize_region(name) == code


def test_region_key_folds_yo_case_dashes_and_abbreviations() -> None:
    assert region_key("Орёл") == region_key("ОРЕЛ") == "орел"
    assert region_key("Кемеровская обл.—Кузбасс") == "кемеровская область кузбасс"
    assert region_key("Kemerovo Obl. - Kuzbass") == "kemerovo oblast kuzbass"
    assert region_key("Республика Северная Осетия ‐ Алания") == region_key(
        "республика северная осетия-алания"
    )


def test_normalize_region_accepts_okato_as_int() -> None:
    assert normalize_region(1) == "RU-ALT"
    assert normalize_region(92) == "RU-TA"


def test_every_table_spelling_round_trips() -> None:
    tb = regions()
    for col in ("code", "okato", "name_ru", "short_ru", "name_en", "short_en"):
        for code, name in zip(tb["code"], tb[col], strict=True):
            assert normalize_region(name) == code, (col, name)
    aliases = pd.read_csv(geodata.regions.ALIASES_CSV, dtype=str, keep_default_na=False)
    for code, alias in zip(aliases["code"], aliases["alias"], strict=True):
        if alias not in AMBIGUOUS:
            assert normalize_region(alias) == code, alias


def test_unknown_region_suggests_closest() -> None:
    with pytest.raises(UnknownRegionError) as info:
        normalize_region("Масковская обл")
    err = info.value
    assert isinstance(err, ValueError)
    assert err.name == "Масковская обл"
    assert len(err.suggestions) == 3 and err.suggestions[0] == "RU-MOS"
    message = str(err)
    assert message.startswith("unknown region 'Масковская обл': did you mean")
    assert "Московская область (RU-MOS)" in message
    assert "geodata/region_aliases.csv" in message


@pytest.mark.parametrize(
    ("name", "expected"),
    [("Татарстанн", "RU-TA"), ("Tatarstna", "RU-TA"), ("Sverdlovskaya oblast'", "RU-SVE")],
)
def test_typos_suggest_the_intended_region(name: str, expected: str) -> None:
    with pytest.raises(UnknownRegionError) as info:
        normalize_region(name)
    assert expected in info.value.suggestions


@pytest.mark.parametrize("name", ["", "Российская Федерация", "Центральный федеральный округ"])
def test_non_subjects_are_unknown(name: str) -> None:
    with pytest.raises(UnknownRegionError):
        normalize_region(name)


@pytest.mark.parametrize("name", [*sorted(AMBIGUOUS), "алтай", "АЛТАЙ"])
def test_bare_altai_is_ambiguous(name: str) -> None:
    with pytest.raises(AmbiguousRegionError) as info:
        normalize_region(name)
    assert info.value.suggestions == ("RU-AL", "RU-ALT")
    assert "Республика Алтай (RU-AL)" in str(info.value)
    assert "Алтайский край (RU-ALT)" in str(info.value)


COMPOSITES = [
    "Тюменская область (включая Ханты-Мансийский автономный округ - Югру и "
    "Ямало-Ненецкий автономный округ)",
    "Тюменская область с автономными округами",
    "Тюменская обл. (вкл. ХМАО и ЯНАО)",
    "Архангельская область (включая Ненецкий автономный округ)",
    "Архангельская область с Ненецким автономным округом",
    "Tyumen Oblast including Khanty-Mansi and Yamalo-Nenets Autonomous Okrugs",
    "Tyumen Region (incl. autonomous areas)",
    "Arkhangelsk Oblast including Nenets Autonomous Okrug",
]
NOT_COMPOSITES = [
    "Тюменская область",
    "Архангельская область",
    "Тюменская область (кроме Ханты-Мансийского автономного округа-Югры и ЯНАО)",
    "Архангельская область (кроме Ненецкого автономного округа)",
    "Архангельская область без автономного округа",
    "Ханты-Мансийский автономный округ – Югра (Тюменская область)",
    "Tyumen Oblast (excluding autonomous okrugs)",
    "Республика Татарстан",
]


@pytest.mark.parametrize("name", COMPOSITES)
def test_composite_totals_are_detected_and_refused(name: str) -> None:
    assert is_composite_total(name)
    with pytest.raises(CompositeTotalError) as info:
        normalize_region(name)
    assert info.value.suggestions in (("RU-TYU",), ("RU-ARK",))
    assert "skip the row" in str(info.value)


@pytest.mark.parametrize("name", NOT_COMPOSITES)
def test_subject_forms_are_not_composite(name: str) -> None:
    assert not is_composite_total(name)
    normalize_region(name)


def test_fd_of() -> None:
    assert fd_of("RU-MOW") == "CFD"
    assert fd_of("Республика Бурятия") == "FEFD"
    assert fd_of("г. Севастополь") == "SFD"
    with pytest.raises(UnknownRegionError):
        fd_of("Атлантида")


def test_returned_tables_are_copies() -> None:
    tb, fd = regions(), federal_districts()
    tb.loc[0, "name_ru"] = "changed"
    fd.loc[0, "code"] = "changed"
    assert regions().loc[0, "name_ru"] == "Республика Адыгея"
    assert federal_districts().loc[0, "code"] == "CFD"


def test_fns_codes_give_each_subject_one_code() -> None:
    table = pd.read_csv(geodata.regions.FNS_CODES_CSV, dtype=str)
    assert sorted(table["code"]) == sorted(regions()["code"]) and table["fns"].is_unique
    numbers = sorted(int(n) for n in table["fns"])
    assert numbers == [*range(1, 80), 83, 86, 87, 89, 91, 92]
    # The codes that differ from OKATO and matter most (OKATO in brackets).
    assert {n: region_by_fns_code(n) for n in ("77", "78", "50", "16", "45", "71", "72")} == {
        "77": "RU-MOW",  # (45)
        "78": "RU-SPE",  # (40)
        "50": "RU-MOS",  # (46)
        "16": "RU-TA",  # (92)
        "45": "RU-KGN",  # (37)
        "71": "RU-TUL",  # (70)
        "72": "RU-TYU",  # (71)
    }
    assert [region_by_fns_code(n) for n in ("83", "86", "89", "91", "92", 7)] == [
        "RU-NEN", "RU-KHM", "RU-YAN", "RU-CR", "RU-SEV", "RU-KB"]  # fmt: skip
    for bad in ("80", "0", "777", "Москва", ""):
        with pytest.raises(UnknownRegionError, match="unknown FNS region code"):
            region_by_fns_code(bad)
