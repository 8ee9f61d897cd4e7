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
from renpu.core.codes import SEX
from renpu.web.accounts import masking, scope
from renpu.web.accounts.scope import selected_villages, user_of
from renpu.web.canvass.models import Household
from renpu.web.ui.paging import page_of
from renpu.web.ui.tables import Column, Table, coded, link, shorten, tag

from . import tasks as workflow
from .forms import ResolveForm, ReviewForm
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
    person = workflow.person_of(task.finding)
    household = Household.objects.filter(household_key=person.household_key).first() if person else None
    source = task.finding.source_record
    return render(request, "verification/task.html", {
        "task": task, "finding": task.finding, "person": person, "household": household,
        "rows": side_by_side(task),
        "source_data": {DATA_LABELS.get(k, k): v for k, v in (source.data if source else {}).items()},
        "evidence": task.finding.evidence, "events": task.events.all(),
        "resolve_form": ResolveForm(initial=_resolve_initial(task)),
        "review_form": ReviewForm(), "can_review": workflow.can_review(user_of(request)),
    })


# The outcome a finding most often ends with, preselected (the canvasser may change it).
LIKELY_OUTCOME = {
    "civil.deceased_listed": Task.Outcome.DEATH,
    "police.id_correction": Task.Outcome.ID_CORRECTED,
    "canvass.invalid_id": Task.Outcome.ID_CORRECTED,
    "police.unlisted_registered": Task.Outcome.ADDED,
    "health.unlisted_birth": Task.Outcome.ADDED,
    "grid.unlisted_resident": Task.Outcome.ADDED,
    "police.absent_household": Task.Outcome.REGISTERED_ABSENT,
}
DATA_LABELS = {"death_date": "死亡日期", "address": "地址", "phone": "联系电话", "household_number": "户号",
               "mother_name": "母亲姓名", "father_name": "父亲姓名", "school": "学校"}


def _resolve_initial(task: Task) -> dict[str, Any]:
    source = task.finding.source_record
    initial: dict[str, Any] = {"id_number": source.id_number if source else task.finding.id_number}
    if task.code in LIKELY_OUTCOME:
        initial["outcome"] = LIKELY_OUTCOME[task.code]
    if person := workflow.person_of(task.finding):
        initial["household_key"] = person.household_key
    if source and source.data.get("death_date"):
        initial["died_on"] = source.data["death_date"]
    return initial


@login_required
@require_POST
def task_resolve(request: HttpRequest, pk: int) -> HttpResponse:
    task = get_task(request, pk)
    form = ResolveForm(request.POST)
    if not form.is_valid():
        messages.error(request, "请选择核查结果。")
        return redirect("task", pk=pk)
    data = form.cleaned_data
    household = None
    if data["household_key"] and data["outcome"] == Task.Outcome.ADDED:
        household = Household.objects.filter(household_key=data["household_key"].strip()).first()
        if household and not scope.villages_for(request.user).filter(pk=household.village_id).exists():
            household = None  # another village's household: as if it did not exist
    resolution = workflow.Resolution(
        data["outcome"], data["note"], data["died_on"], data["id_number"], household, data["relationship"]
    )
    try:
        workflow.resolve(task, user_of(request), resolution)
    except workflow.WorkflowError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "已提交审核。")
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
