"""The documents behind a view → ready citations in Russian and English, and one of the view.

Russian citations follow the order of GOST R 7.0.100-2018 (title, issue, publisher, date,
pages); English ones an author–date style. Each names the file and lines the values come
from, so a reader can check them.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from layouts.captions import line_ranges  # the one '579–581, 590' formatter
from layouts.i18n import t


def _publisher(row: pd.Series, lang: str) -> str:
    """'НИУ ВШЭ, … / HSE ISSEK …' → the part in `lang` (both when there is no slash)."""
    ru, sep, en = str(row["publisher"] or "").partition(" / ")
    return (ru if lang == "ru" else en) if sep else ru


def _issue(row: pd.Series, lang: str) -> str:
    number = str(row["issue"] or "").removeprefix("№").strip()
    if not number:
        return ""
    return f"№ {number}" if lang == "ru" else f"No. {number}"


def document_citation(row: pd.Series, lang: str) -> str:
    """One source document as a reference, with the lines the view cites.

    Examples
    --------
    >>> row = pd.Series({"source_file": "002_d.txt", "title_ru": "Дайджест", "title_en":
    ...     "Digest", "publisher": "НИУ ВШЭ / HSE", "issue": "№6", "date": "2025-06",
    ...     "lines": [579, 580, 581, 590]})
    >>> document_citation(row, "ru")
    'Дайджест. — № 6. — НИУ ВШЭ, 2025-06. — Стр. 579–581, 590 (файл 002_d.txt).'
    >>> document_citation(row, "en")
    'HSE (2025-06). Digest, No. 6. Lines 579–581, 590 (file 002_d.txt).'
    """
    issue, publisher = _issue(row, lang), _publisher(row, lang)
    date = str(row["date"] or "")
    lines = line_ranges(list(row["lines"]))
    if lang == "ru":
        parts = [str(row["title_ru"])]
        if issue:
            parts.append(issue)
        parts.append(", ".join(p for p in (publisher, date) if p))
        if lines:
            parts.append(f"Стр. {lines} (файл {row['source_file']})")
        else:
            parts.append(f"Файл {row['source_file']}")
        return ". — ".join(p for p in parts if p) + "."
    head = f"{publisher} ({date or 'n.d.'})." if publisher else f"({date or 'n.d.'})."
    title = str(row["title_en"]) + (f", {issue}" if issue else "")
    where = f"Lines {lines} (file {row['source_file']})" if lines else f"File {row['source_file']}"
    return f"{head} {title}. {where}."


def view_citation(title: str, permalink: str, today: dt.date, lang: str) -> str:
    """The atlas view itself as an online resource, with its permalink and access date.

    Examples
    --------
    >>> ru = view_citation("Кластеры", "https://a.example/", dt.date(2026, 11, 25), "ru")
    >>> for part in ru.split(" — "):
    ...     print(part)
    Атлас кластеров: Кластеры [Электронный ресурс].
    URL: https://a.example/ (дата обращения: 25.11.2026).
    >>> view_citation("Clusters", "https://a.example/", dt.date(2026, 11, 25), "en")
    'Cluster Atlas: Clusters [online]. https://a.example/ (accessed 25 November 2026).'
    """
    app = t("app_title", lang)
    if lang == "ru":
        return (
            f"{app}: {title} [Электронный ресурс]. — URL: {permalink} "
            f"(дата обращения: {today:%d.%m.%Y})."
        )
    return f"{app}: {title} [online]. {permalink} (accessed {today.day} {today:%B %Y})."


def citations(
    docs: pd.DataFrame, title: dict[str, str], permalink: str, today: dt.date
) -> dict[str, list[str]]:
    """{'ru': [...], 'en': [...]}: each cited document, then the view, in both languages."""
    out: dict[str, list[str]] = {}
    for lang in ("ru", "en"):
        out[lang] = [document_citation(row, lang) for _, row in docs.iterrows()]
        out[lang].append(view_citation(title[lang], permalink, today, lang))
    return out
