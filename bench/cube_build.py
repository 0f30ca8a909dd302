"""N synthetic organisations → timings of each import stage, the cube query and the database size.

Prints figures, asserts nothing. Run from the repository root::

    .venv/bin/python bench/cube_build.py                 # 1 000 000 organisations
    .venv/bin/python bench/cube_build.py --orgs 10000000 # the stack notes' 10 M case

Stages, on a private in-memory DuckDB (as `etl.importer.check_file` runs them): generate and
write the Parquet file, read it into text cells, validate, the event/cumulative-sum cube
query, the observation rows for all levels. Then the whole `import_file` end to end (check
again, copy the current database, write, checkpoint, swap) into a fresh store, and the size
of the database before and after.
"""

from __future__ import annotations

import argparse
import datetime as dt
import resource
import sys
import tempfile
import time
from pathlib import Path

import duckdb

from atlas.store import publish, resolve_current
from etl import cube, synthetic
from etl.build import build_database
from etl.importer import import_file
from etl.importer.headers import map_headers
from etl.importer.orgs import check_orgs
from etl.importer.readers import read_table


class Clock:
    """Prints how long each stage took."""

    def __init__(self) -> None:
        self.start = time.perf_counter()

    def lap(self, what: str) -> None:
        now = time.perf_counter()
        print(f"  {what:<44} {now - self.start:8.2f} s", flush=True)
        self.start = now


def _mb(path: Path) -> float:
    return path.stat().st_size / 1e6


def run(n_orgs: int, seed: int, workdir: Path, threads: int | None) -> None:
    print(f"{n_orgs:,} synthetic organisations, seed {seed}, DuckDB {duckdb.__version__}")
    clock = Clock()
    parquet = synthetic.write_synthetic(workdir / "orgs.parquet", n_orgs, seed)
    clock.lap(f"generate + write Parquet ({_mb(parquet):.1f} MB)")
    con = duckdb.connect()
    if threads:
        con.execute(f"SET threads = {threads}")
    con.execute("SET preserve_insertion_order = false")
    raw = read_table(con, parquet, workdir)
    clock.lap("read Parquet → text cells")
    columns = map_headers(raw.headers, "orgs")
    result = check_orgs(con, raw, columns, today=dt.date.today())
    clock.lap(f"validate ({result.organisations:,} kept, {len(result.problems)} problems)")
    first, last = cube.year_range(con, first=synthetic.FIRST_YEAR, last=synthetic.LAST_YEAR)
    cube.org_counts(con, first, last)
    cells = con.execute("SELECT count(*) FROM region_counts").fetchall()[0][0]
    clock.lap(f"cube: event query ({cells:,} region×industry×year)")
    rows = cube.cube_frame(con, "bench", parquet.name)
    clock.lap(f"observation rows, 3 levels ({len(rows):,})")
    con.close()

    store = workdir / "store"
    publish(build_database, store)
    base = _mb(resolve_current(store))
    clock = Clock()
    import_file(
        parquet,
        data_dir=store,
        dataset_id="bench",
        label="Bench (SYNTHETIC)",
        years=(synthetic.FIRST_YEAR, synthetic.LAST_YEAR),
    )
    clock.lap("import_file end to end (check + publish)")
    print(f"  database: {base:.1f} MB before, {_mb(resolve_current(store)):.1f} MB after")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"  peak memory of this process: {peak:,.0f} MB")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--orgs", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=synthetic.DEFAULT_SEED)
    parser.add_argument("--threads", type=int, help="DuckDB threads for the stages")
    parser.add_argument("--workdir", help="keep the files here (default: a temp folder)")
    args = parser.parse_args(argv)
    if args.workdir:
        Path(args.workdir).mkdir(parents=True, exist_ok=True)
        run(args.orgs, args.seed, Path(args.workdir), args.threads)
    else:
        with tempfile.TemporaryDirectory(prefix="atlas-bench-") as tmp:
            run(args.orgs, args.seed, Path(tmp), args.threads)
    return 0


if __name__ == "__main__":
    sys.exit(main())
