"""Search persons.  The query is POSTed and kept in the session, never in the URL:
ID numbers and names must not land in access logs or browser history.

The POST answers with the results itself (one request, not a redirect and a
second one): a search changes nothing, so re-sending it is harmless.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from renpu.web.canvass.models import Household, Person

from .. import masking, scope
from ..forms import SearchForm
from ..search import search


@login_required
@require_http_methods(["GET", "POST"])
def search_page(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.POST) if request.method == "POST" else None
    if form is not None and form.is_valid():
        request.session["search_q"] = form.cleaned_data["q"]
    text = request.session.get("search_q", "")
    if form is None or form.is_valid():
        form = SearchForm(initial={"q": text})
    results = list(search(scope.scoped(Person.objects.all(), request.user), text)) if text else []
    _attach_households(results, request)
    return render(request, "platform/search.html", {"form": form, "results": results, "text": text})


def _attach_households(results: list[Person], request: HttpRequest) -> None:
    keys = {p.household_key for p in results}
    pks = dict(Household.objects.filter(household_key__in=keys).values_list("household_key", "pk"))
    for person in results:
        person.household_pk = pks.get(person.household_key)  # type: ignore[attr-defined]
        person.shown_id = masking.for_list(person.id_number, request.user)  # type: ignore[attr-defined]
