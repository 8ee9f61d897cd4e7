"""Every column of a canvass sheet accounted for: imported as a field, or left out and why.

No column of the nine tables is dropped quietly.  A column that is not imported
but looks like one of the table's fields — its header holds the field's key word
(``headers.KEY_WORDS``), or its values read as the field's codes — is an error
unless the user says to leave it out (``--ignore-column``).  A second column of
an imported field is an error unless it says the same as the first.  An empty
column, or one that resembles no field, is a warning, and its content is kept
with the record (``extra``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from renpu.core.codes import ALL_CODE_LISTS
from renpu.core.tables import CODE, Table

from . import headers
from .headers import MappedColumn
from .issues import ERROR, WARNING, IssueLog, display
from .readers import Cell, Row

SAMPLES = 50  # values kept per left-out column to tell whether they read as a field's codes
CODES_SHARE = 0.8  # that share of them (and at least MIN_SAMPLES) reading as one field's codes
MIN_SAMPLES = 3


@dataclass
class LeftOut:
    """A column not imported: unrecognised, or a second column of a field (``same_as``)."""

    column: MappedColumn
    same_as: MappedColumn | None = None
    filled: int = 0
    differs: int = 0
    first_difference: int | None = None  # Excel row
    samples: list[Cell] = field(default_factory=list)
    severity: str = WARNING
    reason: str = ""


def _same(a: Cell, b: Cell) -> bool:
    return "".join(display(a).split()) == "".join(display(b).split())


class ColumnAccount:
    """What a sheet's left-out columns hold, seen row by row, and what to say about them."""

    def __init__(self, table: Table, match: headers.HeaderMatch, ignore: frozenset[str]) -> None:
        self.table = table
        self.ignore = ignore
        self.left_out = [LeftOut(c) for c in match.unmapped]
        self.left_out += [LeftOut(second, first) for second, first in match.duplicated]

    @property
    def extra(self) -> list[tuple[int, str]]:
        return [(item.column.index, item.column.header) for item in self.left_out]

    def see(self, row: Row, excel_row: int) -> None:
        for item in self.left_out:
            index = item.column.index
            cell = row[index] if index < len(row) else ""
            if cell == "" or cell is None:
                continue
            item.filled += 1
            if len(item.samples) < SAMPLES:
                item.samples.append(cell)
            if item.same_as is not None:
                other = row[item.same_as.index] if item.same_as.index < len(row) else ""
                if not _same(cell, other):
                    item.differs += 1
                    item.first_difference = item.first_difference or excel_row
    def report(self, log: IssueLog, sheet: str, header_row: int) -> list[LeftOut]:
        """Say what became of each left-out column (errors where data would be lost)."""
        for item in self.left_out:
            item.severity, item.reason = self._verdict(item)
            column = item.column
            log.add(item.reason, item.severity, sheet, header_row, column.letter, column.header)
        return self.left_out

    def _verdict(self, item: LeftOut) -> tuple[str, str]:
        column = item.column
        leave_out = f"如该列不需导入，请用 --ignore-column {column.header}（网页导入时不勾选该列）"
        if headers.normalise_header(column.header) in self.ignore:
            return WARNING, f"列“{column.header}”按要求未导入（--ignore-column）"
        if not item.filled:
            return WARNING, f"列“{column.header}”没有内容，未导入"
        if item.same_as is not None:
            first = item.same_as
            label = self.table.column(first.field).label
            if not item.differs:
                return WARNING, f"列“{column.header}”与 {first.letter} 列“{first.header}”内容相同，只导入了 {first.letter} 列"
            return ERROR, (f"列“{column.header}”与 {first.letter} 列“{first.header}”都对应“{label}”，但有 {item.differs} 行"
                           f"内容不同（第一处在第 {item.first_difference} 行）：请删去或改名其中一列；{leave_out}")
        resembled = self._resembled(item)
        if resembled:
            labels = "、".join(f"“{self.table.column(f).label}”" for f, _ in resembled)
            why = "；".join(dict.fromkeys(why for _, why in resembled))
            return ERROR, (f"列“{column.header}”没有对应到{self.table.label}的任何一列，但像是 {labels}（{why}），"
                           f"不能不导入：请把表头改为标准列名；{leave_out}")
        return WARNING, f"不认识的列“{column.header}”，未导入（内容保留在附加信息中）；如是一套表中的列，请改用标准列名"

    def _resembled(self, item: LeftOut) -> list[tuple[str, str]]:
        found = [(f, "表头含有该项的关键词") for f in headers.resembled_fields(self.table, item.column.header)]
        for column in self.table.columns:
            if column.kind != CODE or column.code_list == "yes_no" or any(f == column.field for f, _ in found):
                continue
            code_list = ALL_CODE_LISTS[column.code_list or ""]
            read = [v for v in item.samples if not display(v).strip().isdigit() and code_list.parse(v) is not None]
            enough = min(MIN_SAMPLES, len(item.samples))  # a short sheet: all of its few values
            if read and len(read) >= enough and len(read) >= CODES_SHARE * len(item.samples):
                found.append((column.field, f"其中的值如“{display(read[0])}”是{column.label}的代码"))
        return found
