"""Small real files for the importer tests, written with xlsxwriter."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import xlsxwriter
from stdnum.cn import ric

VILLAGES = {
    "421126102201": "张家湾村委会",
    "421126102202": "李家湾村委会",
    "421126103201": "新街村委会",
    "421126104201": "新街村委会",  # the same name in another township
    "421126102": "蕲州镇",
}
ZJW = "421126102201"
TODAY = dt.date(2026, 11, 30)


def make_id(first17: str) -> str:
    return first17 + ric.calc_check_digit(first17 + "0")  # stdnum ignores the last character


def bad_checksum(number: str) -> str:
    last = "0" if number[-1] != "0" else "1"
    return number[:-1] + last


def write_xlsx(
    path: Path,
    sheets: dict[str, Sequence[Sequence[Any]]],
    merges: dict[str, Sequence[tuple[int, int, int, int, str]]] | None = None,
    start_row: dict[str, int] | None = None,
) -> Path:
    """Rows are written as given: str as text, int/float as numbers, dates as dates.

    ``merges`` are (first_row, first_col, last_row, last_col, text), 0-based.
    """
    workbook = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False})
    date_format = workbook.add_format({"num_format": "yyyy-mm-dd"})
    for name, rows in sheets.items():
        sheet = workbook.add_worksheet(name)
        for r0, c0, r1, c1, text in (merges or {}).get(name, ()):
            sheet.merge_range(r0, c0, r1, c1, text)
        offset = (start_row or {}).get(name, 0)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if value is None or value == "":
                    continue
                if isinstance(value, dt.date):
                    sheet.write_datetime(r + offset, c, value, date_format)
                elif isinstance(value, bool):
                    sheet.write_boolean(r + offset, c, value)
                elif isinstance(value, int | float):
                    sheet.write_number(r + offset, c, value)
                else:
                    sheet.write_string(r + offset, c, value)
    workbook.close()
    return path


PERSON_HEADER = ["户编号", "村(居)代码", "姓名", "公民身份号码", "性别", "出生日期", "与户主关系", "受教育程度", "联系电话", "村民小组"]


def person_row(household: str, name: str, id_number: Any, **kw: Any) -> list[Any]:
    return [
        household, kw.get("village", ZJW), name, id_number, kw.get("sex", "男"),
        kw.get("birth", "1990-01-01"), kw.get("relationship", "户主"), kw.get("education", "初中"),
        kw.get("phone", "13800138000"), kw.get("group", "3组"),
    ]
