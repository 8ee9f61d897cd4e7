"""Every finding code × every one of its outcomes: applied, sent back, applied again, approved, undone.

Parametrised from ``outcomes.OUTCOMES``, so a new code or outcome is tested the
day it is added.  After a send-back and after an undo the canvass data is
exactly what it was (every field of every person and 外出 row), and the history
holds each change and its reversal (so twice, four times as many rows as one
application wrote).
"""

from __future__ import annotations

import datetime as dt

import pytest

from renpu.core import finding_codes
from renpu.web.canvass import history
from renpu.web.canvass.models import Change, Person, PersonAway
from renpu.web.sources.models import SourceBatch, SourceRecord
from renpu.web.verification import outcomes
from renpu.web.verification.models import Finding, Task
from renpu.web.verification.tasks import sync_tasks

from ..conftest import A, make_id

CASES = [(code, outcome.key) for code, offered in outcomes.OUTCOMES.items() for outcome in offered]
NEW_ID = make_id(dt.date(1960, 5, 1), 115)  # the head's number as the police have it
DETAILS = {"died_on": "2025-01-15", "id_number": NEW_ID, "household_key": "HA1", "relationship": "2",
           "registration_place": "3"}


def test_every_code_has_its_own_outcomes():
    assert set(outcomes.OUTCOMES) == set(finding_codes.LABELS)
    for code, offered in outcomes.OUTCOMES.items():
        assert len(offered) >= 2, code
        assert len({o.key for o in offered}) == len(offered), code
        assert all(len(o.key) <= 30 for o in offered)


def state() -> dict[str, dict[str, str]]:
    """Every person and 外出 row, field by field as history spells them."""
    rows = {f"p:{p.person_key}": history.snapshot(p) for p in Person.objects.all()}
    rows |= {f"a:{a.away_key}": history.snapshot(a) for a in PersonAway.objects.all()}
    return rows


@pytest.fixture
def scene(records, other_records):
    """A finding of ``code`` about 张大山 (HA1-01), as the comparisons write it."""
    head, son = records["persons"]["head"], records["persons"]["son"]
    # a second listing of the head, in another household (摸排重复), with a phone the first lacks
    twin = Person.objects.create(person_key="HA9-01", household_key="HA9", village_id=A, group="2", name="张大山",
                                 id_number=head.id_number, sex="1", birth_date=head.birth_date, relationship="0",
                                 registration_place="1", status="1", phone="13900000000")
    batch = SourceBatch.objects.create(source="police", file_name="户籍.xlsx", sha256="1" * 64, stored_path="/tmp/p")
    newcomer = SourceRecord.objects.create(batch=batch, source="police", row=9, id_number=make_id(dt.date(1995, 3, 3), 182),
                                           name="张小芳", sex="2", birth_date=dt.date(1995, 3, 3), village_id=A)

    def make(code: str) -> Task:
        fields = dict(code=code, village_id=A, canvass_table="person", canvass_key=head.person_key, name=head.name,
                      id_number=head.id_number, action="核实", fingerprint=code)
        if code == "canvass.duplicate_person":
            fields["evidence"] = {"records": [head.person_key, twin.person_key], "agree": ["id_number"]}
            Finding.objects.create(**{**fields, "canvass_key": twin.person_key, "fingerprint": code + "-twin"})
        elif code == "police.attribute_mismatch":
            fields["evidence"] = {"differ": ["name", "birth_date"], "values": {
                "name": {"canvass": "张大山", "police": "张大三"},
                "birth_date": {"canvass": "1960-05-01", "police": "1960-06-01"}}}
        elif code == "police.id_correction":
            fields["evidence"] = {"canvass_id": head.id_number, "police_id": NEW_ID}
        elif code == "education.double_listed":
            fields.update(canvass_key=son.person_key, name=son.name)
        elif code in ("police.unlisted_registered", "health.unlisted_birth", "education.boarder_unlisted",
                      "education.staff_unlisted", "grid.unlisted_resident"):
            fields.update(source_record=newcomer, name=newcomer.name, id_number=newcomer.id_number)
            if code == "grid.unlisted_resident":
                fields.update(canvass_table="household", canvass_key="HA1")
        finding = Finding.objects.create(**fields)
        sync_tasks()
        return finding.task

    return make


def resolve(client, task: Task, outcome: str) -> None:
    response = client.post(f"/tasks/{task.pk}/resolve/", {"outcome": outcome, **DETAILS, "confirmed": "1"})
    assert response.status_code == 302, response.content.decode()[-2000:]
    task.refresh_from_db()
    assert task.state == Task.State.RESOLVED, task.state


def expect_applied(code: str, key: str, before: dict, after: dict) -> None:
    """What the outcome should have done to the data."""
    outcome = outcomes.outcome_of(code, key)
    if outcome.effect is None:
        assert after == before
        return
    assert after != before
    effect = outcome.effect
    if effect is outcomes.mark_dead:
        assert after["p:HA1-01"]["status"] == "3" and after["p:HA1-01"]["status_date"] == "2025-01-15"
    elif effect is outcomes.correct_id:
        assert after["p:HA1-01"]["id_number"] == NEW_ID
    elif effect is outcomes.add_person:
        added = set(after) - set(before)
        assert len(added) == 1 and len(after) == len(before) + 1
        assert {after[k]["name"] for k in added} == {"张小芳"} and all(after[k]["household_key"] == "HA1" for k in added)
    elif effect is outcomes.keep_this:
        assert set(before) - set(after) == {"p:HA9-01"}
        assert after["p:HA1-01"]["phone"] == "13900000000"  # the removed record's fact is kept
    elif effect is outcomes.keep_other:
        assert set(before) - set(after) == {"p:HA1-01"}
        assert "a:CA1" in after  # the son's away row is untouched
    elif effect is outcomes.adopt_police:
        assert (after["p:HA1-01"]["name"], after["p:HA1-01"]["birth_date"]) == ("张大三", "1960-06-01")
    elif effect is outcomes.set_registration_place:
        assert after["p:HA1-01"]["registration_place"] == "3"
    elif effect is outcomes.away_at_school:
        assert after["p:HA1-03"]["status"] == "2"
    else:  # a remover
        assert set(before) - set(after) == {"p:HA1-01"}


@pytest.mark.parametrize(("code", "key"), CASES)
def test_each_outcome_applies_and_is_taken_back_exactly(as_user, scene, code, key):
    task = scene(code)
    before, changes_before = state(), Change.objects.count()

    resolve(as_user("li"), task, key)
    applied = state()
    expect_applied(code, key, before, applied)
    written = Change.objects.count() - changes_before
    assert (written > 0) == outcomes.outcome_of(code, key).changes_data

    # sent back: the data as before, every change reverted with history
    response = as_user("zhou").post(f"/tasks/{task.pk}/review/", {"decision": "return", "comment": "请重查"})
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.state == Task.State.RETURNED and task.applied == {}
    assert state() == before
    assert Change.objects.count() == changes_before + 2 * written

    # resolved again, approved, then undone by the county: as before again
    resolve(as_user("li"), task, key)
    expect_applied(code, key, before, state())
    as_user("zhou").post(f"/tasks/{task.pk}/review/", {"decision": "approve"})
    task.refresh_from_db()
    assert task.state == Task.State.APPROVED and task.finding.state == Finding.RESOLVED
    as_user("zhao").post(f"/tasks/{task.pk}/undo/", {"comment": "合并错了"})
    task.refresh_from_db()
    task.finding.refresh_from_db()
    assert task.state == Task.State.RETURNED and task.finding.state == Finding.OPEN
    assert state() == before
    assert Change.objects.count() == changes_before + 4 * written
    assert [e.action for e in task.events.all()] == ["created", "resolved", "returned", "resolved", "approved", "undone"]


def test_a_duplicate_pair_is_settled_by_one_answer_and_taken_back_together(as_user, scene):
    task = scene("canvass.duplicate_person")
    partner = Task.objects.get(finding__canvass_key="HA9-01")
    page = as_user("li").post(f"/tasks/{task.pk}/resolve/", {"outcome": "keep_this"}).content.decode()
    assert "将删除 张大山（HA9-01）" in page and "将修改 张大山（HA1-01） 联系电话：（空） → 13900000000" in page
    resolve(as_user("li"), task, "keep_this")
    partner.refresh_from_db()
    assert (partner.state, partner.outcome, partner.applied) == ("resolved", "keep_other", {"with": task.pk})
    # the merged person's history is the kept person's too
    keys = {c.record_key for c in history.for_record(Person.objects.get(person_key="HA1-01"))}
    assert {"HA1-01", "HA9-01"} <= keys
    # a review of the partner acts on the pair
    as_user("zhou").post(f"/tasks/{partner.pk}/review/", {"decision": "return", "comment": "不是同一人"})
    task.refresh_from_db()
    partner.refresh_from_db()
    assert task.state == partner.state == "returned" and Person.objects.filter(person_key="HA9-01").exists()
    assert "HA9-01" not in {c.record_key for c in history.for_record(Person.objects.get(person_key="HA1-01"))}


def test_an_undo_never_overwrites_a_later_correction(as_user, scene):
    task = scene("civil.deceased_listed")
    resolve(as_user("li"), task, "death")
    Person.objects.filter(person_key="HA1-01").update(status_date=dt.date(2025, 1, 16))  # corrected since
    page = as_user("zhou").post(f"/tasks/{task.pk}/review/", {"decision": "return", "comment": "重查"},
                                follow=True).content.decode()
    assert "在处理后又被修改过" in page
    task.refresh_from_db()
    assert task.state == "resolved" and Person.objects.get(person_key="HA1-01").status == "3"


def test_an_outcome_of_another_code_is_refused(as_user, scene):
    task = scene("police.id_correction")
    response = as_user("li").post(f"/tasks/{task.pk}/resolve/", {"outcome": "death", "confirmed": "1"})
    assert "请选择核查结果" in response.content.decode()
    task.refresh_from_db()
    assert task.state == "open"


def test_no_outcome_is_preselected_and_details_say_when_they_are_needed(as_user, scene):
    task = scene("police.id_correction")
    page = as_user("li").get(f"/tasks/{task.pk}/").content.decode()
    assert "采用更正后的号码" in page and "保留原号码" in page and " checked" not in page
    assert NEW_ID in page  # the corrected number, filled from the police record
    assert "选“采用更正后的号码”时填写" in page


def test_only_the_county_undoes(as_user, scene):
    task = scene("civil.deceased_listed")
    resolve(as_user("li"), task, "death")
    as_user("zhou").post(f"/tasks/{task.pk}/review/", {"decision": "approve"})
    as_user("zhou").post(f"/tasks/{task.pk}/undo/", {"comment": "错了"})
    task.refresh_from_db()
    assert task.state == "approved" and Person.objects.get(person_key="HA1-01").status == "3"
    as_user("zhao").post(f"/tasks/{task.pk}/undo/", {"comment": ""})
    task.refresh_from_db()
    assert task.state == "approved"  # a reason is needed
