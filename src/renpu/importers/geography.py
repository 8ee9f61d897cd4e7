"""Read a 区划代码 table (区划代码 | 名称 | 级别): townships, villages, enumeration areas.

Codes are the 统计用区划代码: 6 (county), 9 (township), 12 (village = 普查区) or
15 (普查小区) digits.  A code stored as a number is fine up to 15 digits (a
float holds them exactly).  Every village's township and every enumeration
area's village must be in the same file or in ``known_codes`` (already stored),
so the caller never meets a foreign-key failure halfway through a load.
The 级别 column is informative only: the level follows from the code's length.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from itertools import chain, islice
from pathlib import Path

from renpu.core.geography import Area, is_area_code

from . import headers
from .canvass import file_sha256
from .issues import ERROR, WARNING, ImportIssue, IssueLog, display
from .readers import FileReadError, Row, Sheet, iter_sheets


@dataclass
class GeographyImport:
    file: str
    sha256: str
    areas: list[Area] = field(default_factory=list)
    issues: list[ImportIssue] = field(default_factory=list)
    error_count: int = 0
    warning_count: int = 0

    @property
    def ok(self) -> bool:
        return self.error_count == 0


def read_geography(path: Path | str, known_codes: Collection[str] = ()) -> GeographyImport:
    path = Path(path)
    log = IssueLog(path.name)
    result = GeographyImport(path.name, "")
    rows_of: dict[str, tuple[str, int]] = {}  # code → (sheet, row) where first seen
    try:
        result.sha256 = file_sha256(path)
        for sheet in iter_sheets(path):
            _read_sheet(sheet, path, log, result, rows_of)
    except FileReadError as error:
        log.add(str(error))
    except OSError as error:
        log.add(f"文件打不开：{error.strerror or error}")
    if not result.areas and not log.error_count:
        log.add("文件中没有找到区划代码表（表头应有“区划代码”和“名称”两列）")
    _check_parents(result.areas, rows_of, set(known_codes), log)
    result.issues = log.finish()
    result.error_count, result.warning_count = log.error_count, log.warning_count
    return result


def _read_sheet(
    sheet: Sheet, path: Path, log: IssueLog, result: GeographyImport, rows_of: dict[str, tuple[str, int]]
) -> None:
    head = list(islice(sheet.rows, headers.HEAD_ROWS))
    match = headers.detect(head, sheet.first_column, sheet.merged, [sheet.name, path.stem])
    if match is None or match.table is not headers.GEOGRAPHY:
        if any(any(c not in ("", None) for c in row) for row in head):
            log.add(f"工作表“{sheet.name}”不是区划代码表，已跳过", WARNING, sheet.name)
        return
    if match.missing_required:
        for column in match.missing_required:
            log.add(f"缺少必填列“{column.label}”", ERROR, sheet.name, match.header_rows[-1] + 1)
        return
    by_field = {c.field: c for c in match.columns}
    code_col, name_col = by_field["code"], by_field["name"]
    excel_row = match.data_start
    for row in chain(head[match.data_start :], sheet.rows):
        excel_row += 1
        if not any(row):
            continue
        code = _code_text(_cell(row, code_col.index))
        name = display(_cell(row, name_col.index)).strip()
        if not is_area_code(code):
            log.add(
                f"区划代码 '{code}' 应为 6、9、12 或 15 位数字（超过15位的代码请以文本格式填写）",
                ERROR, sheet.name, excel_row, code_col.letter, code_col.header, code,
            )
            continue
        if not name:
            log.add("名称不能为空", ERROR, sheet.name, excel_row, name_col.letter, name_col.header)
            continue
        if code in rows_of:
            first_sheet, first_row = rows_of[code]
            log.add(
                f"区划代码 {code} 与工作表“{first_sheet}”第 {first_row} 行重复",
                ERROR, sheet.name, excel_row, code_col.letter, code_col.header, code,
            )
            continue
        rows_of[code] = (sheet.name, excel_row)
        result.areas.append(Area(code, name))


def _cell(row: Row, index: int) -> object:
    return row[index] if index < len(row) else ""


def _code_text(cell: object) -> str:
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return "".join(display(cell).split())


def _check_parents(
    areas: list[Area], rows_of: dict[str, tuple[str, int]], known: set[str], log: IssueLog
) -> None:
    codes = {a.code for a in areas} | known
    for area in areas:
        parent = area.parent_code
        if len(area.code) >= 12 and parent and parent not in codes:
            sheet, row = rows_of[area.code]
            level = "乡镇(街道)" if len(area.code) == 12 else "村(居)"
            log.add(
                f"{area.name}（{area.code}）所属的{level}代码 {parent} 不在本表中，也未导入过：请把它加到表中",
                ERROR, sheet, row, value=area.code,
            )
