"""Command line: `python -m atlas build | serve | settings` (and `import`, see etl.importer)."""

from __future__ import annotations

import argparse
import sys

from atlas.settings import SETTINGS
from atlas.store import publish


def _build(args: argparse.Namespace) -> int:
    from etl.build import build_database

    path = publish(build_database, SETTINGS.data_dir, keep_versions=SETTINGS.keep_versions)
    print(f"built {path}")
    return 0


def _ensure_built(args: argparse.Namespace) -> int:
    from atlas.store import current_path

    if current_path(SETTINGS.data_dir).exists():
        print(f"database present: {current_path(SETTINGS.data_dir)}")
        return 0
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m atlas", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("build", help="build a new database version from data/sources").set_defaults(
        func=_build
    )
    sub.add_parser("ensure-built", help="build only if no database exists").set_defaults(
        func=_ensure_built
    )
    serve = sub.add_parser("serve", help="development server (production: gunicorn)")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8050)
    serve.set_defaults(func=_serve)
    sub.add_parser("settings", help="print the settings and their environment variables")\
        .set_defaults(func=_settings)  # fmt: skip
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
