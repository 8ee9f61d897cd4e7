"""Verification tasks: list, the task page (records side by side), resolve, review."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from renpu.core import finding_codes
from renpu.core.codes import RELATIONSHIP, SEX
from renpu.web.accounts import masking, scope
from renpu.web.accounts.scope import selected_villages, user_of
from renpu.web.canvass.models import Household
from renpu.web.ui.paging import page_of
from renpu.web.ui.tables import Column, Table, coded, link, shorten, tag

from . import outcomes
from . import tasks as workflow
from .forms import ResolveForm, ReviewForm, UndoForm
from .models import Task

# Fields shown side by side: (label, canvass attribute, source attribute).
COMPARED = [("姓名", "name"), ("公民身份号码", "id_number"), ("性别", "sex"), ("出生日期", "birth_date")]


def get_task(request: HttpRequest, pk: int) -> Task:
    query = Task.objects.select_related("finding", "finding__source_record", "village")
    return scope.get_scoped_or_404(query, request.user, pk=pk)


# Village, then kind of finding: a clerk works through one kind at a time.
TASK_ORDER = ("village_id", "code", "pk")
# What the list shows (not the findings' evidence, a JSON document per row).
LIST_FIELDS = ("code", "state", "outcome", "village__name", "finding__name", "finding__id_number",
               "finding__action", "finding__score")


def task_list_query(request: HttpRequest):  # type: ignore[no-untyped-def]
    codes = selected_villages(request)
    query = Task.objects.select_related("finding", "village").order_by(*TASK_ORDER)
    if codes is not None:
        query = query.filter(village_id__in=codes)
    state = request.GET.get("state", "active")
    if state == "active":
        query = query.filter(state__in=workflow.ACTIVE)
    elif state in Task.State.values:
        query = query.filter(state=state)
    if request.GET.get("code"):
        query = query.filter(code=request.GET["code"])
    return query


@login_required
def task_list(request: HttpRequest) -> HttpResponse:
    page = page_of(request, task_list_query(request).only(*LIST_FIELDS), TASK_ORDER)
    return render(request, "verification/task_list.html", {
        "page": page, "table": Table(task_columns(masking.for_lists(request.user)), page, "没有任务。").html(), "codes": task_codes(request),
        "states": Task.State.choices, "filters": request.GET,
    })


def task_columns(shown_id: Callable[[str], str]) -> list[Column]:
    base = reverse("tasks")
    return [
        Column("任务", lambda t: link(f"{base}{t.pk}/", f"#{t.pk}")),
        Column("村(居)委会", lambda t: t.village.name if t.village else "（未定村）"),
        Column("发现类别", lambda t: coded(finding_codes.label(t.code), t.code)),
        Column("姓名", lambda t: t.finding.name),
        Column("公民身份号码", lambda t: shown_id(t.finding.id_number)),
        Column("建议处理", lambda t: shorten(t.finding.action, 40)),
        Column("匹配分", lambda t: "" if t.finding.score is None else f"{t.finding.score:.2f}", numeric=True),
        Column("状态", lambda t: tag(t.state, t.get_state_display())),
        Column("核查结果", lambda t: t.get_outcome_display()),
    ]


def task_codes(request: HttpRequest) -> list[tuple[str, str]]:
    """The finding codes of the user's tasks, for the filter.  A county-wide DISTINCT
    reads every task (20 ms at a million persons), so it is kept for a minute."""
    codes = selected_villages(request)
    key = "task-codes:" + ("all" if codes is None else hashlib.sha256(",".join(codes).encode()).hexdigest())
    found = cache.get(key)
    if found is None:
        query = Task.objects.all() if codes is None else Task.objects.filter(village_id__in=codes)
        found = list(query.values_list("code", flat=True).distinct().order_by("code"))
        cache.set(key, found, 60)
    return [(code, finding_codes.label(code)) for code in found]


def side_by_side(task: Task) -> list[dict[str, Any]]:
    person = workflow.person_of(task.finding)
    source = task.finding.source_record
    rows = []
    for label, field in COMPARED:
        left = _shown(person, field) if person else ""
        right = _shown(source, field) if source else ""
        rows.append({"label": label, "canvass": left, "source": right, "differs": bool(left and right and left != right)})
    return rows


def _shown(record: Any, field: str) -> str:
    value = getattr(record, field, "") or ""
    if field == "sex":
        return SEX.labels().get(str(value), str(value))
    return str(value)


@login_required
def task_detail(request: HttpRequest, pk: int) -> HttpResponse:
    task = get_task(request, pk)
    return _task_page(request, task, ResolveForm(code=task.code, initial=_resolve_initial(task)))


def _task_page(request: HttpRequest, task: Task, resolve_form: ResolveForm,
               preview: list[str] | None = None) -> HttpResponse:
    person = workflow.person_of(task.finding)
    household = Household.objects.filter(household_key=person.household_key).first() if person else None
    source = task.finding.source_record
    events = list(task.events.all())
    for event in events:
        event.outcome_label = outcomes.label_of(task.code, event.outcome) if event.outcome else ""  # type: ignore[attr-defined]
    user = user_of(request)
    return render(request, "verification/task.html", {
        "task": task, "finding": task.finding, "person": person, "household": household,
        "rows": side_by_side(task),
        "source_data": {DATA_LABELS.get(k, k): v for k, v in (source.data if source else {}).items()},
        "evidence": task.finding.evidence, "events": events,
        "resolve_form": resolve_form, "preview": preview,
        "changing": [o.key for o in outcomes.outcomes_of(task.code) if o.changes_data],
        "applied": (task.applied or {}).get("lines", []), "settled_by": (task.applied or {}).get("with"),
        "review_form": ReviewForm(), "can_review": workflow.can_review(user),
        "undo_form": UndoForm(), "can_undo": workflow.can_undo(user),
    })


DATA_LABELS = {"death_date": "死亡日期", "address": "地址", "phone": "联系电话", "household_number": "户号",
               "mother_name": "母亲姓名", "father_name": "父亲姓名", "school": "学校"}


def _resolve_initial(task: Task) -> dict[str, Any]:
    """Details filled from the records (the outcome itself is never preselected)."""
    source = task.finding.source_record
    initial: dict[str, Any] = {"id_number": task.finding.evidence.get("police_id")
                               or (source.id_number if source else "") or ""}
    if household := outcomes.household_of(task.finding):
        initial["household_key"] = household.household_key
    if source and source.data.get("death_date"):
        initial["died_on"] = source.data["death_date"]
    return initial


@login_required
@require_POST
def task_resolve(request: HttpRequest, pk: int) -> HttpResponse:
    """Submit an outcome.  One that changes data shows what it will change first (the preview),
    and is applied only when the canvasser confirms that preview."""
    task = get_task(request, pk)
    form = ResolveForm(request.POST, code=task.code)
    if not form.is_valid():
        messages.error(request, "请选择核查结果。")
        return _task_page(request, task, form)
    resolution = _resolution(request, form.cleaned_data)
    try:
        if outcomes.outcome_of(task.code, resolution.outcome).changes_data and request.POST.get("confirmed") != "1":
            lines = workflow.preview(task, user_of(request), resolution)
            return _task_page(request, task, form, preview=lines)
        workflow.resolve(task, user_of(request), resolution)
    except (workflow.WorkflowError, outcomes.OutcomeError) as error:
        messages.error(request, str(error))
        return _task_page(request, task, form)
    messages.success(request, "已提交审核。")
    return redirect("task", pk=pk)


def _resolution(request: HttpRequest, data: dict[str, Any]) -> outcomes.Resolution:
    household = None
    if data.get("household_key"):
        household = Household.objects.filter(household_key=data["household_key"].strip()).first()
        if household and not scope.villages_for(request.user).filter(pk=household.village_id).exists():
            household = None  # another village's household: as if it did not exist
    return outcomes.Resolution(
        data["outcome"], data.get("note", ""), data.get("died_on"), data.get("id_number", ""), household,
        data.get("relationship") or RELATIONSHIP.OTHER, data.get("registration_place", ""),
    )


@login_required
@require_POST
def task_undo(request: HttpRequest, pk: int) -> HttpResponse:
    """The county takes back an approved resolution (its changes reverted, with history)."""
    task = get_task(request, pk)
    form = UndoForm(request.POST)
    try:
        workflow.undo(task, user_of(request), form.data.get("comment", ""))
    except workflow.WorkflowError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "已撤销办结，所做修改已恢复，任务退回村(居)重查。")
    return redirect("task", pk=pk)


@login_required
@require_POST
def task_review(request: HttpRequest, pk: int) -> HttpResponse:
    task = get_task(request, pk)
    form = ReviewForm(request.POST)
    if not form.is_valid():
        return redirect("task", pk=pk)
    try:
        if form.cleaned_data["decision"] == "approve":
            workflow.approve(task, user_of(request), form.cleaned_data["comment"])
            messages.success(request, "已审核通过，任务办结。")
        else:
            workflow.send_back(task, user_of(request), form.cleaned_data["comment"])
            messages.success(request, "已退回村(居)重查。")
    except workflow.WorkflowError as error:
        messages.error(request, str(error))
    return redirect("task", pk=pk)
