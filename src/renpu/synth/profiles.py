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

from renpu.synth import data
from renpu.synth.counties import QICHUN, County

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

WILD = County(
    "360424", "修水县",
    tuple((code, name, 12.0 if name in ("义宁镇", "良塘街道") else 3.0 if name.endswith("镇") else 2.0)
          for code, name in _XIUSHUI),
    old_code="362624",
    neighbour_regions=("360425", "360423", "360481", "430626", "421222", "360926"),
    neighbour_places=data.WILD_NEAR_COUNTIES,
    river_towns=frozenset({"义宁镇", "马坳镇", "杭口镇"}),
    railway_towns=frozenset({"良塘街道"}),
    province="江西省",
    wild=True,
)

PROFILES = {"default": QICHUN, "wild": WILD}
