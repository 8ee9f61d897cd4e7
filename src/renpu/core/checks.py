"""Checks of one person within a household, with messages that say what to fix.

One set of rules for every place a person is checked: the browser form
(``check_person``: errors block saving, warnings are shown after saving) and
the canvass comparison (``inconsistencies``: a listed person with an error is a
``canvass.inconsistent`` finding).  The importers check each cell (the ID
number with ``core.idnumber``, dates, codes); a record they load that breaks
one of these rules is found by the comparison.

What is checked: the ID number and its agreement with birth date and sex;
dates (none after today; a death or move needs its date); relationship to the
household head against age and sex; registration place against time away.

Ages count at the census standard time point (``core.census``), never at the
machine's today: a spouse is under 16 if they were under 16 on 2020-11-01.  A
parent-in-law (岳父母或公婆) is a parent generation, like 父母.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from . import census, idnumber
from .codes import PERSON_STATUS, REGISTRATION_PLACE, RELATIONSHIP, SEX, TIME_AWAY, YES_NO

MIN_SPOUSE_AGE = 16
MIN_GENERATION_GAP = 15  # years between parent and child below which we ask
OLDEST = 110  # an age above which we ask
RETYPE = "请对照户口簿或身份证逐位核对后重新输入。"

LISTED = (PERSON_STATUS.LIVING, PERSON_STATUS.AWAY, "", None)  # members who count in the household
OLDER_GENERATIONS = (RELATIONSHIP.PARENT, RELATIONSHIP.PARENT_IN_LAW, RELATIONSHIP.GRANDPARENT)
YOUNGER_GENERATIONS = (RELATIONSHIP.CHILD, RELATIONSHIP.GRANDCHILD)
ONE_GENERATION = (RELATIONSHIP.CHILD, RELATIONSHIP.PARENT, RELATIONSHIP.PARENT_IN_LAW)
REGISTERED_ELSEWHERE = (REGISTRATION_PLACE.THIS_TOWNSHIP, REGISTRATION_PLACE.THIS_COUNTY, REGISTRATION_PLACE.OTHER_COUNTY)

Person = Mapping[str, Any]  # field → value, as a form cleans them or the store holds them


class Member(NamedTuple):
    """What the rules need to know of another member of the same household (a tuple:
    the comparison makes one per listed person of a county)."""

    name: str
    relationship: str | None
    sex: str | None
    birth_date: dt.date | None
    status: str | None = PERSON_STATUS.LIVING


@dataclass(frozen=True)
class Problem:
    field: str  # the field the message is about
    message: str
    error: bool = True  # False: a warning, unusual but possible


@dataclass
class Verdict:
    errors: dict[str, list[str]] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    id_number: str = ""  # the normalised number to store

    def error(self, field_name: str, message: str) -> None:
        self.errors.setdefault(field_name, []).append(message)

    def add(self, problems: Iterable[Problem]) -> None:
        for problem in problems:
            if problem.error:
                self.error(problem.field, problem.message)
            else:
                self.warnings.append(problem.message)

    @property
    def ok(self) -> bool:
        return not self.errors


# --- what the form calls ---------------------------------------------------------------------

def check_person(data: dict[str, Any], others: Sequence[Member], today: dt.date | None = None) -> Verdict:
    """Check one person's fields (``data`` as a form cleans them) against the rest of the household.

    A valid ID number fills an empty birth date and sex (in ``data``)."""
    today = today or dt.date.today()
    verdict = Verdict()
    _check_id(data, verdict, today)
    verdict.add(date_problems(data, today))
    verdict.add(relationship_problems(data, heads_among(others)))
    verdict.add(registration_problems(data))
    return verdict


def check_identity(data: dict[str, Any], today: dt.date | None = None) -> Verdict:
    """The ID number and its agreement with birth date and sex, for the rows of the
    other tables that name a person (空挂户表): the same rules and messages."""
    today = today or dt.date.today()
    verdict = Verdict()
    _check_id(data, verdict, today)
    verdict.add(date_problems(data, today))
    return verdict


def check_number(raw: str, field_name: str, today: dt.date | None = None) -> Verdict:
    """Only the number (a house owner's, 房主公民身份号码): valid or what to fix."""
    verdict = Verdict()
    if raw.strip():
        result = idnumber.check(raw.strip(), today or dt.date.today())
        verdict.id_number = result.number
        for message in [] if result.valid else result.messages():
            verdict.error(field_name, f"{message}。{RETYPE}")
    return verdict


def _check_id(data: dict[str, Any], verdict: Verdict, today: dt.date) -> None:
    raw = (data.get("id_number") or "").strip()
    if not raw:
        verdict.warnings.append("未填公民身份号码：确无身份证号（如新生儿未落户）请在备注中说明。")
        return
    result = idnumber.check(raw, today)
    verdict.id_number = result.number
    if not result.valid:
        for message in result.messages():
            verdict.error("id_number", f"{message}。{RETYPE}")
        return
    verdict.warnings.extend(idnumber.WARNINGS[w] for w in result.warnings)
    if data.get("birth_date") is None:
        data["birth_date"] = result.birth_date  # derive what the number says
    if not data.get("sex"):
        data["sex"] = result.sex
    verdict.add(agreement_problems(data, result.birth_date, result.sex))


# --- what the comparison calls ---------------------------------------------------------------

def inconsistencies(person: Person, heads: Sequence[Member], today: dt.date) -> list[str]:
    """The errors of a stored person — what the form would refuse to save, but for the ID
    number's own validity (checked on import: ``id_problem``; ``canvass.invalid_id``).

    ``heads``: the other members of the household who are its head (``heads_among``)."""
    found = date_problems(person, today)
    found += relationship_problems(person, heads)
    found += registration_problems(person)
    number = person.get("id_number")
    if number and len(number) == 18 and not person.get("id_problem"):
        found[:0] = agreement_problems(person, idnumber.birth_date_of(number), idnumber.sex_of(number))
    return [p.message for p in found if p.error] if found else []


# --- the rules -------------------------------------------------------------------------------

def agreement_problems(person: Person, born: dt.date | None, sex: str | None) -> list[Problem]:
    """Birth date and sex against those a valid ID number carries."""
    found = []
    if born is not None and person.get("birth_date") not in (None, born):
        found.append(Problem("birth_date", f"出生日期与身份证号不符：身份证号中为 {born:%Y-%m-%d}。请核对哪一个录错了。"))
    if sex and person.get("sex") and person["sex"] != sex:
        found.append(Problem("sex", f"性别与身份证号不符：身份证号第17位表示“{SEX.label_of(sex)}”。请核对。"))
    return found


def date_problems(person: Person, today: dt.date) -> list[Problem]:
    """No date after today; a death or a move needs its date, not before the birth."""
    born, status, changed = person.get("birth_date"), person.get("status"), person.get("status_date")
    found = []
    if born and born > today:
        found.append(Problem("birth_date", "出生日期晚于今天，请核对。"))
    elif born and census.age_on(born) > OLDEST:
        found.append(Problem("birth_date", f"年龄超过{OLDEST}岁（{born:%Y-%m-%d} 出生），请核实。", error=False))
    if status in (PERSON_STATUS.DEAD, PERSON_STATUS.MOVED_OUT) and not changed:
        found.append(Problem("status_date", "现状为“死亡”或“迁出”时必须填写变动日期。"))
    if changed and born and changed < born:
        found.append(Problem("status_date", "变动日期早于出生日期，请核对。"))
    if changed and changed > today:
        found.append(Problem("status_date", "变动日期晚于今天，请核对。"))
    return found


def heads_among(members: Iterable[Member]) -> list[Member]:
    """The household's heads: listed members (living here or away) whose relationship is 户主."""
    return [m for m in members if m.relationship == RELATIONSHIP.HEAD and m.status in LISTED]


def relationship_problems(person: Person, heads: Sequence[Member]) -> list[Problem]:
    """Relationship to the head against age and sex; one head per household.  Only for a
    listed person: the dead and the moved-out keep their relationship as history.

    ``heads``: the other members who are the household's head (``heads_among``)."""
    if person.get("status") not in LISTED:
        return []
    relationship = person.get("relationship") or ""
    if relationship == RELATIONSHIP.HEAD and heads:
        return [Problem("relationship", f"本户已有户主（{heads[0].name}），一户只能有一位户主；请先修改原户主的关系。")]
    born = person.get("birth_date")
    found = []
    if relationship == RELATIONSHIP.SPOUSE and born and census.age_on(born) < MIN_SPOUSE_AGE:
        found.append(Problem("relationship", f"与户主关系为“配偶”，但年龄不满{MIN_SPOUSE_AGE}周岁，请核对出生日期或关系。"))
    if heads and born is not None and heads[0].birth_date is not None:
        found += _against_head(person, relationship, born, heads[0])
    return found


def _against_head(person: Person, relationship: str, born: dt.date, head: Member) -> list[Problem]:
    assert head.birth_date is not None
    label = RELATIONSHIP.labels().get(relationship, "")
    older_than_head = born < head.birth_date
    if relationship == RELATIONSHIP.SPOUSE and person.get("sex") and person["sex"] == head.sex:
        return [Problem("sex", f"配偶与户主（{head.name}）性别相同，请核实关系或性别是否录错。", error=False)]
    if relationship in YOUNGER_GENERATIONS and older_than_head:
        return [Problem("birth_date", f"与户主关系为“{label}”，但比户主（{head.name}）年长，请核对出生日期或关系。")]
    if relationship in OLDER_GENERATIONS and not older_than_head:
        return [Problem("birth_date", f"与户主关系为“{label}”，但比户主（{head.name}）年轻，请核对出生日期或关系。")]
    if relationship in ONE_GENERATION:
        gap = census.age_on(min(born, head.birth_date), max(born, head.birth_date))
        if gap < MIN_GENERATION_GAP:
            return [Problem("birth_date", f"与户主（{head.name}）年龄只差 {gap} 岁，却是两代人，请核实。", error=False)]
    return []


def registration_problems(person: Person) -> list[Problem]:
    """Registration place (D8) against time away from it (D9) and the 未落户 flag."""
    place, away, status = person.get("registration_place"), person.get("time_away"), person.get("status")
    lives_here = status in (PERSON_STATUS.LIVING, "", None)
    found = []
    if place == REGISTRATION_PLACE.THIS_VILLAGE and lives_here and away and away != TIME_AWAY.NOT_AWAY:
        found.append(Problem("time_away", "户口登记在本村且住在本村，离开户口登记地时间应为“没有离开”。"))
    if place in REGISTERED_ELSEWHERE and lives_here and away == TIME_AWAY.NOT_AWAY:
        found.append(Problem("time_away", "户口登记地不在本村，离开户口登记地时间不能为“没有离开”：请填写离开了多久。"))
    if away and away != TIME_AWAY.NOT_AWAY and not person.get("reason_away"):
        found.append(Problem("reason_away", "已离开户口登记地，但未填写离开原因。", error=False))
    if place == REGISTRATION_PLACE.PENDING and person.get("unregistered") != YES_NO.YES:
        found.append(Problem("unregistered", "户口登记地为“户口待定”，请同时勾选“未落户”。", error=False))
    return found
