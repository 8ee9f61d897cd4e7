"""Verification tasks: sync, resolve → send back → resolve → approve, data changes applied."""

from __future__ import annotations

import datetime as dt

from renpu.web.canvass.models import Change, Person
from renpu.web.verification.models import Finding, Task, TaskEvent
from renpu.web.verification.tasks import sync_tasks

from ..conftest import A, B, make_id


def test_sync_tasks_creates_one_task_per_finding_and_is_idempotent(records):
    assert Task.objects.count() == 3
    assert sync_tasks() == 0
    Finding.objects.create(code="police.unlisted_registered", village_id=B, name="刘小华", fingerprint="new")
    assert sync_tasks() == 1 and sync_tasks() == 0
    task = Task.objects.get(finding__fingerprint="new")
    assert (task.village_id, task.state, task.events.get().action) == (B, "open", "created")


def test_the_task_page_shows_both_records_with_differences_highlighted(as_user, records):
    head = records["persons"]["head"]
    Person.objects.filter(pk=head.pk).update(name="张大三")
    page = as_user("li").get(f"/tasks/{records['tasks'][A].pk}/").content.decode()
    assert 'class="differs">张大三' in page and 'class="differs">张大山' in page
    assert "火化证号" in page and "QC2025-0031" in page  # the source record's other fields
    assert "公民身份号码" in page and "一致" in page  # the evidence


def test_the_full_workflow_with_a_confirmed_death(as_user, records):
    task = records["tasks"][A]
    li = as_user("li")
    # First what it will change, changing nothing …
    shown = li.post(f"/tasks/{task.pk}/resolve/", {"outcome": "death", "died_on": "2025-01-15", "note": "家属确认"})
    assert "将修改 张大山（HA1-01） 现状：在住 → 死亡" in shown.content.decode()
    assert Person.objects.get(person_key="HA1-01").status == "1" and not Change.objects.exists()
    # … then, confirmed, the change.
    li.post(f"/tasks/{task.pk}/resolve/", {"outcome": "death", "died_on": "2025-01-15", "note": "家属确认", "confirmed": "1"})
    task.refresh_from_db()
    head = Person.objects.get(person_key="HA1-01")
    assert task.state == "resolved" and head.status == "3" and head.status_date == dt.date(2025, 1, 15)
    assert Change.objects.filter(record_key="HA1-01", field="status", changed_by_name="li").exists()

    # The canvasser cannot approve their own answer.
    li.post(f"/tasks/{task.pk}/review/", {"decision": "approve"})
    task.refresh_from_db()
    assert task.state == "resolved"

    zhou = as_user("zhou")
    zhou.post(f"/tasks/{task.pk}/review/", {"decision": "return", "comment": ""})
    task.refresh_from_db()
    assert task.state == "resolved"  # a send-back needs a reason
    zhou.post(f"/tasks/{task.pk}/review/", {"decision": "return", "comment": "请补充死亡证明编号"})
    task.refresh_from_db()
    assert task.state == "returned"
    assert Person.objects.get(person_key="HA1-01").status == "1"  # sent back: the death is taken back
    assert "请补充死亡证明编号" in as_user("li").get(f"/tasks/{task.pk}/").content.decode()

    as_user("li").post(f"/tasks/{task.pk}/resolve/", {"outcome": "death", "died_on": "2025-01-15", "note": "死亡证明 QC2025-0031", "confirmed": "1"})
    as_user("zhou").post(f"/tasks/{task.pk}/review/", {"decision": "approve", "comment": "同意"})
    task.refresh_from_db()
    task.finding.refresh_from_db()
    assert task.state == "approved" and task.finding.state == Finding.RESOLVED
    actions = list(TaskEvent.objects.filter(task=task).values_list("action", "actor_name"))
    assert actions == [("created", "比对程序"), ("resolved", "li"), ("returned", "zhou"), ("resolved", "li"), ("approved", "zhou")]


def test_an_id_correction_changes_the_person(as_user, records):
    task = records["tasks"][B]
    right = make_id(dt.date(1970, 1, 2), 153)
    as_user("wang").post(f"/tasks/{task.pk}/resolve/", {"outcome": "id_corrected", "id_number": right, "confirmed": "1"})
    person = Person.objects.get(person_key="HB1-01")
    assert person.id_number == right
    assert Change.objects.get(record_key="HB1-01", field="id_number").new_value == right


def test_a_wrong_correction_is_refused_and_changes_nothing(as_user, records):
    task = records["tasks"][B]
    response = as_user("wang").post(f"/tasks/{task.pk}/resolve/", {"outcome": "id_corrected", "id_number": "4211261970", "confirmed": "1"})
    assert "更正后的身份证号仍不正确" in response.content.decode()
    task.refresh_from_db()
    assert task.state == "open" and not Change.objects.filter(record_key="HB1-01").exists()


def test_adding_a_missing_person_puts_them_in_the_household(as_user, records):
    finding = Finding.objects.create(code="police.unlisted_registered", village_id=A, name="张小芳",
                                     id_number=make_id(dt.date(1992, 6, 6), 182), fingerprint="missing")
    sync_tasks()
    as_user("li").post(f"/tasks/{finding.task.pk}/resolve/", {"outcome": "added", "household_key": "HA1", "relationship": "2", "confirmed": "1"})
    added = Person.objects.get(name="张小芳")
    assert (added.household_key, added.village_id, added.relationship, added.sex) == ("HA1", A, "2", "2")


def test_adding_into_another_villages_household_is_refused(as_user, records):
    finding = Finding.objects.create(code="police.unlisted_registered", village_id=A, name="张小芳", fingerprint="m2")
    sync_tasks()
    as_user("li").post(f"/tasks/{finding.task.pk}/resolve/", {"outcome": "added", "household_key": "HB1", "relationship": "2", "confirmed": "1"})
    assert not Person.objects.filter(name="张小芳").exists()


def test_outcomes_without_data_change(as_user, records):
    task = records["tasks"][A]
    as_user("li").post(f"/tasks/{task.pk}/resolve/", {"outcome": "not_same", "note": "同名不同人"})
    task.refresh_from_db()
    assert (task.state, task.outcome, task.note) == ("resolved", "not_same", "同名不同人")
    assert Person.objects.get(person_key="HA1-01").status == "1"


def test_the_task_list_filters_by_state_and_code(as_user, records):
    page = as_user("zhao").get("/tasks/?code=canvass.invalid_id").content.decode()
    assert "刘春生" in page and "陈国强" in page and "张大山" not in page


def test_tasks_show_what_the_finding_means_beside_its_code(as_user, records):
    client = as_user("li")
    listing = client.get("/tasks/").content.decode()
    assert "已死亡仍登记在住" in listing and "civil.deceased_listed" in listing
    assert '<option value="civil.deceased_listed">已死亡仍登记在住</option>' in listing
    task = records["tasks"][A]
    assert "已死亡仍登记在住" in client.get(f"/tasks/{task.pk}/").content.decode()
    assert "已死亡仍登记在住" in client.get("/").content.decode()  # the dashboard's open tasks by kind
