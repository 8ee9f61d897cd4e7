"""公民身份号码 (GB 11643-1999): normalise, validate, derive, upgrade, repair.

python-stdnum 2.2's ``ric.validate`` rejects real people (a region code created
after the holder's birth year) and raises ``KeyError`` on an unknown county in a
known province (shared/reference/chinese-text-and-ids.md §1.1).  We therefore use
only its check-digit formula and its historic region table (``cn/loc.dat``),
behind the rules below:

* the region must be known to GB/T 2260 at *any* time; being outside its era is
  normal (codes are issued at first registration and never re-coded);
* the birth date must be a real date between 1880-01-01 and the reference date;
* 15-digit first-generation numbers are upgraded to 18 digits and flagged;
* a problem is reported, never raised: an invalid number stays as typed.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from stdnum import numdb
from stdnum.cn import ric

# Residence permits of Hong Kong, Macau and Taiwan residents (居住证) carry these.
PERMIT_REGIONS = {"810000": "香港特别行政区", "820000": "澳门特别行政区", "830000": "台湾地区"}
EARLIEST_BIRTH = dt.date(1880, 1, 1)

# Zero-width characters, BOM, variation selectors, and the separators people type.
_INVISIBLE = dict.fromkeys(
    [0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, *range(0xFE00, 0xFE10)], None
)
_SEPARATORS = re.compile(r"[\s\-‐‑‒–—―_.·]+")
_SHAPE_18 = re.compile(r"[0-9]{17}[0-9X]", re.ASCII)
_SHAPE_15 = re.compile(r"[0-9]{15}", re.ASCII)
_SCIENTIFIC = re.compile(r"^[0-9](\.[0-9]+)?E\+?[0-9]+$", re.ASCII)

# Problem codes and the Chinese message that tells the user what to fix.
PROBLEMS = {
    "empty": "身份证号为空",
    "scientific": "身份证号被 Excel 存成了数字（科学计数法），末几位已丢失：请把该列设为“文本”后按原件重新录入",
    "format": "身份证号应为18位数字（最后一位可为X）或15位数字",
    "length": "身份证号位数不对",
    "date": "身份证号中的出生日期不是有效日期",
    "date_range": "身份证号中的出生日期不在合理范围（1880年至今）",
    "region": "身份证号前6位不是任何时期的行政区划代码",
    "checksum": "身份证号校验位不对，可能有数字录错",
}

WARNINGS = {
    "upgraded": "15位旧号码，已按国家标准升为18位",
    "region_era": "地区代码在出生年份尚未启用（先出生后办证，属正常情况）",
}


@dataclass(frozen=True)
class IdCheck:
    """What we know about one typed ID number."""

    raw: str
    number: str  # normalised; the 18-digit form when a 15-digit number was upgraded
    problems: tuple[str, ...]
    warnings: tuple[str, ...] = ()

    @property
    def valid(self) -> bool:
        return not self.problems

    @property
    def birth_date(self) -> dt.date | None:
        return birth_date_of(self.number) if self.valid else None

    @property
    def sex(self) -> str | None:
        """'1' (男) or '2' (女), as in the SEX code list."""
        return sex_of(self.number) if self.valid else None

    @property
    def region_code(self) -> str | None:
        return self.number[:6] if self.valid else None

    def messages(self) -> list[str]:
        return [PROBLEMS[p] for p in self.problems]


def normalise(raw: object) -> str:
    """Full-width → ASCII, drop spaces, dashes and invisible characters, upper-case x."""
    if raw is None:
        return ""
    text = unicodedata.normalize("NFKC", str(raw)).translate(_INVISIBLE)
    return _SEPARATORS.sub("", text).upper()


def check(raw: object, today: dt.date | None = None) -> IdCheck:
    """Validate one ID number; never raises."""
    raw_text = "" if raw is None else str(raw)
    number = normalise(raw_text)
    if not number:
        return IdCheck(raw_text, number, ("empty",))
    if looks_scientific(raw_text):
        return IdCheck(raw_text, number, ("scientific",))
    warnings: tuple[str, ...] = ()
    if _SHAPE_15.fullmatch(number):
        number = upgrade_15(number)
        warnings = ("upgraded",)
    elif not _SHAPE_18.fullmatch(number):
        problem = "length" if number.isascii() and number[:-1].isdigit() else "format"
        return IdCheck(raw_text, number, (problem,))
    problems = _problems_18(number, today or dt.date.today())
    if not problems and _region_out_of_era(number):
        warnings += ("region_era",)
    return IdCheck(raw_text, number, problems, warnings)


def looks_scientific(raw: str) -> bool:
    """True for what Excel shows when it stored an ID number as a number: 4.21126E+17."""
    text = "".join(unicodedata.normalize("NFKC", raw).split()).upper()
    return _SCIENTIFIC.match(text) is not None


def is_valid(number: str, today: dt.date | None = None) -> bool:
    """Fast check of an already normalised 18-character number."""
    return _SHAPE_18.fullmatch(number) is not None and not _problems_18(
        number, today or dt.date.today()
    )


def _problems_18(number: str, today: dt.date) -> tuple[str, ...]:
    problems: list[str] = []
    born = _date_of(number[6:14])
    if born is None:
        problems.append("date")
    elif not EARLIEST_BIRTH <= born <= today:
        problems.append("date_range")
    if region_name(number[:6]) is None:
        problems.append("region")
    if ric.calc_check_digit(number) != number[17]:
        problems.append("checksum")
    return tuple(problems)


def upgrade_15(number: str) -> str:
    """First-generation 15-digit number → 18 digits (insert 19, add check digit)."""
    first17 = number[:6] + "19" + number[6:]
    return first17 + ric.calc_check_digit(first17 + "0")


def birth_date_of(number: str) -> dt.date | None:
    return _date_of(number[6:14])


def sex_of(number: str) -> str:
    """The 17th digit: odd for men ('1'), even for women ('2')."""
    return "1" if int(number[16]) % 2 else "2"


@lru_cache(maxsize=100_000)
def _date_of(yyyymmdd: str) -> dt.date | None:
    try:
        return dt.date(int(yyyymmdd[:4]), int(yyyymmdd[4:6]), int(yyyymmdd[6:8]))
    except ValueError:
        return None


@lru_cache(maxsize=20_000)
def region_name(code: str) -> str | None:
    """Name of a 6-digit region code known at any time, or None."""
    if code in PERMIT_REGIONS:
        return PERMIT_REGIONS[code]
    parts = numdb.get("cn/loc").info(code)
    names = [props.get("county", "") for _, props in parts if props]
    if len(parts) < 2 or not names or not names[-1]:
        return None
    return _strip_eras(names[-1])


@lru_cache(maxsize=20_000)
def _eras(code: str) -> tuple[tuple[int | None, int | None], ...]:
    parts = numdb.get("cn/loc").info(code)
    county = parts[-1][1].get("county", "") if parts else ""
    eras = []
    for entry in county.split(","):
        if entry.startswith("[") and "]" in entry:
            start, _, end = entry[1 : entry.index("]")].partition("-")
            eras.append((int(start) if start else None, int(end) if end else None))
    return tuple(eras)


def _region_out_of_era(number: str) -> bool:
    eras = _eras(number[:6])
    if not eras:
        return False
    year = int(number[6:10])
    return not any((s is None or year >= s) and (e is None or year <= e) for s, e in eras)


def _strip_eras(county: str) -> str:
    return ",".join(re.sub(r"^\[[0-9-]*\]", "", part) for part in county.split(","))


def near_neighbours(number: str, today: dt.date | None = None) -> list[str]:
    """Valid numbers one typing slip away: one character wrong, or two adjacent swapped.

    Used to repair an ID number that fails validation or matches nothing.  The
    number itself is never included.
    """
    number = normalise(number)
    if len(number) != 18:
        return []
    today = today or dt.date.today()
    candidates: set[str] = set()
    for position in range(18):
        alphabet = "0123456789X" if position == 17 else "0123456789"
        for char in alphabet:
            if char != number[position]:
                candidates.add(number[:position] + char + number[position + 1 :])
    for position in range(17):
        a, b = number[position], number[position + 1]
        if a != b:
            candidates.add(number[:position] + b + a + number[position + 2 :])
    return sorted(c for c in candidates if is_valid(c, today))
