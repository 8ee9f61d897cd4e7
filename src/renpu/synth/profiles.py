"""Which county ``renpu synth`` writes: the default (Qichun, as renpu was built on) or a wild one.

The wild profile is a county renpu was not fitted to: another county code and
townships (named after 修水县, Jiangxi; village codes invented in the NBS pattern),
files written by several clerks with their own habits (``synth.variation``),
and people as real households hold them: three generations under one roof,
several mothers in one household, death records without ID numbers, 空挂户 that
only the police know, people listed under another spelling without an ID.
Everything it injects is written to ``truth/`` by the generator itself.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from renpu.core.geography import QICHUN_TOWNSHIPS


@dataclass(frozen=True)
class Profile:
    name: str
    county_code: str
    county_name: str
    place: str  # the address prefix of the county: 湖北省蕲春县
    townships: tuple[tuple[str, str], ...]
    township_weight: dict[str, float]
    river_towns: frozenset[str]
    railway_towns: frozenset[str]
    old_region: str  # the county's ID region code before its re-coding
    recoded: int  # the year the county got its present code
    neighbour_regions: tuple[str, ...]  # counties people marry in from
    wild: bool = False

    def region_for(self, birth_year: int, rng: random.Random) -> str:
        """The ID region code of a local person born in ``birth_year`` (the old code for most older people)."""
        if birth_year < self.recoded - 15:
            return self.old_region if rng.random() < 0.75 else self.county_code
        if birth_year < self.recoded - 5:
            return self.old_region if rng.random() < 0.3 else self.county_code
        return self.county_code


DEFAULT = Profile(
    name="default",
    county_code="421126",
    county_name="蕲春县",
    place="湖北省蕲春县",
    townships=QICHUN_TOWNSHIPS,
    township_weight={
        "漕河镇": 16, "赤东镇": 6, "蕲州镇": 11, "管窑镇": 6, "彭思镇": 5, "横车镇": 8, "株林镇": 6,
        "刘河镇": 5, "狮子镇": 6, "青石镇": 6, "张塝镇": 5, "大同镇": 5, "檀林镇": 4, "向桥乡": 4,
        "八里湖农场": 1, "蕲春经济开发区管委会": 1, "李时珍医药工业园区管委会": 0.5,
        "蕲春赤龙湖国家湿地公园管理处": 0.3, "太平林场": 0.3, "蕲春县仙人台茶厂": 0.2,
    },
    river_towns=frozenset({"蕲州镇", "管窑镇", "八里湖农场", "株林镇"}),
    railway_towns=frozenset({"漕河镇", "赤东镇", "蕲州镇"}),
    old_region="422128",
    recoded=1995,
    neighbour_regions=("421125", "421127", "421182", "421124", "421181", "421102"),
)

# 修水县 (Jiangxi, 360424; 362624 under 九江地区 until 1983): real township names, codes in the NBS
# pattern (001–099 街道, 100–199 镇, 200–399 乡), a county renpu's importer and comparisons never saw.
_XIUSHUI = (
    ("360424001", "良塘街道"), ("360424100", "义宁镇"), ("360424101", "白岭镇"), ("360424102", "全丰镇"),
    ("360424103", "古市镇"), ("360424104", "大桥镇"), ("360424105", "渣津镇"), ("360424106", "马坳镇"),
    ("360424107", "杭口镇"), ("360424108", "港口镇"), ("360424109", "溪口镇"), ("360424110", "西港镇"),
    ("360424111", "山口镇"), ("360424112", "黄沙镇"), ("360424113", "黄港镇"), ("360424114", "何市镇"),
    ("360424115", "上奉镇"), ("360424116", "四都镇"), ("360424117", "太阳升镇"), ("360424200", "路口乡"),
    ("360424201", "黄龙乡"), ("360424202", "上衫乡"), ("360424203", "余塅乡"), ("360424204", "水源乡"),
    ("360424205", "石坳乡"), ("360424206", "东港乡"), ("360424207", "上杭乡"), ("360424208", "新湾乡"),
    ("360424209", "布甲乡"), ("360424210", "漫江乡"), ("360424211", "复原乡"), ("360424212", "竹坪乡"),
    ("360424213", "征村乡"), ("360424214", "庙岭乡"), ("360424215", "大椿乡"),
)

WILD = Profile(
    name="wild",
    county_code="360424",
    county_name="修水县",
    place="江西省修水县",
    townships=_XIUSHUI,
    township_weight={name: (12 if name in ("义宁镇", "良塘街道") else 3 if name.endswith("镇") else 2)
                     for _, name in _XIUSHUI},
    river_towns=frozenset({"义宁镇", "马坳镇", "杭口镇"}),
    railway_towns=frozenset({"良塘街道"}),
    old_region="362624",
    recoded=1983,
    neighbour_regions=("360425", "360423", "360481", "430626", "421222", "360926"),
    wild=True,
)

PROFILES = {p.name: p for p in (DEFAULT, WILD)}
