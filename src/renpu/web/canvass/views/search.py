"""Search persons.  The query is POSTed and kept in the session, never in the URL:
ID numbers and names must not land in access logs or browser history.

The POST answers with the results itself (one request, not a redirect and a
second one): a search changes nothing, so re-sending it is harmless.
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from renpu.web.accounts import masking
from renpu.web.ui.tables import Column, Table, link

from ..forms import SearchForm
from ..models import Household, Person, Village
from ..search import search_in_scope


@login_required
@require_http_methods(["GET", "POST"])
def search_page(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.POST) if request.method == "POST" else None
    if form is not None and form.is_valid():
        request.session["search_q"] = form.cleaned_data["q"]
    text = request.session.get("search_q", "")
    if form is None or form.is_valid():
        form = SearchForm(initial={"q": text})
    results = search_in_scope(request.user, text)
    _attach_households(results)
    return render(request, "canvass/search.html", {
        "form": form, "results": results, "text": text, "table": Table(result_columns(masking.for_lists(request.user)), results, "没有找到。").html(),
    })


def result_columns(shown_id: Callable[[str], str]) -> list[Column]:
    base = reverse("households")
    return [
        Column("姓名", lambda p: p.name),
        Column("性别", lambda p: p.get_sex_display()),
        Column("出生日期", lambda p: p.birth_date.isoformat() if p.birth_date else ""),
        Column("公民身份号码", lambda p: shown_id(p.id_number)),
        Column("与户主关系", lambda p: p.get_relationship_display()),
        Column("现状", lambda p: p.get_status_display() or "在住"),
        Column("村(居)委会", lambda p: p.village_name),
        Column("小组", lambda p: p.group),
        Column("户编号", lambda p: link(f"{base}{p.household_pk}/", p.household_key) if p.household_pk
               else p.household_key),
    ]


def _attach_households(results: list[Person]) -> None:
    keys = {p.household_key for p in results}
    pks = dict(Household.objects.filter(household_key__in=keys).values_list("household_key", "pk"))
    names = dict(Village.objects.filter(code__in={p.village_id for p in results}).values_list("code", "name"))
    for person in results:
        person.household_pk = pks.get(person.household_key)  # type: ignore[attr-defined]
        person.village_name = names.get(person.village_id, person.village_id)  # type: ignore[attr-defined]
