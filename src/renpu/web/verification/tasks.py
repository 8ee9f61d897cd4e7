"""Verification tasks (核查任务): findings become tasks for their village.

Workflow:  待核查 ─resolve→ 待审核 ─approve→ 已办结 ─undo (county)→ 退回重查
                              └─send back→ 退回重查 ─resolve→ 待审核 …
The canvasser resolves with one of the code's outcomes (``outcomes.py``);
outcomes that change data apply the change in the same transaction, with
history, and keep it on the task (``Task.applied``): sending the task back,
or the county undoing its approval, reverts exactly that change (with history
again).  The township or county office approves or sends back.  ``Finding.state`` becomes resolved on
approval: a finding is closed only when someone other than the canvasser has
looked at the answer.
"""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db import transaction

from renpu.web.accounts import scope
from renpu.web.accounts.models import Role
from renpu.web.canvass import reversible
from renpu.web.canvass.reversible import ChangeSet

from . import outcomes
from .models import Finding, Task, TaskEvent

State = Task.State
ACTIVE = (State.OPEN, State.RETURNED)


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


person_of = outcomes.person_of
Resolution = outcomes.Resolution
# The two records of a 摸排重复 pair are two tasks: one answer settles both.
DUPLICATE = "canvass.duplicate_person"
_MIRRORED = {"keep_this": "keep_other", "keep_other": "keep_this"}


def _event(task: Task, user: User, action: str, comment: str, outcome: str = "") -> TaskEvent:
    return TaskEvent.objects.create(
        task=task, actor=user, actor_name=user.get_username(), action=action, outcome=outcome, comment=comment
    )


def preview(task: Task, user: User, resolution: Resolution) -> list[str]:
    """What the outcome would change, line by line ("将删除 …"), changing nothing."""
    outcome = outcomes.outcome_of(task.code, resolution.outcome)
    if outcome.effect is None:
        return []
    return reversible.dry_run(user, lambda changes: _run(outcome, task, resolution, changes))


def _run(outcome: outcomes.Outcome, task: Task, resolution: Resolution, changes: ChangeSet) -> None:
    if outcome.effect is not None:
        try:
            outcome.effect(outcomes.Act(task, resolution, changes))
        except outcomes.OutcomeError as error:
            raise WorkflowError(str(error)) from error


@transaction.atomic
def resolve(task: Task, user: User, resolution: Resolution) -> list[str]:
    """Submit the canvasser's answer; data-changing outcomes apply now (kept for revert). Return what changed."""
    task = _locked(task)
    if task.state not in ACTIVE:
        raise WorkflowError("该任务已提交审核或已办结，不能再次提交。")
    if _lead_of(task) is not None:
        raise WorkflowError("该任务随另一条重复登记任务一并处理。")
    try:
        outcome = outcomes.outcome_of(task.code, resolution.outcome)
    except outcomes.OutcomeError as error:
        raise WorkflowError(str(error)) from error
    changes = ChangeSet(user)
    _run(outcome, task, resolution, changes)
    task.state, task.outcome, task.note = State.RESOLVED, outcome.key, resolution.note
    task.applied = {"steps": changes.steps, "lines": changes.lines}
    task.save()
    _event(task, user, "resolved", "；".join(filter(None, [resolution.note, *changes.lines])), outcome.key)
    for partner in _partners(task):
        if partner.state in ACTIVE:
            partner.state, partner.outcome = State.RESOLVED, _MIRRORED.get(outcome.key, outcome.key)
            partner.note, partner.applied = f"随任务 #{task.pk} 一并处理", {"with": task.pk}
            partner.save()
            _event(partner, user, "resolved", f"随任务 #{task.pk} 一并提交", partner.outcome)
    return changes.lines


def _locked(task: Task) -> Task:
    """The task as stored now, locked: two clerks submitting at once cannot both apply."""
    return Task.objects.select_for_update(of=("self",)).select_related("finding", "finding__source_record").get(pk=task.pk)


def _partners(task: Task) -> list[Task]:
    """The other task of a 摸排重复 pair (same two records)."""
    if task.code != DUPLICATE:
        return []
    records = task.finding.evidence.get("records", [])
    others = [key for key in records if key != task.finding.canvass_key]
    query = Task.objects.select_related("finding").filter(code=DUPLICATE, finding__canvass_key__in=others)
    return [t for t in query.exclude(pk=task.pk) if sorted(t.finding.evidence.get("records", [])) == sorted(records)]


def _lead_of(task: Task) -> Task | None:
    """The task that settled this one too (a duplicate pair's partner), if any."""
    lead = (task.applied or {}).get("with")
    return Task.objects.select_related("finding").filter(pk=lead).first() if lead else None


def _group(task: Task) -> tuple[Task, list[Task]]:
    lead = _lead_of(task) or task
    return _locked(lead), [p for p in _partners(lead) if (p.applied or {}).get("with") == lead.pk]


def _take_back(task: Task, user: User, why: str) -> list[str]:
    """Revert what the resolution changed (with history); refuse if a record was edited since."""
    steps = (task.applied or {}).get("steps", [])
    try:
        undone = reversible.revert(steps, user, why)
    except reversible.RevertConflict as error:
        raise WorkflowError(str(error)) from error
    task.applied = {}
    return undone


def can_review(user: User) -> bool:
    return scope.role_of(user) in (Role.COUNTY, Role.TOWNSHIP)


@transaction.atomic
def send_back(task: Task, user: User, comment: str) -> None:
    """Back to the village (退回重查): what the resolution changed is taken back first."""
    lead, partners = _group(task)
    _check_review(lead, user)
    if not comment.strip():
        raise WorkflowError("退回时须写明退回原因，方便摸排员重查。")
    undone = _take_back(lead, user, f"任务 #{lead.pk} 退回重查")
    for each in (lead, *partners):
        each.state = State.RETURNED
        if each is not lead:
            each.applied = {}
        each.save()
        _event(each, user, "returned", "；".join([comment, *(f"已撤销：{line}" for line in undone)]))


@transaction.atomic
def approve(task: Task, user: User, comment: str = "") -> None:
    lead, partners = _group(task)
    _check_review(lead, user)
    for each in (lead, *partners):
        each.state = State.APPROVED
        each.save()
        Finding.objects.filter(pk=each.finding_id).update(state=Finding.RESOLVED)
        _event(each, user, "approved", comment)


def can_undo(user: User) -> bool:
    return scope.role_of(user) == Role.COUNTY


@transaction.atomic
def undo(task: Task, user: User, comment: str) -> None:
    """The county takes back an approved resolution: its changes are reverted, the task is open again."""
    lead, partners = _group(task)
    if not can_undo(user):
        raise WorkflowError("只有县人普办可以撤销已办结的任务。")
    if lead.state != State.APPROVED:
        raise WorkflowError("只能撤销已办结的任务。")
    if not comment.strip():
        raise WorkflowError("撤销时须写明原因。")
    undone = _take_back(lead, user, f"任务 #{lead.pk} 撤销办结")
    for each in (lead, *partners):
        each.state, each.outcome = State.RETURNED, ""
        if each is not lead:
            each.applied = {}
        each.save()
        Finding.objects.filter(pk=each.finding_id).update(state=Finding.OPEN)
        _event(each, user, "undone", "；".join([comment, *(f"已撤销：{line}" for line in undone)]))


def _check_review(task: Task, user: User) -> None:
    if not can_review(user):
        raise WorkflowError("只有乡镇或县人普办可以审核。")
    if task.state != State.RESOLVED:
        raise WorkflowError("该任务尚未提交审核。")
