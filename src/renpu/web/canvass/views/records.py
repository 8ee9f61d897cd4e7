"""空宅表, 空挂户表, 楼盘小区表, 外出人员表: browse, add, correct and remove, with history."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from renpu.web.accounts import masking, scope
from renpu.web.accounts.scope import selected_villages, user_of
from renpu.web.ui.paging import page_of
from renpu.web.ui.tables import Column, Table, link

from .. import history, people
from ..forms import record_form
from ..records import ID_FIELDS, KINDS, Kind, next_key, shown_value


def kind_of(slug: str) -> Kind:
    if slug not in KINDS:
        raise Http404("没有这张表")
    return KINDS[slug]


def get_record(request: HttpRequest, kind: Kind, pk: int) -> Any:
    return scope.get_scoped_or_404(kind.model._default_manager.select_related("village"), request.user, pk=pk)


@login_required
def record_list(request: HttpRequest, slug: str) -> HttpResponse:
    kind = kind_of(slug)
    page = page_of(request, kind.listed(selected_villages(request)), kind.ordering)
    shown_id = masking.for_lists(request.user)
    return render(request, "canvass/record_list.html", {
        "kind": kind, "kinds": KINDS.values(), "page": page, "village": request.GET.get("village", ""),
        "table": Table(_columns(kind, shown_id), page, f"{kind.title}没有记录。").html(),
    })


def _columns(kind: Kind, shown_id: Callable[[str], str]) -> list[Column]:
    base = reverse("record_list", args=[kind.slug])
    columns = [
        Column("村(居)委会", lambda r: r.village.name),
        Column("小组", lambda r: r.group),
        Column(kind.label(kind.key_field), lambda r: link(f"{base}{r.pk}/", getattr(r, kind.key_field))),
    ]
    return columns + [_column(kind, name, shown_id) for name in kind.list_fields]


def _column(kind: Kind, name: str, shown_id: Callable[[str], str]) -> Column:
    if name in ID_FIELDS:
        return Column(kind.label(name), lambda r: shown_id(getattr(r, name)))
    numeric = kind.field(name).get_internal_type() == "IntegerField"
    return Column(kind.label(name), lambda r: shown_value(r, name), numeric=numeric)


@login_required
@require_http_methods(["GET", "POST"])
def record_new(request: HttpRequest, slug: str) -> HttpResponse:
    kind = kind_of(slug)
    if not kind.can_add:
        raise Http404("外出人员请在人员页面用“外出”登记")
    form = record_form(kind)(request.POST or None, villages=scope.villages_for(request.user))
    if request.method == "POST" and form.is_valid():
        record = form.save(commit=False)
        record.village = form.cleaned_data["village"]
        setattr(record, kind.key_field, next_key(kind, record.village_id))
        with transaction.atomic():
            record.save()
            history.log_create(record, user_of(request))
        _done(request, f"已新增{kind.title}记录 {getattr(record, kind.key_field)}。", form.warnings)
        return redirect("record", slug=kind.slug, pk=record.pk)
    return render(request, "canvass/record_form.html", {"form": form, "kind": kind, "title": f"新增 · {kind.title}"})


@login_required
@require_http_methods(["GET", "POST"])
def record_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    kind = kind_of(slug)
    record = get_record(request, kind, pk)
    before = history.snapshot(record)
    form = record_form(kind)(request.POST or None, instance=record)
    if request.method == "POST" and form.is_valid():
        count = people.save_edit(form.save(commit=False), before, user_of(request))
        _done(request, f"已保存（{count} 项修改）。", form.warnings)
        return redirect("record", slug=kind.slug, pk=pk)
    return render(request, "canvass/record_form.html", {
        "form": form, "kind": kind, "record": record, "changes": history.for_record(record),
        "title": f"{kind.title} · {getattr(record, kind.key_field)}",
    })


@login_required
@require_POST
def record_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    kind = kind_of(slug)
    record = get_record(request, kind, pk)
    if not kind.can_add:
        raise Http404("外出人员请在人员页面登记返回")
    if request.POST.get("confirm") != "yes":
        messages.error(request, "请勾选“确认删除”后再删除。")
        return redirect("record", slug=kind.slug, pk=pk)
    key = getattr(record, kind.key_field)
    summary = "；".join(f"{kind.label(f)}：{history.text(getattr(record, f))}" for f in kind.list_fields)
    with transaction.atomic():
        history.log_delete(record, user_of(request), summary)
        record.delete()
    messages.success(request, f"已删除{kind.title}记录 {key}（修改记录中保留原内容）。")
    return redirect(f"{reverse('record_list', args=[kind.slug])}?village={record.village_id}")


def _done(request: HttpRequest, message: str, warnings: list[str]) -> None:
    messages.success(request, message)
    for warning in warnings:
        messages.warning(request, f"请注意：{warning}")
