"""Persons of a household: add (also a birth), edit, death, move away, return, remove."""

from __future__ import annotations

from collections.abc import Callable

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from renpu.core.codes import EDUCATION, PERSON_STATUS, REGISTRATION_PLACE, RELATIONSHIP, TIME_AWAY
from renpu.web.accounts import scope
from renpu.web.accounts.scope import user_of

from .. import history, merging, people, reversible
from ..forms import AwayForm, DeathForm, PersonForm, ReturnForm
from ..models import Household, Person
from ..reversible import ChangeSet
from .households import get_household


def get_person(request: HttpRequest, pk: int) -> tuple[Person, Household]:
    person = scope.get_scoped_or_404(Person.objects.all(), request.user, pk=pk)
    household = Household.objects.filter(household_key=person.household_key).first()
    if household is None:  # a person whose household row is missing: a stand-in
        household = Household(household_key=person.household_key, village_id=person.village_id, group=person.group)
    return person, household


def _warn(request: HttpRequest, warnings: list[str]) -> None:
    for warning in warnings:
        messages.warning(request, f"请注意：{warning}")


@login_required
@require_http_methods(["GET", "POST"])
def person_new(request: HttpRequest, pk: int) -> HttpResponse:
    household = get_household(request, pk)
    birth = request.GET.get("kind") == "birth"
    initial = {"status": PERSON_STATUS.LIVING, "registration_place": REGISTRATION_PLACE.THIS_VILLAGE,
               "time_away": TIME_AWAY.NOT_AWAY}
    if birth:
        initial.update(relationship=RELATIONSHIP.CHILD, education=EDUCATION.PRESCHOOL, fact_source="出生")
    form = PersonForm(request.POST or None, household=household, initial=initial)
    if request.method == "POST" and form.is_valid():
        person = people.add_person(form.save(commit=False), household, user_of(request), "出生" if birth else "新增")
        messages.success(request, f"已添加 {person.name}。")
        _warn(request, form.warnings)
        return redirect("household", pk=household.pk)
    title = "登记出生" if birth else "添加家庭成员"
    return render(request, "ui/form.html", {"form": form, "title": f"{title} · 户 {household.household_key}", "back": household})


@login_required
@require_http_methods(["GET", "POST"])
def person_edit(request: HttpRequest, pk: int) -> HttpResponse:
    person, household = get_person(request, pk)
    before = history.snapshot(person)
    form = PersonForm(request.POST or None, instance=person, household=household)
    if request.method == "POST" and form.is_valid():
        count = people.save_edit(form.save(commit=False), before, user_of(request))
        messages.success(request, f"已保存 {person.name}（{count} 项修改）。")
        _warn(request, form.warnings)
        return _back(household)
    return render(request, "ui/form.html", {"form": form, "title": f"修改 {person.name}", "back": household})


def _back(household: Household) -> HttpResponse:
    return redirect("household", pk=household.pk) if household.pk else redirect("households")


def _person_event(request: HttpRequest, pk: int, form_class: type[forms.BaseForm],
                  apply: Callable[[Person, forms.BaseForm], None], done: str, title: str) -> HttpResponse:
    """One form that records something about a person (death, move away, return), then back to the household."""
    person, household = get_person(request, pk)
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        apply(person, form)
        messages.success(request, done.format(name=person.name))
        return _back(household)
    return render(request, "ui/form.html", {"form": form, "title": f"{title} · {person.name}", "back": household})


@login_required
@require_http_methods(["GET", "POST"])
def person_death(request: HttpRequest, pk: int) -> HttpResponse:
    def apply(person: Person, form: forms.BaseForm) -> None:
        people.record_death(person, form.cleaned_data["died_on"], user_of(request), form.cleaned_data["note"])

    return _person_event(request, pk, DeathForm, apply, "已登记 {name} 死亡。", "登记死亡")


@login_required
@require_http_methods(["GET", "POST"])
def person_away(request: HttpRequest, pk: int) -> HttpResponse:
    def apply(person: Person, form: forms.BaseForm) -> None:
        assert isinstance(form, AwayForm)
        people.move_away(person, form.save(commit=False), user_of(request))

    return _person_event(request, pk, AwayForm, apply, "已登记 {name} 外出，并写入外出人员表。", "登记外出")


@login_required
@require_http_methods(["GET", "POST"])
def person_return(request: HttpRequest, pk: int) -> HttpResponse:
    def apply(person: Person, form: forms.BaseForm) -> None:
        people.return_home(person, form.cleaned_data["returned_on"], user_of(request))

    return _person_event(request, pk, ReturnForm, apply, "已登记 {name} 返回。", "登记返回")


class RemoveForm(forms.Form):
    reason = forms.ChoiceField(label="删除原因", choices=[("", "请选择"), *((r, r) for r in merging.REMOVAL_REASONS)])
    note = forms.CharField(label="说明", required=False, max_length=200)


@login_required
@require_http_methods(["GET", "POST"])
def person_remove(request: HttpRequest, pk: int) -> HttpResponse:
    """Remove a person from the canvass tables with a reason: first what will be removed, then on confirming."""
    person, household = get_person(request, pk)
    form = RemoveForm(request.POST or None)
    preview: list[str] = []
    if request.method == "POST" and form.is_valid():
        reason = "，".join(filter(None, [form.cleaned_data["reason"], form.cleaned_data["note"]]))
        if request.POST.get("confirmed") == "1":
            with transaction.atomic():
                merging.remove_person(ChangeSet(user_of(request)), person, reason)
            messages.success(request, f"已删除 {person.name}（{reason}），修改记录中保留原内容。")
            return _back(household)
        preview = reversible.dry_run(user_of(request), lambda changes: merging.remove_person(changes, person, reason))
        person, household = get_person(request, pk)  # the dry run removed (and forgot) the instance's pk
    return render(request, "canvass/person_remove.html",
                  {"form": form, "person": person, "household": household, "preview": preview})
