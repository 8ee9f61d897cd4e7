"""Every page, every persona: outside one's villages a record answers 404, never 403."""

from __future__ import annotations

import pytest

from ..conftest import A, C

# (name, method, url built from the fixture records); POSTs carry an empty body:
# the answer for an outsider must be 404 before any form is looked at.
RECORD_PAGES = [
    ("household", "get", lambda r, v: f"/households/{r['households'][v].pk}/"),
    ("household_edit", "get", lambda r, v: f"/households/{r['households'][v].pk}/edit/"),
    ("household_check", "post", lambda r, v: f"/households/{r['households'][v].pk}/check/"),
    ("person_new", "get", lambda r, v: f"/households/{r['households'][v].pk}/persons/new/"),
    ("person_edit", "get", lambda r, v: f"/persons/{_person(r, v).pk}/edit/"),
    ("person_death", "get", lambda r, v: f"/persons/{_person(r, v).pk}/death/"),
    ("person_away", "get", lambda r, v: f"/persons/{_person(r, v).pk}/away/"),
    ("person_return", "get", lambda r, v: f"/persons/{_person(r, v).pk}/return/"),
    ("person_remove", "get", lambda r, v: f"/persons/{_person(r, v).pk}/remove/"),
    ("task_undo", "post", lambda r, v: f"/tasks/{r['tasks'][v].pk}/undo/"),
    ("task", "get", lambda r, v: f"/tasks/{r['tasks'][v].pk}/"),
    ("task_resolve", "post", lambda r, v: f"/tasks/{r['tasks'][v].pk}/resolve/"),
    ("task_review", "post", lambda r, v: f"/tasks/{r['tasks'][v].pk}/review/"),
    ("village", "get", lambda r, v: f"/villages/{v}/"),
    ("households_filtered", "get", lambda r, v: f"/households/?village={v}"),
    ("tasks_filtered", "get", lambda r, v: f"/tasks/?village={v}"),
    ("checks_filtered", "get", lambda r, v: f"/checks/?village={v}"),
    ("export_filtered", "post", lambda r, v: f"/exports/households/?village={v}"),
]


def _person(records, village):
    return records["persons"]["head"] if village == A else records["persons"][village]


# Who may see village A's records, and village C's (another township).
MAY_SEE = {
    A: {"li": True, "wang": False, "zhou": True, "zhao": True},
    C: {"li": False, "wang": False, "zhou": False, "zhao": True},
}


@pytest.mark.parametrize("village", [A, C])
@pytest.mark.parametrize("persona", ["li", "wang", "zhou", "zhao"])
@pytest.mark.parametrize("page", RECORD_PAGES, ids=[p[0] for p in RECORD_PAGES])
def test_record_pages_answer_404_outside_the_scope(as_user, records, page, persona, village):
    _, method, url = page
    client = as_user(persona)
    response = getattr(client, method)(url(records, village))
    if MAY_SEE[village][persona]:
        assert response.status_code in (200, 302)
    else:
        assert response.status_code == 404


@pytest.mark.parametrize("persona", ["li", "wang", "zhou"])
@pytest.mark.parametrize("url", ["/imports/", "/exports/log/", "/imports/report/0/"])
def test_county_pages_answer_404_to_others(as_user, records, persona, url):
    assert as_user(persona).get(url).status_code == 404


@pytest.mark.parametrize("url", ["/imports/", "/exports/log/"])
def test_county_pages_open_for_the_county(as_user, records, url):
    assert as_user("zhao").get(url).status_code == 200


@pytest.mark.parametrize("persona", ["li", "wang", "zhou", "zhao"])
def test_township_page_follows_the_scope(as_user, records, persona):
    client = as_user(persona)
    caohe = client.get("/townships/421126100/").status_code
    chidong = client.get("/townships/421126101/").status_code
    expected = {"li": (200, 404), "wang": (200, 404), "zhou": (200, 404), "zhao": (200, 200)}
    assert (caohe, chidong) == expected[persona]


@pytest.mark.parametrize("url", ["/", "/households/", "/tasks/", "/checks/", "/search/"])
def test_lists_show_only_ones_own_villages(as_user, records, url):
    client = as_user("wang")
    if url == "/search/":
        client.post("/search/", {"q": "张"})
    html = client.get(url).content.decode()
    assert "张大山" not in html and "陈国强" not in html


def test_lists_show_the_county_everything(as_user, records):
    html = as_user("zhao").get("/households/").content.decode()
    assert "张大山" in html and "刘春生" in html and "陈国强" in html


@pytest.mark.parametrize("url", ["/", "/households/", "/tasks/", "/checks/", "/search/", f"/villages/{A}/"])
def test_pages_need_a_login(client, records, url):
    response = client.get(url)
    assert response.status_code == 302 and response["Location"].startswith("/login/")


def test_a_user_without_membership_sees_nothing(client, records, django_user_model):
    from ..conftest import sign_in

    nobody = django_user_model.objects.create_user("nobody", password="x" * 12)
    client = sign_in(client, nobody)
    assert client.get(f"/households/{records['households'][A].pk}/").status_code == 404
    assert "张大山" not in client.get("/households/").content.decode()
