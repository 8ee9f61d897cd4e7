"""Verification tasks (核查任务): findings become tasks for their village.

Workflow:  待核查 ─resolve→ 待审核 ─approve→ 已办结
                              └─send back→ 退回重查 ─resolve→ 待审核 …
The canvasser resolves with an outcome; outcomes that change data apply the
change in the same transaction (with ``Change`` history).  The township or
county office approves or sends back.  ``Finding.state`` becomes resolved on
approval: a finding is closed only when someone other than the canvasser has
looked at the answer.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.db import transaction

from renpu.core import idnumber
from renpu.core.codes import PERSON_STATUS, RELATIONSHIP
from renpu.web.accounts import scope
from renpu.web.accounts.models import Role
from renpu.web.canvass import history, people
from renpu.web.canvass.models import Household, Person

from .models import Finding, Task, TaskEvent

Outcome, State = Task.Outcome, Task.State
ACTIVE = (State.OPEN, State.RETURNED)
# Outcomes that act on a listed person, and those that add one.
PERSON_OUTCOMES = (Outcome.DEATH, Outcome.ID_CORRECTED)


class WorkflowError(ValueError):
    """A step that is not allowed now; the message says why, in Chinese."""


def sync_tasks() -> int:
    """Create one task per finding that has none; return how many were created.

    Idempotent: the comparison run calls it after saving findings.  A finding
    that moved village (a re-run) moves its open task with it.
    """
    new = Finding.objects.filter(task__isnull=True, state=Finding.OPEN).order_by("pk")
    created = 0
    while chunk := list(new.values_list("pk", "village_id", "code")[:2_000]):
        with transaction.atomic():
            tasks = Task.objects.bulk_create(
                [Task(finding_id=pk, village_id=village, code=code) for pk, village, code in chunk]
            )
            TaskEvent.objects.bulk_create([TaskEvent(task=t, action="created", actor_name="比对程序") for t in tasks])
        created += len(tasks)
    _follow_moved_findings()
    return created


def _follow_moved_findings() -> None:
    for task in Task.objects.filter(state__in=ACTIVE).select_related("finding").exclude(village_id=None):
        if task.finding.village_id != task.village_id:
            task.village_id = task.finding.village_id
            task.save(update_fields=["village"])


def person_of(finding: Finding) -> Person | None:
    """The listed person the finding is about, if it names one."""
    if not finding.canvass_key or finding.canvass_table not in ("", "person", "family_person", "collective_person"):
        return None
    return Person.objects.filter(person_key=finding.canvass_key).first()


@dataclass
class Resolution:
    outcome: str
    note: str = ""
    died_on: dt.date | None = None
    id_number: str = ""
    household: Household | None = None
    relationship: str = RELATIONSHIP.OTHER


def _event(task: Task, user: User, action: str, comment: str, outcome: str = "") -> TaskEvent:
    return TaskEvent.objects.create(
        task=task, actor=user, actor_name=user.get_username(), action=action, outcome=outcome, comment=comment
    )


@transaction.atomic
def resolve(task: Task, user: User, resolution: Resolution) -> None:
    if task.state not in ACTIVE:
        raise WorkflowError("该任务已提交审核或已办结，不能再次提交。")
    done = _apply(task, user, resolution)
    task.state, task.outcome, task.note = State.RESOLVED, resolution.outcome, resolution.note
    task.save()
    _event(task, user, "resolved", "；".join(filter(None, [resolution.note, done])), resolution.outcome)


def _apply(task: Task, user: User, resolution: Resolution) -> str:
    """Change the canvass data as the outcome says; return a note of what changed."""
    if resolution.outcome in PERSON_OUTCOMES:
        person = person_of(task.finding)
        if person is None:
            raise WorkflowError("该发现没有对应的摸排人员，不能选择此结果。")
        if resolution.outcome == Outcome.DEATH:
            return _apply_death(person, user, resolution)
        return _apply_id(person, user, resolution)
    if resolution.outcome == Outcome.ADDED:
        return _apply_added(task, user, resolution)
    return ""


def _apply_death(person: Person, user: User, resolution: Resolution) -> str:
    if resolution.died_on is None:
        raise WorkflowError("确认死亡须填写死亡日期。")
    people.record_death(person, resolution.died_on, user)
    return f"{person.name} 现状改为死亡（{resolution.died_on:%Y-%m-%d}）"


def _apply_id(person: Person, user: User, resolution: Resolution) -> str:
    result = idnumber.check(resolution.id_number)
    if not result.valid:
        raise WorkflowError("更正后的身份证号仍不正确：" + "；".join(result.messages()))
    before = history.snapshot(person)
    person.id_number, person.id_problem = result.number, ""
    person.birth_date = result.birth_date
    person.sex = result.sex or person.sex
    people.save_edit(person, before, user)
    return f"{person.name} 身份证号已更正"


def _apply_added(task: Task, user: User, resolution: Resolution) -> str:
    household = resolution.household
    if household is None:
        raise WorkflowError("补录漏登人员须填写其所在户的户编号（本村）。")
    if task.village_id and household.village_id != task.village_id:
        raise WorkflowError("所填户编号不在该任务所属的村(居)。")
    source = task.finding.source_record
    number = idnumber.check(source.id_number if source else task.finding.id_number)
    person = Person(
        name=(source.name if source else "") or task.finding.name,
        id_number=number.number, sex=(source.sex if source else "") or (number.sex or ""),
        birth_date=(source.birth_date if source else None) or number.birth_date,
        relationship=resolution.relationship, status=PERSON_STATUS.LIVING,
        fact_source=f"核查任务 #{task.pk}",
    )
    people.add_person(person, household, user, note=f"核查任务 #{task.pk} 补录")
    return f"已补录 {person.name} 到户 {household.household_key}"


def can_review(user: User) -> bool:
    return scope.role_of(user) in (Role.COUNTY, Role.TOWNSHIP)


@transaction.atomic
def send_back(task: Task, user: User, comment: str) -> None:
    _check_review(task, user)
    if not comment.strip():
        raise WorkflowError("退回时须写明退回原因，方便摸排员重查。")
    task.state = State.RETURNED
    task.save()
    _event(task, user, "returned", comment)


@transaction.atomic
def approve(task: Task, user: User, comment: str = "") -> None:
    _check_review(task, user)
    task.state = State.APPROVED
    task.save()
    Finding.objects.filter(pk=task.finding_id).update(state=Finding.RESOLVED)
    _event(task, user, "approved", comment)


def _check_review(task: Task, user: User) -> None:
    if not can_review(user):
        raise WorkflowError("只有乡镇或县人普办可以审核。")
    if task.state != State.RESOLVED:
        raise WorkflowError("该任务尚未提交审核。")
