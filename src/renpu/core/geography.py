"""Geography: the 12-digit 统计用区划代码 (the county is whatever geography the store imported).

county (6) → township (9) → village = 普查区 (12) → enumeration area = 普查小区 (15).
Village groups (村民小组) have no national code; renpu keys them by the village
code plus the group's number.  Township part: 001–099 街道, 100–199 镇, 200–399 乡,
400–599 quasi-township units; village part: 001–199 居委会, 200–399 村委会.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

LEVELS = {6: "县", 9: "乡镇", 12: "村(居)", 15: "普查小区"}
_CODE = re.compile(r"[0-9]{6}([0-9]{3}){0,3}", re.ASCII)


@dataclass(frozen=True)
class Area:
    code: str
    name: str

    @property
    def level(self) -> str:
        return LEVELS[len(self.code)]

    @property
    def parent_code(self) -> str | None:
        return self.code[:-3] if len(self.code) > 6 else None


def is_area_code(code: str) -> bool:
    return _CODE.fullmatch(code) is not None


def township_of(village_code: str) -> str:
    return village_code[:9]


def is_residents_committee(village_code: str) -> bool:
    """居委会 (001–199) rather than 村委会 (200–399)."""
    return 1 <= int(village_code[9:12]) <= 199


_CHINESE_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")}


def parse_group(value: object) -> str:
    """'3组', '三组', '第03村民小组', '3' → '3'.  Unparseable text is returned stripped."""
    text = "".join(str(value or "").split())
    stripped = re.sub(r"^第|(村民小组|居民小组|小组|组)$", "", text)
    if stripped.isdigit():
        return str(int(stripped))
    number = _chinese_number(stripped)
    return str(number) if number is not None else text


def _chinese_number(text: str) -> int | None:
    if not text or any(c not in _CHINESE_DIGITS and c != "十" for c in text):
        return None
    if "十" not in text:
        return int("".join(str(_CHINESE_DIGITS[c]) for c in text))
    tens, _, units = text.partition("十")
    return (_CHINESE_DIGITS[tens] if tens else 1) * 10 + (_CHINESE_DIGITS[units] if units else 0)
