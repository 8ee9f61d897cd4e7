"""Checks of one person as typed in the browser, with messages that say what to fix.

The same rules as the importers: the ID number (``core.idnumber.check``) and its
agreement with birth date and sex, relationship vs age and sex within the
household, registration place vs time away, status vs its date.  Errors block
saving; warnings are shown after saving (unusual but possible cases).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from renpu.core import idnumber

HEAD, SPOUSE, CHILD, PARENT, GRANDPARENT, GRANDCHILD = "0", "1", "2", "3", "5", "7"
LIVING, AWAY, DEAD, MOVED_OUT = "1", "2", "3", "4"
MIN_SPOUSE_AGE = 16
MIN_GENERATION_GAP = 15  # years between parent and child below which we ask
RETYPE = "请对照户口簿或身份证逐位核对后重新输入。"


@dataclass
class Member:
    """What the rules need to know of another member of the same household."""

    name: str
    relationship: str
    sex: str
    birth_date: dt.date | None
    status: str = LIVING


@dataclass
class Verdict:
    errors: dict[str, list[str]] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    id_number: str = ""  # the normalised number to store

    def error(self, field_name: str, message: str) -> None:
        self.errors.setdefault(field_name, []).append(message)

    @property
    def ok(self) -> bool:
        return not self.errors


def age_on(born: dt.date, day: dt.date) -> int:
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def check_person(data: dict[str, Any], others: Sequence[Member], today: dt.date | None = None) -> Verdict:
    """Check one person's fields (``data`` as a form cleans them) against the household."""
    today = today or dt.date.today()
    verdict = Verdict()
    _check_id(data, verdict, today)
    _check_dates(data, verdict, today)
    _check_relationship(data, [m for m in others if m.status in (LIVING, AWAY, "")], verdict)
    _check_registration(data, verdict)
    return verdict


def check_identity(data: dict[str, Any], today: dt.date | None = None) -> Verdict:
    """The ID number and its agreement with birth date and sex, for the rows of the
    other tables that name a person (空挂户表): the same rules and messages."""
    today = today or dt.date.today()
    verdict = Verdict()
    _check_id(data, verdict, today)
    _check_dates(data, verdict, today)
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
    born, sex = result.birth_date, result.sex
    if data.get("birth_date") is None:
        data["birth_date"] = born  # derive what the number says
    elif data["birth_date"] != born:
        verdict.error("birth_date", f"出生日期与身份证号不符：身份证号中为 {born:%Y-%m-%d}。请核对哪一个录错了。")
    if not data.get("sex"):
        data["sex"] = sex
    elif data["sex"] != sex:
        label = "男" if sex == "1" else "女"
        verdict.error("sex", f"性别与身份证号不符：身份证号第17位表示“{label}”。请核对。")


def _check_dates(data: dict[str, Any], verdict: Verdict, today: dt.date) -> None:
    born = data.get("birth_date")
    if born and born > today:
        verdict.error("birth_date", "出生日期晚于今天，请核对。")
    elif born and age_on(born, today) > 110:
        verdict.warnings.append(f"年龄超过110岁（{born:%Y-%m-%d} 出生），请核实。")
    status, changed = data.get("status"), data.get("status_date")
    if status in (DEAD, MOVED_OUT) and not changed:
        verdict.error("status_date", "现状为“死亡”或“迁出”时必须填写变动日期。")
    if changed and born and changed < born:
        verdict.error("status_date", "变动日期早于出生日期，请核对。")
    if changed and changed > today:
        verdict.error("status_date", "变动日期晚于今天，请核对。")


def _check_relationship(data: dict[str, Any], others: list[Member], verdict: Verdict) -> None:
    relationship = data.get("relationship") or ""
    heads = [m for m in others if m.relationship == HEAD]
    if relationship == HEAD and heads:
        verdict.error("relationship", f"本户已有户主（{heads[0].name}），一户只能有一位户主；请先修改原户主的关系。")
        return
    head = heads[0] if heads else None
    born = data.get("birth_date")
    if head is None or born is None or head.birth_date is None:
        if relationship == SPOUSE and born and age_on(born, dt.date.today()) < MIN_SPOUSE_AGE:
            verdict.error("relationship", f"与户主关系为“配偶”，但年龄不满{MIN_SPOUSE_AGE}周岁，请核对出生日期或关系。")
        return
    _check_against_head(data, head, born, verdict)


def _check_against_head(data: dict[str, Any], head: Member, born: dt.date, verdict: Verdict) -> None:
    relationship = data.get("relationship") or ""
    assert head.birth_date is not None
    older_than_head = born < head.birth_date
    gap = abs(age_on(min(born, head.birth_date), max(born, head.birth_date)))
    if relationship == SPOUSE:
        if age_on(born, dt.date.today()) < MIN_SPOUSE_AGE:
            verdict.error("relationship", f"与户主关系为“配偶”，但年龄不满{MIN_SPOUSE_AGE}周岁，请核对出生日期或关系。")
        if data.get("sex") and data["sex"] == head.sex:
            verdict.warnings.append(f"配偶与户主（{head.name}）性别相同，请核实关系或性别是否录错。")
    elif relationship in (CHILD, GRANDCHILD) and older_than_head:
        label = "子女" if relationship == CHILD else "孙子女"
        verdict.error("birth_date", f"与户主关系为“{label}”，但比户主（{head.name}）年长，请核对出生日期或关系。")
    elif relationship in (PARENT, GRANDPARENT) and not older_than_head:
        label = "父母" if relationship == PARENT else "祖父母"
        verdict.error("birth_date", f"与户主关系为“{label}”，但比户主（{head.name}）年轻，请核对出生日期或关系。")
    elif relationship in (CHILD, PARENT) and gap < MIN_GENERATION_GAP:
        verdict.warnings.append(f"与户主（{head.name}）年龄只差 {gap} 岁，却是两代人，请核实。")


def _check_registration(data: dict[str, Any], verdict: Verdict) -> None:
    place, away, status = data.get("registration_place"), data.get("time_away"), data.get("status")
    lives_here = status in (LIVING, "", None)
    if place == "1" and lives_here and away and away != "1":
        verdict.error("time_away", "户口登记在本村且住在本村，离开户口登记地时间应为“没有离开”。")
    if place in ("2", "3", "4") and lives_here and away == "1":
        verdict.error("time_away", "户口登记地不在本村，离开户口登记地时间不能为“没有离开”：请填写离开了多久。")
    if away and away != "1" and not data.get("reason_away"):
        verdict.warnings.append("已离开户口登记地，但未填写离开原因。")
    if place == "5" and data.get("unregistered") != "1":
        verdict.warnings.append("户口登记地为“户口待定”，请同时勾选“未落户”。")
