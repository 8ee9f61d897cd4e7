"""Every URL of the platform, taken from the URL conf so that a new view cannot escape these rules.

* A canvasser of another village (王, village B) gets 404 for every page naming
  one of village A's objects, by GET and by POST, and no list, search or export
  page shows him A's people.
* Every POST without a CSRF token is refused (403), whoever sends it.

A new URL with a parameter fails ``test_every_parameter_is_known`` until this
file says which object of village A fills it.
"""

from __future__ import annotations

import io

import openpyxl
import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from renpu.web.transfer.views import EXPORTS

from .conftest import A, sign_in

SKIPPED = ("admin/",)  # Django's admin: staff only, its own CSRF and login (tests/web/accounts)


def named_patterns() -> list[tuple[str, list[str]]]:
    """(URL name, its parameters) of every view outside the admin."""
    found = []

    def walk(patterns: list, prefix: str) -> None:
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if route.startswith(SKIPPED):
                continue
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, route)
            elif isinstance(pattern, URLPattern) and pattern.name:
                found.append((pattern.name, list(pattern.pattern.regex.groupindex)))

    walk(get_resolver().url_patterns, "")
    return found


def a_objects(records, other) -> dict[str, list[dict[str, object]]]:
    """For each URL name with parameters: the parameter sets that name an object of village A."""
    household, head, task = records["households"][A].pk, records["persons"]["head"].pk, records["tasks"][A].pk
    kinds = {slug: objects[A].pk for slug, objects in other.items()}
    return {
        "village": [{"code": A}], "township": [{"code": "421126101"}],
        **{name: [{"pk": household}] for name in ("household", "household_edit", "household_check", "person_new")},
        **{name: [{"pk": head}] for name in ("person_edit", "person_death", "person_away", "person_return")},
        **{name: [{"pk": task}] for name in ("task", "task_resolve", "task_review")},
        **{name: [{"slug": s, "pk": pk} for s, pk in kinds.items()] for name in ("record", "record_delete")},
        # county-only pages (import previews and reports): nobody else may open them at all
        "import_report": [{"index": 0}],
        **{name: [{"token": "x" * 20}] for name in ("import_preview", "import_confirm", "import_preview_report",
                                                     "import_discard")},
    }


# Parameterised pages that list (within the user's scope) rather than name one object.
LISTS = {"record_list": [{"slug": s} for s in ("vacant", "absent", "complexes", "away")],
         "record_new": [{"slug": s} for s in ("vacant", "absent", "complexes", "away")],
         "export": [{"what": what} for what in EXPORTS]}


def test_every_parameter_is_known(records, other_records):
    known = a_objects(records, other_records) | LISTS
    unknown = [name for name, parameters in named_patterns() if parameters and name not in known]
    assert not unknown, f"say in this file which object of village A fills: {unknown}"


def test_another_villages_canvasser_gets_404_for_each_of_as_objects(client, personas, records, other_records):
    sign_in(client, personas["wang"])
    failures = []
    for name, parameter_sets in a_objects(records, other_records).items():
        for kwargs in parameter_sets:
            url = reverse(name, kwargs=kwargs)
            # A method the view does not take answers 405 before any object is looked up (no existence oracle)
            for method, allowed in ((client.get, (404, 405)), (client.post, (404, 405))):
                status = method(url).status_code
                if status not in allowed:
                    failures.append((method.__name__, url, status))
    assert not failures


def _text(response) -> str:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if content.startswith(b"PK"):  # an .xlsx export: every cell's text
        workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True)
        return " ".join(str(c) for sheet in workbook for row in sheet.iter_rows(values_only=True) for c in row)
    return content.decode("utf-8", "replace")


def test_no_list_search_or_export_shows_another_villages_people(client, personas, records, other_records):
    sign_in(client, personas["wang"])
    persons = records["persons"]
    a_people = ["张大山", "李桂兰", persons["son"].id_number, persons["head"].id_number, "王小二", "湾畔小区"]
    pages = [reverse(name) for name, parameters in named_patterns() if not parameters and name != "logout"]
    pages += [reverse(name, kwargs=kwargs) for name, sets in LISTS.items() for kwargs in sets]
    shown = []
    for url in pages:
        response = (client.post if "/exports/" in url else client.get)(url)
        text = _text(response) if response.status_code == 200 else ""
        shown += [(url, who) for who in a_people if who in text]
    for query in ("张", "张大山", records["persons"]["head"].id_number[-6:], "zds"):
        text = _text(client.post(reverse("search"), {"q": query}))
        shown += [("search " + query, who) for who in a_people if who in text and who != query]  # not the echo
    assert not shown


@pytest.mark.parametrize("persona", ["li", "zhao"])
def test_every_post_needs_a_csrf_token(personas, records, other_records, persona):
    client = sign_in(Client(enforce_csrf_checks=True), personas[persona])
    every = a_objects(records, other_records) | LISTS
    refused = {}
    for name, parameters in named_patterns():
        for kwargs in every.get(name, [{}]) if parameters else [{}]:
            url = reverse(name, kwargs=kwargs)
            refused[url] = client.post(url, {"q": "张"}).status_code
    assert refused and all(status == 403 for status in refused.values()), \
        {url: status for url, status in refused.items() if status != 403}


XSS = ["<script>alert(1)</script>", "<img src=x onerror=alert(2)>", "\"><svg onload=alert(3)>"]
FORMULAS = ["=cmd|' /C calc'!A0", "+1+1", "-2+3", "@SUM(1)", '=HYPERLINK("http://example.invalid","点我")']


def test_xss_and_formulas_in_the_data_stay_inert_everywhere(client, personas, records, other_records):
    """Payloads as an import or a form would store them: every page escapes them, every export neutralises."""
    from renpu.web.canvass.models import Household, Person

    head = records["persons"]["head"]
    Person.objects.filter(pk=head.pk).update(name=XSS[0], remarks=FORMULAS[0], registration_address=XSS[2])
    Household.objects.filter(pk=records["households"][A].pk).update(head_name=XSS[1], address=FORMULAS[4])
    Person.objects.filter(pk=records["persons"]["wife"].pk).update(name=FORMULAS[1], remarks=FORMULAS[3])
    records["findings"][A].__class__.objects.filter(pk=records["findings"][A].pk).update(name=XSS[0])
    sign_in(client, personas["zhao"])  # the county sees every page and every export
    household, task = records["households"][A].pk, records["tasks"][A].pk
    pages = [reverse(name) for name, parameters in named_patterns() if not parameters and name != "logout"]
    pages += [reverse(n, kwargs=k) for n, sets in LISTS.items() if n != "export" for k in sets]
    pages += [reverse("household", kwargs={"pk": household}), reverse("task", kwargs={"pk": task}),
              reverse("person_edit", kwargs={"pk": head.pk}), reverse("household_edit", kwargs={"pk": household})]
    live = []
    for url in pages:
        response = client.get(url)
        text = response.content.decode("utf-8", "replace") if response.status_code == 200 else ""
        live += [(url, payload) for payload in XSS if payload in text]
    text = client.post(reverse("search"), {"q": "zds"}).content.decode()
    live += [("search", payload) for payload in XSS if payload in text]
    assert not live
    formulas, neutralised = [], set()
    for what in EXPORTS:
        response = client.post(reverse("export", kwargs={"what": what}))
        if response.status_code != 200:
            continue
        workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
        for sheet in workbook:
            for row in sheet.iter_rows():
                for cell in row:
                    value = cell.value
                    neutralised |= {value} & {"'" + f for f in FORMULAS}
                    if cell.data_type == "f" or (isinstance(value, str) and value.startswith(("=", "+", "-", "@"))):
                        formulas.append((what, cell.coordinate, value))
    assert not formulas
    assert "'" + FORMULAS[4] in neutralised  # the households export holds the address, written as text
