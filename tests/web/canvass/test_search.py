"""Finding persons by name, pinyin, initials, ID number, its tail, or household key."""

from __future__ import annotations

import datetime as dt

import pytest

from renpu.web.canvass.models import Person
from renpu.web.canvass.search import search


@pytest.mark.parametrize("text", ["张小明", "小明", "zhangxiaoming", "zhangxiao", "zxm", "HA1-03"])
def test_it_finds_by_name_and_pinyin(records, text):
    assert [p.name for p in search(Person.objects.all(), text)] == ["张小明"]


def test_it_finds_by_id_number_and_its_tail(records):
    son = records["persons"]["son"]
    assert list(search(Person.objects.all(), son.id_number.lower())) == [son]
    assert son in search(Person.objects.all(), son.id_number[-6:])


def test_it_finds_a_household_by_key(records):
    assert {p.name for p in search(Person.objects.all(), "HA1")} == {"张大山", "李桂兰", "张小明"}


def test_initials_follow_a_name_edit(records):
    son = records["persons"]["son"]
    son.name = "张晓东"
    son.save()
    assert [p.name for p in search(Person.objects.all(), "zxd")] == ["张晓东"]
    assert list(search(Person.objects.all(), "zxm")) == []


@pytest.mark.parametrize("text", ["张小", "zhangxiao", "zxm", "ID tail", "HA1"])
def test_every_kind_of_search_is_an_index_range(records, text):
    """No full read of the persons table: at a million persons that costs seconds."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    if text == "ID tail":
        text = records["persons"]["son"].id_number[-6:]
    if connection.vendor != "sqlite":
        pytest.skip("reads SQLite's query plan")
    with CaptureQueriesContext(connection) as queries:
        assert search(Person.objects.all(), text)
    assert queries.captured_queries
    for query in queries.captured_queries:
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN QUERY PLAN " + query["sql"].replace("%", "%%"))
            plan = " ".join(str(row[-1]) for row in cursor.fetchall())
        assert "SCAN canvass_person" not in plan, plan


def test_exact_names_come_before_longer_ones_and_the_limit(records, monkeypatch):
    from renpu.web.canvass import search as searching

    from ..conftest import A, person

    for n in range(5):
        person(A, "HA1", f"HA1-1{n}", f"张小明{'一二三四五'[n]}", dt.date(1990, 1, n + 1), sequence=301 + 2 * n)
    monkeypatch.setattr(searching, "LIMIT", 3)
    found = [p.name for p in search(Person.objects.all(), "张小明")]
    assert found[0] == "张小明" and len(found) == 3
    assert [p.name for p in search(Person.objects.all(), "zhangxiaoming")][0] == "张小明"
    assert [p.name for p in search(Person.objects.all(), "zxm")][0] == "张小明"


def test_results_name_the_village_not_its_code(as_user, records):
    page = as_user("li").post("/search/", {"q": "张大山"}).content.decode()
    assert '<td data-label="村(居)委会">张家湾村</td>' in page
