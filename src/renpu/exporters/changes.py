"""The monthly changes (核变动) workbook: counts by village, then every change with who made it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from renpu.core import changes

from .report_xlsx import ReportSheet, new_workbook

FIELD_LABELS = {"status": "现状", "education": "受教育程度", "name": "姓名", "id_number": "公民身份号码", "sex": "性别",
                "birth_date": "出生日期", "registration_place": "户口登记地", "household_key": "户编号"}


def write_changes(path: Path, report: Any) -> dict[str, int]:
    """``report``: a ``renpu.web.snapshots.changes.ChangeReport``."""
    workbook = new_workbook(str(path))
    period = f"{report.before} → {report.after_label}"
    note = f"比较：{period}；生成于 {dt.datetime.now():%Y-%m-%d %H:%M}"
    written = {}
    try:
        names = {r.change.village_code: r.village_name for r in report.rows}
        sheet = ReportSheet(workbook, "按村汇总", "核变动：按村(居)汇总", note,
                            ["村(居)代码", "村(居)委会", "增加", "减少", *changes.KINDS])
        counts = report.by_village()
        totals = dict.fromkeys(changes.KINDS, 0)
        for code in sorted(counts):
            c = counts[code]
            for kind in changes.KINDS:
                totals[kind] += c[kind]
            sheet.write([code, names.get(code, ""), sum(c[k] for k in changes.ADDED_KINDS),
                         sum(c[k] for k in changes.REMOVED_KINDS), *(c[k] for k in changes.KINDS)])
        sheet.write(["合计", "", sum(totals[k] for k in changes.ADDED_KINDS), sum(totals[k] for k in changes.REMOVED_KINDS),
                     *(totals[k] for k in changes.KINDS)], total=True)
        written["villages"] = sheet.finish()
        sheet = ReportSheet(workbook, "变动明细", "核变动明细", note,
                            ["村(居)委会", "村民小组", "变动类别", "个人编号", "姓名", "公民身份号码", "变动项", "原值", "新值",
                             "变动日期", "修改人", "修改时间", "导入批次文件"])
        for row in report.rows:
            c = row.change
            sheet.write([row.village_name, c.group, c.kind, c.person_key, c.name, c.id_number, FIELD_LABELS.get(c.field, c.field),
                         c.old, c.new, c.status_date, row.changed_by,
                         row.changed_at.strftime("%Y-%m-%d %H:%M") if row.changed_at else "", row.batch_file])
        written["rows"] = sheet.finish()
    finally:
        workbook.close()
    return written
