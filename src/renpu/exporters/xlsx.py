"""Writing sheets users open in Excel: text IDs, frozen headers, fitting widths, no formula injection."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

import xlsxwriter
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

# A cell a spreadsheet would run as a formula (CWE-1236): =, +, -, @, and the
# tab/CR tricks.  Prefixing with an apostrophe shows the text as typed.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_WIDTH_SAMPLE_ROWS = 2_000
_MAX_WIDTH = 60


def neutralise(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def open_workbook(path: str) -> Workbook:
    """A workbook that streams rows to disk: a 1M-row export must not need 1M rows of memory."""
    return xlsxwriter.Workbook(
        path,
        {
            "constant_memory": True,
            "strings_to_numbers": False,
            "strings_to_formulas": False,
            "strings_to_urls": False,
        },
    )


class SheetWriter:
    """Writes one sheet: a bold frozen header, then rows; widths fit the first rows seen."""

    def __init__(self, workbook: Workbook, name: str, headers: Sequence[str]) -> None:
        self.sheet: Worksheet = workbook.add_worksheet(name[:31])
        self.header_format = workbook.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1})
        self.date_format = workbook.add_format({"num_format": "yyyy-mm-dd"})
        self.text_format = workbook.add_format({"num_format": "@"})
        self.widths = [_display_width(h) + 2 for h in headers]
        self.next_row = 1
        self.sheet.write_row(0, 0, list(headers), self.header_format)
        self.sheet.freeze_panes(1, 0)

    def write(self, values: Sequence[Any]) -> None:
        row = self.next_row
        for column, value in enumerate(values):
            self._write_cell(row, column, value)
            if row <= _WIDTH_SAMPLE_ROWS:
                self.widths[column] = max(self.widths[column], _display_width(value) + 2)
        self.next_row += 1

    def write_all(self, rows: Iterable[Sequence[Any]]) -> None:
        for values in rows:
            self.write(values)

    def finish(self) -> int:
        for column, width in enumerate(self.widths):
            self.sheet.set_column(column, column, min(width, _MAX_WIDTH))
        if self.next_row > 1:
            self.sheet.autofilter(0, 0, self.next_row - 1, len(self.widths) - 1)
        return self.next_row - 1

    def _write_cell(self, row: int, column: int, value: Any) -> None:
        if value is None or value == "":
            return
        if isinstance(value, dt.date):
            self.sheet.write_datetime(row, column, _as_datetime(value), self.date_format)
        elif isinstance(value, bool | int | float):
            self.sheet.write_number(row, column, value)
        else:
            # Text stays text: ID numbers and phones must never become numbers.
            self.sheet.write_string(row, column, neutralise(str(value)), self.text_format)


def _as_datetime(value: dt.date) -> dt.datetime:
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=None)
    return dt.datetime(value.year, value.month, value.day)


def _display_width(value: Any) -> int:
    """Columns in Excel units: a CJK character is about two Latin ones wide."""
    if isinstance(value, dt.date):
        return 10
    text = str(value)
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)
