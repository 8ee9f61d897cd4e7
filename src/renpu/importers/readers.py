"""Read a spreadsheet or CSV file into sheets of raw cells, keeping each cell's type.

The type matters: an ID number stored as a NUMBER has lost its last digits,
while the same digits stored as text are fine, so nothing here converts cells.
Excel formats go through python-calamine (Rust; ~54 CPU-s per 1M×20 cells);
rows are streamed, one sheet at a time, so a 1M-row file is never held twice.

Cells are ``str | float | int | bool | date | datetime | time | timedelta``;
an empty cell is ``""``.  Row ``i`` of ``Sheet.rows`` is Excel row ``i + 1``.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from python_calamine import CalamineWorkbook, PasswordError, SheetTypeEnum, SheetVisibleEnum

from . import bounds, html_tables

Cell = str | float | int | bool | dt.date | dt.datetime | dt.time | dt.timedelta | None
Row = list[Cell]
MergedRange = tuple[tuple[int, int], tuple[int, int]]  # ((row, col), (row, col)), 0-based

EXCEL_SUFFIXES = {".xlsx", ".xlsm", ".xls", ".xlsb", ".ods"}
CSV_SUFFIXES = {".csv", ".txt"}
SUFFIXES = EXCEL_SUFFIXES | CSV_SUFFIXES


class FileReadError(Exception):
    """The file cannot be read at all; the message is Chinese and says what to do."""


@dataclass
class Sheet:
    name: str
    rows: Iterator[Row]  # from Excel row 1 on; every row starts at column first_column
    first_column: int = 0  # 0-based sheet column of rows[i][0]
    merged: list[MergedRange] = field(default_factory=list)
    hidden: bool = False


def iter_sheets(path: Path) -> Iterator[Sheet]:
    """Every worksheet of the file, in workbook order.  Raises FileReadError.

    The file's size (and an .xlsx's unpacked size) is checked before anything is
    parsed (``bounds``), so a zip bomb or an oversized file costs no memory.
    """
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise FileReadError(
            f"不支持的文件类型“{suffix or '无扩展名'}”：请另存为 .xlsx、.xls 或 .csv 后再导入"
        )
    try:
        bounds.check_file(path)
    except bounds.TooLarge as error:
        raise FileReadError(str(error)) from error
    if suffix in CSV_SUFFIXES:
        yield _csv_sheet(path)
    elif _is_html(path):
        yield from _html_sheets(path)
    else:
        yield from _excel_sheets(path)


def _is_html(path: Path) -> bool:
    """An .xls that is an HTML page (government systems' "Excel export")."""
    if path.suffix.lower() != ".xls":
        return False
    with path.open("rb") as handle:
        return html_tables.looks_like_html(handle.read(1024))


def _html_sheets(path: Path) -> Iterator[Sheet]:
    data = path.read_bytes()
    _refuse_nul(data, path.name)
    charset = html_tables.declared_charset(data)
    try:
        text = data.decode(charset) if charset else decode_csv(data, path.name)
    except (LookupError, UnicodeDecodeError):
        text = decode_csv(data, path.name)
    tables = html_tables.read_tables(text)
    _check_sheets(len(tables))
    for number, (rows, merged) in enumerate(tables, 1):
        name = path.stem if len(tables) == 1 else f"{path.stem}（表{number}）"
        _check_rows(name, len(rows))
        yield Sheet(name, iter(rows), 0, merged)  # type: ignore[arg-type]  # list[str] rows are Rows


def _check_sheets(count: int) -> None:
    try:
        bounds.check_sheet_count(count)
    except bounds.TooLarge as error:
        raise FileReadError(str(error)) from error


def _check_rows(sheet: str, rows: int) -> None:
    message = bounds.rows_message(sheet, rows)
    if message:
        raise FileReadError(message)


def _excel_sheets(path: Path) -> Iterator[Sheet]:
    try:
        if path.stat().st_size == 0:
            raise FileReadError("文件是空的（0 字节）：请确认上传的是填好的表格")
        declared = max(bounds.sheet_rows_declared(path).values(), default=0)
        workbook = CalamineWorkbook.from_path(str(path))
        metadata = list(workbook.sheets_metadata)
    except FileReadError:
        raise
    except Exception as error:  # calamine (and zipfile) raise several kinds for a damaged file
        raise FileReadError(_damaged(error)) from error
    _check_sheets(sum(meta.typ == SheetTypeEnum.WorkSheet for meta in metadata))
    if declared:  # before unpacking any sheet: the largest one's own <dimension>
        _check_rows("", declared)
    with workbook:
        for meta in metadata:
            if meta.typ != SheetTypeEnum.WorkSheet:
                continue
            try:
                sheet = workbook.get_sheet_by_name(meta.name)
                start = sheet.start
                merged = sheet.merged_cell_ranges or []
            except Exception as error:
                raise FileReadError(f"工作表“{meta.name}”读不出来：{_damaged(error)}") from error
            _check_rows(meta.name, sheet.total_height)
            hidden = meta.visible != SheetVisibleEnum.Visible
            if start is None:  # an empty sheet
                yield Sheet(meta.name, iter(()), 0, [], hidden)
                continue
            # iter_rows starts at sheet row 0 but at the first used column.
            rows: Iterator[Row] = sheet.iter_rows()  # type: ignore[assignment]  # list invariance
            yield Sheet(meta.name, rows, start[1], list(merged), hidden)


def _damaged(error: Exception) -> str:
    if isinstance(error, PasswordError):
        return "文件设置了打开密码：请在 Excel/WPS 中去掉密码后另存，再导入"
    detail = str(error).strip().splitlines()[0][:120] if str(error).strip() else type(error).__name__
    return (
        f"文件已损坏或不完整，无法打开（{detail}）：请用 Excel/WPS 打开后另存为 .xlsx，"
        "或重新获取原件"
    )


def _csv_sheet(path: Path) -> Sheet:
    try:
        bounds.check_text_size(path.stat().st_size)
    except bounds.TooLarge as error:
        raise FileReadError(str(error)) from error
    text = decode_csv(path.read_bytes(), path.name)
    if not text.strip():
        return Sheet(path.stem, iter(()))
    delimiter = _guess_delimiter(text[:20_000])
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    return Sheet(path.stem, _padded(reader, path.name))


_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def decode_csv(data: bytes, name: str) -> str:
    """UTF-16 with its BOM (Excel's "Unicode 文本"), UTF-8 (with or without BOM), else GB18030.

    GB18030 is a superset of GBK/GB2312; strict every way.  Strict UTF-8 almost
    never accepts GBK bytes by accident (Chinese GBK text is not valid UTF-8), so
    trying it first is safe.  NUL bytes are in no text table: such a file is
    UTF-16 without its BOM or not text at all, and is refused.
    """
    if data.startswith(_UTF16_BOMS):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as error:
            raise FileReadError(f"文件“{name}”标明为 UTF-16 编码，但第 {error.start} 字节起无法识别："
                                "请用 Excel 另存为“CSV UTF-8”或 .xlsx 后再导入") from error
    _refuse_nul(data, name)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError as error:
        raise FileReadError(
            f"文件“{name}”既不是 UTF-8 也不是 GBK/GB18030 编码（第 {error.start} 字节起无法识别）："
            "请用 Excel 另存为“CSV UTF-8”或 .xlsx 后再导入"
        ) from error


def _refuse_nul(data: bytes, name: str) -> None:
    position = data.find(b"\x00")
    if position < 0:
        return
    if data[1:200:2].count(0) > 50 or data[0:200:2].count(0) > 50:
        hint = "像是没有 BOM 的 UTF-16 文本：请用 Excel 另存为“CSV UTF-8”或 .xlsx 后再导入"
    else:
        hint = "不是文本格式的表格（可能已损坏，或是改了扩展名的其他文件）：请重新获取原件，或用 Excel 另存为 .xlsx"
    raise FileReadError(f"文件“{name}”第 {position} 字节起含有空字符（NUL），{hint}")


def _guess_delimiter(sample: str) -> str:
    lines = sample.splitlines()[:15]
    counts = {d: sum(line.count(d) for line in lines) for d in (",", "\t", ";")}
    return max(counts, key=lambda d: counts[d]) if any(counts.values()) else ","


def _padded(reader: Iterator[list[str]], name: str) -> Iterator[Row]:
    """CSV rows have ragged lengths; give every row at least the header's width."""
    width = 0
    for row in _csv_rows(reader, name):
        cells: Row = row  # type: ignore[assignment]  # list[str] is a Row; lists are invariant
        if len(cells) > width:
            width = len(cells)
        elif len(cells) < width:
            cells.extend([""] * (width - len(cells)))
        yield cells


# A CSV field may be at most one Excel cell long (csv's own default is 131,072 characters).
csv.field_size_limit(bounds.MAX_CELL_CHARS)


def _csv_rows(reader: Any, name: str) -> Iterator[list[str]]:
    """The csv module's rows; its one error (a field too long, a stray NUL) named by line, in Chinese."""
    try:
        yield from reader
    except csv.Error as error:
        if "field larger" in str(error):
            what = f"有单元格超过 {bounds.MAX_CELL_CHARS:,} 个字符（Excel 一个单元格的上限）"
        else:
            what = f"格式错误（{error}）"
        raise FileReadError(
            f"文件“{name}”第 {reader.line_num} 行{what}：请核对原件，或用 Excel 打开后另存为 .xlsx 再导入"
        ) from error
