"""The eight hard cases (八大举措): what each register lists and how it is counted.

Each case is a register (one row per person, household or dwelling) and a
count the dashboard shows.  The store fills the rows (``renpu.web.registers.
hardcases``); this module says, once, what the cases are, their columns and
the rules that pick their rows.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from . import census, residence
from .codes import AWAY_PLACE, PERSON_STATUS, REGISTRATION_PLACE


@dataclass(frozen=True)
class HardCase:
    name: str
    label: str
    unit: str  # what the count counts: 户 / 人 / 处
    measure: str  # the article's measure (seed-article §3)
    columns: tuple[tuple[str, str], ...]  # (field, Chinese header)


_PLACE = (("village_name", "村(居)委会"), ("group", "村民小组"))
_PERSON = (("household_key", "户编号"), ("person_key", "个人编号"), ("name", "姓名"), ("id_number", "公民身份号码"),
           ("sex", "性别"), ("birth_date", "出生日期"))

CASES: tuple[HardCase, ...] = (
    HardCase("absent_household", "空(寄)挂户", "户",
             "公安数据与摸排比对找出空挂人员；村里查找，找不到的通过社保、医保数据查找线索。",
             (*_PLACE, ("origin", "来源"), ("absent_household_key", "空挂户编号"), ("police_household_number", "户口簿户号"),
              ("registered_address", "户籍地址"), ("head_name", "户主姓名"), ("name", "姓名"), ("id_number", "公民身份号码"),
              ("sex", "性别"), ("birth_date", "出生日期"), ("reason", "空挂原因"), ("lead", "线索(表内)"),
              ("pension_lead", "社保线索"), ("medical_lead", "医保线索"), ("state", "核查状态"))),
    HardCase("separated", "人户分离", "人",
             "户口登记地和现居住地都要登记；户籍在本地的外出人员请家属报告其现住地。",
             (*_PLACE, ("direction", "类别"), *_PERSON, ("registration_place", "户口登记地"),
              ("registration_address", "户口登记地详址"), ("living_address", "现住地"), ("time_away", "离开户口登记地时间"),
              ("reason_away", "离开原因"))),
    HardCase("away_unknown", "外出人员地址不详", "人",
             "多渠道收集外出人员地址（返乡、外出务工登记，扶贫台账，社保、医保线索）。",
             (*_PLACE, *_PERSON, ("away_place", "外出地类型"), ("away_address", "外出地址"), ("away_since", "外出时间"),
              ("info_source", "信息来源"), ("phone", "联系电话"), ("sources_consulted", "已查部门线索"),
              ("leads", "线索内容"))),
    HardCase("multiple_dwellings", "一户多宅", "户",
             "记录每户的每处住宅，以“姓名+序号”标识；在人户一致的一处登记，其余登记为空房。",
             (*_PLACE, ("household_key", "户编号"), ("head_name", "户主姓名"), ("dwelling_label", "住宅标识"),
              ("record", "登记为"), ("counted_here", "在此计人口"), ("enumeration_area", "普查小区"),
              ("building_code", "建筑物编号"), ("dwelling_number", "住房单元编号"), ("address", "地址"))),
    HardCase("no_fixed_abode", "居无定所", "人",
             "持续登记，普查标准时点再次确认。",
             (*_PLACE, *_PERSON, ("address", "登记地址"), ("why", "依据"), ("last_confirmed", "最近确认日期"),
              ("days_since", "距今天数"), ("changed_by", "最近修改人"), ("reconfirm", "标准时点复核(签名)"))),
    HardCase("unregistered_child", "未落户儿童", "人",
             "超生、非婚生育、未落户的孩子：宣传普查年度可以落户的政策，逐一登记。",
             (*_PLACE, ("origin", "来源"), *_PERSON, ("registration_place", "户口登记地"), ("mother", "母亲"),
              ("finding", "比对发现"), ("action", "建议处理"))),
    HardCase("special_area", "特殊地域人员", "人",
             "铁路生活区、内河航运等：由所在单位填表，村普查员录入（按家庭户/集体户个人信息表格式批量导入）。",
             (*_PLACE, *_PERSON, ("collective", "户别"), ("address", "地址"), ("fact_source", "信息来源"),
              ("remarks", "备注"))),
    HardCase("unmapped_building", "建筑物漏绘", "处",
             "与户主姓名底册比对找出漏绘建筑物，补绘到底图（标绘系统）。",
             (*_PLACE, ("problem", "问题"), ("enumeration_area", "普查小区"), ("building_code", "建筑物编号"),
              ("records", "摸排记录"), ("address", "地址"), ("action", "处理"))),
)
CASES_BY_NAME = {case.name: case for case in CASES}


def is_out_separated(status: str | None, registration_place: str | None, time_away: str | None,
                     away_place: str | None) -> bool:
    """Registered here, away half a year or more, in another township (or farther)."""
    return (status == PERSON_STATUS.AWAY and registration_place == REGISTRATION_PLACE.THIS_VILLAGE
            and time_away in residence.HALF_YEAR_OR_MORE and away_place != AWAY_PLACE.THIS_TOWNSHIP)


def address_unknown(away_place: str | None, away_address: str | None) -> bool:
    return away_place == AWAY_PLACE.UNKNOWN or not (away_address or "").strip()


def needs_reconfirming(last_confirmed: dt.date | None, standard_time_point: dt.date | None = None) -> bool:
    """Everyone with no fixed abode is confirmed again at the standard time point (by default the census's)."""
    return last_confirmed is None or last_confirmed < (standard_time_point or census.census_day())
