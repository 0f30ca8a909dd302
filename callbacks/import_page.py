"""The import page (/import): an admin token and a dropped file → a dry-run report, then the
same atomic publish as `python -m atlas import`.

Off unless ATLAS_ADMIN_TOKEN is set. Every callback that works on the server (saving the
upload, the dry run, publishing) checks the token first, in constant time, with a bounded
number of wrong attempts per minute per worker. The upload is saved in a private folder
(0700) under a random server-chosen name; the client's file name is only a label.
"""

from __future__ import annotations

import base64
import binascii
import collections
import hmac
import os
import re
import secrets
import stat
import tempfile
import threading
import time
import unicodedata
from pathlib import Path

from dash import Input, Output, State, callback, no_update

import atlas.settings
from atlas.viewstate import ViewState
from etl.importer import ImportFailed, ImportRefused, check_file, import_file
from layouts import import_page

TITLE = "Импорт данных · Cluster Atlas"
MAX_ATTEMPTS_PER_MINUTE = 10
_HANDLE = re.compile(r"[0-9a-f]{32}")


class AttemptLimiter:
    """Wrong tokens in the last minute (per worker); above the limit nothing is compared."""

    def __init__(self, limit: int = MAX_ATTEMPTS_PER_MINUTE, window: float = 60.0) -> None:
        self.limit, self.window = limit, window
        self._failures: collections.deque[float] = collections.deque()
        self._lock = threading.Lock()

    def blocked(self) -> bool:
        with self._lock:
            now = time.monotonic()
            while self._failures and now - self._failures[0] > self.window:
                self._failures.popleft()
            return len(self._failures) >= self.limit

    def failed(self) -> None:
        with self._lock:
            self._failures.append(time.monotonic())

    def reset(self) -> None:
        with self._lock:
            self._failures.clear()


LIMITER = AttemptLimiter()


def enabled() -> bool:
    return bool(atlas.settings.SETTINGS.admin_token)


def token_problem(given: str | None) -> str | None:
    """None when `given` is the admin token, else the i18n key of the refusal."""
    expected = atlas.settings.SETTINGS.admin_token
    if not expected:
        return "imp_off"
    if not given:
        return "imp_token_missing"
    if LIMITER.blocked():
        return "imp_token_blocked"
    if not hmac.compare_digest(given.encode(), expected.encode()):
        LIMITER.failed()
        return "imp_token_wrong"
    return None


def client_label(name: str | None) -> str:
    """The client's file name made harmless: base name, no control/invisible characters.

    >>> client_label("../../etc/pass\\u202ewd.csv"), client_label(None)
    ('passwd.csv', 'upload')
    """
    base = re.split(r"[\\\\/]", str(name or ""))[-1]
    kept = "".join(c for c in base if unicodedata.category(c)[0] not in ("C", "Z") or c == " ")
    kept = " ".join(kept.split()).strip(". ")[-120:]
    return kept or "upload"


def upload_dir() -> Path:
    """The private upload folder (shared by this user's workers), refused if not private."""
    folder = Path(tempfile.gettempdir()) / f"atlas-import-{os.getuid()}"
    folder.mkdir(mode=0o700, exist_ok=True)
    info = os.lstat(folder)
    if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid() or info.st_mode & 0o077:
        raise ImportFailed(f"{folder} is not a private folder of this user; remove it")
    return folder


def save_upload(contents: str, max_bytes: int) -> str:
    """Decode a dcc.Upload data URL into a new private file; returns its random handle.

    The size is checked on the encoded text, before anything is decoded.
    """
    _, _, encoded = contents.partition(",")
    if len(encoded) * 3 // 4 > max_bytes:
        raise ValueError("too_large")
    try:
        data = base64.b64decode(encoded, validate=True)
    except binascii.Error as exc:
        raise ValueError("bad_upload") from exc
    handle = secrets.token_hex(16)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW
    fd = os.open(upload_dir() / handle, flags, 0o600)
    with os.fdopen(fd, "wb") as out:
        out.write(data)
    return handle


def upload_path(handle: object) -> Path | None:
    """The saved upload of a handle, or None (bad handle, gone, or not a regular file)."""
    if not isinstance(handle, str) or not _HANDLE.fullmatch(handle):
        return None
    path = upload_dir() / handle
    try:
        return path if stat.S_ISREG(os.lstat(path).st_mode) else None
    except FileNotFoundError:
        return None


def page(lang: str = "ru", **_other_params: str) -> object:
    """The page for `?lang=`; the form only when ATLAS_ADMIN_TOKEN is set."""
    lang = "en" if lang == "en" else "ru"
    return import_page.layout(lang, enabled(), atlas.settings.SETTINGS.import_max_mb)


def _options(dataset_id: str | None, label: str | None, name: str) -> dict:
    return {"dataset_id": dataset_id or None, "label": label or None, "file_name": name}


@callback(
    Output("imp-file", "data"),
    Output("imp-report", "children"),
    Output("imp-publish", "disabled"),
    Input("imp-upload", "contents"),
    State("imp-upload", "filename"),
    State("imp-token", "value"),
    State("imp-dataset-id", "value"),
    State("imp-label", "value"),
    State("imp-lang", "data"),
    prevent_initial_call=True,
)
def dry_run(contents, filename, token, dataset_id, label, lang):
    """Token, size, save, then `check_file`: the report, and whether Publish may be pressed."""
    problem = token_problem(token)
    if problem:
        return None, import_page.refusal(problem, lang), True
    if not isinstance(contents, str):
        return None, import_page.refusal("bad_upload", lang), True
    name = client_label(filename)
    try:
        handle = save_upload(contents, atlas.settings.SETTINGS.import_max_mb * 1_000_000)
    except ValueError as exc:
        return None, import_page.refusal(str(exc), lang), True
    path = upload_path(handle)
    try:
        report = check_file(path, **_options(dataset_id, label, name)).report
    except ImportFailed as exc:
        path.unlink(missing_ok=True)
        return None, import_page.error(str(exc), lang), True
    if report.refused:
        path.unlink(missing_ok=True)
        return None, import_page.report_view(report, lang), True
    return {"handle": handle, "name": name}, import_page.report_view(report, lang), False


@callback(
    Output("imp-published", "children"),
    Output("imp-file", "data", allow_duplicate=True),
    Input("imp-publish", "n_clicks"),
    State("imp-file", "data"),
    State("imp-token", "value"),
    State("imp-dataset-id", "value"),
    State("imp-label", "value"),
    State("imp-lang", "data"),
    prevent_initial_call=True,
)
def publish(n_clicks, saved, token, dataset_id, label, lang):
    """The CLI's `import_file` on the saved upload; the new version and a link to the map."""
    problem = token_problem(token)
    if problem:
        return import_page.refusal(problem, lang), no_update
    path = upload_path((saved or {}).get("handle"))
    if not n_clicks or path is None:
        return import_page.refusal("imp_no_file", lang), None
    settings = atlas.settings.SETTINGS
    try:
        report = import_file(
            path, data_dir=settings.data_dir, keep_versions=settings.keep_versions,
            **_options(dataset_id, label, saved["name"]),
        )  # fmt: skip
    except ImportRefused as exc:
        return import_page.report_view(exc.report, lang), no_update
    except ImportFailed as exc:
        return import_page.error(str(exc), lang), no_update
    path.unlink(missing_ok=True)
    return import_page.published(
        report,
        "/" + ViewState(lang=lang, dataset=report.dataset_id, metric="creation_coef").to_query(),
        lang,
    ), None
