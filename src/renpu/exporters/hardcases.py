"""The hard-case registers (八大举措) and the 查漏房 report as printable workbooks."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from renpu.core import hardcases
from renpu.core.missed import MissedDwellings

from .report_xlsx import ReportSheet, new_workbook

SPECIAL_AREA_IMPORT = (
    "特殊地域人员（铁路生活区、内河航运等）的录入：请所在单位按“家庭户个人信息表”（或集体户个人信息表）的格式填写，"
    "“特殊地域”一列填“是”，村(居)代码、户编号按本村编排；村普查员收表后用“renpu import canvass 文件.xlsx”"
    "（或网页“导入”）批量导入，导入有错的整份退回并附问题清单。"
)


def write_hardcases(path: Path, rows_by_case: Mapping[str, Sequence[Mapping[str, Any]]],
                    counts: Mapping[str, int], scope: str = "全县") -> dict[str, int]:
    """One sheet per case (in the order of ``core.hardcases.CASES``), after a 目录 sheet with the counts."""
    workbook = new_workbook(str(path))
    written: dict[str, int] = {}
    today = f"{dt.date.today():%Y-%m-%d}"
    try:
        index = ReportSheet(workbook, "目录", f"八类难点人员登记册（{scope}）", f"生成于 {today}",
                            ["难点", "数量", "单位", "做法", "工作表"], widths=[18, 8, 6, 80, 18])
        for case in hardcases.CASES:
            if case.name in rows_by_case:
                index.write([case.label, counts.get(case.name, 0), case.unit, case.measure, case.label])
        index.write(["说明", "", "", SPECIAL_AREA_IMPORT, ""])
        index.finish()
        for case in hardcases.CASES:
            if case.name not in rows_by_case:
                continue
            rows = rows_by_case[case.name]
            note = f"{case.measure}  共 {counts.get(case.name, len(rows))} {case.unit}，{len(rows)} 行。生成于 {today}"
            sheet = ReportSheet(workbook, case.label, f"{case.label}登记册（{scope}）", note,
                                [label for _, label in case.columns], page_header=f"{scope} {case.label}登记册")
            for row in rows:
                sheet.write([row.get(field) for field, _ in case.columns])
            written[case.name] = sheet.finish()
    finally:
        workbook.close()
    return written


def write_missed_dwellings(path: Path, result: MissedDwellings, village_names: Mapping[str, str],
                           scope: str = "全县") -> dict[str, int]:
    workbook = new_workbook(str(path))
    today = f"{dt.date.today():%Y-%m-%d}"
    written: dict[str, int] = {}
    try:
        sheet = ReportSheet(workbook, "分小区对照", f"查漏房：分普查小区对照（{scope}）",
                            f"标绘系统建筑物与摸排户表、空宅表按建筑物编号对照。生成于 {today}",
                            ["村(居)委会", "普查小区", "标绘建筑物数", "摸排涉及建筑物数", "摸排户数", "摸排空宅数",
                             "未标绘建筑物数", "未标绘的户和空宅数", "有标绘无摸排记录建筑物数"])
        for a in result.areas:
            sheet.write([village_names.get(a.village_code, a.village_code), a.enumeration_area or "（未划小区）",
                         a.mapped_buildings, a.canvass_buildings, a.households, a.vacant_dwellings,
                         a.unmapped_buildings, a.unmapped_units, a.unlisted_buildings])
        sheet.write(["合计", "", *(sum(getattr(a, f) for a in result.areas) for f in (
            "mapped_buildings", "canvass_buildings", "households", "vacant_dwellings", "unmapped_buildings",
            "unmapped_units", "unlisted_buildings"))], total=True)
        written["areas"] = sheet.finish()
        sheet = ReportSheet(workbook, "待补绘(漏绘)", f"摸排有、标绘系统没有的住房（{scope}）",
                            f"mapping.unmapped_dwelling：请在标绘系统补绘这些建筑物，并补到纸质底图。生成于 {today}",
                            ["村(居)委会", "村民小组", "普查小区", "建筑物编号", "类别", "记录编号", "户主/房主", "地址"])
        for u in result.unmapped:
            sheet.write([village_names.get(u.village_code, ""), u.group, u.enumeration_area, u.building_code or "（无编号）",
                         "户" if u.table == "household" else "空宅", u.key, u.head_name, u.address])
        written["unmapped"] = sheet.finish()
        sheet = ReportSheet(workbook, "疑似漏户", f"标绘有、摸排没有户/空宅/小区记录的建筑物（{scope}）",
                            f"mapping.unlisted_building：实地核查，有人住的补录户，无人住的补录空宅。生成于 {today}",
                            ["村(居)委会", "普查小区", "建筑物编号", "地址或名称", "经度", "纬度", "核查结果"])
        for b in result.unlisted:
            sheet.write([village_names.get(b.village_code, ""), b.enumeration_area, b.building_code, b.address,
                         b.longitude, b.latitude, ""])
        written["unlisted"] = sheet.finish()
    finally:
        workbook.close()
    return written
