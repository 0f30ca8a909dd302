"""A seed → SYNTHETIC organisation-level demo data (Parquet), imported as dataset `synthetic-demo`.

The data are invented to exercise the app, never to describe Russia: ids are ``SYN-…``,
names say «Синтетическая организация», the dataset has ``synthetic = TRUE`` and both labels
say SYNTHETIC / СИНТЕТИЧЕСКИЕ. The shape is made up, not estimated: a large Moscow
(`CAPITAL_SHARES`) and a long Zipf-like tail over the other subjects in a seeded random
order, invented industry weights, a stock registered before the period, registrations in
2015–2024 with a random trend per subject, exponential lifetimes (so some organisations are
liquidated in the year they are created), and `MULTI_SHARE` of organisations in two
industries (given in the ``industry`` column; the rest are classified by their main OKVED
code through the provisional mapping). The same seed always gives the same file.

The published dataset stays the app's default; the demo is one more dataset to choose.
"""

from __future__ import annotations

import tempfile
from functools import cache
from pathlib import Path

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from etl import okved
from etl.importer.load import check_file, import_file, write_dataset
from etl.importer.report import ImportReport
from etl.importer.values import industry_ids
from geodata.regions import regions

SYNTHETIC_DATASET = "synthetic-demo"
LABEL_RU = "СИНТЕТИЧЕСКИЕ данные (демо): не реальные организации"
LABEL_EN = "SYNTHETIC demo data: not real organisations"
DEFAULT_SEED = 20251
DEFAULT_ORGS = 150_000
FIRST_YEAR, LAST_YEAR = 2015, 2024
STOCK_FROM = 1998
STOCK_SHARE = 0.7
OBSERVED_UNTIL = np.datetime64("2025-06-30")
MEAN_LIFETIME_YEARS = 14.0
MULTI_SHARE = 0.06
CAPITAL_SHARES = {"RU-MOW": 0.30, "RU-SPE": 0.08, "RU-MOS": 0.06}
INDUSTRY_WEIGHTS = {
    "software": 22,
    "advertising": 12,
    "gastronomy": 12,
    "design": 8,
    "media": 6,
    "film": 5,
    "architecture": 5,
    "publishing": 4,
    "performing_arts": 4,
    "fashion": 4,
    "music": 3,
    "art": 3,
    "heritage_leisure": 3,
    "jewellery": 2,
    "crafts": 2,
    "video_games": 2,
    "animation": 1,
}


class SyntheticError(RuntimeError):
    """The generated demo did not import cleanly: a bug in the generator, not in the data."""


def synthetic_orgs(n_orgs: int = DEFAULT_ORGS, seed: int = DEFAULT_SEED) -> pa.Table:
    """Generate `n_orgs` synthetic organisations.

    Returns
    -------
    pyarrow.Table
        Columns ``org_id, name, region, okved, industry, registered, liquidated`` (dates as
        date32, ``liquidated`` null for active organisations, ``industry`` null unless the
        organisation belongs to two industries).

    Examples
    --------
    >>> tb = synthetic_orgs(1000, seed=1)
    >>> tb.num_rows, tb.column_names[:3], tb["org_id"][0].as_py()
    (1000, ['org_id', 'name', 'region'], 'SYN-00000001')
    """
    rng = np.random.default_rng(seed)
    subjects = regions()
    region = rng.choice(len(subjects), size=n_orgs, p=_region_weights(subjects.code, rng))
    industries = industry_ids()
    weights = np.array([INDUSTRY_WEIGHTS[i] for i in industries], dtype=float)
    industry = rng.choice(len(industries), size=n_orgs, p=weights / weights.sum())
    codes, code_index = _main_codes(industries, industry, rng)
    registered = _registrations(region, len(subjects), rng)
    lifetime = rng.exponential(MEAN_LIFETIME_YEARS * 365.25, size=n_orgs).astype("int64")
    liquidated = registered + lifetime.astype("timedelta64[D]")
    second = _second_industries(industry, industries, rng)
    number = pc.utf8_lpad(pc.cast(pa.array(np.arange(1, n_orgs + 1)), pa.string()), 8, "0")
    return pa.table(
        {
            "org_id": pc.binary_join_element_wise("SYN-", number, ""),
            "name": pc.binary_join_element_wise("Синтетическая организация ", number, ""),
            "region": pa.DictionaryArray.from_arrays(
                region.astype("int32"), pa.array(subjects.name_ru.tolist())
            ),
            "okved": pa.DictionaryArray.from_arrays(code_index.astype("int32"), pa.array(codes)),
            "industry": second,
            "registered": pa.array(registered, type=pa.date32()),
            "liquidated": pa.array(liquidated, type=pa.date32(), mask=liquidated > OBSERVED_UNTIL),
        }
    )


def _region_weights(codes, rng: np.random.Generator) -> np.ndarray:
    """Capitals get `CAPITAL_SHARES`; the rest share the remainder by a Zipf-like tail."""
    codes = list(codes)
    rest = [c for c in codes if c not in CAPITAL_SHARES]
    order = rng.permutation(len(rest))
    tail = 1.0 / (order + 3.0) ** 0.9
    tail *= (1.0 - sum(CAPITAL_SHARES.values())) / tail.sum()
    share = dict(zip(rest, tail, strict=True)) | CAPITAL_SHARES
    return np.array([share[c] for c in codes])


@cache
def _codes_of(industry: str) -> tuple[str, ...]:
    """The most detailed classifier codes that map to an industry (leaves of its subtrees)."""
    tb = okved.classifier_table()
    parents = set(tb.parent)
    leaves = [c for c in tb.code if c not in parents and okved.industry_of(c) == industry]
    return tuple(sorted(leaves))


def _main_codes(industries, industry: np.ndarray, rng: np.random.Generator):
    codes = sorted({c for i in industries for c in _codes_of(i)})
    position = {c: k for k, c in enumerate(codes)}
    pick = rng.random(len(industry))
    index = np.empty(len(industry), dtype=np.int64)
    for k, name in enumerate(industries):
        mine = np.array([position[c] for c in _codes_of(name)])
        mask = industry == k
        index[mask] = mine[(pick[mask] * len(mine)).astype(np.int64)]
    return codes, index


def _registrations(region: np.ndarray, n_regions: int, rng: np.random.Generator) -> np.ndarray:
    """A stock from `STOCK_FROM`, then 2015–2024 with a random yearly trend per subject."""
    n = len(region)
    years = np.arange(FIRST_YEAR, LAST_YEAR + 1)
    trend = rng.normal(0.03, 0.05, size=n_regions)
    weights = (1.0 + trend[:, None]) ** (years - FIRST_YEAR)[None, :]
    cdf = np.cumsum(weights, axis=1) / weights.sum(axis=1, keepdims=True)
    u = rng.random(n)
    year = FIRST_YEAR + (u[:, None] > cdf[region]).sum(axis=1)
    stock = rng.random(n) < STOCK_SHARE
    year[stock] = rng.integers(STOCK_FROM, FIRST_YEAR, size=int(stock.sum()))
    start = (year - 1970).astype("datetime64[Y]").astype("datetime64[D]")
    days = np.where(year % 4 == 0, 366, 365)
    return start + (rng.random(n) * days).astype("int64").astype("timedelta64[D]")


def _second_industries(industry: np.ndarray, industries, rng: np.random.Generator) -> pa.Array:
    """``first;second`` for `MULTI_SHARE` of organisations, null for the others."""
    n = len(industry)
    multi = rng.random(n) < MULTI_SHARE
    other = (industry + 1 + rng.integers(0, len(industries) - 1, size=n)) % len(industries)
    cells = np.full(n, None, dtype=object)
    names = np.array(industries, dtype=object)
    cells[multi] = names[industry[multi]] + ";" + names[other[multi]]
    return pa.array(cells, type=pa.string())


def write_synthetic(path: Path | str, n_orgs: int = DEFAULT_ORGS, seed: int = DEFAULT_SEED) -> Path:
    """Write the synthetic organisations to a Parquet file (zstd) and return its path."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(synthetic_orgs(n_orgs, seed), path, compression="zstd")
    return path


def _options(n_orgs: int, seed: int) -> dict[str, object]:
    return {
        "dataset_id": SYNTHETIC_DATASET,
        "label": LABEL_RU,
        "label_en": LABEL_EN,
        "synthetic": True,
        "years": (FIRST_YEAR, LAST_YEAR),
        "max_reject_share": 0.0,
        "origin": f"etl/synthetic.py, seed {seed}, {n_orgs} organisations (SYNTHETIC)",
    }


def add_synthetic_demo(
    con: duckdb.DuckDBPyConnection, n_orgs: int = DEFAULT_ORGS, seed: int = DEFAULT_SEED
) -> ImportReport:
    """Generate the demo and write dataset `synthetic-demo` into a database being built.

    For `etl.build.build_database`: call it after the schema exists. It replaces the demo's
    rows only; the default dataset stays the published one.

    Raises
    ------
    SyntheticError
        A generated row was rejected (a generator bug).
    """
    with tempfile.TemporaryDirectory(prefix="atlas-synthetic-") as tmp:
        path = write_synthetic(Path(tmp) / f"synthetic-demo-seed{seed}.parquet", n_orgs, seed)
        checked = check_file(path, **_options(n_orgs, seed))
    if checked.report.rows_rejected or checked.report.rows_accepted != n_orgs:
        raise SyntheticError(
            "the synthetic demo did not import cleanly:\n" + checked.report.summary()
        )
    write_dataset(con, checked)
    return checked.report


def import_synthetic(
    data_dir: Path | str | None = None,
    n_orgs: int = DEFAULT_ORGS,
    seed: int = DEFAULT_SEED,
    out: Path | str | None = None,
) -> ImportReport:
    """Write the demo to `out` (Parquet) and import it into the data folder as a new version."""
    from atlas.settings import SETTINGS

    data_dir = Path(data_dir or SETTINGS.data_dir)
    out = Path(out or data_dir / f"synthetic-demo-seed{seed}.parquet")
    write_synthetic(out, n_orgs, seed)
    return import_file(out, data_dir=data_dir, **_options(n_orgs, seed))
