"""Removing a person from the household page: a reason, a preview, history, scope."""

from __future__ import annotations

from renpu.web.canvass import history
from renpu.web.canvass.models import Change, Person, PersonAway


def test_removing_shows_what_goes_then_removes_with_history(as_user, records, other_records):
    son = records["persons"]["son"]
    li = as_user("li")
    page = li.post(f"/persons/{son.pk}/remove/", {"reason": "重复登记"}).content.decode()
    assert "将删除 张小明（HA1-03）（重复登记）" in page and "将删除 外出人员 张小明（CA1）（重复登记）" in page
    assert Person.objects.filter(pk=son.pk).exists() and not Change.objects.exists()
    li.post(f"/persons/{son.pk}/remove/", {"reason": "重复登记", "note": "与 HA9 重复", "confirmed": "1"})
    assert not Person.objects.filter(pk=son.pk).exists() and not PersonAway.objects.filter(person_key="HA1-03").exists()
    removed = Change.objects.get(record_key="HA1-03")
    assert (removed.action, removed.changed_by_name) == ("delete", "li")
    assert removed.old_value.startswith("重复登记，与 HA9 重复：户编号 HA1，姓名 张小明")
    shown = {c.record_key for c in history.for_household(records["households"]["421126100201"])}
    assert "HA1-03" in shown  # still on the household page's history


def test_a_reason_is_needed(as_user, records):
    son = records["persons"]["son"]
    as_user("li").post(f"/persons/{son.pk}/remove/", {"reason": "", "confirmed": "1"})
    assert Person.objects.filter(pk=son.pk).exists()


def test_another_villages_person_is_not_found(as_user, records):
    son = records["persons"]["son"]
    assert as_user("wang").post(f"/persons/{son.pk}/remove/", {"reason": "查无此人", "confirmed": "1"}).status_code == 404
    assert Person.objects.filter(pk=son.pk).exists()
