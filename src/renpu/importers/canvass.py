"""Read a canvass file (any of the seven typed tables, one or more sheets) into records.

All or nothing: the result lists every problem found, and a file with any
error must not be loaded (``CanvassImport.ok``).  A Record is a plain dict:
every field of its table (None when the file has no such column or the cell is
empty), plus ``_sheet`` and ``_row`` (the row number Excel shows), plus
``id_problem`` ("" or comma-joined ``core.idnumber`` problem codes) on tables
with an ``id_number``, ``<field>_problem`` for their other ID columns, and
``extra`` ({header: text}) only on sheets with columns we could not map.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from itertools import chain, islice
from pathlib import Path
from typing import Any

from renpu.core.tables import ID_NUMBER, TABLES, TABLES_BY_NAME, TYPED_TABLES, Table

from . import bounds, headers
from .columns import ColumnAccount, LeftOut
from .issues import ERROR, WARNING, ImportIssue, IssueLog, display
from .keys import Record, assign_keys
from .places import Places
from .readers import Cell, FileReadError, Row, Sheet, iter_sheets
from .values import Parser, Problem, parser_for

# Rows below the data that people add to paper forms: totals and signatures.
_FOOTER_WORDS = ("合计", "总计", "小计", "填表人", "制表人", "审核人", "负责人", "填报日期", "填表日期", "说明", "注：", "注:")


SAMPLE_ROWS = 3  # data rows shown, as typed and as read, by ``renpu import canvass --check``


@dataclass
class SheetReading:
    """How one sheet was read: its table, each column's field and rule, what was left out."""

    sheet: str
    table: str
    header_row: int  # Excel row of the (last) header row
    columns: list[headers.MappedColumn]
    left_out: list[LeftOut] = field(default_factory=list)
    samples: dict[int, list[tuple[str, str]]] = field(default_factory=dict)  # column index → (typed, read)…
    data_rows: int = 0

    @property
    def by_rule(self) -> list[headers.MappedColumn]:
        return [c for c in self.columns if c.by_rule]


@dataclass
class CanvassImport:
    file: str
    sha256: str
    tables: dict[str, list[Record]]
    issues: list[ImportIssue]
    sheets: dict[str, str] = field(default_factory=dict)  # sheet name → table name ("" = skipped)
    error_count: int = 0
    warning_count: int = 0
    readings: list[SheetReading] = field(default_factory=list)
    values_by_rule: int = 0  # cells whose code was read by a rule (core.variants), each said in the report

    @property
    def ok(self) -> bool:
        return self.error_count == 0

    @property
    def record_count(self) -> int:
        return sum(len(records) for records in self.tables.values())

    def column_summary(self) -> str:
        """One line a clerk cannot miss: columns mapped by rule, columns not imported, warnings."""
        by_rule = [c.decision(TABLES_BY_NAME[r.table].column(c.field).label) for r in self.readings for c in r.by_rule]
        left_out = [item.column.header for r in self.readings for item in r.left_out]
        parts = [f"按规则对应 {len(by_rule)} 列" + (f"（{'，'.join(by_rule[:3])}{' 等' if len(by_rule) > 3 else ''}）"
                                                   if by_rule else "")]
        parts.append(f"未导入 {len(left_out)} 列" + (f"（{'、'.join(left_out)}）" if left_out else ""))
        if self.values_by_rule:
            parts.append(f"{self.values_by_rule} 个值按规则读作代码")
        parts.append(f"警告 {self.warning_count} 条")
        if self.error_count:
            parts.append(f"错误 {self.error_count} 处")
        return "；".join(parts)


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def read_canvass(
    path: Path | str,
    geography: Mapping[str, str] | None = None,
    *,
    today: dt.date | None = None,
    ignore_columns: Iterable[str] = (),
) -> CanvassImport:
    """Parse every sheet of a canvass file.

    ``geography`` maps known area codes to names (at least the 12-digit village
    codes); village codes are checked against it and derived from village names.
    None skips that check (tests, notebooks).  ``ignore_columns`` are headers the
    user has said not to import (otherwise a column that looks like a field but
    is not imported is an error).
    """
    path = Path(path)
    log = IssueLog(path.name)
    result = CanvassImport(path.name, "", {t.name: [] for t in TYPED_TABLES}, [])
    try:
        result.sha256 = file_sha256(path)
    except OSError as error:
        log.add(f"文件打不开：{error.strerror or error}")
        return _finish(result, log)
    ignore = frozenset(headers.normalise_header(h) for h in ignore_columns)
    context = _Context(path, Places(geography), today or dt.date.today(), log, ignore)
    try:
        for sheet in iter_sheets(path):
            _read_sheet(sheet, context, result)
    except FileReadError as error:
        log.add(str(error))
    if not any(result.sheets.values()) and not log.error_count:
        log.add("文件中没有可导入的数据：没有找到任何一张能识别表头的工作表（如 姓名、公民身份号码、户编号…）")
    if not log.error_count:
        assign_keys(result.tables, context.column_places, log)
    return _finish(result, log)


def _finish(result: CanvassImport, log: IssueLog) -> CanvassImport:
    result.issues = log.finish()
    result.error_count = log.error_count
    result.warning_count = log.warning_count
    result.values_by_rule = log.info_cells
    return result


@dataclass
class _Context:
    path: Path
    places: Places
    today: dt.date
    log: IssueLog
    ignore: frozenset[str] = frozenset()
    column_places: dict[tuple[str, str], tuple[str, str]] = field(default_factory=dict)


# Tables 8 and 9 are computed by renpu, never typed: in a workbook renpu itself
# exported (or a county's own), they are skipped, not read as person tables.
DERIVED_SHEETS = tuple(t.label for t in TABLES if t.derived) + ("汇总表",)


def _read_sheet(sheet: Sheet, context: _Context, result: CanvassImport) -> None:
    log = context.log
    if any(word in sheet.name for word in DERIVED_SHEETS):
        result.sheets[sheet.name] = ""
        log.add(f"工作表“{sheet.name}”是汇总表，由系统根据摸排数据计算，导入时跳过", WARNING, sheet.name)
        return
    head = list(islice(sheet.rows, headers.HEAD_ROWS))
    match = headers.detect(head, sheet.first_column, sheet.merged, [sheet.name, context.path.stem])
    if match is None or match.table is headers.GEOGRAPHY:
        result.sheets[sheet.name] = ""
        _report_skipped(sheet, head, match, log)
        return
    if sheet.hidden:
        result.sheets[sheet.name] = ""
        log.add(f"隐藏的工作表“{sheet.name}”未导入：如需导入请先取消隐藏", WARNING, sheet.name)
        return
    result.sheets[sheet.name] = match.table.name
    if not _report_header(sheet.name, match, log):
        return
    plan = _SheetPlan(sheet.name, match, context)
    if not plan.usable:
        return
    rows = chain(head[match.data_start :], sheet.rows)
    records = result.tables[match.table.name]
    before = len(records)
    records.extend(plan.records(rows, match.data_start))
    reading = SheetReading(sheet.name, match.table.name, match.data_start, match.columns,
                           plan.account.report(log, sheet.name, match.data_start), plan.samples, plan.count)
    result.readings.append(reading)
    if len(records) == before and not log.error_count:
        log.add(f"工作表“{sheet.name}”只有表头，没有数据行", WARNING, sheet.name, match.data_start)


def _report_skipped(sheet: Sheet, head: list[Row], match: headers.HeaderMatch | None, log: IssueLog) -> None:
    if match is not None:
        log.add(f"工作表“{sheet.name}”是区划代码表，请用“导入区划”单独导入；本次未导入", WARNING, sheet.name)
    elif any(any(c not in ("", None) for c in row) for row in head):
        log.add(
            f"工作表“{sheet.name}”未识别为一套表中的任何一张表（前 {headers.HEAD_ROWS} 行中找不到表头），已跳过",
            WARNING, sheet.name,
        )


def _report_header(sheet_name: str, match: headers.HeaderMatch, log: IssueLog) -> bool:
    """Sheet-level findings; False when the sheet cannot be read (required column missing)."""
    header_row = match.header_rows[-1] + 1
    if match.undecided:
        labels = "、".join(headers.table_named(n).label for n in match.undecided)
        log.add(
            f"工作表“{sheet_name}”的表头同样符合：{labels}；已按“{match.table.label}”导入。"
            "如不对，请在工作表名中写明表名（如“集体户个人信息表”）",
            WARNING, sheet_name, header_row,
        )
    # (columns left out are judged once their content is seen: columns.ColumnAccount)
    for required in match.missing_required:
        log.add(
            f"缺少必填列“{required.label}”：请在表头中加上这一列（{match.table.label}）",
            ERROR, sheet_name, header_row,
        )
    return not match.missing_required


class _SheetPlan:
    """How to turn one sheet's rows into records: a parser per mapped column."""

    def __init__(self, sheet_name: str, match: headers.HeaderMatch, context: _Context) -> None:
        self.sheet = sheet_name
        self.table: Table = match.table
        self.context = context
        self.log = context.log
        fields = {c.field for c in match.columns}
        self.template: Record = dict.fromkeys(self.table.fields)
        self.template["_sheet"] = sheet_name
        self.columns: list[tuple[int, str, Parser, bool, str, str, str]] = []
        for mapped in match.columns:
            column = self.table.column(mapped.field)
            flag = ""
            if column.kind == ID_NUMBER:
                flag = "id_problem" if mapped.field == "id_number" else f"{mapped.field}_problem"
            if flag:
                self.template[flag] = ""
            parse = parser_for(column, headers.normalise_header(mapped.header), context.places, context.today)
            self.columns.append(
                (mapped.index, mapped.field, parse, column.required, mapped.letter, mapped.header, flag)
            )
            context.column_places[(sheet_name, mapped.field)] = (mapped.letter, mapped.header)
        for column in self.table.columns:  # tables with an ID column always carry its flag
            if column.kind == ID_NUMBER:
                self.template.setdefault("id_problem" if column.field == "id_number" else f"{column.field}_problem", "")
        self.account = ColumnAccount(self.table, match, context.ignore)
        self.extra = self.account.extra
        self.samples: dict[int, list[tuple[str, str]]] = {c.index: [] for c in match.columns}
        self.count = 0
        self.code_column = context.column_places.get((sheet_name, "village_code"), ("", "村(居)代码"))
        self.name_column = context.column_places.get((sheet_name, "village_name"), ("", "村(居)委会"))
        self.has_code, self.has_name = "village_code" in fields, "village_name" in fields
        self.default_village = self._default_village(match)
        self.usable = self._check_village_columns(match)

    def _default_village(self, match: headers.HeaderMatch) -> str | None:
        if self.has_code or not self.context.places.villages:
            return None
        return self.context.places.find_in_text(" ".join((self.sheet, match.title, self.context.path.stem)))

    def _check_village_columns(self, match: headers.HeaderMatch) -> bool:
        places = self.context.places
        if self.has_code or self.default_village:
            return True
        if self.has_name and places.villages:
            return True
        header_row = match.header_rows[-1] + 1
        if self.has_name and not places.checked:
            message = "只有村名、没有“村(居)代码”列，又没有区划代码表可对照：请加一列“村(居)代码”"
        elif self.has_name:
            message = "系统中还没有区划代码，无法由村名得到村(居)代码：请先导入区划代码表，或加一列“村(居)代码”"
        else:
            message = "表中没有“村(居)代码”或“村(居)委会”列，标题、工作表名和文件名中也找不到村名：请加一列“村(居)代码”"
        self.log.add(message, ERROR, self.sheet, header_row)
        return False

    def records(self, rows: Iterable[Row], first_row_index: int) -> Iterator[Record]:
        """Parse data rows; ``first_row_index`` is the 0-based sheet row of the first one."""
        columns = self.columns
        template = self.template
        width = max((c[0] for c in columns), default=0) + 1
        excel_row = first_row_index
        for row in rows:
            excel_row += 1
            if not any(row):
                continue
            if len(row) < width:  # CSV rows can be short; spreadsheet rows never are
                row = row + [""] * (width - len(row))
            record = template.copy()
            record["_row"] = excel_row
            filled = 0
            problems: list[tuple[Problem | str, int, str, str, Cell]] = []
            for index, name, parse, required, letter, header, flag in columns:
                cell = row[index]
                if cell == "" or cell is None:
                    value: object = None
                else:
                    value, problem = parse(cell)
                    if problem is not None:
                        problems.append((problem, index, letter, header, cell))
                        if flag and problem.flag:
                            record[flag] = problem.flag
                if value is None:
                    if required:
                        problems.append((f"“{header}”不能为空", index, letter, header, ""))
                    continue
                record[name] = value
                filled += 1
            if not filled:
                continue
            if (problems or (record["village_code"] is None and not self.default_village)) and _is_footer(row):
                continue
            if problems and self._repeats_header(row):
                self.log.add(f"第 {excel_row} 行重复了表头（可能是几张表拼在一起），已跳过这一行", WARNING,
                             self.sheet, excel_row)
                continue
            if problems:
                self._report(problems, excel_row)
            self._place(record, excel_row)
            if self.extra:
                record["extra"] = {h: display(row[i]) for i, h in self.extra if i < len(row) and row[i] != ""}
                self._check_extra(record["extra"], excel_row)
                self.account.see(row, excel_row)
            self.count += 1
            if self.count <= SAMPLE_ROWS:
                for index, name, *_ in columns:
                    self.samples[index].append((display(row[index]), display(record.get(name))))
            yield record

    def _repeats_header(self, row: Row) -> bool:
        """A row that says the header again (sheets pasted one under another); only asked of a row with problems."""
        same = sum(str(row[index]).strip() == header.strip() for index, _, _, _, _, header, _ in self.columns)
        return same * 5 >= len(self.columns) * 4

    def _check_extra(self, extra: dict[str, str], excel_row: int) -> None:
        """Columns not imported are kept as text: at most one Excel cell each."""
        for header, text in extra.items():
            if len(text) > bounds.MAX_CELL_CHARS:
                self.log.add(f"“{header}”有 {len(text):,} 个字符，超过一个单元格的上限 {bounds.MAX_CELL_CHARS:,}："
                             "请核对原件", ERROR, self.sheet, excel_row, "", header, text[:20] + "…")

    def _report(self, problems: list[tuple[Problem | str, int, str, str, Cell]], excel_row: int) -> None:
        for problem, _, letter, header, cell in problems:
            if isinstance(problem, str):
                self.log.add(problem, ERROR, self.sheet, excel_row, letter, header, cell)
            elif problem.note:
                self.log.note(problem.message, self.sheet, excel_row, letter, header, cell, problem.severity)
            else:
                self.log.add(problem.message, problem.severity, self.sheet, excel_row, letter, header, cell)

    def _place(self, record: Record, excel_row: int) -> None:
        """Make sure the record has a village code: typed, derived from the name, or the sheet's."""
        code, name = record["village_code"], record["village_name"]
        places = self.context.places
        if code is None and name is not None and places.villages:
            code, candidates = places.code_for_name(name)
            if code is None:
                self._bad_name(name, candidates, excel_row)
                return
            record["village_code"] = code
        elif code is not None and name is not None and not places.same_village(code, name):
            letter, header = self.name_column
            self.log.add(
                f"村(居)代码 {code} 是“{places.villages[code]}”，与本行的“{name}”不一致：请核对",
                WARNING, self.sheet, excel_row, letter, header, name,
            )
        if record["village_code"] is None:
            if self.default_village:
                record["village_code"] = self.default_village
            else:
                letter, header = self.code_column
                self.log.add(f"“{header}”为空：请填写 12 位村(居)代码", ERROR, self.sheet, excel_row, letter, header)

    def _bad_name(self, name: str, candidates: tuple[str, ...], excel_row: int) -> None:
        letter, header = self.name_column
        places = self.context.places
        if candidates:
            listed = "、".join(f"{c} {places.villages[c]}" for c in candidates)
            message = f"村名“{name}”对应多个村(居)（{listed}）：请填写“村(居)代码”列"
        else:
            message = f"村名“{name}”不在已导入的区划代码中：请改正村名或填写“村(居)代码”"
        self.log.add(message, ERROR, self.sheet, excel_row, letter, header, name)


def _is_footer(row: Row) -> bool:
    """A totals or signature line under the data ("合计", "填表人：…")."""
    texts = [c for c in row if c != "" and c is not None]
    if not texts or len(texts) > 6:
        return False
    first = str(texts[0]).replace(" ", "").replace("\u3000", "")
    return first.startswith(_FOOTER_WORDS)


def values_of(records: Iterable[Record], name: str) -> list[Any]:
    """Convenience for tests and notebooks: one field of every record."""
    return [r.get(name) for r in records]
