"""The population summaries workbook: county, township, village and group tables, pyramids.

Sheets: 全县人口汇总表, 乡镇人口汇总表, 分村(居)人口汇总表, 分小组人口汇总表 (each
with a 合计 row equal to the county row), 年龄性别结构 (resident population
by five-year band and sex, per township and the county, with a native Excel
pyramid chart for each: a bar chart whose male bars are negative), 指标解释.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, Protocol

from renpu.core import summaries

from .report_xlsx import ReportSheet, explanation_sheet, new_workbook

LEVEL_SHEETS = (
    ("county", "全县人口汇总表", ()),
    ("township", "乡镇人口汇总表", (("code", "乡镇代码"), ("township_name", "乡镇(街道)"))),
    ("village", "分村(居)人口汇总表", (("township_name", "乡镇(街道)"), ("code", "村(居)代码"),
                                  ("village_name", "村(居)委会"))),
    ("group", "分小组人口汇总表", (("township_name", "乡镇(街道)"), ("code", "村(居)代码"),
                               ("village_name", "村(居)委会"), ("group", "村民小组"))),
)
PYRAMID_SHEET = "年龄性别结构"


class AreaRowLike(Protocol):
    level: str
    code: str
    township_name: str
    village_name: str
    group: str
    tally: summaries.Tally

    @property
    def name(self) -> str: ...


class SummaryLike(Protocol):
    since: dt.date
    age_at: dt.date
    townships: list[Any]
    county: Any

    def rows(self, level: str) -> list[Any]: ...


def write_summaries(path: Path, summary: SummaryLike) -> dict[str, int]:
    """Write the workbook; returns rows written per level."""
    workbook = new_workbook(str(path))
    note = (f"出生、死亡自 {summary.since:%Y-%m-%d} 起计；年龄按 {summary.age_at:%Y-%m-%d} 计算；"
            f"生成于 {dt.datetime.now():%Y-%m-%d %H:%M}。数据来自摸排数据库，自动汇总，不可手填。")
    written: dict[str, int] = {}
    try:
        for level, sheet_name, lead in LEVEL_SHEETS:
            headers = [label for _, label in lead] or ["地区"]
            sheet = ReportSheet(workbook, sheet_name, f"{summary.county.name}{sheet_name}", note,
                                [*headers, *(m.label for m in summaries.MEASURES)])
            rows = summary.rows(level)
            for row in rows:
                lead_values = [getattr(row, f) for f, _ in lead] if lead else [summary.county.name]
                sheet.write([*lead_values, *(row.tally[m.field] for m in summaries.MEASURES)])
            if level != "county":
                sheet.write(["合计", *([""] * (len(lead) - 1)),
                             *(summary.county.tally[m.field] for m in summaries.MEASURES)], total=True)
            written[level] = sheet.finish()
        _pyramids(workbook, summary, note)
        explanation_sheet(workbook, [(m.label, m.explanation) for m in summaries.MEASURES] + _notes(summary))
    finally:
        workbook.close()
    return written


def _notes(summary: SummaryLike) -> list[tuple[str, str]]:
    return [
        ("年龄", f"按出生日期计算到 {summary.age_at:%Y-%m-%d} 的周岁（标准时点 2020年11月1日零时）。"),
        ("层级合计", "分小组各行之和等于分村(居)，分村(居)之和等于乡镇，乡镇之和等于全县；各表“合计”行即全县数。"),
        ("人口金字塔", "常住人口按5岁年龄组和性别；男性画在左侧（以负数绘制），女性在右侧。"),
    ]


def _pyramids(workbook: Any, summary: SummaryLike, note: str) -> None:
    """Band × sex tables, one block per township and the county, each with its pyramid chart."""
    areas: list[tuple[str, summaries.Tally]] = [(summary.county.name, summary.county.tally)]
    areas += [(row.township_name, row.tally) for row in summary.townships]
    headers = ["年龄组"]
    for name, _ in areas:
        headers += [f"{name}·男", f"{name}·女", f"{name}·男(负)"]
    sheet = ReportSheet(workbook, PYRAMID_SHEET, f"{summary.county.name}常住人口年龄性别结构", note, headers)
    first = sheet.next_row
    for band in range(summaries.BANDS):
        values: list[Any] = [summaries.BAND_LABELS[band]]
        for _, tally in areas:
            values += [tally.males[band], tally.females[band], -tally.males[band]]
        sheet.write(values)
    last = sheet.next_row - 1
    values = ["合计"]
    for _, tally in areas:
        values += [sum(tally.males), sum(tally.females), -sum(tally.males)]
    sheet.write(values, total=True)
    sheet.finish()
    name = sheet.sheet.get_name()
    chart_row = sheet.next_row + 2
    for index, (area, _) in enumerate(areas):
        column = 1 + 3 * index
        chart = workbook.add_chart({"type": "bar"})
        chart.add_series({"name": "男", "categories": [name, first, 0, last, 0],
                          "values": [name, first, column + 2, last, column + 2],
                          "fill": {"color": "#4472C4"}, "gap": 5, "overlap": 100})
        chart.add_series({"name": "女", "categories": [name, first, 0, last, 0],
                          "values": [name, first, column + 1, last, column + 1],
                          "fill": {"color": "#ED7D31"}})
        chart.set_title({"name": f"{area}人口金字塔（常住人口）", "name_font": {"size": 11}})
        chart.set_x_axis({"num_format": "#,##0;#,##0", "major_gridlines": {"visible": True}})
        chart.set_y_axis({"label_position": "low", "reverse": False})
        chart.set_legend({"position": "bottom"})
        chart.set_size({"width": 480, "height": 360})
        sheet.sheet.insert_chart(chart_row + (index // 2) * 19, (index % 2) * 8, chart)
