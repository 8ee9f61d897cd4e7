"""Geography: the 12-digit 统计用区划代码 and Qichun's real township codes.

county (6) → township (9) → village = 普查区 (12) → enumeration area = 普查小区 (15).
Village groups (村民小组) have no national code; renpu keys them by the village
code plus the group's number.  Township part: 001–099 街道, 100–199 镇, 200–399 乡,
400–599 quasi-township units; village part: 001–199 居委会, 200–399 村委会.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

COUNTY_CODE = "421126"
COUNTY_NAME = "蕲春县"

# NBS 2020 (as of 2020-06-30), shared/reference/census-7th.md §4.
QICHUN_TOWNSHIPS: tuple[tuple[str, str], ...] = (
    ("421126100", "漕河镇"),
    ("421126101", "赤东镇"),
    ("421126102", "蕲州镇"),
    ("421126103", "管窑镇"),
    ("421126104", "彭思镇"),
    ("421126105", "横车镇"),
    ("421126106", "株林镇"),
    ("421126107", "刘河镇"),
    ("421126108", "狮子镇"),
    ("421126109", "青石镇"),
    ("421126110", "张塝镇"),
    ("421126111", "大同镇"),
    ("421126112", "檀林镇"),
    ("421126200", "向桥乡"),
    ("421126450", "八里湖农场"),
    ("421126451", "蕲春经济开发区管委会"),
    ("421126453", "李时珍医药工业园区管委会"),
    ("421126454", "蕲春赤龙湖国家湿地公园管理处"),
    ("421126455", "太平林场"),
    ("421126456", "蕲春县仙人台茶厂"),
)

# Region codes a Qichun resident's ID number may carry: today's, the pre-1995
# one under 黄冈地区, and the neighbouring counties people marry in from.
LOCAL_REGION_CODES: dict[str, str] = {
    "421126": "蕲春县",
    "422128": "蕲春县(1995年前)",
    "421125": "浠水县",
    "421127": "黄梅县",
    "421182": "武穴市",
    "421124": "英山县",
    "421181": "麻城市",
    "421102": "黄州区",
}

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
