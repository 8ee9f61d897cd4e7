"""Printable report sheets: title, header row repeated on every page, A4 landscape, page numbers.

Shared by the register, the summaries, the hard-case registers, the monthly
changes and the missed-dwellings report.  Cells are written like every renpu
export (IDs as text, no formula injection: ``xlsx.neutralise``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

import xlsxwriter
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from .xlsx import _display_width, neutralise

A4 = 9
TITLE_ROWS = 2  # title, then a line saying what and when
_MAX_WIDTH = 40


def new_workbook(path: str) -> Workbook:
    return xlsxwriter.Workbook(
        path, {"strings_to_numbers": False, "strings_to_formulas": False, "strings_to_urls": False}
    )


class Formats:
    def __init__(self, workbook: Workbook) -> None:
        self.title = workbook.add_format({"bold": True, "font_size": 14})
        self.note = workbook.add_format({"italic": True, "font_color": "#555555"})
        self.header = workbook.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1,
                                           "text_wrap": True, "valign": "vcenter", "align": "center"})
        self.text = workbook.add_format({"num_format": "@", "border": 1})
        self.number = workbook.add_format({"border": 1})
        self.date = workbook.add_format({"num_format": "yyyy-mm-dd", "border": 1})
        self.total_text = workbook.add_format({"num_format": "@", "border": 1, "bold": True, "bg_color": "#F2F2F2"})
        self.total_number = workbook.add_format({"border": 1, "bold": True, "bg_color": "#F2F2F2"})
        self.wrap = workbook.add_format({"text_wrap": True, "valign": "top", "border": 1})


def formats(workbook: Workbook) -> Formats:
    """The workbook's shared formats (created once per workbook)."""
    found = getattr(workbook, "_renpu_formats", None)
    if found is None:
        found = Formats(workbook)
        setattr(workbook, "_renpu_formats", found)  # noqa: B010
    return found


class ReportSheet:
    """One printable sheet: title rows, a header row repeated on each printed page, data rows."""

    def __init__(self, workbook: Workbook, name: str, title: str, note: str, headers: Sequence[str],
                 page_header: str | None = None, widths: Sequence[int] | None = None,
                 landscape: bool = True) -> None:
        self.workbook = workbook
        self.f = formats(workbook)
        self.sheet: Worksheet = workbook.add_worksheet(_sheet_name(name))
        self.headers = list(headers)
        self.sheet.write_string(0, 0, title, self.f.title)
        self.sheet.write_string(1, 0, note, self.f.note)
        self.sheet.write_row(TITLE_ROWS, 0, self.headers, self.f.header)
        self.sheet.set_row(TITLE_ROWS, 30)
        self.header_row = TITLE_ROWS
        self.next_row = TITLE_ROWS + 1
        self.widths = list(widths) if widths else [_display_width(h) + 2 for h in self.headers]
        self.fixed_widths = widths is not None
        self.sheet.freeze_panes(TITLE_ROWS + 1, 0)
        setup_print(self.sheet, page_header or title, TITLE_ROWS, landscape)

    def write(self, values: Sequence[Any], total: bool = False) -> None:
        row = self.next_row
        for column, value in enumerate(values):
            self._cell(row, column, value, total)
            if not self.fixed_widths and row < 2_000 and column < len(self.widths):
                self.widths[column] = max(self.widths[column], _display_width(value) + 2 if value is not None else 0)
        self.next_row += 1

    def write_all(self, rows: Iterable[Sequence[Any]]) -> None:
        for values in rows:
            self.write(values)

    def _cell(self, row: int, column: int, value: Any, total: bool) -> None:
        f = self.f
        if value is None or value == "":
            self.sheet.write_blank(row, column, None, f.total_text if total else f.text)
        elif isinstance(value, dt.date):
            day = value if isinstance(value, dt.datetime) else dt.datetime(value.year, value.month, value.day)
            self.sheet.write_datetime(row, column, day.replace(tzinfo=None), f.date)
        elif isinstance(value, bool | int | float):
            self.sheet.write_number(row, column, value, f.total_number if total else f.number)
        else:
            self.sheet.write_string(row, column, neutralise(str(value)), f.total_text if total else f.text)

    def finish(self) -> int:
        for column, width in enumerate(self.widths):
            self.sheet.set_column(column, column, min(width, _MAX_WIDTH))
        last = max(self.next_row - 1, self.header_row)
        self.sheet.print_area(0, 0, last, max(len(self.headers) - 1, 0))
        return self.next_row - self.header_row - 1


def setup_print(sheet: Worksheet, page_header: str, header_row: int, landscape: bool = True) -> None:
    """A4, landscape, fit to page width, the header row on every page, name on top, page x/y below."""
    if landscape:
        sheet.set_landscape()
    sheet.set_paper(A4)
    sheet.repeat_rows(header_row)
    sheet.fit_to_pages(1, 0)
    sheet.set_margins(left=0.4, right=0.4, top=0.75, bottom=0.6)
    sheet.set_header("&C&\"宋体,Bold\"&12" + _escape(page_header), {"margin": 0.3})
    sheet.set_footer("&L" + _escape(f"打印：{dt.date.today():%Y-%m-%d}") + "&C第 &P 页，共 &N 页", {"margin": 0.3})


def explanation_sheet(workbook: Workbook, items: Iterable[tuple[str, str]], name: str = "指标解释",
                      title: str = "指标解释") -> None:
    sheet = ReportSheet(workbook, name, title, "口径依据第七次全国人口普查方案（census-7th.md §1.4–1.7）",
                        ["指标", "解释"], widths=[22, 100], landscape=True)
    for label, text in items:
        sheet.sheet.write_string(sheet.next_row, 0, label, sheet.f.text)
        sheet.sheet.write_string(sheet.next_row, 1, text, sheet.f.wrap)
        sheet.next_row += 1
    sheet.finish()


def _escape(text: str) -> str:
    return text.replace("&", "&&")


def _sheet_name(name: str) -> str:
    for bad in "[]:*?/\\":
        name = name.replace(bad, "_")
    return name[:31]
