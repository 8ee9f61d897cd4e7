"""Imports (county office) and exports (any list, to .xlsx, logged)."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.files.uploadedfile import UploadedFile
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from renpu import importers
from renpu.core import finding_codes
from renpu.importers.check import check
from renpu.web.accounts import exports, scope
from renpu.web.accounts.models import ExportLog
from renpu.web.accounts.scope import require_county, selected_villages, user_of
from renpu.web.canvass import people
from renpu.web.canvass.importing import import_canvass_file, write_report
from renpu.web.canvass.models import ImportBatch, Village
from renpu.web.canvass.records import ID_FIELDS, KINDS, Kind, shown_value
from renpu.web.canvass.search import search_in_scope
from renpu.web.canvass.views.checks import unchecked_query
from renpu.web.canvass.views.households import household_list_query
from renpu.web.dashboard import figures
from renpu.web.dashboard.views import LABELS, SHOWN
from renpu.web.sources.importing import import_source_file
from renpu.web.verification.views import task_list_query

from . import preview
from .forms import CanvassUploadForm, SourceUploadForm


def _saved(upload: UploadedFile) -> Path:
    folder = Path(tempfile.mkdtemp(prefix="renpu-upload-"))
    # Keep only the base name: the browser chooses it, and it must not pick a folder.
    target = folder / Path(upload.name or "upload.xlsx").name
    with target.open("wb") as handle:
        for chunk in upload.chunks():
            handle.write(chunk)
    return target


@login_required
@require_http_methods(["GET", "POST"])
def imports(request: HttpRequest) -> HttpResponse:
    require_county(request)
    canvass_form = CanvassUploadForm(prefix="canvass")
    source_form = SourceUploadForm(prefix="source")
    if request.method == "POST":
        token = _run_import(request)
        return redirect("import_preview", token) if token else redirect("imports")
    return render(request, "transfer/imports.html", {
        "canvass_form": canvass_form, "source_form": source_form,
        "outcomes": request.session.get("import_outcomes", []),
    })


def _run_import(request: HttpRequest) -> str:
    """A department extract is imported at once; a canvass file is kept for its preview (its token)."""
    if request.POST.get("kind") == "source":
        form: Any = SourceUploadForm(request.POST, request.FILES, prefix="source")
        if not form.is_valid():
            messages.error(request, "请选择部门和文件。")
            return ""
        user_name = user_of(request).get_username()
        _remember(request, import_source_file(form.cleaned_data["source"], _saved(form.cleaned_data["file"]), user_name))
        return ""
    form = CanvassUploadForm(request.POST, request.FILES, prefix="canvass")
    if not form.is_valid():
        messages.error(request, "请选择要导入的文件。")
        return ""
    return preview.keep(request.session, form.cleaned_data["file"])


@login_required
@require_GET
def import_preview(request: HttpRequest, token: str) -> HttpResponse:
    """The kept upload as the import would read it (importers.check); nothing is written."""
    require_county(request)
    path = preview.path_of(request.session, token)
    result = importers.read_canvass(path, dict(Village.objects.values_list("code", "name")))
    previous = ImportBatch.objects.filter(sha256=result.sha256, kind="canvass").first()
    notes = (f"该文件与批次 #{previous.pk}（{previous.imported_at:%Y-%m-%d %H:%M}）完全相同，确认后不会重复导入。",) if previous else ()
    preview.mark(request.session, token, result.ok)
    return render(request, "transfer/preview.html", {"check": check(result, notes), "token": token})


@login_required
@require_POST
def import_confirm(request: HttpRequest, token: str) -> HttpResponse:
    """确认导入: the kept bytes are imported (read again, all or nothing); a refused file cannot be."""
    require_county(request)
    path = preview.path_of(request.session, token)
    if not preview.confirmable(request.session, token):
        messages.error(request, f"{path.name}：检查有错误，不能导入；请改正后重新上传。")
        return redirect("import_preview", token)
    _remember(request, import_canvass_file(path, user_of(request).get_username()))
    preview.discard(request.session, token)
    return redirect("imports")


@login_required
def import_preview_report(request: HttpRequest, token: str) -> FileResponse:
    """The problems of a kept upload as the .xlsx report the import writes."""
    require_county(request)
    path = preview.path_of(request.session, token)
    result = importers.read_canvass(path, dict(Village.objects.values_list("code", "name")))
    report = write_report(path, result.issues)
    return FileResponse(report.open("rb"), as_attachment=True, filename=report.name)


@login_required
@require_POST
def import_discard(request: HttpRequest, token: str) -> HttpResponse:
    require_county(request)
    name = preview.path_of(request.session, token).name
    preview.discard(request.session, token)
    messages.info(request, f"{name}：已取消，未导入。")
    return redirect("imports")


def _remember(request: HttpRequest, outcome: Any) -> None:
    """Keep the outcome in the session; the report is offered by index, never by path."""
    entry = {"file": outcome.path.name, "ok": outcome.ok, "message": outcome.message,
             "report": str(outcome.report_path) if outcome.report_path else ""}
    outcomes = [entry, *request.session.get("import_outcomes", [])][:10]
    request.session["import_outcomes"] = outcomes
    (messages.success if outcome.ok else messages.error)(request, f"{entry['file']}：{outcome.message}")


@login_required
def import_report(request: HttpRequest, index: int) -> FileResponse:
    require_county(request)
    outcomes = request.session.get("import_outcomes", [])
    if index >= len(outcomes) or not outcomes[index]["report"]:
        raise Http404("没有该报告")
    path = Path(outcomes[index]["report"])
    return FileResponse(path.open("rb"), as_attachment=True, filename=path.name)


# What can be exported: title, headers, rows (from the same query as the page), ID columns.
def _households(request: HttpRequest) -> tuple[str, list[str], Iterator[list[Any]], list[int]]:
    headers = ["村(居)委会", "村民小组", "户编号", "户别", "户主姓名", "户主公民身份号码", "现住地址", "联系电话"]
    rows = ([h.village.name, h.group, h.household_key, h.get_kind_display(), h.head_name, h.head_id_number, h.address, h.phone]
            for h in household_list_query(request).iterator(chunk_size=2_000))
    return "户表", headers, rows, [5]


def _unchecked(request: HttpRequest) -> tuple[str, list[str], Iterator[list[Any]], list[int]]:
    headers = ["村(居)委会", "村民小组", "户编号", "户主姓名", "户主公民身份号码", "现住地址"]
    month = people.current_month()
    rows = ([h.village.name, h.group, h.household_key, h.head_name, h.head_id_number, h.address]
            for h in unchecked_query(request, month).iterator(chunk_size=2_000))
    return f"{month}未核查户", headers, rows, [4]


def _tasks(request: HttpRequest) -> tuple[str, list[str], Iterator[list[Any]], list[int]]:
    headers = ["任务号", "村(居)委会", "发现类别", "类别说明", "姓名", "公民身份号码", "建议处理", "状态", "核查结果", "核查说明"]
    rows = ([t.pk, t.village.name if t.village else "", t.code, finding_codes.label(t.code), t.finding.name,
             t.finding.id_number, t.finding.action,
             t.get_state_display(), t.get_outcome_display(), t.note]
            for t in task_list_query(request).iterator(chunk_size=2_000))
    return "核查任务", headers, rows, [5]


def _search_results(request: HttpRequest) -> tuple[str, list[str], Iterator[list[Any]], list[int]]:
    """The last search's results (its words are in the session, never in the URL)."""
    text = request.session.get("search_q", "")
    found = search_in_scope(request.user, text)
    headers = ["姓名", "性别", "出生日期", "公民身份号码", "与户主关系", "现状", "村(居)代码", "村民小组", "户编号"]
    rows = ([p.name, p.get_sex_display(), p.birth_date, p.id_number, p.get_relationship_display(),
             p.get_status_display() or "在住", p.village_id, p.group, p.household_key] for p in found)
    return "查找结果", headers, rows, [3]


def _village_figures(request: HttpRequest) -> tuple[str, list[str], Iterator[list[Any]], list[int]]:
    """The dashboard's per-village figures, for the user's villages."""
    codes = None if scope.is_county(request.user) else scope.village_codes_for(request.user)
    headers = ["乡镇(街道)", "村(居)代码", "村(居)委会", *(LABELS[f] for f in SHOWN)]
    rows = ([r["township_name"], r["village_code"], r["village_name"], *(r[f] for f in SHOWN)]
            for r in figures.village_rows(codes))
    return "分村(居)人口", headers, rows, []


def _records(kind: Kind) -> Any:
    """One of the other tables: every column the form edits, in the list's order."""
    def rows_of(request: HttpRequest) -> tuple[str, list[str], Iterator[list[Any]], list[int]]:
        names = [kind.key_field, *(f for f in kind.form_fields if f != kind.key_field)]
        headers = ["村(居)委会", *(kind.label(name) for name in names)]
        rows = ([r.village.name, *(shown_value(r, name) for name in names)]
                for r in kind.listed(selected_villages(request)).iterator(chunk_size=2_000))
        return kind.title, headers, rows, [1 + names.index(n) for n in names if n in ID_FIELDS]
    return rows_of


EXPORTS = {"households": _households, "unchecked": _unchecked, "tasks": _tasks,
           "search": _search_results, "villages": _village_figures,
           **{f"records-{slug}": _records(kind) for slug, kind in KINDS.items()}}


@login_required
@require_POST
def export(request: HttpRequest, what: str) -> FileResponse:
    """POST so that an export is a deliberate act (and CSRF-protected); filters ride in the URL."""
    if what not in EXPORTS:
        raise Http404("没有该导出")
    title, headers, rows, id_columns = EXPORTS[what](request)
    return exports.xlsx_response(user_of(request), title, headers, rows, id_columns)


@login_required
def export_log(request: HttpRequest) -> HttpResponse:
    require_county(request)
    return render(request, "transfer/export_log.html", {"logs": ExportLog.objects.all()[:500]})
