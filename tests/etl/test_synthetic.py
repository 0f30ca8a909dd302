"""The synthetic demo (etl/synthetic.py): seeded, plausible, and labelled synthetic everywhere."""

from __future__ import annotations

import hashlib

import duckdb
import numpy as np
import pytest

from atlas.cli import main as cli
from atlas.store import resolve_current
from etl import synthetic
from etl.build import build_database
from etl.importer import ImportFailed, check_file

N = 20_000


@pytest.fixture(scope="module")
def orgs():
    return synthetic.synthetic_orgs(N, seed=7).to_pandas()


def test_same_seed_gives_identical_output(tmp_path) -> None:
    a = synthetic.synthetic_orgs(3000, seed=11)
    b = synthetic.synthetic_orgs(3000, seed=11)
    assert a.equals(b)
    assert not a.equals(synthetic.synthetic_orgs(3000, seed=12))
    first = synthetic.write_synthetic(tmp_path / "a.parquet", 3000, 11)
    second = synthetic.write_synthetic(tmp_path / "b.parquet", 3000, 11)
    digest = lambda p: hashlib.sha256(p.read_bytes()).hexdigest()  # noqa: E731
    assert digest(first) == digest(second)


def test_shape_is_plausible(orgs) -> None:
    assert len(orgs) == N and orgs.org_id.is_unique
    assert orgs.org_id.str.startswith("SYN-").all()
    assert orgs.name.str.startswith("Синтетическая организация").all()
    by_region = orgs.region.astype(str).value_counts()
    assert len(by_region) == 85 and by_region.index[0] == "Москва"
    assert 0.25 < by_region.iloc[0] / N < 0.35
    multi = orgs.industry.notna()
    assert 0.04 < multi.mean() < 0.08
    assert orgs.industry[multi].str.count(";").eq(1).all()
    registered = orgs.registered.astype("datetime64[ns]")
    liquidated = orgs.liquidated.astype("datetime64[ns]")
    assert registered.dt.year.between(synthetic.STOCK_FROM, synthetic.LAST_YEAR).all()
    assert 0.2 < liquidated.notna().mean() < 0.8
    assert (liquidated.dropna() >= registered[liquidated.notna()]).all()
    same_year = (liquidated.dt.year == registered.dt.year).sum()
    assert same_year > 0  # some are created and liquidated in one year


def test_every_organisation_is_accepted_and_classified(tmp_path) -> None:
    path = synthetic.write_synthetic(tmp_path / "s.parquet", N, 7)
    checked = check_file(path, dataset_id="s", max_reject_share=0.0)
    report = checked.report
    assert report.rows_rejected == 0 and report.rows_accepted == N
    assert report.regions_covered == 85
    industries = set(checked.observations.industry) - {"all"}
    assert len(industries) == 17


def test_cli_imports_the_demo_labelled_synthetic(store, tmp_path, capsys) -> None:
    out = tmp_path / "demo.parquet"
    assert (
        cli(
            [
                "synthetic",
                "--orgs",
                "3000",
                "--seed",
                "5",
                "--out",
                str(out),
                "--data-dir",
                str(store),
            ]
        )
        == 0
    )
    assert "[SYNTHETIC]" in capsys.readouterr().out and out.exists()
    con = duckdb.connect(str(resolve_current(store)), read_only=True)
    row = con.execute(
        "SELECT kind, synthetic, label_ru, label_en, origin, file_name "
        "FROM datasets WHERE dataset_id = 'synthetic-demo'"
    ).fetchall()[0]
    years = con.execute(
        "SELECT min(year), max(year) FROM observations WHERE dataset_id = 'synthetic-demo'"
    ).fetchall()[0]
    default = con.execute("SELECT value FROM meta WHERE key = 'default_dataset'").fetchall()
    con.close()
    kind, is_synthetic, label_ru, label_en, origin, file_name = row
    assert kind == "synthetic" and is_synthetic is True
    assert "СИНТЕТИЧЕСКИЕ" in label_ru and "SYNTHETIC" in label_en and "SYNTHETIC" in origin
    assert file_name == "demo.parquet"
    assert years == (synthetic.FIRST_YEAR, synthetic.LAST_YEAR)
    assert default == [("hse-2025",)]


def test_add_synthetic_demo_for_the_build_is_reproducible() -> None:
    frames = []
    for _ in range(2):
        con = duckdb.connect()
        build_database(con)
        report = synthetic.add_synthetic_demo(con, n_orgs=2000, seed=3)
        assert report.synthetic and report.rows_rejected == 0
        frames.append(
            con.execute(
                "SELECT * EXCLUDE (source_file) FROM observations "
                "WHERE dataset_id = 'synthetic-demo' ORDER BY ALL"
            ).df()
        )
        flag = con.execute(
            "SELECT synthetic FROM datasets WHERE dataset_id = 'synthetic-demo'"
        ).fetchall()
        assert flag == [(True,)]
        con.close()
    assert frames[0].equals(frames[1]) and len(frames[0]) > 0
    assert np.isfinite(frames[0]["value"].dropna()).all()


def test_synthetic_labels_are_required(tmp_path) -> None:
    path = synthetic.write_synthetic(tmp_path / "x.parquet", 100, 1)
    with pytest.raises(ImportFailed, match="must say so"):
        check_file(path, dataset_id="demo2", synthetic=True, label="демо", label_en="demo")
