"""Time of each export format for one view, cold (first call in the process) and warm.

Cold includes opening headless Chromium for the images (kaleido); warm is the median of
the following rounds with the browser kept open, as a gunicorn worker keeps it. Target:
a warm PNG in at most 1.5 s. The files of the last round are written to --out to look at.

    ATLAS_DATA_DIR=/tmp/p6 .venv/bin/python bench/exports.py [--rounds 5] [--out DIR]
"""

# ruff: noqa: E402 - the path fix below must run before the project imports

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

# Run as `python bench/exports.py`, this file's folder comes first on sys.path and its name
# would shadow the `exports` package.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]

from atlas.settings import SETTINGS
from atlas.store import Reader
from atlas.viewstate import ViewState, parse_query
from exports import export_view, permalink
from exports.images import RENDERER, bare_map_image, map_image
from exports.slides import slide_deck
from exports.tables import csv_bytes, xlsx_bytes
from queries.views import choices, map_data, settle

TARGET_WARM_PNG_S = 1.5
FORMATS: dict[str, tuple[str, Callable]] = {
    "png-slide": ("png", lambda v: map_image(v, "png", "slide")),
    "png-square": ("png", lambda v: map_image(v, "png", "square")),
    "svg-slide": ("svg", lambda v: map_image(v, "svg", "slide")),
    "svg-square": ("svg", lambda v: map_image(v, "svg", "square")),
    "csv": ("csv", csv_bytes),
    "xlsx": ("xlsx", xlsx_bytes),
    "pptx": ("pptx", lambda v: slide_deck(v, bare_map_image(v))),
}


def _view(data_dir: Path, query: str):
    with Reader(data_dir).cursor() as cur:
        state, _ = parse_query(query, choices(cur))
        state = settle(cur, state)
        return export_view(cur, map_data(cur, state), permalink("https://atlas.example", state))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, default=SETTINGS.data_dir)
    parser.add_argument("--query", default=ViewState(metric="created").to_query())
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--out", type=Path, default=Path("/tmp/atlas-exports"))
    args = parser.parse_args()
    view = _view(args.data_dir, args.query)
    args.out.mkdir(parents=True, exist_ok=True)
    print(f"view {args.query or '(default)'}: {view.title}")
    print(f"{'format':12} {'cold s':>8} {'warm p50 s':>11} {'warm max s':>11} {'bytes':>9}")
    warm_png = None
    for name, (ext, export) in FORMATS.items():
        started = time.perf_counter()
        data = export(view)
        cold = time.perf_counter() - started
        times = []
        for _ in range(args.rounds):
            started = time.perf_counter()
            data = export(view)
            times.append(time.perf_counter() - started)
        (args.out / f"{name}.{ext}").write_bytes(data)
        p50 = statistics.median(times)
        warm_png = p50 if name == "png-slide" else warm_png
        print(f"{name:12} {cold:8.2f} {p50:11.2f} {max(times):11.2f} {len(data):9d}")
    RENDERER.stop()
    verdict = "ok" if warm_png <= TARGET_WARM_PNG_S else "OVER TARGET"
    print(f"warm PNG {warm_png:.2f} s (target ≤ {TARGET_WARM_PNG_S} s): {verdict}")
    print(f"files in {args.out}")


if __name__ == "__main__":
    main()
