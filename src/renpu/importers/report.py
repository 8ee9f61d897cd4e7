"""The problem list users open in Excel: one row per issue, sorted by where it is."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from pathlib import Path

import xlsxwriter

from .issues import ERROR, ImportIssue

HEADERS = ("文件", "工作表", "行号", "列", "列名", "值", "问题", "严重程度")
SEVERITY_LABELS = {ERROR: "错误", "warning": "警告", "info": "说明"}
# A cell a spreadsheet would run as a formula (CWE-1236): show it as text instead.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_MAX_WIDTH = 80


def neutralise(value: str) -> str:
    return "'" + value if value.startswith(_FORMULA_STARTS) else value


def _width(text: str) -> int:
    """Display width: CJK and full-width characters take two columns."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _column_order(letter: str) -> tuple[int, str]:
    return len(letter), letter


def sorted_issues(issues: Iterable[ImportIssue]) -> list[ImportIssue]:
    """By file, then sheet in the order first met (workbook order), then row and column.

    Problems of the whole file (no sheet) come first.
    """
    issues = list(issues)
    sheet_order: dict[tuple[str, str], int] = {}
    for issue in issues:
        sheet_order.setdefault((issue.file, issue.sheet), len(sheet_order) + 1 if issue.sheet else 0)
    return sorted(
        issues,
        key=lambda i: (
            i.file, sheet_order[(i.file, i.sheet)], i.row or 0, _column_order(i.column),
        ),
    )


def write_issue_report(path: Path | str, issues: Iterable[ImportIssue]) -> Path:
    path = Path(path)
    rows = [
        [
            issue.file, issue.sheet, issue.row, issue.column, issue.header, issue.value,
            issue.message, SEVERITY_LABELS.get(issue.severity, issue.severity),
        ]
        for issue in sorted_issues(issues)
    ]
    workbook = xlsxwriter.Workbook(
        str(path), {"strings_to_numbers": False, "strings_to_formulas": False, "strings_to_urls": False}
    )
    sheet = workbook.add_worksheet("问题清单")
    bold = workbook.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1})
    error_format = workbook.add_format({"font_color": "#C00000"})
    sheet.write_row(0, 0, HEADERS, bold)
    sheet.freeze_panes(1, 0)
    widths = [_width(h) + 2 for h in HEADERS]
    for r, values in enumerate(rows, start=1):
        for c, value in enumerate(values):
            if value is None or value == "":
                continue
            if isinstance(value, int):
                sheet.write_number(r, c, value)
            else:
                text = neutralise(str(value))
                sheet.write_string(r, c, text, error_format if c == 7 and value == "错误" else None)
            widths[c] = max(widths[c], _width(str(value)) + 2)
    for c, width in enumerate(widths):
        sheet.set_column(c, c, min(width, _MAX_WIDTH))
    sheet.autofilter(0, 0, max(len(rows), 1), len(HEADERS) - 1)
    workbook.close()
    return path
