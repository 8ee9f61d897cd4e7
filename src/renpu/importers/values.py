"""Cell → value parsers, one per column, each returning ``(value, problem or None)``.

Nothing is coerced silently: a value we cannot read is reported with what is
wrong and what to type instead.  An empty cell never reaches a parser (the
caller handles it).  Parsers are closures built once per column, with caches
for the values that repeat (codes, dates), because they run on every cell of
files with a million rows.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from renpu.core import idnumber
from renpu.core.codes import ALL_CODE_LISTS, CodeList
from renpu.core.geography import parse_group
from renpu.core.tables import CODE, DATE, ID_NUMBER, INT, KEY, PHONE, TEXT, VILLAGE, Column
from renpu.core.variants import EXACT, NUMBER, RULE_LABELS

from . import bounds
from .issues import ERROR, INFO, WARNING, display
from .places import Places
from .readers import Cell

# Excel keeps 15 significant digits: any number from 10^15 up has lost digits.
EXACT_LIMIT = 10**15
EARLIEST = dt.date(1880, 1, 1)
DATE_EXAMPLE = "1985-03-12"


@dataclass(frozen=True, slots=True)
class Problem:
    message: str
    severity: str = ERROR
    flag: str = ""  # problem codes for the record's *_problem field (ID numbers)
    note: bool = False  # say it once per column with a count, not once per row


Parsed = tuple[object, Problem | None]
Parser = Callable[[Cell], Parsed]


def parser_for(column: Column, header: str, places: Places, today: dt.date) -> Parser:
    """The parser for one column; ``header`` is its name as written in the file."""
    if column.field == "group":
        return _group
    kind = column.kind
    if kind in (TEXT, KEY):
        return _text_parser(header, bounds.text_chars(column.field))
    if kind == DATE:
        return date_parser(header, today)
    if kind == CODE:
        return code_parser(ALL_CODE_LISTS[column.code_list or ""], header)
    if kind == ID_NUMBER:
        return id_parser(header, today)
    if kind == INT:
        return _int_parser(header)
    if kind == PHONE:
        return _phone_parser(header, bounds.text_chars(column.field))
    if kind == VILLAGE:
        return village_parser(header, places)
    raise ValueError(f"unknown column kind {kind!r}")


def _integral(cell: float | int) -> int | None:
    if isinstance(cell, int):
        return cell
    return int(cell) if cell.is_integer() else None


def _is_number(cell: Cell) -> bool:
    return isinstance(cell, int | float) and not isinstance(cell, bool)


# --- text ---------------------------------------------------------------------


def _too_long_number(header: str, cell: float | int) -> Problem:
    return Problem(
        f"{header} 被 Excel 存成了超过15位的数字（{display(cell)}），末几位已丢失："
        "请把该列设为“文本”格式后按原件重新录入"
    )


def _too_long_text(header: str, text: str, limit: int) -> Parsed:
    shown = text[:20] + "…"
    if "\x00" in text:
        return shown, Problem(f"{header} 含有空字符（NUL），不是正常的文字：请在 Excel 中重新录入该单元格")
    return shown, Problem(f"{header} 有 {len(text):,} 个字符，超过该项上限 {limit} 个：请核对（是否把几项填进了一个单元格）")


def _text_parser(header: str, limit: int) -> Parser:
    def parse(cell: Cell) -> Parsed:
        if isinstance(cell, str):
            text = cell.strip()
            if len(text) > limit or "\x00" in text:  # len() is O(1); NUL only from .xls (BIFF) strings
                return _too_long_text(header, text, limit)
            return (text or None), None
        if _is_number(cell):
            assert isinstance(cell, int | float)
            whole = _integral(cell)
            if whole is None:
                return repr(cell), None
            if abs(whole) >= EXACT_LIMIT:
                return str(whole), _too_long_number(header, cell)
            return str(whole), None  # a key typed as a number: 1001.0 → "1001"
        if isinstance(cell, bool):
            return ("是" if cell else "否"), None
        return display(cell), None

    return parse


@lru_cache(maxsize=4096, typed=True)
def _group(cell: Cell) -> Parsed:
    if _is_number(cell):
        assert isinstance(cell, int | float)
        whole = _integral(cell)
        return (str(whole) if whole is not None else display(cell)), None
    text = parse_group(cell)  # core.parse_group turns 3.0 into "3.0": numbers handled above
    limit = bounds.text_chars("group")
    if text and len(text) > limit:
        return _too_long_text("村民小组", text, limit)
    return (text or None), None


def _phone_parser(header: str, limit: int) -> Parser:
    def parse(cell: Cell) -> Parsed:
        if isinstance(cell, str):
            text = cell.strip()
            if len(text) > limit or "\x00" in text:
                return _too_long_text(header, text, limit)
            return (text or None), None
        if _is_number(cell):
            assert isinstance(cell, int | float)
            whole = _integral(cell)
            # A float holds 15 significant digits exactly, so an 11-digit mobile
            # number stored as a number loses nothing.  (A landline's leading 0
            # is gone, but no digit of it is invented.)
            if whole is not None and 0 <= whole < EXACT_LIMIT:
                return str(whole), None
            return display(cell), _too_long_number(header, cell)
        return display(cell), None

    return parse


def _int_parser(header: str) -> Parser:
    def parse(cell: Cell) -> Parsed:
        whole: int | None = None
        if _is_number(cell):
            assert isinstance(cell, int | float)
            whole = _integral(cell)
        elif isinstance(cell, str):
            text = unicodedata.normalize("NFKC", cell).strip().replace(",", "")
            if text.isascii() and text.isdigit():
                whole = int(text)
            elif not text:
                return None, None
        if whole is None or whole < 0:
            return display(cell), Problem(f"{header} '{display(cell)}' 应为不小于 0 的整数")
        return whole, None

    return parse


# --- dates --------------------------------------------------------------------

_TIME = r"(?:\s*[T ]?\s*[0-9]{1,2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]+)?)?)?"
_FULL = re.compile(
    r"([0-9]{4})\s*[-/.年]\s*([0-9]{1,2})\s*[-/.月]\s*([0-9]{1,2})\s*日?" + _TIME, re.ASCII
)
_COMPACT = re.compile(r"([0-9]{4})([0-9]{2})([0-9]{2})", re.ASCII)
_MONTH = re.compile(r"([0-9]{4})\s*[-/.年]\s*([0-9]{1,2})\s*月?", re.ASCII)
_COMPACT_MONTH = re.compile(r"([0-9]{4})([0-9]{2})", re.ASCII)
_EXCEL_EPOCH = dt.date(1899, 12, 30)
_EXCEL_MAX = 2_958_465  # 9999-12-31


def date_parser(header: str, today: dt.date) -> Parser:
    bad = f"不是有效日期，请按 {DATE_EXAMPLE} 格式填写"
    month_note = Problem(f"{header} 只填了年月，已按当月 1 日记录", WARNING, note=True)

    def judge(value: dt.date | None, month_only: bool, raw: object) -> Parsed:
        if value is None:
            return display(raw), Problem(f"{header} '{display(raw)}' {bad}")
        if not EARLIEST <= value <= today:
            return display(raw), Problem(
                f"{header} '{display(raw)}' 不在合理范围（1880 年至今天），请核对"
            )
        return value, (month_note if month_only else None)

    @lru_cache(maxsize=65_536)
    def from_text(text: str) -> Parsed:
        return judge(*_date_from_text(text), text)

    def parse(cell: Cell) -> Parsed:
        if isinstance(cell, str):
            text = cell.strip()
            return from_text(text) if text else (None, None)
        if isinstance(cell, dt.datetime):
            return judge(cell.date(), False, cell)
        if isinstance(cell, dt.date):
            return judge(cell, False, cell)
        if _is_number(cell):
            assert isinstance(cell, int | float)
            found = _date_from_number(cell)
            if isinstance(found, str):
                return display(cell), Problem(f"{header} '{display(cell)}' {found}")
            return judge(*found, cell)
        return display(cell), Problem(f"{header} '{display(cell)}' {bad}")

    return parse


def _make_date(year: str, month: str, day: str) -> dt.date | None:
    try:
        return dt.date(int(year), int(month), int(day))
    except ValueError:
        return None


def _date_from_text(raw: str) -> tuple[dt.date | None, bool]:
    """(date, month_only); (None, False) when it is no date we accept."""
    text = unicodedata.normalize("NFKC", raw).strip()
    for pattern in (_FULL, _COMPACT):
        found = pattern.fullmatch(text)
        if found:
            return _make_date(*found.groups()), False
    for pattern in (_MONTH, _COMPACT_MONTH):
        found = pattern.fullmatch(text)
        if found:
            return _make_date(found[1], found[2], "1"), True
    return None, False


def _date_from_number(cell: float | int) -> tuple[dt.date | None, bool] | str:
    """A number in a date column: 19850312, 198503, 1985.03, or an Excel serial day.

    Returns (date, month_only), or a message for numbers that cannot be read
    unambiguously.
    """
    whole = _integral(cell)
    if whole is None:
        decimals = repr(float(cell)).partition(".")[2]
        if 1880 <= cell < 2101:  # 1985.03 typed into a number cell: year.month
            if len(decimals) == 2:
                return _make_date(str(int(cell)), decimals, "1"), True
            return "无法判断月份（如 1985.1 可能是 1 月也可能是 10 月）：请按 1985-10 或 1985-10-01 格式以文本填写"
        whole = int(cell)  # a serial day with a time of day
    if 18_800_101 <= whole <= 21_001_231:
        return _date_from_text(str(whole))
    if 188_001 <= whole <= 210_012:
        return _date_from_text(str(whole))
    if 1880 <= whole <= 2100:
        return f"只有年份，不是有效日期：请至少填到年月，如 {whole}-03"
    if 1 <= whole <= _EXCEL_MAX and whole != 60:
        return _excel_serial(whole), False
    return f"不是有效日期，请按 {DATE_EXAMPLE} 格式填写"


def _excel_serial(days: int) -> dt.date:
    """Excel's 1900 date system, which counts the non-existent 1900-02-29 as day 60."""
    if days < 60:
        return _EXCEL_EPOCH + dt.timedelta(days=days + 1)
    return _EXCEL_EPOCH + dt.timedelta(days=days)


# --- codes --------------------------------------------------------------------


def allowed_text(code_list: CodeList) -> str:
    if code_list.name == "ethnicity":
        return "民族全称或简称（如 汉族、土家族、土家）或两位代码（01 汉族 … 56 基诺族，97、98）"
    return "、".join(f"{code} {label}" for code, label in code_list.items)


def code_parser(code_list: CodeList, header: str) -> Parser:
    """Codes, labels and what clerks write for them (``core.variants``): one code or an error.

    A value read by a rule rather than as written on the form is said once per
    column and value, with how many cells it was (``INFO``), so nothing is mapped unseen.
    """
    allowed = allowed_text(code_list)
    labels = code_list.labels()

    @lru_cache(maxsize=4096, typed=True)  # typed: True, 1 and 1.0 must not share an entry
    def parse(cell: Cell) -> Parsed:
        if isinstance(cell, bool):
            if code_list.name == "yes_no":
                return ("1" if cell else "0"), None
            return display(cell), _unknown(cell)
        reading = code_list.read(cell)
        if reading.code is None:
            return display(cell), (_ambiguous(cell, reading.candidates) if reading.ambiguous else _unknown(cell))
        if reading.rule in (EXACT, NUMBER):
            return reading.code, None
        how = RULE_LABELS[reading.rule]
        return reading.code, Problem(f"{header} '{display(cell)}' 读作 {reading.code} {labels[reading.code]}（{how}）",
                                     INFO, note=True)

    def _unknown(cell: Cell) -> Problem:
        return Problem(f"{header} '{display(cell)}' 不是可用的代码或名称，请填写：{allowed}")

    def _ambiguous(cell: Cell, candidates: tuple[str, ...]) -> Problem:
        could_be = "、".join(f"{c} {labels[c]}" for c in candidates)
        return Problem(f"{header} '{display(cell)}' 可能是 {could_be}，无法确定：请只填写其中一项。可填写：{allowed}")

    return parse


# --- ID numbers ----------------------------------------------------------------

_PLAIN_18 = re.compile(r"[0-9]{17}[0-9X]", re.ASCII)


def id_parser(header: str, today: dt.date) -> Parser:
    upgraded = Problem(f"{header} 有 15 位旧号码，已按国家标准升为 18 位", WARNING, note=True)

    def mangled(cell: object, shown: str) -> Problem:
        return Problem(
            f"{header} '{shown}' 被 Excel 存成了数字，末几位已丢失：请把该列设为“文本”格式后按原件重新录入",
            flag="scientific",
        )

    def from_text(text: str) -> Parsed:
        checked = idnumber.check(text, today)
        if checked.problems == ("empty",):
            return None, None
        if "scientific" in checked.problems:
            return text, mangled(text, text)
        if checked.problems:
            # full-width digits and spaces are how it was typed, not part of the number: keep the
            # number itself (18 characters) so that a one-digit slip can still be corrected
            kept = checked.number if _PLAIN_18.fullmatch(checked.number) else text
            return kept, Problem(
                f"{header} '{text}'：{'；'.join(checked.messages())}。已按原样保留并标记，请核对原件",
                WARNING,
                flag=",".join(checked.problems),
            )
        return checked.number, (upgraded if "upgraded" in checked.warnings else None)

    def parse(cell: Cell) -> Parsed:
        if isinstance(cell, str):
            text = cell.strip()
            # Fast path for the usual case: a clean, valid 18-character number.
            if len(text) == 18 and _PLAIN_18.fullmatch(text) and idnumber.is_valid(text, today):
                return text, None
            return from_text(text) if text else (None, None)
        if _is_number(cell):
            assert isinstance(cell, int | float)
            whole = _integral(cell)
            # A 15-digit first-generation number fits a float exactly: nothing is lost.
            if whole is not None and 10**14 <= whole < EXACT_LIMIT:
                return from_text(str(whole))
            # Show it as Excel does: 15 significant digits, then zeros (421126199001012000).
            shown = display(cell)
            return shown, mangled(cell, shown)
        return display(cell), Problem(f"{header} '{display(cell)}' 不是身份证号", flag="format")

    return parse


# --- villages -------------------------------------------------------------------

_VILLAGE_CODE = re.compile(r"[0-9]{12}", re.ASCII)


def village_parser(header: str, places: Places) -> Parser:
    @lru_cache(maxsize=4096, typed=True)
    def parse(cell: Cell) -> Parsed:
        if _is_number(cell):
            assert isinstance(cell, int | float)
            whole = _integral(cell)  # 12 digits are exact in a float
            text = str(whole) if whole is not None else display(cell)
        else:
            text = "".join(unicodedata.normalize("NFKC", display(cell)).split())
        if not text:
            return None, None
        if not _VILLAGE_CODE.fullmatch(text):
            return text, Problem(f"{header} '{text}' 应为 12 位统计用区划代码（如 421126102201）")
        if not places.knows(text):
            return text, Problem(unknown_village(header, text, places))
        return text, None

    return parse


def unknown_village(header: str, code: str, places: Places) -> str:
    if not places.villages:
        return f"{header} '{code}'：系统中还没有区划代码，请先导入区划代码表（区划代码.xlsx），再导入本文件"
    return f"{header} '{code}' 不在已导入的区划代码中：请改正代码，或先导入包含该村(居)的区划代码表"
