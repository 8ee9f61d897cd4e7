"""A file checked before it is imported: per sheet, the table, each column → field, first values, problems.

``check(result)`` builds one structured ``FileCheck`` from a parsed file;
``renpu import canvass --check`` prints it (``describe``) and the browser upload
renders it as its preview page (web/transfer), so both say the same.  Nothing
here writes anything.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from renpu.core.tables import TABLES_BY_NAME

from .canvass import CanvassImport, SheetReading
from .headers import RULE_LABELS
from .issues import ERROR, INFO, WARNING, ImportIssue
from .report import sorted_issues

PROBLEMS_SHOWN = 30
SEVERITY = {ERROR: "错误", WARNING: "警告", INFO: "说明"}
_ORDER = {ERROR: 0, WARNING: 1, INFO: 2}  # errors first


@dataclass(frozen=True)
class ColumnCheck:
    """One column read into a field: how its header was matched, its first values as typed and as read."""

    letter: str
    header: str
    label: str  # the field's label
    how: str  # the rule (RULE_LABELS), with the spelling it matched when by rule
    by_rule: bool
    samples: tuple[tuple[str, str], ...]  # (as typed, as read)

    @property
    def examples(self) -> list[str]:
        return [(typed if typed == read else f"{typed}→{read}") or "（空）" for typed, read in self.samples]


@dataclass(frozen=True)
class LeftOutCheck:
    letter: str
    header: str
    severity: str  # 错误 / 警告 / 说明
    reason: str


@dataclass(frozen=True)
class SheetCheck:
    sheet: str
    table: str  # the table's label
    header_row: int
    data_rows: int
    columns: tuple[ColumnCheck, ...]
    left_out: tuple[LeftOutCheck, ...]


@dataclass(frozen=True)
class Problem:
    severity: str  # 错误 / 警告 / 说明
    sheet: str
    row: int | None
    column: str
    message: str

    @property
    def where(self) -> str:
        return "".join(filter(None, [f"工作表“{self.sheet}”" if self.sheet else "",
                                     f"第 {self.row} 行" if self.row else "",
                                     f" {self.column}列" if self.column else ""]))


@dataclass(frozen=True)
class FileCheck:
    file: str
    ok: bool
    verdict: str
    columns: str  # the one summary line (CanvassImport.column_summary)
    sheets: tuple[SheetCheck, ...]
    skipped_sheets: tuple[str, ...]  # sheets not read as any table (the problems say why)
    problems: tuple[Problem, ...]  # the first PROBLEMS_SHOWN, errors first
    problem_total: int
    record_count: int
    error_count: int
    warning_count: int = 0
    notes: tuple[str, ...] = field(default=())  # said by the caller (e.g. the same file was imported before)


def verdict(result: CanvassImport) -> str:
    if result.ok:
        return f"可以导入：{result.record_count} 条记录"
    return f"不能导入：{result.error_count} 处错误（改正后再导入；整份文件不会部分导入）"


def _column(reading: SheetReading, index: int) -> ColumnCheck:
    column = next(c for c in reading.columns if c.index == index)
    label = TABLES_BY_NAME[reading.table].column(column.field).label
    how = RULE_LABELS[column.rule] + (f"“{column.matched}”" if column.by_rule and column.matched else "")
    return ColumnCheck(column.letter, column.header, label, how, column.by_rule,
                       tuple(reading.samples.get(index, [])))


def _sheet(reading: SheetReading) -> SheetCheck:
    left_out = tuple(LeftOutCheck(item.column.letter, item.column.header, SEVERITY[item.severity], item.reason)
                     for item in reading.left_out)
    return SheetCheck(reading.sheet, TABLES_BY_NAME[reading.table].label, reading.header_row, reading.data_rows,
                      tuple(_column(reading, c.index) for c in reading.columns), left_out)


def _problem(issue: ImportIssue) -> Problem:
    return Problem(SEVERITY.get(issue.severity, issue.severity), issue.sheet, issue.row, issue.column, issue.message)


def check(result: CanvassImport, notes: tuple[str, ...] = ()) -> FileCheck:
    """What a clerk reads before importing the file, as data."""
    problems = sorted(sorted_issues(result.issues), key=lambda i: _ORDER.get(i.severity, 3))
    return FileCheck(
        file=result.file, ok=result.ok, verdict=verdict(result), columns=result.column_summary(),
        sheets=tuple(_sheet(r) for r in result.readings),
        skipped_sheets=tuple(sheet for sheet, table in result.sheets.items() if not table),
        problems=tuple(_problem(i) for i in problems[:PROBLEMS_SHOWN]), problem_total=len(problems),
        record_count=result.record_count, error_count=result.error_count, warning_count=result.warning_count,
        notes=notes,
    )


def describe(result: CanvassImport) -> list[str]:
    """The check as lines for the terminal."""
    return lines_of(check(result))


def lines_of(checked: FileCheck) -> list[str]:
    lines = [f"== {checked.file}：{checked.verdict}", *checked.notes]
    lines += [f"工作表“{sheet}”：未导入（见下面的问题）" for sheet in checked.skipped_sheets]
    for sheet in checked.sheets:
        lines.append(f"工作表“{sheet.sheet}”：{sheet.table}（表头在第 {sheet.header_row} 行，数据 {sheet.data_rows} 行）")
        for column in sheet.columns:
            shown = "；例：" + " | ".join(column.examples) if column.samples else ""
            lines.append(f"  {column.letter:>3} {column.header} → {column.label}（{column.how}）{shown}")
        lines += [f"  {item.letter:>3} {item.header} → 不导入（{item.severity}：{item.reason}）" for item in sheet.left_out]
    lines.append(f"列：{checked.columns}")
    if checked.problems:
        more = f"，前 {PROBLEMS_SHOWN} 条" if checked.problem_total > PROBLEMS_SHOWN else ""
        lines.append(f"问题与说明（共 {checked.problem_total} 条{more}）：")
        lines += [f"  {p.severity} {p.where}：{p.message}" for p in checked.problems]
    return lines
