"""Households: list, add, the household page (members, away rows, history), edit, check."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from renpu.core.codes import HOUSEHOLD_KIND
from renpu.web.accounts import masking, scope
from renpu.web.accounts.scope import selected_villages, user_of
from renpu.web.ui.paging import page_of
from renpu.web.ui.tables import Column, Table, link
from renpu.web.verification.models import Task

from .. import history, people
from ..forms import CheckForm, HouseholdForm, NewHouseholdForm
from ..models import Household, HouseholdCheck, Person, PersonAway


def get_household(request: HttpRequest, pk: int) -> Household:
    return scope.get_scoped_or_404(Household.objects.select_related("village"), request.user, pk=pk)


# Village, group, then household number: the order of the paper registers.
HOUSEHOLD_ORDER = ("village_id", "group", "household_key", "pk")


# What the list shows: loading only these halves the cost of a page's rows.
LIST_FIELDS = ("village__name", "group", "household_key", "kind", "head_name", "head_id_number", "address", "phone")


def household_columns(shown_id: Callable[[str], str] = masking.mask) -> list[Column]:
    """The household list's columns; ``shown_id`` shows the head's ID number (masked unless told)."""
    base = reverse("households")
    return [
        Column("村(居)委会", lambda h: h.village.name),
        Column("小组", lambda h: h.group),
        Column("户编号", lambda h: link(f"{base}{h.pk}/", h.household_key)),
        Column("户别", lambda h: h.get_kind_display()),
        Column("户主姓名", lambda h: h.head_name),
        Column("户主公民身份号码", lambda h: shown_id(h.head_id_number)),
        Column("现住地址", lambda h: h.address),
        Column("联系电话", lambda h: h.phone),
    ]


def household_list_query(request: HttpRequest):  # type: ignore[no-untyped-def]
    codes = selected_villages(request)
    query = Household.objects.select_related("village").order_by(*HOUSEHOLD_ORDER)
    if codes is not None:
        query = query.filter(village_id__in=codes)
    if request.GET.get("group"):
        query = query.filter(group=request.GET["group"])
    return query


@login_required
def household_list(request: HttpRequest) -> HttpResponse:
    page = page_of(request, household_list_query(request).only(*LIST_FIELDS), HOUSEHOLD_ORDER)
    table = Table(household_columns(masking.for_lists(request.user)), page, "没有符合条件的户。")
    return render(request, "canvass/household_list.html", {
        "page": page, "table": table.html(), "village": request.GET.get("village", ""), "group": request.GET.get("group", ""),
    })


@login_required
@require_http_methods(["GET", "POST"])
def household_new(request: HttpRequest) -> HttpResponse:
    villages = scope.villages_for(request.user)
    form = NewHouseholdForm(request.POST or None, villages=villages, initial={"kind": HOUSEHOLD_KIND.FAMILY})
    if request.method == "POST" and form.is_valid():
        household = form.save(commit=False)
        household.household_key = form.cleaned_data["household_key"]
        household.village = form.cleaned_data["village"]
        people.create_household(household, user_of(request))
        messages.success(request, f"已新增户 {household.household_key}，请继续添加家庭成员。")
        return redirect("household", pk=household.pk)
    return render(request, "ui/form.html", {"form": form, "title": "新增户"})


@login_required
def household_detail(request: HttpRequest, pk: int) -> HttpResponse:
    household = get_household(request, pk)
    key = household.household_key
    members = Person.objects.filter(household_key=key).order_by("relationship", "birth_date", "person_key")
    return render(request, "canvass/household.html", {
        "household": household,
        "members": members,
        "aways": PersonAway.objects.filter(household_key=key).order_by("-away_since"),
        "changes": history.for_household(household),
        "checks": HouseholdCheck.objects.filter(household_key=key).order_by("-month")[:12],
        "checked_this_month": HouseholdCheck.objects.filter(household_key=key, month=people.current_month()).first(),
        "tasks": Task.objects.filter(finding__canvass_key__in=[key, *members.values_list("person_key", flat=True)]).select_related("finding"),
        "check_form": CheckForm(),
        "month": people.current_month(),
    })


@login_required
@require_http_methods(["GET", "POST"])
def household_edit(request: HttpRequest, pk: int) -> HttpResponse:
    household = get_household(request, pk)
    before = history.snapshot(household)
    form = HouseholdForm(request.POST or None, instance=household)
    if request.method == "POST" and form.is_valid():
        count = people.save_edit(form.save(commit=False), before, user_of(request))
        messages.success(request, f"已保存（{count} 项修改）。")
        return redirect("household", pk=pk)
    return render(request, "ui/form.html", {"form": form, "title": f"修改户 {household.household_key}", "back": household})


@login_required
@require_POST
def household_check(request: HttpRequest, pk: int) -> HttpResponse:
    household = get_household(request, pk)
    form = CheckForm(request.POST)
    if form.is_valid():
        people.check_household(household, user_of(request), form.cleaned_data["changes"])
        messages.success(request, f"已记录本月（{people.current_month()}）核查。")
    return redirect("household", pk=pk)
