"""Finding persons by name, pinyin, initials, ID number, its tail, or household key."""

from __future__ import annotations

import pytest

from renpu.web.canvass.models import Person
from renpu.web.platform.search import search


@pytest.mark.parametrize("text", ["张小明", "小明", "zhangxiaoming", "zhangxiao", "zxm", "HA1-03"])
def test_it_finds_by_name_and_pinyin(records, text):
    assert [p.name for p in search(Person.objects.all(), text)] == ["张小明"]


def test_it_finds_by_id_number_and_its_tail(records):
    son = records["persons"]["son"]
    assert list(search(Person.objects.all(), son.id_number.lower())) == [son]
    assert son in search(Person.objects.all(), son.id_number[-6:])


def test_it_finds_a_household_by_key(records):
    assert {p.name for p in search(Person.objects.all(), "HA1")} == {"张大山", "李桂兰", "张小明"}
