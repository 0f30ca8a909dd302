"""Command line: `python -m atlas build | serve | settings` (and `import`, see etl.importer)."""

from __future__ import annotations

import argparse
import sys

from atlas.settings import SETTINGS
from atlas.store import publish


def _build(args: argparse.Namespace) -> int:
    import functools

    from atlas.store import StoreError
    from etl.build import build_database, carry_over_imports

    carried: list[str] = []

    def carry_over(con, current) -> None:
        # Under the writer lock: the imports of the version current now, not at the start.
        ids = carry_over_imports(con, current)
        carried.append(f" ({len(ids)} imported datasets carried over from {current.name})")

    synthetic = not getattr(args, "no_synthetic", False)
    build = functools.partial(build_database, synthetic=synthetic)
    try:
        path = publish(
            build, SETTINGS.data_dir, merge_current=carry_over, keep_versions=SETTINGS.keep_versions
        )
    except StoreError as exc:
        print(f"build failed: {exc}", file=sys.stderr)
        return 2
    print(f"built {path}" + "".join(carried))
    return 0


def _ensure_built(args: argparse.Namespace) -> int:
    """Build when there is no database, or when its sources changed since it was built."""
    import duckdb

    from atlas.store import current_path, resolve_current
    from etl.build import sources_digest

    if current_path(SETTINGS.data_dir).exists():
        con = duckdb.connect(str(resolve_current(SETTINGS.data_dir)), read_only=True)
        try:
            row = con.execute("SELECT value FROM meta WHERE key = 'sources_digest'").fetchone()
        finally:
            con.close()
        if row and row[0] == sources_digest():
            print(f"database up to date: {current_path(SETTINGS.data_dir)}")
            return 0
        print("sources changed since the database was built; rebuilding")
    return _build(args)


def _serve(args: argparse.Namespace) -> int:
    _ensure_built(args)
    from app import app

    app.run(host=args.host, port=args.port, debug=False)
    return 0


def _settings(args: argparse.Namespace) -> int:
    for env, value, help_text in SETTINGS.describe():
        print(f"{env:24} {value}\n{'':24} {help_text}")
    return 0


def _mapping_pairs(pairs: list[str]) -> dict[str, str]:
    mapping = {}
    for pair in pairs:
        column, sep, field = pair.rpartition("=")
        if not sep or not column:
            raise SystemExit(f'--mapping {pair!r}: write COLUMN=FIELD, e.g. "Субъект=region"')
        mapping[column] = field
    return mapping


def _share(text: str) -> float:
    value = float(text.rstrip("%")) / (100 if text.endswith("%") else 1)
    if not 0 <= value <= 1:
        raise argparse.ArgumentTypeError("give a share from 0 to 1 (or a percentage like 5%)")
    return value


def _years(text: str) -> tuple[int | None, int | None]:
    first, _, last = text.partition("-")
    return (int(first) if first else None, int(last) if last else None)


def _import(args: argparse.Namespace) -> int:
    from atlas.store import StoreError
    from etl.importer import ImportFailed, ImportRefused, check_file, import_file

    options = dict(
        kind=args.kind,
        mapping=_mapping_pairs(args.mapping),
        label=args.label,
        dataset_id=args.dataset_id,
        max_reject_share=args.max_reject_share,
        count_secondary=args.count_secondary,
        scope=args.scope,
        years=args.years,
        follow_symlinks=args.follow_symlinks,
    )
    report = None
    try:
        if args.dry_run:
            report = check_file(args.file, **options).report
        else:
            report = import_file(args.file, data_dir=args.data_dir or SETTINGS.data_dir, **options)
    except ImportRefused as exc:
        report = exc.report
        print(report.summary(), file=sys.stderr)
        print(exc, file=sys.stderr)
        return 1
    except (ImportFailed, StoreError) as exc:
        print(f"import failed: {exc}", file=sys.stderr)
        return 2
    finally:
        if report is not None and args.report:
            print(f"report written to {report.to_csv(args.report)}", file=sys.stderr)
    print(report.summary())
    return 1 if args.dry_run and report.refused else 0


def _synthetic(args: argparse.Namespace) -> int:
    from etl.synthetic import import_synthetic, write_synthetic

    if args.no_import:
        if not args.out:
            raise SystemExit("--no-import needs --out FILE")
        print(f"wrote {write_synthetic(args.out, args.orgs, args.seed)} (SYNTHETIC)")
        return 0
    from atlas.store import StoreError

    data_dir = args.data_dir or SETTINGS.data_dir
    try:
        report = import_synthetic(data_dir, args.orgs, args.seed, args.out)
    except StoreError as exc:
        print(f"synthetic import failed: {exc}", file=sys.stderr)
        return 2
    print(report.summary())
    return 0


def _add_data_parsers(sub) -> None:
    """`import` and `synthetic`: organisation files or counts → a dataset (etl.importer)."""
    imp = sub.add_parser(
        "import",
        help="import organisations or counts as a dataset",
        description="Check a CSV/Parquet/XLSX file and publish it as one "
        "dataset of a new database version (see etl/importer).",
    )
    imp.add_argument("file", help="CSV (UTF-8 or cp1251, ; or ,), Parquet or XLSX file")
    imp.add_argument(
        "--kind",
        choices=("orgs", "counts"),
        help="one row per organisation, or counts by region-year (default: guess)",
    )
    imp.add_argument(
        "--mapping",
        nargs="*",
        default=[],
        metavar="COLUMN=FIELD",
        help="map a file column to a field (field 'ignore' drops it)",
    )
    imp.add_argument("--label", help="dataset label shown in the app")
    imp.add_argument("--dataset-id", help="default import-<file stem>; the same id replaces it")
    imp.add_argument(
        "--max-reject-share",
        type=_share,
        default=0.05,
        help="refuse the file above this share of rejected rows (default 0.05)",
    )
    imp.add_argument(
        "--report",
        help="write the status of every row (counted creative with its industries, counted "
        "not creative, outside the 85 subjects, rejected with the reason) to this CSV file",
    )
    imp.add_argument(
        "--years",
        type=_years,
        metavar="FIRST-LAST",
        help="limit the cube's years, e.g. 2019-2024 (default: the data's)",
    )
    imp.add_argument(
        "--count-secondary",
        action="store_true",
        help="count the industries of additional OKVED codes too",
    )
    imp.add_argument(
        "--scope",
        choices=("auto", "all", "creative"),
        default="auto",
        help="all: the file holds every organisation (the cube counts them all, for the creative "
        "share); creative: a selection of creative ones; auto (default): all when some main "
        "OKVED code is outside the creative mapping",
    )
    imp.add_argument("--dry-run", action="store_true", help="check and report only")
    imp.add_argument(
        "--follow-symlinks",
        action="store_true",
        help="import the target of a symbolic link (refused by default)",
    )
    imp.add_argument("--data-dir", help="data folder (default: ATLAS_DATA_DIR)")
    imp.set_defaults(func=_import)
    syn = sub.add_parser("synthetic", help="generate and import the SYNTHETIC demo dataset")
    syn.add_argument("--seed", type=int, default=20251)
    syn.add_argument("--orgs", type=int, default=150_000, help="number of organisations")
    syn.add_argument("--out", help="Parquet file to write (default: in the data folder)")
    syn.add_argument("--no-import", action="store_true", help="only write the Parquet file")
    syn.add_argument("--data-dir", help="data folder (default: ATLAS_DATA_DIR)")
    syn.set_defaults(func=_synthetic)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m atlas", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    build = sub.add_parser("build", help="build a new database version from data/sources")
    build.add_argument(
        "--no-synthetic", action="store_true", help="leave out the labelled synthetic demo dataset"
    )
    build.set_defaults(func=_build)
    sub.add_parser("ensure-built", help="build only if no database exists").set_defaults(
        func=_ensure_built
    )
    serve = sub.add_parser("serve", help="development server (production: gunicorn)")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8050)
    serve.set_defaults(func=_serve)
    sub.add_parser(
        "settings", help="print the settings and their environment variables"
    ).set_defaults(func=_settings)
    _add_data_parsers(sub)
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
