"""The import page's parts → components: the off notice, the form, refusals, the dry-run
report and the published result, in Russian or English."""

from __future__ import annotations

from dash import dcc, html

from etl.importer import ImportReport
from etl.importer.report import REASONS
from layouts.i18n import fmt_number, t
from layouts.topbar import page_links, topbar

PATH = "/import"
FIRST_REJECTIONS = 20


def _header(lang: str) -> html.Header:
    other = "ru" if lang == "en" else "en"
    language = html.A(t("language", lang), href=PATH + ("?lang=en" if other == "en" else ""),
                      className="lang-toggle", id="imp-lang-link", lang=other)  # fmt: skip
    return topbar(t("imp_title", lang), t("app_title", lang), page_links(lang, "imp-"), language)


def _form(lang: str, max_mb: int) -> list:
    return [
        html.Label([t("imp_token", lang), dcc.Input(id="imp-token", type="password",
                                                      autoComplete="off", debounce=False)]),
        html.Label([t("imp_dataset_id", lang), dcc.Input(id="imp-dataset-id", type="text")]),
        html.Label([t("imp_label", lang), dcc.Input(id="imp-label", type="text")]),
        dcc.Upload(id="imp-upload", className="imp-drop", multiple=False,
                   children=html.Div(t("imp_drop", lang).format(mb=max_mb))),
        dcc.Loading(html.Div(id="imp-report", role="status")),
        html.Button(t("imp_publish", lang), id="imp-publish", disabled=True, n_clicks=0),
        dcc.Loading(html.Div(id="imp-published", role="status")),
        dcc.Store(id="imp-file"),
    ]  # fmt: skip


def layout(lang: str, enabled: bool, max_mb: int) -> html.Div:
    """The page: the form when the import is on, otherwise how to turn it on."""
    body = _form(lang, max_mb) if enabled else [html.P(t("imp_off", lang), id="imp-off")]
    return html.Div(className="page", lang=lang, children=[
        _header(lang), dcc.Store(id="imp-lang", data=lang),
        html.Main(className="mt-card", children=body),
    ])  # fmt: skip


def refusal(key: str, lang: str) -> html.Div:
    """A refusal (403 for tokens) in the viewer's language."""
    return html.Div(t(key, lang), className="imp-error", role="alert", **{"data-code": key})


def error(message: str, lang: str) -> html.Div:
    """The importer's own message (it names file, row and field)."""
    return html.Div([t("imp_failed", lang), " ", message], className="imp-error", role="alert")


def _counts(report: ImportReport, lang: str) -> html.Table:
    rows = [("imp_rows_read", report.rows_read), ("imp_rows_accepted", report.rows_accepted),
            ("imp_rows_rejected", report.rows_rejected), ("imp_rows_outside", report.rows_outside),
            ("imp_duplicates", report.duplicates_merged)]  # fmt: skip
    rows += [(code, n) for code, n in report.reason_counts().items()]
    return html.Table(id="imp-counts", className="mt-table", children=[html.Tbody([
        html.Tr([html.Th(t(k, lang) if k.startswith("imp_") else REASONS.get(k, k)),
                 html.Td(fmt_number(n, lang), **{"data-key": k})]) for k, n in rows
    ])])  # fmt: skip


def _rejections(report: ImportReport, lang: str) -> html.Table:
    head = [t(k, lang) for k in ("imp_col_file", "imp_col_row", "imp_col_field", "imp_col_reason")]
    rows = [[r.file, r.row, r.field or "—", REASONS.get(r.code, r.reason)]
            for r in report.rejections.head(FIRST_REJECTIONS).itertuples()]  # fmt: skip
    return html.Table(id="imp-rejections", className="mt-table", children=[
        html.Thead(html.Tr([html.Th(h, scope="col") for h in head])),
        html.Tbody([html.Tr([html.Td(c) for c in row]) for row in rows]),
    ])  # fmt: skip


def report_view(report: ImportReport, lang: str) -> html.Div:
    """The dry-run report: dataset, counts per status, years and subjects, first rejections."""
    years = f"{report.years[0]}–{report.years[1]}" if report.years else "—"
    verdict = "imp_refused" if report.refused else "imp_ready"
    return html.Div(id="imp-dry-run", children=[
        html.P([t("imp_dataset", lang), " ", html.Code(report.dataset_id, id="imp-shown-id"),
                " · ", report.label, " · ", report.file_name]),
        html.P(t(verdict, lang), id="imp-verdict", className="imp-error" if report.refused else ""),
        _counts(report, lang),
        html.P(t("imp_years_subjects", lang).format(years=years, n=report.regions_covered),
               id="imp-years"),
        _rejections(report, lang) if not report.rejections.empty else None,
    ])  # fmt: skip


def published(report: ImportReport, href: str, lang: str) -> html.Div:
    """The new version's name and a link to the map with the dataset selected."""
    return html.Div(id="imp-done", children=[
        html.P(t("imp_published", lang).format(version=report.version)),
        dcc.Link(t("imp_open_map", lang), href=href, id="imp-map-link"),
    ])  # fmt: skip
