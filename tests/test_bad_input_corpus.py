"""Hostile and broken inputs → a clear error or a safe default, and the data answers as before.

Two doors take outside input: the importer (`etl.importer.import_file`, i.e.
``python -m atlas import FILE``) and the URL query string (`atlas.viewstate.parse_query`,
reached over HTTP through the map page). Each case here is one hostile or broken input;
`tests/data/bad/README.md` lists them with their expected outcomes. Small files are
committed in `tests/data/bad/`; large or binary ones (a 200 MB line, a formula XLSX,
truncated XLSX/Parquet, file names with traversal or invisible characters) are made at
test time. After every case, the data that was there answers exactly as before.
"""

from __future__ import annotations

import csv
import http.client
import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from html import escape
from pathlib import Path
from urllib.parse import quote

import openpyxl
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from atlas.settings import REPO_ROOT
from atlas.store import Reader, resolve_current
from etl.importer import (
    FileFormatError,
    HeaderError,
    ImportFailed,
    ImportRefused,
    UnsafeNameError,
    check_file,
    import_file,
)
from tests.helpers import build_db

BAD = Path(__file__).parent / "data" / "bad"
HEADER = "ИНН,Наименование,Регион,Основной ОКВЭД,Индустрия,Дата регистрации,Дата ликвидации\n"
GOOD_ROW = "7700000001,ООО Код,г. Москва,62.01,,2017-03-10,\n"

# ---------------------------------------------------------------- expected outcomes


@dataclass(frozen=True)
class Rejected:
    """The file is refused; its report names this row, field and one of these codes."""

    row: int
    field: str
    codes: tuple[str, ...]


@dataclass(frozen=True)
class Fails:
    """The import stops with this error, whose message contains each of `words`."""

    error: type[ImportFailed]
    words: tuple[str, ...] = ()


@dataclass(frozen=True)
class Accepted:
    """The file is imported (what is hostile in it is never stored or is reported apart)."""

    outside: int = 0
    not_creative: int = 0


IMPORT_CASES: dict[str, Rejected | Fails | Accepted] = {
    "koi8r_encoding.csv": Fails(HeaderError, ("region", "Its columns are")),
    "invalid_utf8_bytes.csv": Fails(HeaderError, ("region", "Its columns are")),
    "utf16_without_bom.csv": Fails(HeaderError, ("region",)),
    "png_named_csv.csv": Fails(HeaderError, ("region",)),
    "old_excel.xls": Fails(FileFormatError, ("old_excel.xls", ".xlsx")),
    "empty.csv": Fails(FileFormatError, ("empty.csv", "empty")),
    "header_only.csv": Fails(ImportRefused, ("no row",)),
    "missing_region_column.csv": Fails(HeaderError, ("region", "Its columns are")),
    "duplicated_region_column.csv": Fails(HeaderError, ("Регион", "region", "--mapping")),
    "unterminated_quote.csv": Rejected(3, "region", ("missing_value",)),
    "too_many_cells.csv": Rejected(3, "", ("bad_row",)),
    "missing_region_value.csv": Rejected(3, "region", ("missing_value",)),
    "unknown_region.csv": Rejected(3, "region", ("unknown_region",)),
    "ambiguous_region.csv": Rejected(3, "region", ("ambiguous_region",)),
    "composite_total_region.csv": Rejected(3, "region", ("composite_total",)),
    "future_registration.csv": Rejected(3, "registered", ("future_date",)),
    "registered_before_1991.csv": Rejected(3, "registered", ("date_before_1991",)),
    "impossible_date.csv": Rejected(3, "registered", ("bad_date",)),
    "liquidated_before_registered.csv": Rejected(
        3, "liquidated", ("liquidation_before_registration",)
    ),
    "duplicate_id_conflict.csv": Rejected(3, "id", ("duplicate_conflict",)),
    # issue 11: scope is not rejection; the agricultural row is counted, not creative
    "not_creative_okved.csv": Accepted(not_creative=1),
    "unknown_industry.csv": Rejected(3, "industry", ("unknown_industry",)),
    "csv_injection_names.csv": Rejected(5, "region", ("unknown_region",)),
    "counts_negative.csv": Rejected(2, "created", ("bad_count",)),
    "counts_not_a_number.csv": Rejected(2, "created", ("bad_count",)),
    "counts_fraction.csv": Rejected(2, "created", ("bad_count",)),
    "counts_bad_year.csv": Rejected(3, "year", ("bad_year",)),
    "counts_duplicate_conflict.csv": Rejected(3, "region", ("duplicate_conflict",)),
    "counts_inconsistent.csv": Rejected(2, "active_end", ("inconsistent_counts",)),
    "outside_territory.csv": Accepted(outside=1),
}


# ---------------------------------------------------------------- the store and its answers


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("bad-input-store")
    build_db(folder)
    return folder


def answers(data_dir: Path) -> dict[str, object]:
    """What the data that existed before any import says: the published dataset's values,
    the regions, the documents and the default dataset."""
    with Reader(data_dir).cursor() as cur:
        default = cur.execute("SELECT value FROM meta WHERE key = 'default_dataset'").fetchone()
        return {
            "default": default[0],
            "observations": cur.execute(
                "SELECT * FROM observations WHERE dataset_id = ? ORDER BY ALL", [default[0]]
            ).fetchall(),
            "regions": cur.execute("SELECT * FROM regions ORDER BY ALL").fetchall(),
            "documents": cur.execute("SELECT * FROM documents ORDER BY ALL").fetchall(),
            "moscow": cur.execute(
                "SELECT metric, year, value FROM observations "
                "WHERE geo = 'RU-MOW' AND dataset_id = ? ORDER BY ALL",
                [default[0]],
            ).fetchall(),
        }


def run_import(path: Path, store: Path, expected: Rejected | Fails | Accepted, **options) -> None:
    """Import `path` into `store`, check the outcome, and check nothing else changed."""
    version = resolve_current(store)
    before = answers(store)
    try:
        outcome: object = import_file(path, data_dir=store, max_reject_share=0.0, **options)
    except ImportFailed as exc:
        outcome = exc
    if isinstance(expected, Rejected):
        assert isinstance(outcome, ImportRefused), outcome
        tb = outcome.report.rejections
        hit = tb[(tb["row"] == expected.row) & (tb["field"] == expected.field)]
        assert len(hit), f"row {expected.row} field {expected.field!r} not in\n{tb.to_string()}"
        assert set(hit["code"]) & set(expected.codes), hit.to_string()
        assert set(tb["file"]) == {path.name}  # every line names the file
        assert hit["reason"].str.len().min() > 10  # and says why
    elif isinstance(expected, Fails):
        assert isinstance(outcome, expected.error), outcome
        for word in expected.words:
            assert word in str(outcome), f"{word!r} not in {outcome}"
    else:
        assert not isinstance(outcome, BaseException), outcome
        assert len(outcome.outside) == expected.outside
        assert outcome.rows_not_creative == expected.not_creative
    if not isinstance(expected, Accepted):
        assert resolve_current(store) == version  # refused: not even a new version
    assert answers(store) == before


@pytest.mark.parametrize("name", sorted(IMPORT_CASES))
def test_committed_import_case(name: str, store: Path) -> None:
    run_import(BAD / name, store, IMPORT_CASES[name])


def test_every_committed_file_has_a_case_and_a_readme_line() -> None:
    files = {p.name for p in BAD.iterdir() if p.name != "README.md"}
    assert files == set(IMPORT_CASES)
    readme = (BAD / "README.md").read_text(encoding="utf-8")
    assert all(f"`{name}`" in readme for name in files)


# ---------------------------------------------------------------- generated import cases


def _formula_xlsx(path: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(HEADER.strip().split(","))
    ws.append([*GOOD_ROW.strip().split(","), None])
    ws.append(["7700000002", "ООО Формула", "г. Москва", "62.01", None, "=DATE(2020,1,1)", None])
    wb.save(path)
    return path


def test_xlsx_formula_is_rejected_not_evaluated(tmp_path: Path, store: Path) -> None:
    path = _formula_xlsx(tmp_path / "formula.xlsx")
    run_import(path, store, Rejected(3, "registered", ("formula_cell",)))


def test_truncated_xlsx(tmp_path: Path, store: Path) -> None:
    whole = _formula_xlsx(tmp_path / "whole.xlsx").read_bytes()
    path = tmp_path / "truncated.xlsx"
    path.write_bytes(whole[: len(whole) // 2])
    run_import(path, store, Fails(FileFormatError, ("truncated.xlsx",)))


def test_truncated_parquet(tmp_path: Path, store: Path) -> None:
    table = pa.table({"ИНН": ["1"], "Регион": ["г. Москва"], "Основной ОКВЭД": ["62.01"],
                      "Дата регистрации": ["2020-01-01"]})  # fmt: skip
    pq.write_table(table, tmp_path / "whole.parquet")
    whole = (tmp_path / "whole.parquet").read_bytes()
    path = tmp_path / "truncated.parquet"
    path.write_bytes(whole[: len(whole) // 2])
    run_import(path, store, Fails(FileFormatError, ("truncated.parquet", "Parquet")))


def test_200_mb_line(tmp_path: Path, store: Path) -> None:
    path = tmp_path / "huge_line.csv"
    with path.open("w", encoding="utf-8") as out:
        out.write(HEADER + GOOD_ROW + "7700000002,")
        chunk = "A" * 1_000_000
        for _ in range(200):
            out.write(chunk)
        out.write(",г. Москва,62.01,,2018-01-01,\n")
    assert path.stat().st_size > 200_000_000
    run_import(path, store, Fails(FileFormatError, ("huge_line.csv", "row 2", "field larger")))


@pytest.mark.parametrize(
    "name", ["..\\..\\evil.csv", "evil\u202egpj.csv", "new\nline.csv", "tab\tname.csv"]
)
def test_unsafe_file_names_are_refused(tmp_path: Path, store: Path, name: str) -> None:
    path = tmp_path / name
    path.write_text(HEADER + GOOD_ROW, encoding="utf-8")
    run_import(path, store, Fails(UnsafeNameError, ("name",)))


def test_traversal_in_the_path_keeps_only_the_base_name(tmp_path: Path, store: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "orgs.csv").write_text(HEADER + GOOD_ROW, encoding="utf-8")
    report = check_file(tmp_path / "sub" / ".." / "orgs.csv", dataset_id="traversal")
    assert report.report.file_name == "orgs.csv"
    assert set(report.observations["source_file"]) == {"orgs.csv"}


@pytest.mark.parametrize("dataset_id", ["../../etc", "a/b", "<script>", "x" * 100, "Ab"])
def test_unsafe_dataset_ids_are_refused(tmp_path: Path, store: Path, dataset_id: str) -> None:
    path = tmp_path / "orgs.csv"
    path.write_text(HEADER + GOOD_ROW, encoding="utf-8")
    run_import(path, store, Fails(UnsafeNameError, ("dataset id",)), dataset_id=dataset_id)


@pytest.mark.parametrize(
    "name", [n for n, case in IMPORT_CASES.items() if getattr(case, "error", None) is HeaderError]
)
def test_header_errors_name_the_file(name: str) -> None:
    with pytest.raises(HeaderError) as info:
        check_file(BAD / name, dataset_id="x")
    assert name in str(info.value)


def test_report_csv_neutralises_formulas(tmp_path: Path) -> None:
    report = check_file(BAD / "csv_injection_names.csv", dataset_id="x",
                        max_reject_share=1.0).report  # fmt: skip
    with report.to_csv(tmp_path / "report.csv").open(encoding="utf-8", newline="") as handle:
        cells = [cell for row in csv.reader(handle) for cell in row]
    assert any("=1+2" in c for c in cells)  # the rejected value is reported…
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@")]  # …but never as a formula


# ---------------------------------------------------------------- URL parameters


@dataclass(frozen=True)
class UrlCase:
    """A query string (without '?'), the hostile text that must never come back, and
    whether the page must show a notice."""

    query: str
    payload: str = ""
    notice: bool = True


SCRIPT = "<script>alert(1)</script>"
URL_CASES: dict[str, UrlCase] = {
    "script_in_metric": UrlCase("metric=" + quote(SCRIPT), SCRIPT),
    "attribute_breakout_in_selected": UrlCase(
        "selected=" + quote('RU-MOW"><img src=x onerror=alert(1)>'), "<img src=x onerror"
    ),
    "script_in_unknown_name": UrlCase(quote(SCRIPT) + "=1", SCRIPT),
    "javascript_url_in_lang": UrlCase("lang=" + quote("javascript:alert(1)"), "javascript:"),
    "sql_in_year": UrlCase("year=" + quote("2019' OR 1=1--"), "OR 1=1"),
    "year_before_1991": UrlCase("year=1990"),
    "year_in_the_future": UrlCase("year=2099"),
    "negative_year": UrlCase("year=-1"),
    "huge_year": UrlCase("year=" + "9" * 40),
    "fullwidth_digits_year": UrlCase("year=" + quote("２０２４")),
    "path_traversal_in_level": UrlCase("level=" + quote("../../etc/passwd"), "../../etc/passwd"),
    "null_byte": UrlCase("metric=clusters%00" + quote(SCRIPT), SCRIPT),
    "broken_percent_encoding": UrlCase("metric=%E0%A4%A&dataset=%ZZ"),
    "crlf_header_injection": UrlCase("dataset=x%0d%0aSet-Cookie:%20pwned=1", "pwned"),
    "rtl_override": UrlCase("metric=" + quote("\u202eclusters"), "\u202e"),
    "bad_boolean": UrlCase("fixed_breaks=yes&clusters_layer=" + quote(SCRIPT), SCRIPT),
    "too_many_industries": UrlCase("industries=" + ",".join(["x"] * 300)),
    "too_many_compare": UrlCase("compare=" + ",".join(["RU-MOW", "RU-SPE"] * 20)),
    "duplicated_parameter": UrlCase("metric=clusters&metric=" + quote(SCRIPT), SCRIPT),
    "longer_than_2000": UrlCase("metric=" + "x" * 2500),
    "valid_link_has_no_notice": UrlCase("metric=clusters&level=fd", notice=False),
}
TOO_MANY_FIELDS = "&".join(f"p{i}=1" for i in range(60))


@pytest.fixture(scope="module")
def choices_cur(data_dir: Path):
    from queries.views import choices

    with Reader(data_dir).cursor() as cur:
        yield choices(cur), cur


def _check_parse(query: str, case: UrlCase, choices) -> None:
    from atlas.viewstate import LANGS, LEVELS, METHODS, ViewState, parse_query

    state, notices = parse_query(query, choices)
    assert isinstance(state, ViewState)
    assert state.lang in LANGS and state.level in LEVELS and state.method in METHODS
    assert state.metric in choices.metrics and state.dataset in choices.datasets
    assert set(state.industries) <= set(choices.industries)
    assert set(state.compare) <= set(choices.regions) and len(state.compare) <= 10
    assert bool(notices) == case.notice, notices
    if case.payload:
        assert not any(case.payload in n for n in notices), notices


@pytest.mark.parametrize("name", sorted(URL_CASES))
def test_parse_query_gives_a_valid_state_and_notices(name: str, choices_cur) -> None:
    _check_parse(URL_CASES[name].query, URL_CASES[name], choices_cur[0])


def test_parse_query_with_too_many_fields(choices_cur) -> None:
    _check_parse(TOO_MANY_FIELDS, UrlCase(TOO_MANY_FIELDS), choices_cur[0])


# ---------------------------------------------------------------- the same over HTTP


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _http(port: int, method: str, path: str, body: bytes | None = None) -> tuple[int, str]:
    status, text, _ = _http_with_headers(port, method, path, body)
    return status, text


def _http_with_headers(port: int, method: str, path: str,
                       body: bytes | None = None) -> tuple[int, str, str]:  # fmt: skip
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request(method, path, body=body, headers={"Content-Type": "application/json"})
        response = conn.getresponse()
        headers = "\n".join(f"{k}: {v}" for k, v in response.getheaders())
        return response.status, response.read().decode("utf-8", "replace"), headers
    finally:
        conn.close()


@pytest.fixture(scope="module")
def served(data_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[int]:
    """gunicorn with the production config (its request-line limit included)."""
    port = _free_port()
    env = {**os.environ, "ATLAS_DATA_DIR": str(data_dir), "ATLAS_BIND": f"127.0.0.1:{port}",
           "ATLAS_WORKERS": "1", "ATLAS_THREADS": "2", "ATLAS_LOG_LEVEL": "warning"}  # fmt: skip
    log_path = tmp_path_factory.mktemp("bad-input-http") / "gunicorn.log"
    with log_path.open("wb") as log:
        proc = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "app:server", "--access-logfile", "/dev/null"],
            cwd=REPO_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
        )  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        while True:
            assert proc.poll() is None, log_path.read_text()
            assert time.monotonic() < deadline, "gunicorn did not answer /healthz in 60 s"
            try:
                if _http(port, "GET", "/healthz")[0] == 200:
                    break
            except OSError:
                time.sleep(0.2)
        yield port
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def _callback(port: int, output: str, inputs: dict[str, object]) -> tuple[int, str]:
    """POST one callback the way the renderer does; specs come from /_dash-dependencies."""
    deps = json.loads(_http(port, "GET", "/_dash-dependencies")[1])
    spec = next(d for d in deps if output in d["output"].strip(".").split("..."))
    outputs = [dict(zip(("id", "property"), o.split("."), strict=True))
               for o in spec["output"].strip(".").split("...")]  # fmt: skip

    def props(items: list[dict]) -> list[dict]:
        return [{**i, "value": inputs.get(f"{i['id']}.{i['property']}")} for i in items]

    body = {"output": spec["output"], "outputs": outputs, "inputs": props(spec["inputs"]),
            "state": props(spec["state"]), "changedPropIds": list(inputs)}  # fmt: skip
    return _http(port, "POST", "/_dash-update-component", json.dumps(body).encode())


def _page_for(port: int, query: str) -> tuple[int, str]:
    """The layout Dash Pages sends for `/?query` (where the notices are)."""
    _http(port, "GET", "/")  # Pages registers its routing callback on the first page
    search = {"_pages_location.pathname": "/", "_pages_location.search": "?" + query}
    return _callback(port, "_pages_content.children", search)


def _notices(layout: object) -> list[object] | None:
    """The children of the `notices` element anywhere in a component tree."""
    if isinstance(layout, dict):
        if layout.get("props", {}).get("id") == "notices":
            return layout["props"].get("children") or []
        return next((n for v in layout.values() if (n := _notices(v)) is not None), None)
    if isinstance(layout, list):
        return next((n for v in layout if (n := _notices(v)) is not None), None)
    return None


def _served_answers(port: int) -> tuple[int, str, str]:
    from atlas.viewstate import ViewState, state_to_dict

    status, health = _http(port, "GET", "/healthz")
    _, drawn = _callback(port, "map.figure", {"view-state.data": state_to_dict(ViewState())})
    return status, json.loads(health)["data_version"], drawn


def _check_http(port: int, query: str, case: UrlCase) -> None:
    before = _served_answers(port)
    status, html, headers = _http_with_headers(port, "GET", "/?" + query)
    assert status == 200, (status, html[:300])
    assert "pwned" not in headers and "Set-Cookie" not in headers
    if case.payload and escape(case.payload) != case.payload:
        # Dash echoes the URL in <meta> tags: escaped, so no markup comes back as markup.
        assert case.payload not in html
    status, text = _page_for(port, query)
    assert status == 200, (status, text[:300])
    layout = json.loads(text)["response"]["_pages_content"]["children"]
    assert bool(_notices(layout)) == case.notice
    if case.payload:
        assert case.payload not in json.dumps(layout, ensure_ascii=False)
    assert _served_answers(port) == before


@pytest.mark.parametrize("name", sorted(URL_CASES))
def test_hostile_links_over_http(name: str, served: int) -> None:
    _check_http(served, URL_CASES[name].query, URL_CASES[name])


def test_link_with_too_many_fields_over_http(served: int) -> None:
    _check_http(served, TOO_MANY_FIELDS, UrlCase(TOO_MANY_FIELDS))


def test_oversized_query_string_is_414_not_5xx(served: int) -> None:
    before = _served_answers(served)
    status, body = _http(served, "GET", "/?metric=" + "x" * 5000)
    assert status == 414, status
    assert "Traceback" not in body
    assert _served_answers(served) == before
