"""The built database (etl/build.py): seed 002's tables read back exactly, clusters, geography."""

from __future__ import annotations

import re
from pathlib import Path

from tests.helpers import seed_line

SEED = "002_d8f5a7355f1388eb.txt"
FD_ORDER = ["SFD", "NCFD", "NWFD", "CFD", "VFD", "UFD", "SIBFD", "FEFD"]


def _as_int(text: str) -> int:
    return int(re.sub(r"\s", "", text))


def test_table1_reads_back_as_published(cur) -> None:
    """20 rows: rank, region, created 2024, total — equal to seed lines 579–598."""
    rows = cur.execute(
        """
        SELECT r.value AS rank, r.geo, c.value AS created, t.value AS total, c.source_line,
               g.name_ru
        FROM observations r
        JOIN observations c ON c.geo = r.geo AND c.metric = 'created' AND c.level = 'region'
             AND c.dataset_id = r.dataset_id AND c.year = r.year
        JOIN observations t ON t.geo = r.geo AND t.metric = 'orgs_total_published'
             AND t.dataset_id = r.dataset_id AND t.year = r.year
        JOIN regions g ON g.code = r.geo
        WHERE r.metric = 'created_rank_published' AND r.dataset_id = 'hse-2025' AND r.year = 2024
        ORDER BY r.value
        """
    ).fetchall()
    assert len(rows) == 20
    for rank, _code, created, total, line, _name in rows:
        cells = seed_line(SEED, line).split("\t")
        assert int(cells[0]) == rank
        assert _as_int(cells[2]) == created
        assert _as_int(cells[3]) == total
    assert rows[0][1] == "RU-MOW" and rows[0][2] == 7413 and rows[0][3] == 60493
    assert rows[1][1] == "RU-MOS" and rows[13][1] == "RU-TYU" and rows[19][1] == "RU-OMS"


def test_table2_reads_back_as_published(cur) -> None:
    rows = cur.execute(
        """
        SELECT geo, max(value) FILTER (metric = 'regions_total'),
               max(value) FILTER (metric = 'regions_grew_vs_2019'),
               max(value) FILTER (metric = 'regions_moderate_high_creation'),
               max(value) FILTER (metric = 'creation_coef'), max(source_line)
        FROM observations WHERE dataset_id = 'hse-2025' AND level = 'fd' AND year = 2024
        GROUP BY geo ORDER BY max(source_line)
        """
    ).fetchall()
    assert [r[0] for r in rows] == FD_ORDER
    for _geo, total, grew, modhigh, coef, line in rows:
        cells = seed_line(SEED, line).split("\t")
        assert [int(cells[1]), int(cells[2]), int(cells[3])] == [total, grew, modhigh]
        assert float(cells[4]) == coef


def test_fd_subject_counts_match_table2(cur) -> None:
    published = dict(
        cur.execute("SELECT geo, value FROM observations WHERE metric = 'regions_total'").fetchall()
    )
    actual = dict(cur.execute("SELECT fd, count(*) FROM regions GROUP BY fd").fetchall())
    assert actual == {k: int(v) for k, v in published.items()}
    assert sum(actual.values()) == 85


def test_every_region_code_in_data_exists(cur) -> None:
    unknown = cur.execute(
        """
        SELECT geo FROM observations
        WHERE level = 'region' AND geo NOT IN (SELECT code FROM regions)
        UNION ALL
        SELECT region_code FROM cluster_regions
        WHERE region_code IS NOT NULL AND region_code NOT IN (SELECT code FROM regions)
        """
    ).fetchall()
    assert unknown == []


def test_no_unpublished_value_is_filled(cur) -> None:
    """Only the top-20 subjects have a 2024 'created' figure; the other 65 have no row."""
    n = cur.execute(
        "SELECT count(*) FROM observations WHERE dataset_id = 'hse-2025' AND metric = 'created' "
        "AND level = 'region'"
    ).fetchone()[0]
    assert n == 20


def test_national_facts(cur) -> None:
    facts = {
        (m, y): v
        for m, y, v in cur.execute(
            "SELECT metric, year, value FROM observations "
            "WHERE level = 'country' AND dataset_id = 'hse-2025'"
        ).fetchall()
    }
    assert facts[("active_end", 2024)] == 193_700
    assert facts[("created", 2024)] == 15_900
    assert [facts[("regions_growing_or_stable", y)] for y in (2022, 2023, 2024)] == [33, 67, 59]
    assert [facts[("regions_fewer_created", y)] for y in (2022, 2023, 2024)] == [21, 45, 60]
    assert facts[("regions_growth_above_3pct", 2024)] == 20
    assert facts[("share_created_moscow_and_oblast_pct", 2024)] == 53.6


def test_clusters_deduplicated_and_sourced(cur) -> None:
    ids = [r[0] for r in cur.execute("SELECT cluster_id FROM clusters").fetchall()]
    assert len(ids) == len(set(ids)) > 40
    missing_source = cur.execute(
        "SELECT count(*) FROM cluster_mentions WHERE source_file IS NULL OR source_line IS NULL"
    ).fetchone()[0]
    assert missing_source == 0
    # Zelenograd is named by the Moscow strategy; the MIK by both the 2019 and 2025 digests.
    mentions = dict(cur.execute("SELECT cluster_id, mentions FROM clusters").fetchall())
    assert mentions["mow-zelenograd"] >= 1
    files = {
        r[0]
        for r in cur.execute(
            "SELECT DISTINCT source_file FROM cluster_mentions WHERE cluster_id = 'mow-innovative'"
        ).fetchall()
    }
    assert {"000_fcbe2c7568999b02.txt", "002_d8f5a7355f1388eb.txt"} <= files


def test_cluster_outside_the_map_is_kept(cur) -> None:
    rows = cur.execute(
        "SELECT c.cluster_id, cr.outside_name FROM clusters c JOIN cluster_regions cr "
        "USING (cluster_id) WHERE c.outside_map"
    ).fetchall()
    assert ("dnr-tourism", "Донецкая Народная Республика") in rows


def test_synthetic_demo_is_labelled_synthetic(cur) -> None:
    kind, synthetic, label_en, label_ru = cur.execute(
        "SELECT kind, synthetic, label_en, label_ru FROM datasets "
        "WHERE dataset_id = 'synthetic-demo'"
    ).fetchone()
    assert kind == "synthetic" and synthetic is True
    assert "SYNTHETIC" in label_en and "СИНТЕТИЧ" in label_ru
    default = cur.execute("SELECT value FROM meta WHERE key = 'default_dataset'").fetchone()[0]
    assert default == "hse-2025"  # the published figures stay the default view


def test_rebuild_carries_imported_datasets_over(tmp_path) -> None:
    import functools

    from atlas.store import Reader, publish, resolve_current
    from etl.build import build_database
    from etl.importer import import_file
    from tests.helpers import build_db

    build_db(tmp_path)
    fixture = Path(__file__).parent.parent / "data" / "import" / "orgs_fixture.csv"
    import_file(fixture, data_dir=tmp_path, dataset_id="kept")

    def imported_rows() -> list[tuple]:
        with Reader(tmp_path).cursor() as c:
            return c.execute(
                "SELECT metric, level, geo, industry, year, value FROM observations "
                "WHERE dataset_id = 'kept' ORDER BY ALL"
            ).fetchall()

    before = imported_rows()
    assert before
    rebuild = functools.partial(build_database, previous=resolve_current(tmp_path))
    publish(rebuild, tmp_path)
    assert imported_rows() == before
