"""The 户主姓名底册 as a printable workbook: one sheet per 普查小区, then 指标解释."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from renpu.core import registers
from renpu.core.registers import AreaRegister

from .report_xlsx import ReportSheet, explanation_sheet, new_workbook

HEADERS = ("建筑物编号", "住房单元编号", "户编号", "户主姓名", "户别", "类型", "本户在住人数H2(a)",
           "户口在本户外出人数H2(b)", "外出人数", "住宅标识", "村民小组", "地址", "备注")
WIDTHS = (10, 8, 7, 12, 8, 10, 10, 12, 7, 12, 7, 36, 16)


def register_rows(register: AreaRegister) -> list[list[Any]]:
    rows = []
    for line in register.lines:
        u = line.unit
        rows.append([
            registers.short_building(u.building_code, register.area_code), u.dwelling_number, line.number_text,
            u.head_name, registers.kind_label(u), u.status,
            u.living if u.table == registers.HOUSEHOLD else "",
            u.registered_away if u.table == registers.HOUSEHOLD else "",
            u.away if u.table == registers.HOUSEHOLD else "",
            u.dwelling_label, u.group, u.address, u.remarks,
        ])
    return rows


def area_title(register: AreaRegister) -> str:
    area = register.area_code or "未划分普查小区"
    return f"{register.township_name}{register.village_name} 普查小区 {area}{' ' + register.area_name if register.area_name else ''}"


def summary_line(register: AreaRegister) -> str:
    t = register.totals()
    return (f"建筑物 {t['buildings']} 栋，住房单元 {t['dwellings']} 个；住户 {t['households']} 户"
            f"（家庭户 {t['family_households']}，集体户 {t['collective_households']}），空房 {t['vacant']} 处，"
            f"全户死亡 {t['all_dead']} 户；在住 {t['living']} 人，户口在本户外出 {t['registered_away']} 人")


def write_register(path: Path, area_registers: Sequence[AreaRegister]) -> dict[str, int]:
    """Write the registers; returns lines per area."""
    workbook = new_workbook(str(path))
    written: dict[str, int] = {}
    try:
        for register in area_registers:
            title = f"户主姓名底册　{area_title(register)}"
            note = f"{summary_line(register)}。编制日期 {dt.date.today():%Y-%m-%d}"
            sheet = ReportSheet(workbook, register.area_code[-3:] + "小区" if register.area_code else "未分小区",
                                title, note, HEADERS, page_header=area_title(register) + "　户主姓名底册", widths=WIDTHS)
            sheet.write_all(register_rows(register))
            t = register.totals()
            sheet.write(["合计", "", "", f"{t['households']}户", "", f"空房{t['vacant']}", t["living"],
                         t["registered_away"], t["away"], "", "", "", ""], total=True)
            written[register.area_code] = sheet.finish() - 1
        explanation_sheet(workbook, registers.EXPLANATIONS)
    finally:
        workbook.close()
    return written
