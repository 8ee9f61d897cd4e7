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

from python_calamine import CalamineWorkbook, PasswordError, SheetTypeEnum, SheetVisibleEnum

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
    """Every worksheet of the file, in workbook order.  Raises FileReadError."""
    suffix = path.suffix.lower()
    if suffix in CSV_SUFFIXES:
        yield _csv_sheet(path)
    elif suffix in EXCEL_SUFFIXES:
        yield from _excel_sheets(path)
    else:
        raise FileReadError(
            f"不支持的文件类型“{suffix or '无扩展名'}”：请另存为 .xlsx、.xls 或 .csv 后再导入"
        )


def _excel_sheets(path: Path) -> Iterator[Sheet]:
    try:
        if path.stat().st_size == 0:
            raise FileReadError("文件是空的（0 字节）：请确认上传的是填好的表格")
        workbook = CalamineWorkbook.from_path(str(path))
        metadata = list(workbook.sheets_metadata)
    except FileReadError:
        raise
    except Exception as error:  # calamine raises several kinds for a damaged file
        raise FileReadError(_damaged(error)) from error
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
    text = decode_csv(path.read_bytes(), path.name)
    if not text.strip():
        return Sheet(path.stem, iter(()))
    delimiter = _guess_delimiter(text[:20_000])
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    return Sheet(path.stem, _padded(reader))


def decode_csv(data: bytes, name: str) -> str:
    """UTF-8 (with or without BOM), else GB18030 (a superset of GBK/GB2312); strict both ways.

    Strict UTF-8 almost never accepts GBK bytes by accident (Chinese GBK text is
    not valid UTF-8), so trying it first is safe.
    """
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


def _guess_delimiter(sample: str) -> str:
    lines = sample.splitlines()[:15]
    counts = {d: sum(line.count(d) for line in lines) for d in (",", "\t", ";")}
    return max(counts, key=lambda d: counts[d]) if any(counts.values()) else ","


def _padded(reader: Iterator[list[str]]) -> Iterator[Row]:
    """CSV rows have ragged lengths; give every row at least the header's width."""
    width = 0
    for row in reader:
        cells: Row = row  # type: ignore[assignment]  # list[str] is a Row; lists are invariant
        if len(cells) > width:
            width = len(cells)
        elif len(cells) < width:
            cells.extend([""] * (width - len(cells)))
        yield cells
