"""Column headers of import files, in Russian or English, → the importer's field names.

Headers are compared after `header_key`: case, ё/е, underscores, dashes, dots and repeated
spaces do not matter («Дата_регистрации», "registration date" and "Registration-Date" are
the same). A user's explicit mapping (``--mapping "Колонка=field"``) wins over this
dictionary; the field ``ignore`` drops a column.

Organisation-level files (kind ``orgs``), one row per organisation:

============  ==============================================================================
field         headers recognised (besides the field name itself)
============  ==============================================================================
org_id        id, идентификатор, код организации, organisation id
inn           ИНН, inn, tin
ogrn          ОГРН, ОГРНИП, ogrn, psrn
name          Наименование, Название, Полное/Сокращенное наименование, name, company
region        Регион, Субъект, Субъект РФ, Регион регистрации, region: names or ISO codes.
              A bare number here is refused: OKATO and FNS codes disagree (45 and 77 are
              both Moscow, in one system each), so the header must say which it is:
region_okato  ОКАТО, Код ОКАТО, okato: OKATO codes (45 = Moscow); names are read too
region_fns    Код региона, Код субъекта, Код субъекта РФ, region code: the tax service's
              codes (77 = Moscow, as in the first two digits of an INN); names are read too
okved         ОКВЭД, ОКВЭД2, Основной ОКВЭД, Код ОКВЭД, okved, main okved
okved_extra   Дополнительные ОКВЭД, Доп. ОКВЭД, additional okved, secondary okved
industry      Индустрия, Креативная индустрия, Отрасль, industry, creative industry
registered    Дата регистрации, Дата создания, registered, registration date, founded
liquidated    Дата ликвидации, Дата прекращения деятельности, liquidated, liquidation date
============  ==============================================================================

The organisation's key is the first non-empty of ``org_id``, ``ogrn``, ``inn``. A file needs
one of them, ``region``, ``registered`` and ``okved`` or ``industry``.

Aggregated files (kind ``counts``), one row per region × year (× industry): ``region``,
``year`` (Год), ``industry`` (optional; empty = all industries), ``active_start``
(Действующие на начало года), ``created`` (Создано), ``liquidated`` (Ликвидировано),
``active_end`` (Действующие на конец года). They need ``region``, ``year``, ``created`` and
``active_start``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

from etl.importer.errors import HeaderError

Kind = Literal["orgs", "counts"]
KINDS: tuple[Kind, ...] = ("orgs", "counts")
IGNORE = "ignore"

_REGION = (
    "регион",
    "субъект",
    "субъект рф",
    "субъект российской федерации",
    "регион рф",
    "регион регистрации",
    "region",
    "subject",
    "federal subject",
)
# The two numberings of the subjects: OKATO (45 = Moscow, 77 = Chukotka) and the tax
# service's region codes (77 = Moscow). One field each, so a number is never guessed.
_REGION_OKATO = ("окато", "код окато", "okato", "okato code")
_REGION_FNS = (
    "код региона",
    "код субъекта",
    "код субъекта рф",
    "код региона рф",
    "код региона фнс",
    "region code",
    "subject code",
    "fns region code",
)
REGION_FIELDS = {"region": "name", "region_okato": "okato", "region_fns": "fns"}
RegionCodes = Literal["name", "okato", "fns"]
_INDUSTRY = (
    "индустрия",
    "креативная индустрия",
    "креативные индустрии",
    "отрасль",
    "industry",
    "industries",
    "creative industry",
    "industry id",
)

ORG_HEADERS: dict[str, tuple[str, ...]] = {
    "org_id": (
        "id",
        "идентификатор",
        "код организации",
        "org id",
        "organisation id",
        "organization id",
    ),
    "inn": ("инн", "инн организации", "inn", "tin"),
    "ogrn": ("огрн", "огрнип", "огрн огрнип", "ogrn", "psrn"),
    "name": (
        "наименование",
        "название",
        "наименование организации",
        "полное наименование",
        "сокращенное наименование",
        "краткое наименование",
        "name",
        "company",
        "company name",
        "organisation",
        "organization",
        "org name",
    ),
    "region": _REGION,
    "region_okato": _REGION_OKATO,
    "region_fns": _REGION_FNS,
    "okved": (
        "оквэд",
        "оквэд2",
        "оквэд 2",
        "основной оквэд",
        "основной оквэд2",
        "код оквэд",
        "код основного вида деятельности",
        "okved",
        "okved2",
        "okved 2",
        "main okved",
        "okved main",
        "okved code",
        "primary okved",
    ),
    "okved_extra": (
        "дополнительные оквэд",
        "дополнительный оквэд",
        "доп оквэд",
        "дополнительные виды деятельности",
        "коды дополнительных видов деятельности",
        "okved extra",
        "additional okved",
        "secondary okved",
        "okved additional",
    ),
    "industry": _INDUSTRY,
    "registered": (
        "дата регистрации",
        "дата создания",
        "дата образования",
        "registered",
        "registration date",
        "date registered",
        "date of registration",
        "founded",
        "incorporated",
    ),
    "liquidated": (
        "дата ликвидации",
        "дата прекращения деятельности",
        "дата прекращения",
        "liquidated",
        "liquidation date",
        "date liquidated",
        "date of liquidation",
        "closed",
        "dissolved",
    ),
}
COUNT_HEADERS: dict[str, tuple[str, ...]] = {
    "region": _REGION,
    "region_okato": _REGION_OKATO,
    "region_fns": _REGION_FNS,
    "year": ("год", "отчетный год", "year"),
    "industry": _INDUSTRY,
    "active_start": (
        "действующие на начало года",
        "на начало года",
        "организаций на начало года",
        "active at start",
        "active at start of year",
    ),
    "created": (
        "создано",
        "созданные",
        "создано организаций",
        "зарегистрировано",
        "новые",
        "created",
        "new",
        "births",
    ),
    "liquidated": (
        "ликвидировано",
        "ликвидированные",
        "ликвидировано организаций",
        "liquidated",
        "closures",
        "deaths",
    ),
    "active_end": (
        "действующие на конец года",
        "на конец года",
        "организаций на конец года",
        "active at end",
        "active at end of year",
    ),
}
HEADERS: dict[Kind, dict[str, tuple[str, ...]]] = {"orgs": ORG_HEADERS, "counts": COUNT_HEADERS}
ID_FIELDS = ("org_id", "ogrn", "inn")  # key = first non-empty, in this order

_NOISE = re.compile(r"[\s_\-–—./\\:;,*№#\"'«»()]+")


@dataclass(frozen=True)
class ColumnMap:
    """Which file column (by position) feeds which field, and which columns are unused.

    The region column is always the field ``region``; ``region_codes`` says how a number in
    it is read (``name``: refused, ``okato`` or ``fns``).
    """

    kind: Kind
    fields: dict[str, int]
    ignored: tuple[str, ...] = field(default=())
    region_codes: RegionCodes = "name"

    def column(self, name: str) -> int | None:
        return self.fields.get(name)


def header_key(text: str) -> str:
    """Return the comparison key of a header.

    Examples
    --------
    >>> header_key(" Дата_Регистрации "), header_key("Main-OKVED"), header_key("ОКВЭД 2")
    ('дата регистрации', 'main okved', 'оквэд 2')
    """
    return " ".join(_NOISE.sub(" ", str(text).casefold().replace("ё", "е")).split())


def detect_kind(headers: Sequence[str]) -> Kind:
    """Guess the kind of a file from its header: counts if it has year and created columns.

    Examples
    --------
    >>> detect_kind(["Регион", "Год", "Создано", "Действующие на начало года"])
    'counts'
    >>> detect_kind(["ИНН", "Регион", "ОКВЭД", "Дата регистрации"])
    'orgs'
    """
    counts = _dictionary_fields(headers, "counts")
    return "counts" if {"year", "created"} <= set(counts.values()) else "orgs"


def map_headers(
    headers: Sequence[str], kind: Kind, explicit: Mapping[str, str] | None = None
) -> ColumnMap:
    """Map a file's header row to fields, checking that every required field is present.

    Parameters
    ----------
    headers : sequence of str
        The header cells as they stand in the file.
    kind : {"orgs", "counts"}
        The kind of file.
    explicit : mapping of str to str, optional
        ``{file header: field}`` pairs that override the dictionary (``ignore`` drops a column).

    Returns
    -------
    ColumnMap

    Raises
    ------
    HeaderError
        An explicit header is not in the file, a field is unknown, two columns give the same
        field, or a required field is missing. The message lists what the file has.

    Examples
    --------
    >>> cm = map_headers(["ИНН", "Субъект РФ", "Основной ОКВЭД", "Дата регистрации", "Прочее"],
    ...                  "orgs")
    >>> cm.fields, cm.ignored
    ({'inn': 0, 'region': 1, 'okved': 2, 'registered': 3}, ('Прочее',))
    """
    fields = _dictionary_fields(headers, kind)
    for header, target in (explicit or {}).items():
        index = _find_header(headers, header)
        if target != IGNORE and target not in HEADERS[kind]:
            raise HeaderError(
                f"--mapping {header}={target}: {target!r} is not a field of "
                f"{kind} files; fields: {', '.join(HEADERS[kind])}, or {IGNORE}"
            )
        fields[index] = target
    by_field: dict[str, int] = {}
    for index, name in sorted(fields.items()):
        if name == IGNORE:
            continue
        if name in by_field:
            first = headers[by_field[name]]
            raise HeaderError(
                f"columns {first!r} and {headers[index]!r} both give field "
                f'{name!r}; choose one with --mapping "{headers[index]}={IGNORE}"'
            )
        by_field[name] = index
    by_field, region_codes = _one_region_column(by_field, headers)
    _check_required(by_field, headers, kind)
    ignored = tuple(h for i, h in enumerate(headers) if i not in by_field.values())
    return ColumnMap(kind, by_field, ignored, region_codes)


def _one_region_column(
    by_field: dict[str, int], headers: Sequence[str]
) -> tuple[dict[str, int], RegionCodes]:
    """Fold ``region_okato``/``region_fns`` into ``region``; say how its numbers are read."""
    given = [name for name in REGION_FIELDS if name in by_field]
    if len(given) > 1:
        first, second = (headers[by_field[name]] for name in given[:2])
        raise HeaderError(
            f"columns {first!r} and {second!r} both give the region; choose one with "
            f'--mapping "{second}={IGNORE}"'
        )
    if not given:
        return by_field, "name"
    renamed = {("region" if name == given[0] else name): i for name, i in by_field.items()}
    return renamed, REGION_FIELDS[given[0]]  # type: ignore[return-value]


def _dictionary_fields(headers: Sequence[str], kind: Kind) -> dict[int, str]:
    lookup = {
        header_key(alias): name
        for name, aliases in HEADERS[kind].items()
        for alias in (name, *aliases)
    }
    keys = (header_key(h) for h in headers)
    return {i: lookup[key] for i, key in enumerate(keys) if key in lookup}


def _find_header(headers: Sequence[str], wanted: str) -> int:
    for i, header in enumerate(headers):
        if header.strip() == wanted.strip():
            return i
    for i, header in enumerate(headers):
        if header_key(header) == header_key(wanted):
            return i
    raise HeaderError(
        f"--mapping names column {wanted!r}, which the file does not have; "
        f"its columns are: {', '.join(map(repr, headers))}"
    )


def _check_required(by_field: dict[str, int], headers: Sequence[str], kind: Kind) -> None:
    if kind == "orgs":
        needs = [
            ("an id (org_id, ogrn or inn)", ID_FIELDS),
            ("region", ("region",)),
            ("registered", ("registered",)),
            ("okved or industry", ("okved", "industry")),
        ]
    else:
        needs = [(name, (name,)) for name in ("region", "year", "created", "active_start")]
    missing = [what for what, options in needs if not any(o in by_field for o in options)]
    if missing:
        raise HeaderError(
            f"the {kind} file has no column for {', '.join(missing)}. Its columns are: "
            f"{', '.join(map(repr, headers))}. Name the right one with --mapping "
            '"<column>=<field>" (recognised headers: etl/importer/headers.py).'
        )
