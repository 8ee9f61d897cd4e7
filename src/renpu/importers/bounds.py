"""How big a file may be before it is read: every limit of the importers, in one place.

A hostile or broken file must be refused quickly, with a Chinese message, and
without first being unpacked into memory.  So the checks here look at what is
cheap to see — the file's size, the zip directory of an .xlsx (sizes before
and after unpacking), a sheet's declared dimension, the sheet count — once per
file or per sheet, never per cell.  The only per-cell limit (a text field's
length) is applied by the text parser, which already looks at every such cell.

Each limit is well above what a county's real files need: the largest real
canvass workbook seen is a township's of ~60,000 rows; a county's police
extract of 1,000,000 persons is ~250 MB unpacked.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

MiB = 1 << 20

MAX_FILE_BYTES = 300 * MiB  # the file as received (an .xlsx of 1,000,000 rows is ~60 MB)
MAX_UNPACKED_BYTES = 2048 * MiB  # all members of an .xlsx/.ods after unzipping
MAX_RATIO = 100  # unpacked ÷ packed for one member over RATIO_FROM bytes; real sheets: 5–20
RATIO_FROM = 8 * MiB
MAX_TEXT_BYTES = 400 * MiB  # a CSV or HTML file, decoded whole into memory
MAX_SHEETS = 500
# Excel stops at 1,048,576 rows: a sheet that fills them was cut off when it was exported.
EXCEL_ROWS = 1_048_576
MAX_ROWS = EXCEL_ROWS - 1
MAX_CELL_CHARS = 32_767  # Excel's own limit for one cell; longer text did not come from Excel

_ZIP_SUFFIXES = {".xlsx", ".xlsm", ".ods", ".xlsb"}
_DIMENSION = re.compile(rb'<dimension ref="[A-Z]+[0-9]+:[A-Z]+([0-9]+)"')


class TooLarge(Exception):
    """The file exceeds a limit; the message is Chinese and says what to do."""


@dataclass(frozen=True)
class Limits:
    """The limits as numbers, so a test can lower them and build small files that cross them."""

    file_bytes: int = MAX_FILE_BYTES
    unpacked_bytes: int = MAX_UNPACKED_BYTES
    ratio: int = MAX_RATIO
    ratio_from: int = RATIO_FROM
    text_bytes: int = MAX_TEXT_BYTES
    sheets: int = MAX_SHEETS
    rows: int = MAX_ROWS
    cell_chars: int = MAX_CELL_CHARS


LIMITS = Limits()


def current() -> Limits:
    return LIMITS


def check_file(path: Path, limits: Limits | None = None) -> None:
    """Before parsing: the file's size and, for zip formats, what unpacking would make."""
    limits = limits or current()
    size = path.stat().st_size
    if size > limits.file_bytes:
        raise TooLarge(f"文件有 {_mb(size)}，超过导入上限 {_mb(limits.file_bytes)}：请按乡镇或村分成几个文件再导入")
    if path.suffix.lower() in _ZIP_SUFFIXES and zipfile.is_zipfile(path):
        _check_zip(path, limits)


def _check_zip(path: Path, limits: Limits) -> None:
    with zipfile.ZipFile(path) as archive:
        members = archive.infolist()
    unpacked = sum(m.file_size for m in members)
    if unpacked > limits.unpacked_bytes:
        raise TooLarge(f"文件解压后有 {_mb(unpacked)}，超过上限 {_mb(limits.unpacked_bytes)}："
                       "可能是压缩炸弹或过大的工作簿，请按乡镇或村分成几个文件再导入")
    for member in members:
        if member.file_size > limits.ratio_from and member.file_size > limits.ratio * max(member.compress_size, 1):
            raise TooLarge(f"文件中的“{member.filename}”压缩比异常（{_mb(member.compress_size)} 解压为 "
                           f"{_mb(member.file_size)}）：这不是正常的表格文件（可能是压缩炸弹），未导入")


def sheet_rows_declared(path: Path) -> dict[str, int]:
    """Rows each worksheet part of an .xlsx says it has (its <dimension>), read from the first 4 KB only."""
    found: dict[str, int] = {}
    if path.suffix.lower() not in {".xlsx", ".xlsm"} or not zipfile.is_zipfile(path):
        return found
    with zipfile.ZipFile(path) as archive:
        for member in archive.infolist():
            if member.filename.startswith("xl/worksheets/") and member.filename.endswith(".xml"):
                with archive.open(member) as handle:
                    match = _DIMENSION.search(handle.read(4096))
                if match:
                    found[member.filename] = int(match.group(1))
    return found


def check_sheet_count(count: int, limits: Limits | None = None) -> None:
    limits = limits or current()
    if count > limits.sheets:
        raise TooLarge(f"工作簿有 {count} 张工作表，超过上限 {limits.sheets} 张：请把数据合并到少数几张表，或分成几个文件")


def rows_message(sheet: str, rows: int, limits: Limits | None = None) -> str | None:
    """The refusal for a sheet of ``rows`` rows, or None when it is within the limit."""
    limits = limits or current()
    where = f"工作表“{sheet}”" if sheet else "工作簿中有一张工作表"
    if rows >= EXCEL_ROWS:
        return (f"{where}有 {rows:,} 行，已到 Excel 的行数上限，数据很可能在导出时被截断："
                "请按乡镇或村分成几个文件（或导出为 .csv）再导入")
    if rows > limits.rows:
        return f"{where}有 {rows:,} 行，超过上限 {limits.rows:,} 行：请按乡镇或村分成几个文件再导入"
    return None


def check_text_size(size: int, limits: Limits | None = None) -> None:
    limits = limits or current()
    if size > limits.text_bytes:
        raise TooLarge(f"文本文件有 {_mb(size)}，超过上限 {_mb(limits.text_bytes)}：请按乡镇或村分成几个文件再导入")


def _mb(size: int) -> str:
    return f"{size / MiB:,.1f} MB" if size >= MiB else f"{size:,} 字节"


# The longest text each field may hold, in characters: the store's column widths
# (tests/importers/test_bounds.py checks these against every model that stores the field).
# Longer text is refused with the cell named, never cut: a 500-character "name" is
# several cells pasted into one, and PostgreSQL would refuse it mid-import.
TEXT_CHARS = {
    "person_key": 40, "household_key": 40, "owner_household_key": 40, "police_household_number": 40,
    "vacant_key": 60, "member_key": 60, "absent_household_key": 60, "complex_key": 60, "away_key": 60,
    "group": 20, "enumeration_area": 15, "building_code": 30, "dwelling_number": 20, "dwelling_label": 60,
    "name": 60, "head_name": 60, "owner_name": 60, "contact": 60, "village_name": 60,
    "collective_name": 100, "manager": 100, "fact_source": 100, "info_source": 100, "reason": 100,
    "registration_address": 200, "registered_address": 200, "address": 200, "away_address": 200, "lead": 200,
    "phone": 40, "remarks": 500,
}


def text_chars(field: str) -> int:
    """How many characters a text field may hold (fields kept in JSON: one Excel cell)."""
    return TEXT_CHARS.get(field, MAX_CELL_CHARS)
