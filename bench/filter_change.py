"""Server time and response bytes of one filter change (controls → state → map Patch).

Runs the real Dash app in-process (Flask test client) on a database folder and replays a
metric/level/year change through both callbacks a filter change triggers. Prints p50/p95
server time per callback and the bytes each response carries (raw and gzip). Set
ATLAS_RESPONSE_CACHE=0 to measure the work itself rather than repeats from the cache.

    .venv/bin/python bench/filter_change.py [--data-dir DIR] [--rounds 300]
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _ensure_data(data_dir: str | None) -> str:
    if data_dir:
        return data_dir
    folder = tempfile.mkdtemp(prefix="atlas-bench-")
    env = {**os.environ, "ATLAS_DATA_DIR": folder}
    subprocess.run([sys.executable, "-m", "atlas", "build"], cwd=ROOT, env=env, check=True,
                   stdout=subprocess.DEVNULL)  # fmt: skip
    return folder


def _payload(app, name: str, values: dict[str, object], changed: str) -> dict:
    key, spec = next((k, v) for k, v in app.callback_map.items()
                     if getattr(v.get("callback"), "__name__", "") == name)  # fmt: skip
    outputs = [{"id": p.split(".")[0], "property": p.split(".")[1]}
               for p in key.strip(".").split("...")]  # fmt: skip

    def fill(items):
        return [{**i, "value": values.get(f"{i['id']}.{i['property']}")} for i in items]

    return {"output": key, "outputs": outputs, "inputs": fill(spec["inputs"]),
            "state": fill(spec["state"]), "changedPropIds": [changed]}  # fmt: skip


def _percentile(data: list[float], q: float) -> float:
    return statistics.quantiles(data, n=100)[int(q) - 1] if len(data) > 1 else data[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data-dir")
    parser.add_argument("--rounds", type=int, default=300)
    args = parser.parse_args()
    os.environ["ATLAS_DATA_DIR"] = _ensure_data(args.data_dir)
    sys.path.insert(0, str(ROOT))
    import app as atlas_app
    from atlas.viewstate import ViewState, state_to_dict

    client = atlas_app.server.test_client()
    client.get("/")
    metrics = ["clusters", "cluster_participants"]
    drawn: dict[str, str] = {}  # level → the key the page holds after its first full draw
    with_data = ViewState(level="fd", metric="creation_coef")
    times: dict[str, list[float]] = {"interpret_controls": [], "draw_map": []}
    sizes: dict[str, tuple[int, int]] = {}
    for i in range(args.rounds):
        metric = metrics[i % 2] if i % 3 else with_data.metric
        level = "region" if metric != "creation_coef" else "fd"
        state = state_to_dict(ViewState(level=level, metric=metric))
        controls = {"level.value": level, "metric.value": metric, "dataset.value": "hse-2025",
                    "industries.value": [], "method.value": "hse", "toggles.value": [],
                    "year.value": 2024, "lang-toggle.n_clicks": 0, "back.n_clicks": 0,
                    "view-state.data": state}  # fmt: skip
        if level not in drawn:  # the page's first load: a full figure, then Patches
            first = _payload(atlas_app.app, "draw_map", controls, "view-state.data")
            answer = client.post("/_dash-update-component", json=first).get_json()
            drawn[level] = answer["response"]["map-drawn"]["data"]
        for name, changed, extra in (
            ("interpret_controls", "metric.value", {}),
            ("draw_map", "view-state.data", {"map-drawn.data": drawn[level]}),
        ):
            body = _payload(atlas_app.app, name, {**controls, **extra}, changed)
            start = time.perf_counter()
            response = client.post("/_dash-update-component", json=body)
            times[name].append((time.perf_counter() - start) * 1000)
            assert response.status_code in (200, 204), response.data[:300]
            raw = response.get_data()
            sizes[name] = (len(raw), len(gzip.compress(raw)))
    print(f"filter change, {args.rounds} rounds, data {os.environ['ATLAS_DATA_DIR']}")
    print(f"{'callback':22} {'p50 ms':>8} {'p95 ms':>8} {'bytes':>8} {'gzip':>8}")
    for name, values in times.items():
        raw, gz = sizes[name]
        print(f"{name:22} {statistics.median(values):8.2f} {_percentile(values, 95):8.2f} "
              f"{raw:8d} {gz:8d}")  # fmt: skip
    total = [a + b for a, b in zip(*times.values(), strict=True)]
    print(f"{'both (one change)':22} {statistics.median(total):8.2f} "
          f"{_percentile(total, 95):8.2f} {sum(s[0] for s in sizes.values()):8d} "
          f"{sum(s[1] for s in sizes.values()):8d}")  # fmt: skip
    json.dumps(times)  # keep the numbers JSON-serialisable for RESULTS.md tooling


if __name__ == "__main__":
    main()
