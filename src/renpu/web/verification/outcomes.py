"""The outcomes of each finding code (核查结果), and what each one changes.

Every code has its own short list; the page preselects none.  An outcome with
an ``effect`` changes the canvass data through a ``reversible.ChangeSet`` (with
history, and kept on the task so that sending the task back or undoing its
approval takes the change back exactly); an outcome without one records the
canvasser's answer only.  ``tests/web/verification/test_outcomes.py`` runs every
code × outcome from this table: a new code without outcomes fails there.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from renpu.core import idnumber
from renpu.core.codes import HOUSEHOLD_KIND, PERSON_STATUS, REASON_AWAY, RELATIONSHIP
from renpu.web.canvass import merging, people
from renpu.web.canvass.models import Household, Person
from renpu.web.canvass.reversible import ChangeSet

from .models import Finding, Task


class OutcomeError(ValueError):
    """The outcome cannot be applied as asked; the message says why, in Chinese."""


@dataclass
class Resolution:
    """What the canvasser submits: the outcome and the details it needs."""

    outcome: str
    note: str = ""
    died_on: dt.date | None = None
    id_number: str = ""
    household: Household | None = None
    relationship: str = RELATIONSHIP.OTHER
    registration_place: str = ""


@dataclass
class Act:
    """One outcome being applied: the task, its records, and the change set that records it."""

    task: Task
    resolution: Resolution
    changes: ChangeSet

    @property
    def finding(self) -> Finding:
        return self.task.finding

    def person(self) -> Person:
        found = person_of(self.finding)
        if found is None:
            raise OutcomeError("该发现对应的摸排人员已不在摸排表中（可能已删除或合并），不能选择此结果。")
        return found

    def other(self) -> Person:
        """The other record of a duplicate pair."""
        found = other_of(self.finding)
        if found is None:
            raise OutcomeError("重复登记的另一条记录已不在摸排表中（可能已删除或合并），不能选择此结果。")
        return found


Effect = Callable[[Act], None]


@dataclass(frozen=True)
class Outcome:
    key: str
    label: str
    effect: Effect | None = None
    needs: tuple[str, ...] = ()  # the form fields it reads: died_on, id_number, household_key, relationship …

    @property
    def changes_data(self) -> bool:
        return self.effect is not None


def person_of(finding: Finding) -> Person | None:
    """The listed person the finding is about, if it names one."""
    if not finding.canvass_key or finding.canvass_table not in ("", "person", "family_person", "collective_person"):
        return None
    return Person.objects.filter(person_key=finding.canvass_key).first()


def other_of(finding: Finding) -> Person | None:
    """The other record of a 摸排重复 pair (the evidence names both)."""
    others = [key for key in finding.evidence.get("records", []) if key != finding.canvass_key]
    return Person.objects.filter(person_key=others[0]).first() if others else None


def household_of(finding: Finding) -> Household | None:
    """The household a missing person most likely belongs to (the mother's, the grid's household …)."""
    if finding.canvass_table == "household" and finding.canvass_key:
        return Household.objects.filter(household_key=finding.canvass_key).first()
    person = person_of(finding)
    return Household.objects.filter(household_key=person.household_key).first() if person else None


# ---- effects ---------------------------------------------------------------------------------


def mark_dead(act: Act) -> None:
    if act.resolution.died_on is None:
        raise OutcomeError("标记死亡须填写死亡日期。")
    act.changes.update(act.person(), status=PERSON_STATUS.DEAD, status_date=act.resolution.died_on)


def correct_id(act: Act) -> None:
    result = idnumber.check(act.resolution.id_number)
    if not result.valid:
        raise OutcomeError("更正后的身份证号仍不正确：" + "；".join(result.messages()))
    person = act.person()
    if result.number == person.id_number:
        raise OutcomeError("更正后的号码与原号码相同：没有要更正的。")
    act.changes.update(person, id_number=result.number, id_problem="", birth_date=result.birth_date,
                       sex=result.sex or person.sex)


def add_person(act: Act) -> None:
    household = act.resolution.household
    if household is None:
        raise OutcomeError("补录须填写其所在户的户编号（本村）。")
    if act.task.village_id and household.village_id != act.task.village_id:
        raise OutcomeError("所填户编号不在该任务所属的村(居)。")
    source, finding = act.finding.source_record, act.finding
    number = idnumber.check(source.id_number if source else finding.id_number)
    person = Person(
        name=(source.name if source else "") or finding.name, id_number=number.number,
        sex=(source.sex if source else "") or (number.sex or ""),
        birth_date=(source.birth_date if source else None) or number.birth_date,
        relationship=act.resolution.relationship, status=PERSON_STATUS.LIVING, fact_source=f"核查任务 #{act.task.pk}",
        household_key=household.household_key, village_id=household.village_id, group=household.group,
        collective=household.kind == HOUSEHOLD_KIND.COLLECTIVE, person_key=people.next_person_key(household.household_key),
    )
    act.changes.create(person, f"核查任务 #{act.task.pk} 补录")


def remover(reason: str) -> Effect:
    def remove(act: Act) -> None:
        merging.remove_person(act.changes, act.person(), reason)
    return remove


def keep_this(act: Act) -> None:
    merging.merge_persons(act.changes, act.person(), act.other())


def keep_other(act: Act) -> None:
    merging.merge_persons(act.changes, act.other(), act.person())


def adopt_police(act: Act) -> None:
    """Take the police register's name, sex and birth date where they differ."""
    values = act.finding.evidence.get("values", {})
    wanted = {f: values[f]["police"] for f in ("name", "sex", "birth_date") if f in values}
    if not wanted:
        raise OutcomeError("该发现没有记下户籍的信息，请在人员页面手工修改。")
    if "birth_date" in wanted:
        wanted["birth_date"] = dt.date.fromisoformat(str(wanted["birth_date"])[:10])
    act.changes.update(act.person(), **wanted)


def set_registration_place(act: Act) -> None:
    if not act.resolution.registration_place:
        raise OutcomeError("请选择更正后的户口登记地。")
    act.changes.update(act.person(), registration_place=act.resolution.registration_place)


def away_at_school(act: Act) -> None:
    act.changes.update(act.person(), status=PERSON_STATUS.AWAY, reason_away=REASON_AWAY.parse("学习培训") or "")


# ---- the table -------------------------------------------------------------------------------

NOT_SAME = Outcome("not_same", "不是同一人")
NOT_FOUND = Outcome("not_found", "查无此人")
ADDED = Outcome("added", "已补录（加入所在户）", add_person, ("household_key", "relationship"))

OUTCOMES: dict[str, tuple[Outcome, ...]] = {
    "canvass.duplicate_person": (
        Outcome("keep_this", "保留本条（合并另一条）", keep_this),
        Outcome("keep_other", "保留另一条（合并本条）", keep_other),
        NOT_SAME,
    ),
    "canvass.invalid_id": (
        Outcome("id_corrected", "已核对证件，更正号码", correct_id, ("id_number",)),
        Outcome("id_as_issued", "证件上的号码就是如此（保留原号码）"),
        Outcome("removed_not_found", "查无此人（删除此条登记）", remover("查无此人")),
    ),
    "canvass.inconsistent": (
        Outcome("corrected_by_hand", "已入户核实，并在人员页面更正"),
        Outcome("confirmed", "核实无误（情况属实）"),
    ),
    "police.unlisted_registered": (
        ADDED,
        Outcome("moved_out", "已迁出（户口未迁）"),
        Outcome("lives_elsewhere", "在外县居住（户在人不在）"),
        NOT_FOUND,
    ),
    "police.wrong_registration": (
        Outcome("registration_corrected", "更正户口登记地", set_registration_place, ("registration_place",)),
        Outcome("registration_confirmed", "核实户口确在本村（户籍未更新）"),
    ),
    "police.absent_household": (
        Outcome("absent_confirmed", "确认空挂户（已填入空挂户表）"),
        Outcome("household_found", "户中有人居住（已补录该户）"),
        Outcome("household_not_found", "查无此户"),
    ),
    "police.attribute_mismatch": (
        Outcome("adopt_police", "采用户籍信息", adopt_police),
        Outcome("keep_canvass", "摸排信息正确（保留）"),
        NOT_SAME,
    ),
    "police.id_correction": (
        Outcome("adopt_corrected", "采用更正后的号码", correct_id, ("id_number",)),
        Outcome("keep_typed", "保留原号码"),
        NOT_SAME,
    ),
    "pension.contact_lead": (
        Outcome("contacted", "已联系上本人，去向已核实"),
        Outcome("lead_invalid", "联系方式无效"),
    ),
    "medical.contact_lead": (
        Outcome("contacted", "已联系上本人，去向已核实"),
        Outcome("lead_invalid", "联系方式无效"),
    ),
    "grid.vacant_but_occupied": (
        Outcome("household_added", "有人居住（已补录该户）"),
        Outcome("vacant_confirmed", "确为空宅"),
    ),
    "grid.unlisted_resident": (ADDED, Outcome("not_resident", "不在此居住"), NOT_FOUND),
    "grid.unlisted_dwelling": (
        Outcome("dwelling_added", "已补录户或空宅"),
        Outcome("no_dwelling", "查无此住房（非住宅或已拆除）"),
    ),
    "education.boarder_unlisted": (ADDED, Outcome("not_boarder", "不住校")),
    "education.staff_unlisted": (ADDED, Outcome("not_boarder", "不住校")),
    "education.double_listed": (
        Outcome("away_at_school", "家中改为外出（学习培训）", away_at_school),
        Outcome("not_boarder", "不住校（在家居住）"),
        NOT_SAME,
    ),
    "health.unlisted_birth": (
        ADDED,
        Outcome("not_here", "不在本村居住"),
        NOT_FOUND,
    ),
    "health.unregistered_child": (
        Outcome("helped_register", "已告知落户政策，协助办理"),
        Outcome("registered", "已落户（信息已更新）"),
    ),
    # The province's findings (renpu import province-findings): the other county's record is the evidence.
    "province.duplicate_person": (
        Outcome("lives_here", "常住本县（对方县应核减）"),
        Outcome("removed_here", "常住外县，删除本县重复登记", remover("重复登记（外县已登记）")),
        NOT_SAME,
    ),
    "province.lives_elsewhere": (
        Outcome("separated", "核实在外县居住（人户分离）"),
        Outcome("lives_here", "实际在本县居住（已补录或另有任务）"),
        NOT_SAME,
    ),
    "province.registered_elsewhere": (
        Outcome("registration_corrected", "更正户口登记地", set_registration_place, ("registration_place",)),
        Outcome("registration_confirmed", "核实户口登记地无误"),
        NOT_SAME,
    ),
    "province.deceased_listed": (
        Outcome("death", "已标记死亡", mark_dead, ("died_on",)),
        Outcome("alive", "信息有误（此人健在）"),
        NOT_SAME,
    ),
    "civil.deceased_listed": (
        Outcome("death", "已标记死亡", mark_dead, ("died_on",)),
        Outcome("alive", "信息有误（此人健在）"),
        NOT_SAME,
    ),
    "mapping.unmapped_dwelling": (
        Outcome("mapped", "已在标绘系统补绘"),
        Outcome("building_code_wrong", "建筑物编号有误（已更正）"),
    ),
    "mapping.unlisted_building": (
        Outcome("dwelling_added", "已补录户或空宅"),
        Outcome("not_residential", "非住宅或已拆除"),
    ),
    "linkage.review": (
        Outcome("same_person", "是同一人（按对应发现处理）"),
        NOT_SAME,
    ),
}
# An unknown code (a newer comparison) still gets an answer that changes nothing.
FALLBACK = (Outcome("checked", "已核实处理"), NOT_SAME)
# Outcomes of tasks resolved before each code had its own list: shown, never offered.
LEGACY_LABELS = {"added": "已补录漏登人员", "death": "确认死亡", "id_corrected": "已更正身份证号",
                 "registered_absent": "确认户在人不在（空挂）", "not_same": "不是同一人", "not_found": "查无此人"}

def outcomes_of(code: str) -> tuple[Outcome, ...]:
    return OUTCOMES.get(code, FALLBACK)


def outcome_of(code: str, key: str) -> Outcome:
    for outcome in outcomes_of(code):
        if outcome.key == key:
            return outcome
    raise OutcomeError("请选择该类任务的核查结果之一。")


def label_of(code: str, key: str) -> str:
    for outcome in outcomes_of(code):
        if outcome.key == key:
            return outcome.label
    return LEGACY_LABELS.get(key, key)


def label_of_task(task: Task) -> str:
    """The task's outcome as its code's list names it ("" while it has none)."""
    return label_of(task.code, task.outcome) if task.outcome else ""
