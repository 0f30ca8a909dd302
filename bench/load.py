"""Filter changes under load: the app and the tutorial-style baseline under gunicorn → figures.

Starts each app with the production `gunicorn.conf.py` on a loopback port (the same
workers and threads for both), then N client threads (keep-alive http.client, sending
``Accept-Encoding: gzip`` like a browser) replay the map callback's request
(``POST /_dash-update-component``) for a bounded time, cycling through filter values:

- app: the ``view-state`` of each metric of the default dataset, with ``map-drawn`` set as
  a page that already shows the map sends it (the answer is a Patch, not a figure);
- baseline: the dropdown value of each metric (the answer is the whole figure).

Prints requests/s, latency p50/p95/p99, errors and bytes per filter change (as sent, and
decoded), then the app/baseline ratios against the targets. Measures and prints; the
exit status is 0 even when a target is missed.

    .venv/bin/python bench/load.py                       # both, 8 clients, 15 s each
    .venv/bin/python bench/load.py --only app --clients 16 --duration 30
"""

from __future__ import annotations

import argparse
import atexit
import gzip
import http.client
import json
import os
import platform
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = REPO_ROOT / "bench"
GUNICORN_CONF = REPO_ROOT / "gunicorn.conf.py"
CALLBACK_PATH = "/_dash-update-component"
HEADERS = {"Content-Type": "application/json", "Accept-Encoding": "gzip"}
TARGETS = {"rps": 500.0, "p95_ms": 50.0, "rps_ratio": 20.0, "bytes_ratio": 1 / 100}

sys.path.insert(0, str(REPO_ROOT))


class BenchError(RuntimeError):
    """A server could not be started or answered nonsense; the message says what to check."""


# ---------------------------------------------------------------- servers


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def built_data_dir() -> Path:
    """A fresh database in a temp folder (deleted at exit), built the way the README says."""
    folder = Path(tempfile.mkdtemp(prefix="atlas-bench-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    done = subprocess.run([sys.executable, "-m", "atlas", "build"], cwd=REPO_ROOT,
                          env={**os.environ, "ATLAS_DATA_DIR": str(folder)},
                          capture_output=True, text=True)  # fmt: skip
    if done.returncode != 0:
        raise BenchError(f"`python -m atlas build` failed:\n{done.stdout}{done.stderr}")
    return folder


@dataclass
class Server:
    """A gunicorn master serving one app on a loopback port."""

    proc: subprocess.Popen
    port: int
    log: Path
    started: float  # time.monotonic() at Popen
    ready: float = 0.0  # first 200 on the ready path

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        self.log.unlink(missing_ok=True)  # kept only when start-up fails (BenchError names it)

    def worker_pids(self) -> list[int]:
        path = Path(f"/proc/{self.proc.pid}/task/{self.proc.pid}/children")
        return [int(p) for p in path.read_text().split()] if path.exists() else []


def start_gunicorn(app: str, chdir: Path, data_dir: Path, *, workers: int = 2, threads: int = 4,
                   ready_path: str = "/healthz", timeout: float = 60) -> Server:  # fmt: skip
    """gunicorn (production config) serving `app`; returns once `ready_path` answers 200."""
    port = free_port()
    env = {**os.environ, "ATLAS_DATA_DIR": str(data_dir), "ATLAS_BIND": f"127.0.0.1:{port}",
           "ATLAS_WORKERS": str(workers), "ATLAS_THREADS": str(threads),
           "ATLAS_LOG_LEVEL": "warning"}  # fmt: skip
    log = Path(tempfile.mkstemp(prefix="atlas-bench-gunicorn-", suffix=".log")[1])
    command = [sys.executable, "-m", "gunicorn", "-c", str(GUNICORN_CONF),
               "--access-logfile", "/dev/null", app]  # fmt: skip
    with log.open("wb") as out:
        proc = subprocess.Popen(command, cwd=chdir, env=env, stdout=out, stderr=subprocess.STDOUT)
    server = Server(proc, port, log, time.monotonic())
    deadline = server.started + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise BenchError(f"gunicorn {app} exited with {proc.returncode}:\n{log.read_text()}")
        try:
            status, _, _ = request(port, "GET", ready_path, timeout=2)
            if status == 200:
                server.ready = time.monotonic()
                return server
        except OSError:
            pass
        time.sleep(0.05)
    proc.kill()
    raise BenchError(f"{app} did not answer {ready_path} within {timeout:.0f} s; see {log}")


def request(port: int, method: str, path: str, body: bytes | None = None,
            timeout: float = 30) -> tuple[int, bytes, str]:  # fmt: skip
    """(status, body as sent, Content-Encoding) of one request on a new connection."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request(method, path, body=body, headers=HEADERS)
        response = conn.getresponse()
        return response.status, response.read(), response.getheader("Content-Encoding", "")
    finally:
        conn.close()


def decoded(data: bytes, encoding: str) -> bytes:
    return gzip.decompress(data) if encoding == "gzip" else data


# ---------------------------------------------------------------- callback requests


def callback_spec(port: int, output: str) -> dict:
    """The callback (from `/_dash-dependencies`) whose outputs include `output`."""
    request(port, "GET", "/")  # Dash Pages registers its routing callback on the first page
    status, data, encoding = request(port, "GET", "/_dash-dependencies")
    if status != 200:
        raise BenchError(f"/_dash-dependencies answered {status}")
    for spec in json.loads(decoded(data, encoding)):
        if output in spec["output"].strip(".").split("..."):
            return spec
    raise BenchError(f"no callback outputs {output}")


def callback_body(spec: dict, inputs: dict[str, object], state: dict[str, object]) -> bytes:
    """A `_dash-update-component` request as the renderer sends it for a change of `inputs`."""

    def props(items: list[dict], values: dict[str, object]) -> list[dict]:
        return [{"id": i["id"], "property": i["property"],
                 "value": values[f"{i['id']}.{i['property']}"]} for i in items]  # fmt: skip

    outputs = [dict(zip(("id", "property"), o.split("."), strict=True))
               for o in spec["output"].strip(".").split("...")]  # fmt: skip
    if not spec["output"].startswith(".."):  # a single-output callback sends one object
        outputs = outputs[0]
    return json.dumps({
        "output": spec["output"], "outputs": outputs,
        "inputs": props(spec["inputs"], inputs), "state": props(spec["state"], state),
        "changedPropIds": list(inputs),
    }).encode()  # fmt: skip


def app_filter_changes(port: int, data_dir: Path) -> list[bytes]:
    """One map request per metric of the default dataset, as a page showing the map sends it."""
    from atlas.store import Reader
    from atlas.viewstate import ViewState, state_to_dict
    from queries import catalog

    with Reader(data_dir).cursor() as cur:
        dataset = catalog.default_dataset(cur)
        metrics = catalog.available_metrics(cur, dataset, "region")
    spec = callback_spec(port, "map.figure")
    states = [state_to_dict(ViewState(dataset=dataset, metric=m)) for m in metrics]
    first = callback_body(spec, {"view-state.data": states[0]}, {"map-drawn.data": None})
    status, data, encoding = request(port, "POST", CALLBACK_PATH, first)
    if status != 200:
        raise BenchError(f"the app's map callback answered {status}: {data[:300]!r}")
    drawn = json.loads(decoded(data, encoding))["response"]["map-drawn"]["data"]
    return [callback_body(spec, {"view-state.data": s}, {"map-drawn.data": drawn})
            for s in states]  # fmt: skip


def baseline_filter_changes(port: int) -> list[bytes]:
    sys.path.insert(0, str(BENCH_DIR))
    from baseline_app import METRICS

    spec = callback_spec(port, "map.figure")
    return [callback_body(spec, {"metric.value": m}, {}) for m in METRICS]


# ---------------------------------------------------------------- load


@dataclass
class Sample:
    started: float
    seconds: float
    status: int  # 0 = no answer (connection error, timeout)
    wire: int
    body: bytes = b""
    encoding: str = ""


@dataclass
class Run:
    """Every sample of one load run."""

    name: str
    clients: int
    seconds: float
    samples: list[Sample] = field(default_factory=list)

    @property
    def ok(self) -> list[Sample]:
        return [s for s in self.samples if s.status == 200]

    @property
    def errors(self) -> int:
        return len(self.samples) - len(self.ok)

    def rps(self) -> float:
        return len(self.ok) / self.seconds

    def latency_ms(self, q: float) -> float:
        times = sorted(s.seconds for s in self.ok)
        return 1000 * times[min(len(times) - 1, int(q * len(times)))] if times else float("nan")

    def wire_bytes(self) -> float:
        ok = self.ok
        return sum(s.wire for s in ok) / len(ok) if ok else float("nan")

    def decoded_bytes(self) -> float:
        ok = [s for s in self.ok if s.body]
        return sum(len(decoded(s.body, s.encoding)) for s in ok) / len(ok) if ok else float("nan")


def _client(port: int, bodies: list[bytes], offset: int, stop: threading.Event, out: list[Sample],
            keep_body: Callable[[int], bool]) -> None:  # fmt: skip
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    i = offset
    while not stop.is_set():
        body = bodies[i % len(bodies)]
        started = time.monotonic()
        try:
            conn.request("POST", CALLBACK_PATH, body=body, headers=HEADERS)
            response = conn.getresponse()
            data = response.read()
            sample = Sample(started, time.monotonic() - started, response.status, len(data))
            if keep_body(i):
                sample.body, sample.encoding = data, response.getheader("Content-Encoding", "")
        except (OSError, http.client.HTTPException):
            sample = Sample(started, time.monotonic() - started, 0, 0)
            conn.close()
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        out.append(sample)
        i += 1
    conn.close()


def run_load(name: str, port: int, bodies: list[bytes], *, clients: int, seconds: float,
             warmup: float = 2.0, keep_every: int = 50,
             during: Callable[[], None] | None = None) -> Run:  # fmt: skip
    """`clients` threads replaying `bodies` for `seconds` (after `warmup`); `during` runs
    in the calling thread while they do, and the run lasts at least until it returns."""
    if warmup:
        run_load(name, port, bodies, clients=clients, seconds=warmup, warmup=0, keep_every=0)
    stop = threading.Event()
    per_client: list[list[Sample]] = [[] for _ in range(clients)]
    keep = (lambda i: i % keep_every == 0) if keep_every else (lambda i: False)
    threads = [threading.Thread(target=_client, args=(port, bodies, n, stop, per_client[n], keep))
               for n in range(clients)]  # fmt: skip
    started = time.monotonic()
    for th in threads:
        th.start()
    if during is not None:
        during()
    time.sleep(max(0.0, seconds - (time.monotonic() - started)))
    stop.set()
    for th in threads:
        th.join(timeout=60)
    elapsed = time.monotonic() - started
    return Run(name, clients, elapsed, [s for samples in per_client for s in samples])


# ---------------------------------------------------------------- printing


def versions() -> dict[str, str]:
    from importlib.metadata import version

    names = ("dash", "plotly", "duckdb", "flask", "gunicorn", "pandas")
    return {"python": platform.python_version(), **{n: version(n) for n in names}}


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text()
                .splitlines() if line.startswith("model name")), "?")  # fmt: skip
    mem = int(Path("/proc/meminfo").read_text().split()[1]) / 2**20
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    return (f"{os.cpu_count()} cores ({cpu}), {mem:.0f} GiB, {platform.platform()}; "
            f"load average before the run {load}")  # fmt: skip


def print_runs(runs: list[Run]) -> None:
    print(f"\n{'':10} {'clients':>7} {'requests':>9} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} "
          f"{'p99 ms':>8} {'errors':>6} {'wire B':>9} {'decoded B':>10}")  # fmt: skip
    for r in runs:
        print(f"{r.name:10} {r.clients:>7} {len(r.samples):>9} {r.rps():>8.1f} "
              f"{r.latency_ms(0.50):>8.1f} {r.latency_ms(0.95):>8.1f} {r.latency_ms(0.99):>8.1f} "
              f"{r.errors:>6} {r.wire_bytes():>9,.0f} {r.decoded_bytes():>10,.0f}")  # fmt: skip


def print_verdict(app: Run, baseline: Run | None) -> None:
    def check(ok: bool) -> str:
        return "ok  " if ok else "MISS"

    print("\ntargets (app):")
    print(f"  {check(app.rps() >= TARGETS['rps'])} req/s {app.rps():.0f} ≥ {TARGETS['rps']:.0f}")
    p95 = app.latency_ms(0.95)
    print(f"  {check(p95 <= TARGETS['p95_ms'])} p95 {p95:.1f} ms ≤ {TARGETS['p95_ms']:.0f} ms")
    print(f"  {check(app.errors == 0)} errors {app.errors} = 0")
    if baseline is None or not baseline.ok:
        return
    rps_ratio = app.rps() / baseline.rps()
    wire_ratio = app.wire_bytes() / baseline.wire_bytes()
    decoded_ratio = app.decoded_bytes() / baseline.decoded_bytes()
    print(f"  {check(rps_ratio >= TARGETS['rps_ratio'])} req/s app/baseline {rps_ratio:.1f}× "
          f"≥ {TARGETS['rps_ratio']:.0f}×")  # fmt: skip
    print(f"  {check(wire_ratio <= TARGETS['bytes_ratio'])} bytes/change app/baseline as sent "
          f"1/{1 / wire_ratio:.0f} ≤ 1/100")  # fmt: skip
    print(f"  {check(decoded_ratio <= TARGETS['bytes_ratio'])} bytes/change app/baseline decoded "
          f"1/{1 / decoded_ratio:.0f} ≤ 1/100")  # fmt: skip


# ---------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--only", choices=("app", "baseline"), help="measure one side only")
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--duration", type=float, default=15.0, help="seconds per app (≤ 120)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    args = parser.parse_args(argv)
    seconds = min(args.duration, 120.0)  # bounded: this is loopback traffic on a shared machine

    data_dir = Path(os.environ["ATLAS_DATA_DIR"]) if os.environ.get("ATLAS_DATA_DIR") else None
    data_dir = data_dir or built_data_dir()
    print(f"machine: {machine()}\nversions: {versions()}\ndata: {data_dir}")
    print(f"gunicorn: {args.workers} workers × {args.threads} threads (gthread), "
          f"{args.clients} clients, {seconds:.0f} s per app after 2 s warm-up")  # fmt: skip
    runs: dict[str, Run] = {}
    if args.only in (None, "app"):
        server = start_gunicorn("app:server", REPO_ROOT, data_dir, workers=args.workers,
                                threads=args.threads)  # fmt: skip
        try:
            bodies = app_filter_changes(server.port, data_dir)
            runs["app"] = run_load("app", server.port, bodies, clients=args.clients,
                                   seconds=seconds)  # fmt: skip
        finally:
            server.stop()
    if args.only in (None, "baseline"):
        server = start_gunicorn("baseline_app:server", BENCH_DIR, data_dir, workers=args.workers,
                                threads=args.threads, ready_path="/")  # fmt: skip
        try:
            bodies = baseline_filter_changes(server.port)
            runs["baseline"] = run_load("baseline", server.port, bodies, clients=args.clients,
                                        seconds=seconds, keep_every=1)  # fmt: skip
        finally:
            server.stop()
    print_runs(list(runs.values()))
    if "app" in runs:
        print_verdict(runs["app"], runs.get("baseline"))
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BenchError as exc:
        print(f"load: {exc}", file=sys.stderr)
        sys.exit(1)
