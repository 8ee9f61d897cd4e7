"""The canvass workbook of one village, as village staff would type it.

Per village (seeded): one or two title rows, header variants in a minority of
villages, codes as labels (or numeric codes in a minority), dates in one
preferred text format with some cells in other formats or real Excel dates.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

from renpu.core import codes, tables
from renpu.synth import xlsx
from renpu.synth.counties import COUNTY_NAME
from renpu.synth.model import AbsentHousehold, Complex, Household, Person, Vacant

# Header variants real staff type (field → variants); the importer's alias list must cover them.
HEADER_VARIANTS: dict[str, tuple[str, ...]] = {
    "id_number": ("身份证号", "身份证号码"),
    "relationship": ("户主关系", "与户主的关系"),
    "education": ("文化程度",),
    "phone": ("电话", "手机号码"),
    "group": ("组别", "小组"),
    "birth_date": ("出生年月日",),
    "registration_address": ("户籍地址",),
    "status": ("人员状态",),
    "village_name": ("村委会", "村(社区)"),
    "person_key": ("人员编号",),
    "head_name": ("户主",),
    "head_id_number": ("户主身份证号",),
    "owner_id_number": ("房主身份证号",),
}

_TEXT_FORMATS = ("iso", "slash", "dot", "compact", "chinese")


def date_text(day: dt.date, style: str) -> str:
    if style == "iso":
        return f"{day.year}-{day.month:02d}-{day.day:02d}"
    if style == "slash":
        return f"{day.year}/{day.month}/{day.day}"
    if style == "dot":
        return f"{day.year}.{day.month:02d}.{day.day:02d}"
    if style == "compact":
        return f"{day.year}{day.month:02d}{day.day:02d}"
    return f"{day.year}年{day.month}月{day.day}日"


class Style:
    """How one village's staff fill in their workbook."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.variant_headers = rng.random() < 0.2
        self.numeric_codes = rng.random() < 0.12
        self.date_style = rng.choices(_TEXT_FORMATS, (50, 20, 10, 10, 10))[0]
        self.mixed_dates = rng.random() < 0.3
        self.excel_dates = rng.random() < 0.15
        self.title_rows = rng.choice((1, 2, 2))
        self.write_no = rng.random() < 0.3
        self.group_style = rng.choices(("n组", "n", "cn", "第n村民小组"), (60, 20, 12, 8))[0]
        self.filled_on = dt.date(2020, rng.choice((9, 10)), rng.randint(1, 30))
        self.labels: dict[str, str] = {}
        if self.variant_headers:
            for field, variants in HEADER_VARIANTS.items():
                if rng.random() < 0.5:
                    self.labels[field] = rng.choice(variants)

    serial_column = False  # a 序号 column in front (synth.variation's clerks)

    def header(self, table: tables.Table) -> list[str]:
        return [self.labels.get(c.field, c.label) for c in table.columns]

    def columns(self, table: tables.Table) -> list[int]:
        """Positions of the table's columns this style writes (all of them)."""
        return list(range(len(table.columns)))

    def id_number(self, number: str) -> str:
        return number

    def date(self, day: dt.date | None) -> str | dt.date:
        if day is None:
            return ""
        if self.excel_dates and self.rng.random() < 0.3:
            return day
        if self.mixed_dates and self.rng.random() < 0.2:
            return date_text(day, self.rng.choice(_TEXT_FORMATS))
        return date_text(day, self.date_style)

    def code(self, code_list: codes.CodeList, code: str, sex: str = "") -> str:
        if not code:
            return ""
        if code_list is codes.YES_NO and code == "0" and not self.write_no:
            return ""
        if self.numeric_codes:
            return code
        return _LABELS[code_list.name][code]

    def group(self, number: int) -> str:
        if self.group_style == "n组":
            return f"{number}组"
        if self.group_style == "n":
            return str(number)
        if self.group_style == "cn":
            return _chinese(number) + "组"
        return f"第{number}村民小组"


# CodeList.label_of builds a dict per call; the writer needs millions of look-ups.
_LABELS = {name: dict(code_list.items) for name, code_list in codes.ALL_CODE_LISTS.items()}


def _chinese(n: int) -> str:
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    return ("" if n // 10 == 1 else digits[n // 10]) + "十" + (digits[n % 10] if n % 10 else "")


_SEX, _ETH, _REL, _REG = codes.SEX, codes.ETHNICITY, codes.RELATIONSHIP, codes.REGISTRATION_PLACE
_TIME, _REASON, _EDU, _STATUS, _YN = codes.TIME_AWAY, codes.REASON_AWAY, codes.EDUCATION, codes.PERSON_STATUS, codes.YES_NO


class CanvassWriter:
    def __init__(self, path: Path, village_code: str, village_name: str, township: str, style: Style,
                 county: str = COUNTY_NAME) -> None:
        self.book = xlsx.Workbook(path)
        self.code, self.name, self.township, self.style = village_code, village_name, township, style
        self.county = county

    def sheet(self, table: tables.Table, rows: list[list[str | dt.date]], style: Style | None = None) -> int:
        """Write one sheet; returns the Excel row number of the first data row."""
        style = style or self.style
        kept = style.columns(table)
        header = [style.header(table)[i] for i in kept]
        if style.serial_column:
            header = ["序号", *header]
        if len(kept) < len(table.columns) or style.serial_column:
            rows = [[*([str(n)] if style.serial_column else []), *(row[i] for i in kept)] for n, row in enumerate(rows, 1)]
        stream = self.book.add_sheet(table.label, [12.0] * len(header))
        last = xlsx.column_letter(len(header) - 1)
        if style.title_rows >= 1:
            stream.write(xlsx.mixed_row([f"{tables_title(self.township, self.name, table.label, self.county)}"], xlsx.STYLE_TITLE))
            stream.merge(f"A1:{last}1")
        for line in range(2, style.title_rows + 1):
            stream.write(xlsx.text_row([f"填报单位：{self.name}{'居委会' if self.name.endswith('社区') else '村委会'}　　填报日期：{style.filled_on.year}年{style.filled_on.month}月{style.filled_on.day}日"
                                        if line == 2 else "说明：身份证号请按文本格式填写"]))
            stream.merge(f"A{line}:{last}{line}")
        stream.write(xlsx.mixed_row(header, xlsx.STYLE_HEADER))
        for row in rows:
            if all(type(v) is str for v in row):
                stream.write(xlsx.text_row(row))  # type: ignore[arg-type]
            else:
                stream.write(xlsx.mixed_row(row))
        stream.close()
        return style.title_rows + 2

    def close(self) -> None:
        self.book.close()


def tables_title(township: str, village: str, table_label: str, county: str = COUNTY_NAME) -> str:
    return f"{county}{township}{village}{table_label}"


def person_row(p: Person, code: str, name: str, s: Style) -> list[str | dt.date]:
    return [
        p.key, p.hkey, code, name, s.group(p.group), p.name, s.id_number(p.id), s.code(_SEX, p.sex),
        s.date(p.shown_birth), _ethnicity(p.ethnicity, s), s.code(_REL, p.rel, p.sex), s.code(_REG, p.reg),
        p.reg_address, s.code(_TIME, p.time_away), s.code(_REASON, p.reason), s.code(_EDU, p.education),
        s.code(_STATUS, p.status), s.date(p.status_date), p.phone, s.code(_YN, p.no_fixed_abode),
        s.code(_YN, p.unregistered), s.code(_YN, p.special), s.code(_YN, p.multi), p.fact_source, p.remarks,
    ]


def _ethnicity(code: str, s: Style) -> str:
    if not code:
        return ""
    return code if s.numeric_codes else _LABELS["ethnicity"][code]


def household_row(h: Household, code: str, name: str, s: Style) -> list[str | dt.date]:
    head = h.members[0] if h.kind == "1" else None
    return [
        h.key, code, name, s.group(h.group), s.code(codes.HOUSEHOLD_KIND, h.kind), h.ea, h.building,
        h.dwelling, h.label, h.address, head.name if head else "", head.id if head else "",
        h.collective_name, s.code(codes.RESIDENCE_TYPE, h.residence_type), h.police_no, h.phone, h.remarks,
    ]


def vacant_row(v: Vacant, code: str, name: str, s: Style) -> list[str | dt.date]:
    owner = v.owner
    return [
        v.key, code, name, s.group(v.group), v.ea, v.building, v.dwelling, v.label, v.address,
        owner.name if owner else "", owner.id if owner else "", v.owner_hkey, v.reason, v.remarks,
    ]


def absent_rows(a: AbsentHousehold, code: str, name: str, s: Style) -> list[list[str | dt.date]]:
    head = a.members[0]
    return [
        [
            p.key, a.key, code, name, s.group(a.group), a.police_no, a.address, head.name, p.name, p.id,
            s.code(_SEX, p.sex), s.date(p.birth), s.code(_REL, p.rel), a.reason, a.lead if p is head else "", "",
        ]
        for p in a.members
    ]


def complex_row(c: Complex, code: str, name: str, s: Style) -> list[str | dt.date]:
    return [
        c.key, code, name, s.group(c.group), c.name, c.address, c.manager, str(c.buildings),
        str(c.dwellings), str(c.occupied), str(c.vacant), c.contact, c.phone, "",
    ]


def away_row(key: str, p: Person, code: str, name: str, s: Style) -> list[str | dt.date]:
    assert p.away is not None
    place, address, since, reason, source = p.away
    return [
        key, p.key, p.hkey, code, name, s.group(p.group), p.name, p.id, s.code(codes.AWAY_PLACE, place),
        address, s.date(since), s.code(_REASON, reason), source, p.phone, "",
    ]
