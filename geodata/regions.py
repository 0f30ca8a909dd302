"""Turn the spellings of Russia's federal subjects found in statistical files into ISO codes.

The reference tables live beside this module and are read once:

- ``regions.csv``: the 85 federal subjects counted by 2025 sources (Crimea and Sevastopol in
  the Southern FD; not the four regions annexed in 2022), with ISO 3166-2 code, OKATO code,
  Russian and English names and the federal district (2018+ membership).
  ISO 3166-2 has no Russian code for Crimea and Sevastopol, so ``RU-CR`` and ``RU-SEV`` are this
  project's own keys. OKATO codes are the 2-digit region codes, except the autonomous okrugs
  inside Tyumen and Arkhangelsk oblasts, which have 5-digit codes (71100, 71140, 11100).
- ``federal_districts.csv``: the 8 federal districts, in the official order.
- ``region_fns_codes.csv``: the two-digit region code of the tax service (FNS) for each
  subject, the «код региона» of tax forms and the first two digits of an INN (77 = Moscow).
  It is not the OKATO code (45 = Moscow, 77 = Chukotka), so a bare number is never looked up
  here unless the caller says which of the two it is (`region_by_fns_code`).
- ``region_aliases.csv``: further spellings, one ``code, alias`` pair a line. Every code, OKATO
  code and name in ``regions.csv`` is a key as well and need not be repeated there.
- ``region_official_names.csv``: the official long form of each of the 85 subjects, as the
  Constitution (art. 65) and EMISS write them («Город Москва столица Российской Федерации
  город федерального значения», «Кемеровская область - Кузбасс»); each is a key.
- ``region_foreign_codes.csv``: codes other datasets key two subjects by: ``UA-43`` (Crimea)
  and ``UA-40`` (Sevastopol), ISO 3166-2:UA codes under which Natural Earth, ISO-keyed datasets
  and SME panels carry them. They resolve to ``RU-CR`` and ``RU-SEV`` because the project keys
  the subjects as its sources count them (see the methodology page); `foreign_code` tells a
  caller that a spelling was such a code, so an import can report the mapping.

Keys are compared after normalisation (see `region_key`): case, ё/е, dashes, punctuation,
parenthesised duplicates, «г.»/«город», common abbreviations (обл., респ., АО, Resp., Obl.,
Region, Territory …) and word order do not matter.

A spelling that fits no key raises `UnknownRegionError`; one that fits keys of several
subjects (bare «Алтай») raises `AmbiguousRegionError`: nothing is ever picked silently.

Tyumen and Arkhangelsk oblasts: Rosstat tables often give «Тюменская область» *including* the
Khanty-Mansi and Yamal-Nenets okrugs (and «Архангельская область» including the Nenets okrug),
then the okrugs again, then the oblast «кроме …». The plain names map to the subject alone
(RU-TYU, RU-ARK). The explicit composite totals («Тюменская область (включая …)», «… с
автономными округами», "Tyumen Oblast including …") are recognised by `is_composite_total`;
`normalize_region` refuses them with `CompositeTotalError`, so an importer must skip such rows
rather than count the okrugs twice.
"""

from __future__ import annotations

import difflib
import itertools
import re
import unicodedata
from functools import cache, lru_cache
from pathlib import Path

import pandas as pd

HERE = Path(__file__).parent
REGIONS_CSV = HERE / "regions.csv"
DISTRICTS_CSV = HERE / "federal_districts.csv"
ALIASES_CSV = HERE / "region_aliases.csv"
FNS_CODES_CSV = HERE / "region_fns_codes.csv"
OFFICIAL_NAMES_CSV = HERE / "region_official_names.csv"
FOREIGN_CODES_CSV = HERE / "region_foreign_codes.csv"

REGION_COLUMNS = ("code", "okato", "name_ru", "short_ru", "name_en", "short_en", "fd")
DISTRICT_COLUMNS = ("code", "name_ru", "name_en", "short_ru", "short_en")
EXPECTED_FD_COUNTS = {
    "CFD": 18,
    "NWFD": 11,
    "SFD": 8,
    "NCFD": 7,
    "VFD": 14,
    "UFD": 6,
    "SIBFD": 10,
    "FEFD": 11,
}
N_SUBJECTS = 85
N_SUGGESTIONS = 3

# Phrases dropped or rewritten before single words (keys are already lower case, ё→е).
_PHRASES = (
    ("город федерального значения", ""),
    ("федерального значения", ""),
    ("авт окр", "автономный округ"),
    ("авт обл", "автономная область"),
)
# Single-word abbreviations; "" drops the word («г. Москва» = «Москва г» = «Москва»).
_WORDS = {
    "г": "",
    "гор": "",
    "город": "",
    "обл": "область",
    "респ": "республика",
    "кр": "край",
    "ао": "автономный округ",
    "аобл": "автономная область",
    "аоб": "автономная область",
    "city": "",
    "of": "",
    "the": "",
    "st": "saint",
    "obl": "oblast",
    "region": "oblast",
    "resp": "republic",
    "rep": "republic",
    "kray": "krai",
    "territory": "krai",
    "ao": "autonomous okrug",
    "aok": "autonomous okrug",
    "area": "okrug",
    "district": "okrug",
}
_LATIN_LOOKALIKES = str.maketrans("aceopxykmthb", "асеорхукмтнв")
_DASHES = re.compile(r"[\u002d\u2010-\u2015\u2212\u00ad_/\\]")
_PARENS = re.compile(r"\([^()]*\)")
_NOT_WORD = re.compile(r"[^\w\s]")
_CYRILLIC = re.compile(r"[а-я]")
_COMPOSITE_HEADS = ("тюменск", "архангельск", "tyumen", "arkhangel", "archangel")
_EXCLUDING = ("кроме", "без", "исключ", "exclud", "except", "excl", "without")
_INCLUDING = ("включ", "вкл", "вместе", "всего", "итого", "includ", "incl", "with", "total")
_OKRUG_WORDS = ("автономн", "округ", "хмао", "янао", "нао", "ханты", "ямало", "ненецк")


class ReferenceTableError(RuntimeError):
    """A reference table beside this module is inconsistent; fix the CSV it names."""


class RegionLookupError(ValueError):
    """A region spelling could not be turned into exactly one ISO code.

    Attributes
    ----------
    name : str
        The spelling as given.
    suggestions : tuple of str
        ISO codes of the closest known subjects, best first (may be empty).
    """

    def __init__(self, message: str, name: str, suggestions: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.name = name
        self.suggestions = suggestions


class UnknownRegionError(RegionLookupError):
    """No known spelling matches; ``suggestions`` holds the 3 closest subjects."""


class AmbiguousRegionError(RegionLookupError):
    """The spelling fits several subjects; ``suggestions`` holds all of them."""


class CompositeTotalError(RegionLookupError):
    """The spelling is an oblast total that includes its autonomous okrug(s)."""


def region_key(name: str) -> str:
    """Return the normalised lookup key of a region spelling.

    Parameters
    ----------
    name : str
        Any spelling, e.g. «г. Москва» or "St. Petersburg".

    Returns
    -------
    str
        Lower-case words separated by single spaces, with punctuation, dashes, «г.» and
        similar noise removed and abbreviations expanded. Parenthesised text is kept as words.

    Examples
    --------
    >>> region_key("г.Москва")
    'москва'
    >>> region_key("Кемеровская обл. - Кузбасс")
    'кемеровская область кузбасс'
    >>> region_key("St. Petersburg")
    'saint petersburg'
    """
    return _words_key(str(name))


def is_composite_total(name: str) -> bool:
    """Tell whether a spelling is a Tyumen/Arkhangelsk total that includes the okrugs.

    Parameters
    ----------
    name : str
        A region spelling from a statistical table.

    Returns
    -------
    bool
        True for explicit composite forms such as «Тюменская область (включая …)» or
        "Tyumen Oblast including …"; False for the plain names and the «кроме …» forms.

    Examples
    --------
    >>> is_composite_total("Тюменская область (включая Ханты-Мансийский АО и ЯНАО)")
    True
    >>> is_composite_total("Архангельская область с Ненецким автономным округом")
    True
    >>> is_composite_total("Тюменская область (кроме Ханты-Мансийского АО-Югры и ЯНАО)")
    False
    >>> is_composite_total("Тюменская область")
    False
    """
    words = _words_key(str(name)).split()
    if not words or not words[0].startswith(_COMPOSITE_HEADS):
        return False
    if any(w.startswith(_EXCLUDING) for w in words):
        return False
    with_okrugs = any(
        w in ("с", "со") and nxt.startswith(_OKRUG_WORDS) for w, nxt in itertools.pairwise(words)
    )
    return with_okrugs or any(w.startswith(_INCLUDING) for w in words[1:])


def normalize_region(name: str | int) -> str:
    """Return the ISO 3166-2 code (or the project key RU-CR / RU-SEV) of a region spelling.

    Parameters
    ----------
    name : str or int
        A name, short name, alias, ISO code or OKATO code (2 or 5 digits, or the full
        8/11-digit form padded with zeros).

    Returns
    -------
    str
        The code, e.g. ``"RU-MOW"``.

    Raises
    ------
    UnknownRegionError
        No spelling matches; the message lists the 3 closest subjects.
    AmbiguousRegionError
        The spelling fits several subjects (bare «Алтай»).
    CompositeTotalError
        The spelling is a Tyumen/Arkhangelsk total including the autonomous okrugs.

    Examples
    --------
    >>> normalize_region("Москва г")
    'RU-MOW'
    >>> normalize_region("Республика Татарстан (Татарстан)")
    'RU-TA'
    >>> normalize_region(71100)
    'RU-KHM'
    >>> try:
    ...     normalize_region("Алтай")
    ... except AmbiguousRegionError as err:
    ...     err.suggestions
    ('RU-AL', 'RU-ALT')
    """
    return _lookup(str(name).strip())


def regions() -> pd.DataFrame:
    """Return the 85 federal subjects, one row each, ordered by code.

    Returns
    -------
    pandas.DataFrame
        Columns ``code, okato, name_ru, short_ru, name_en, short_en, fd`` (all strings).

    Examples
    --------
    >>> tb = regions()
    >>> len(tb), tb.loc[tb.code == "RU-TA", "short_ru"].item()
    (85, 'Татарстан')
    """
    return _tables()[0].copy()


def federal_districts() -> pd.DataFrame:
    """Return the 8 federal districts in the official order (CFD first, FEFD last).

    Returns
    -------
    pandas.DataFrame
        Columns ``code, name_ru, name_en, short_ru, short_en``.

    Examples
    --------
    >>> federal_districts().code.tolist()
    ['CFD', 'NWFD', 'SFD', 'NCFD', 'VFD', 'UFD', 'SIBFD', 'FEFD']
    """
    return _tables()[1].copy()


def region_codes() -> tuple[str, ...]:
    """Return the 85 subject codes in the fixed order of `regions`.

    Examples
    --------
    >>> codes = region_codes()
    >>> len(codes), codes[0], "RU-SEV" in codes
    (85, 'RU-AD', True)
    """
    return tuple(_tables()[0]["code"])


def fd_of(name: str) -> str:
    """Return the federal-district code of a subject given by code or any known spelling.

    Examples
    --------
    >>> fd_of("RU-BU"), fd_of("Крым")
    ('FEFD', 'SFD')
    """
    return _fd_by_code()[normalize_region(name)]


# --- loading ---------------------------------------------------------------------------------


@cache
def _tables() -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    tb = _read_csv(REGIONS_CSV, REGION_COLUMNS).sort_values("code", ignore_index=True)
    fd = _read_csv(DISTRICTS_CSV, DISTRICT_COLUMNS)
    official = _read_csv(OFFICIAL_NAMES_CSV, ("code", "official_ru"))
    foreign = _foreign_codes_table()
    if sorted(official["code"]) != sorted(tb["code"]):
        raise ReferenceTableError(
            f"{OFFICIAL_NAMES_CSV.name} must give each of the {N_SUBJECTS} subjects one name"
        )
    aliases = pd.concat(
        [
            _read_csv(ALIASES_CSV, ("code", "alias")),
            official.rename(columns={"official_ru": "alias"}),
            foreign.rename(columns={"foreign_code": "alias"})[["code", "alias"]],
        ],
        ignore_index=True,
    )
    _check_tables(tb, fd, aliases)
    return tb, fd, aliases


def _foreign_codes_table() -> pd.DataFrame:
    return _read_csv(FOREIGN_CODES_CSV, ("foreign_code", "code", "used_by"))


@cache
def _foreign_by_key() -> dict[str, tuple[str, str]]:
    tb = _foreign_codes_table()
    return {_words_key(row.foreign_code): (row.foreign_code, row.code) for row in tb.itertuples()}


def foreign_code(name: str) -> tuple[str, str] | None:
    """``(foreign code, project code)`` when a spelling is a code of another numbering that
    `normalize_region` maps onto a subject (``UA-43`` → ``RU-CR``), else None.

    Examples
    --------
    >>> foreign_code("UA-43"), foreign_code("ua 40"), foreign_code("RU-CR")
    (('UA-43', 'RU-CR'), ('UA-40', 'RU-SEV'), None)
    """
    return _foreign_by_key().get(_words_key(str(name)))


def _read_csv(path: Path, columns: tuple[str, ...]) -> pd.DataFrame:
    tb = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    if tuple(tb.columns) != columns:
        raise ReferenceTableError(f"{path.name}: columns {list(tb.columns)}, expected {columns}")
    return tb


def _check_tables(tb: pd.DataFrame, fd: pd.DataFrame, aliases: pd.DataFrame) -> None:
    problems = []
    if len(tb) != N_SUBJECTS:
        problems.append(f"{len(tb)} subjects, expected {N_SUBJECTS}")
    for col in ("code", "okato"):
        dup = tb[col][tb[col].duplicated()].tolist()
        if dup:
            problems.append(f"duplicate {col}: {dup}")
    counts = tb["fd"].value_counts().to_dict()
    if counts != EXPECTED_FD_COUNTS:
        problems.append(f"federal-district counts {counts}, expected {EXPECTED_FD_COUNTS}")
    if tuple(fd["code"]) != tuple(EXPECTED_FD_COUNTS):
        problems.append(f"federal_districts.csv codes {list(fd['code'])}")
    stray = sorted(set(aliases["code"]) - set(tb["code"]))
    if stray:
        problems.append(f"an alias table names unknown codes {stray}")
    if problems:
        raise ReferenceTableError(
            "geodata reference tables are inconsistent: "
            + "; ".join(problems)
            + ". Fix the CSV files beside geodata/regions.py."
        )


def region_by_fns_code(code: str | int) -> str:
    """Return the subject of an FNS region code (the «код региона» of tax forms and INNs).

    Examples
    --------
    >>> region_by_fns_code("77"), region_by_fns_code(2), region_by_fns_code("086")
    ('RU-MOW', 'RU-BA', 'RU-KHM')
    """
    key = str(code).strip()
    found = _by_fns_code().get(key.lstrip("0").zfill(2)) if key.isdigit() else None
    if found is None:
        raise UnknownRegionError(
            f"unknown FNS region code {key!r}: the codes of the 85 subjects are 01–79, 83, 86, "
            "87, 89, 91 and 92 (geodata/region_fns_codes.csv).",
            key,
            (),
        )
    return found


@cache
def _by_fns_code() -> dict[str, str]:
    tb = _read_csv(FNS_CODES_CSV, ("code", "fns"))
    regions_, _, _ = _tables()
    if sorted(tb["code"]) != sorted(regions_["code"]) or not tb["fns"].is_unique:
        raise ReferenceTableError(
            f"{FNS_CODES_CSV.name} must give each of the {N_SUBJECTS} subjects one distinct code"
        )
    return dict(zip(tb["fns"], tb["code"], strict=True))


@cache
def _fd_by_code() -> dict[str, str]:
    tb = _tables()[0]
    return dict(zip(tb["code"], tb["fd"], strict=True))


@cache
def _name_by_code() -> dict[str, str]:
    tb = _tables()[0]
    return dict(zip(tb["code"], tb["name_ru"], strict=True))


@cache
def _index() -> tuple[dict[str, frozenset[str]], dict[str, frozenset[str]]]:
    """Map exact keys and word-bag keys to the set of codes they name."""
    tb, _, aliases = _tables()
    pairs = [(code, code) for code in tb["code"]]
    pairs += [(code, code.removeprefix("RU-")) for code in tb["code"]]
    for col in REGION_COLUMNS[1:-1]:
        pairs += list(zip(tb["code"], tb[col], strict=True))
    pairs += list(zip(aliases["code"], aliases["alias"], strict=True))
    exact: dict[str, set[str]] = {}
    bags: dict[str, set[str]] = {}
    for code, name in pairs:
        for key in _variants(name):
            exact.setdefault(key, set()).add(code)
            bags.setdefault(_bag(key), set()).add(code)
    return _freeze(exact), _freeze(bags)


def _freeze(index: dict[str, set[str]]) -> dict[str, frozenset[str]]:
    return {key: frozenset(codes) for key, codes in index.items() if key}


# --- lookup ----------------------------------------------------------------------------------


@lru_cache(maxsize=4096)
def _lookup(name: str) -> str:
    if is_composite_total(name):
        raise CompositeTotalError(
            f"region {name!r} is a total including its autonomous okrug(s): skip the row "
            "(check with geodata.is_composite_total) so the okrugs are not counted twice.",
            name,
            (_okrug_parent(name),),
        )
    exact, bags = _index()
    variants = _variants(name)
    candidates = [(exact, key) for key in variants] + [(bags, _bag(key)) for key in variants]
    candidates += [(exact, key) for key in _okato_keys(variants[0])]
    for index, key in candidates:
        codes = index.get(key)
        if codes and len(codes) == 1:
            return next(iter(codes))
        if codes:
            raise _ambiguous(name, tuple(sorted(codes)))
    raise _unknown(name, _suggest(variants[0], exact))


def _ambiguous(name: str, codes: tuple[str, ...]) -> AmbiguousRegionError:
    return AmbiguousRegionError(
        f"ambiguous region {name!r}: it fits {_describe(codes)}. Use a fuller name, or add the "
        "intended spelling to geodata/region_aliases.csv.",
        name,
        codes,
    )


def _unknown(name: str, codes: tuple[str, ...]) -> UnknownRegionError:
    hint = f"did you mean {_describe(codes)}?" if codes else "no close match."
    return UnknownRegionError(
        f"unknown region {name!r}: {hint} Add it to geodata/region_aliases.csv if it is a real "
        "spelling.",
        name,
        codes,
    )


def _describe(codes: tuple[str, ...]) -> str:
    names = _name_by_code()
    return ", ".join(f"{names[code]} ({code})" for code in codes)


def _suggest(key: str, exact: dict[str, frozenset[str]]) -> tuple[str, ...]:
    close = difflib.get_close_matches(key, list(exact), n=30, cutoff=0.5)
    codes: list[str] = []
    for match in close:
        for code in sorted(exact[match]):
            if code not in codes:
                codes.append(code)
    return tuple(codes[:N_SUGGESTIONS])


def _okrug_parent(name: str) -> str:
    return "RU-TYU" if "тюмен" in name.lower() or "tyumen" in name.lower() else "RU-ARK"


def _okato_keys(key: str) -> list[str]:
    """OKATO written as a number (1 → 01) or in its full 8/11-digit form (45000000000 → 45)."""
    if not key.isdigit():
        return []
    if len(key) == 1:
        return [key.zfill(2)]
    if len(key) in (8, 11):
        return [key[:n] for n in (5, 2) if not key[n:].strip("0")]
    return []


# --- normalisation ---------------------------------------------------------------------------


def _variants(name: str) -> tuple[str, ...]:
    """The full key, then the key without parenthesised text, if different and not empty."""
    full = _words_key(name)
    bare = _words_key(_PARENS.sub(" ", name))
    return (full, bare) if bare and bare != full else (full,)


def _words_key(name: str) -> str:
    text = unicodedata.normalize("NFKC", name).casefold().replace("ё", "е")
    text = _NOT_WORD.sub(" ", _DASHES.sub(" ", text))
    words = [_unmix(w) for w in text.split()]
    text = " ".join(words)
    for phrase, replacement in _PHRASES:
        text = re.sub(rf"\b{phrase}\b", replacement, text)
    words = [_WORDS.get(w, w) for w in text.split()]
    return " ".join(" ".join(words).split())


def _unmix(word: str) -> str:
    """Fold Latin look-alike letters inside a Cyrillic word («Eврейская» with a Latin E)."""
    return word.translate(_LATIN_LOOKALIKES) if _CYRILLIC.search(word) else word


def _bag(key: str) -> str:
    return " ".join(sorted(set(key.split())))
