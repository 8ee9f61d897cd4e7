"""A file checked before it is imported: per sheet, the table, each column → field, first values, problems.

``renpu import canvass --check`` prints these lines; the browser upload shows the
same ``SheetReading``s as a preview page.  Nothing here writes anything.
"""

from __future__ import annotations

from renpu.core.tables import TABLES_BY_NAME

from .canvass import CanvassImport, SheetReading
from .headers import RULE_LABELS
from .issues import ERROR, INFO, WARNING
from .report import sorted_issues

PROBLEMS_SHOWN = 30
SEVERITY = {ERROR: "错误", WARNING: "警告", INFO: "说明"}


def verdict(result: CanvassImport) -> str:
    if result.ok:
        return f"可以导入：{result.record_count} 条记录"
    return f"不能导入：{result.error_count} 处错误（改正后再导入；整份文件不会部分导入）"


def column_line(reading: SheetReading, index: int) -> str:
    column = next(c for c in reading.columns if c.index == index)
    label = TABLES_BY_NAME[reading.table].column(column.field).label
    how = RULE_LABELS[column.rule] + (f"“{column.matched}”" if column.by_rule and column.matched else "")
    examples = [typed if typed == read else f"{typed}→{read}" for typed, read in reading.samples.get(index, [])]
    shown = "；例：" + " | ".join(e or "（空）" for e in examples) if examples else ""
    return f"  {column.letter:>3} {column.header} → {label}（{how}）{shown}"


def describe(result: CanvassImport) -> list[str]:
    """The lines a clerk reads before importing the file."""
    lines = [f"== {result.file}：{verdict(result)}"]
    for sheet, table in result.sheets.items():
        if not table:
            lines.append(f"工作表“{sheet}”：未导入（见下面的问题）")
    for reading in result.readings:
        label = TABLES_BY_NAME[reading.table].label
        lines.append(f"工作表“{reading.sheet}”：{label}（表头在第 {reading.header_row} 行，数据 {reading.data_rows} 行）")
        lines += [column_line(reading, c.index) for c in reading.columns]
        for item in reading.left_out:
            lines.append(f"  {item.column.letter:>3} {item.column.header} → 不导入（{SEVERITY[item.severity]}：{item.reason}）")
    lines.append(f"列：{result.column_summary()}")
    order = {ERROR: 0, WARNING: 1, INFO: 2}
    problems = sorted(sorted_issues(result.issues), key=lambda i: order.get(i.severity, 3))  # errors first
    if problems:
        lines.append(f"问题与说明（共 {len(problems)} 条{f'，前 {PROBLEMS_SHOWN} 条' if len(problems) > PROBLEMS_SHOWN else ''}）：")
        for issue in problems[:PROBLEMS_SHOWN]:
            where = "".join(filter(None, [f"工作表“{issue.sheet}”" if issue.sheet else "",
                                          f"第 {issue.row} 行" if issue.row else "",
                                          f" {issue.column}列" if issue.column else ""]))
            lines.append(f"  {SEVERITY.get(issue.severity, issue.severity)} {where}：{issue.message}")
    return lines
