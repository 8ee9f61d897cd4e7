"""The household-head register (户主姓名底册) of one enumeration area (普查小区).

Every building and dwelling in walking order (building number, dwelling
number), each with its 3-digit household number (户编号), head, kind and the
census's two person counts: H2(a) persons living here and H2(b) persons with
hukou here who are away.  Vacant dwellings are listed and numbered too; a
household whose members all died is listed with number 999 (census-7th.md §1.4).

Household numbers are unique inside the area and stable: ``assign_numbers``
keeps every number already given, numbers newcomers from the area's current
maximum upwards, never gives 999, and never reuses a number.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from . import codes

ALL_DIED = 999
MAX_NUMBER = 998

# What a register line is.
OCCUPIED = "住户"
VACANT = "空房"
ALL_DEAD = "全户死亡"
ALL_AWAY = "户在人不在"  # everyone registered here is away: 空挂 candidate
MOVED_OUT = "全户迁出"
NO_MEMBERS = "未登记人员"

HOUSEHOLD, VACANT_DWELLING = "household", "vacant_dwelling"

# Indicator explanations printed with the register: the census's own definitions.
EXPLANATIONS: tuple[tuple[str, str], ...] = (
    ("普查区", "以村(居)民委员会辖区为普查区，代码为12位统计用区划代码。"),
    ("普查小区", "普查区内约80～100户（住房单元）划为一个普查小区，代码为普查区代码后加3位顺序号（001起）。"),
    ("建筑物编号", "普查小区内建筑物的顺序号，按普查员的行走顺序编排，与标绘系统中的建筑物一致。"),
    ("住房单元编号", "建筑物内住房单元（一套住房、一间出租屋等）的顺序号。住宅建筑中每个住房单元都要编号，包括空房和底层商铺。"),
    ("户编号", "3位数字，在普查小区内唯一，与户主姓名底册自动关联，普查表上不得修改。登记时发现新的户，先补入底册，"
              "编号为本小区现有最大户编号之后的下一个号。户编号999专用于全户死亡的户。"),
    ("户主姓名", "本户户主的姓名。户主填报在第一人，其后依次为配偶和其他成员。集体户填集体户名称。"),
    ("户别", "家庭户：以家庭成员关系为主、居住一处共同生活的人组成的户，单身居住独自生活的也为家庭户；"
            "集体户：相互之间没有家庭成员关系、集体居住共同生活的人组成的户。"),
    ("类型", "住户：有人居住的户；空房：无人居住的住房单元（含一户多宅中不住人的住宅）；全户死亡：成员全部死亡的户，户编号999，只登记地址；"
            "户在人不在：户口在本户的人全部外出（空挂户候选）；全户迁出：成员全部迁出。"),
    ("本户在住人数 H2(a)", "普查标准时点（2020年11月1日零时）在本户居住的人数，不论户口在哪里。"),
    ("户口在本户外出人数 H2(b)", "户口登记在本户、普查标准时点不在本户居住的人数，不论外出多久、因何外出。"),
    ("外出人数", "本户成员中现状为外出的人数（含户口在外地的成员）。"),
    ("住宅标识", "一户多宅：本户每处住宅以“户主姓名+序号”标识，如“张三1”“张三2”；人在户在的一处登记为住户，其余登记为空房。"),
    ("常住人口", "居住在本乡镇且户口在本乡镇或户口待定的人；居住在本乡镇、离开户口登记地所在乡镇半年以上的人；"
                "户口在本乡镇、外出不满半年或在境外工作学习的人。"),
    ("户籍人口", "户口登记在本地的人口，不论其现住何处。"),
    ("人户分离", "居住地与户口登记地所在的乡镇街道不一致且离开户口登记地半年以上的人口。"),
    ("登记对象", "普查小区内应登记：2020年10月31日晚居住在本小区的所有人（不论户口在哪里）；户口在本小区、当晚未在本小区居住的人（不论离开多久）。"),
)


@dataclass(frozen=True)
class Unit:
    """A household or vacant dwelling of the area, with its members counted."""

    table: str  # HOUSEHOLD or VACANT_DWELLING
    key: str
    enumeration_area: str
    building_code: str = ""
    dwelling_number: str = ""
    kind: str = ""  # household kind code; '' for a vacant dwelling
    head_name: str = ""
    dwelling_label: str = ""
    address: str = ""
    group: str = ""
    living: int = 0  # H2(a)
    registered_away: int = 0  # H2(b)
    away: int = 0
    dead: int = 0
    moved_out: int = 0
    remarks: str = ""

    @property
    def members(self) -> int:
        return self.living + self.away + self.dead + self.moved_out

    @property
    def status(self) -> str:
        if self.table == VACANT_DWELLING:
            return VACANT
        if self.living == 0 and self.away == 0:
            if self.dead and not self.moved_out:
                return ALL_DEAD
            if self.moved_out:
                return MOVED_OUT
            return NO_MEMBERS
        if self.living == 0:
            return ALL_AWAY
        return OCCUPIED


@dataclass(frozen=True)
class Line:
    number: int
    unit: Unit

    @property
    def number_text(self) -> str:
        return f"{self.number:03d}"


@dataclass
class AreaRegister:
    area_code: str
    area_name: str
    village_name: str
    township_name: str
    lines: list[Line] = field(default_factory=list)
    new_numbers: int = 0  # numbers given this time

    def totals(self) -> dict[str, int]:
        units = [line.unit for line in self.lines]
        return {
            "buildings": len({u.building_code for u in units if u.building_code}),
            "dwellings": len({(u.building_code, u.dwelling_number) for u in units}),
            "households": sum(u.table == HOUSEHOLD and u.status != ALL_DEAD for u in units),
            "family_households": sum(u.table == HOUSEHOLD and u.kind == codes.HOUSEHOLD_KIND.FAMILY and u.status != ALL_DEAD for u in units),
            "collective_households": sum(u.table == HOUSEHOLD and u.kind == codes.HOUSEHOLD_KIND.COLLECTIVE and u.status != ALL_DEAD for u in units),
            "vacant": sum(u.table == VACANT_DWELLING for u in units),
            "all_dead": sum(u.status == ALL_DEAD for u in units),
            "living": sum(u.living for u in units),
            "registered_away": sum(u.registered_away for u in units),
            "away": sum(u.away for u in units),
        }


class RegisterFull(ValueError):
    """The area would need a household number above 998: split it (at most 999 forms per 小区)."""


_NUMBER_PART = re.compile(r"(\d+)")


def natural_key(text: str) -> tuple[tuple[int, int | str], ...]:
    """'12' after '2', '3-10' after '3-9': numbers compare as numbers."""
    return tuple((0, int(part)) if part.isdigit() else (1, part) for part in _NUMBER_PART.split(text or "") if part)


def walking_order(units: Iterable[Unit]) -> list[Unit]:
    return sorted(units, key=lambda u: (u.building_code == "",
                                        natural_key(short_building(u.building_code, u.enumeration_area)),
                                        natural_key(u.dwelling_number), u.table != HOUSEHOLD, natural_key(u.key)))


def assign_numbers(units: Iterable[Unit], existing: Mapping[tuple[str, str], int]) -> dict[tuple[str, str], int]:
    """Numbers for the units (in walking order), keeping ``existing`` ((table, key) → number).

    A household whose members all died shows 999 and needs no number of its own;
    every other unit keeps its number or takes the next after the area's
    maximum (numbers once given are never reused, even if their unit is gone).
    """
    ordered = walking_order(units)
    given: dict[tuple[str, str], int] = {}
    highest = max((n for n in existing.values() if n != ALL_DIED), default=0)
    for unit in ordered:
        ref = (unit.table, unit.key)
        if unit.status == ALL_DEAD:
            continue
        if ref in existing and existing[ref] != ALL_DIED:
            given[ref] = existing[ref]
            continue
        highest += 1
        if highest == ALL_DIED or highest > MAX_NUMBER:
            raise RegisterFull(f"普查小区 {unit.enumeration_area} 的户编号已用到 {MAX_NUMBER}，请划分新的普查小区")
        given[ref] = highest
    return given


def build_register(area_code: str, units: Iterable[Unit], numbers: Mapping[tuple[str, str], int],
                   area_name: str = "", village_name: str = "", township_name: str = "") -> AreaRegister:
    """The register's lines in walking order; all-dead households get 999."""
    register = AreaRegister(area_code, area_name, village_name, township_name)
    for unit in walking_order(units):
        number = ALL_DIED if unit.status == ALL_DEAD else numbers[(unit.table, unit.key)]
        register.lines.append(Line(number, unit))
    return register


def short_building(building_code: str, area_code: str) -> str:
    """A building code inside its area: '421126105201001007' in area …001 → '007'."""
    if area_code and building_code.startswith(area_code) and len(building_code) > len(area_code):
        return building_code[len(area_code):]
    return building_code


def kind_label(unit: Unit) -> str:
    return codes.HOUSEHOLD_KIND.labels().get(unit.kind, "") if unit.table == HOUSEHOLD else ""
