"""Finding missed dwellings (查漏房): the canvass's buildings against the mapping system's.

One rule for the 查漏房 report (``web/registers/missed_dwellings.py``) and the
mapping comparison (``comparisons/mapping.py``), so that the task list and the
report never contradict each other.  Two lists and a count per 普查小区:

* dwellings (households, vacant dwellings) whose building is not in the mapping
  system — to draw there (``mapping.unmapped_dwelling``, 漏绘).  A dwelling with
  no building code cannot be on the map either; a household with no housing
  (住所类型 无住房, 居无定所) has no dwelling to draw;
* mapped buildings with no household, vacant dwelling or complex record — where
  the canvass may have missed a household (``mapping.unlisted_building``, 漏户).
  A building whose name or address names a listed complex (楼盘小区) is listed.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from .codes import RESIDENCE_TYPE


@dataclass(frozen=True)
class CanvassUnit:
    table: str  # household / vacant_dwelling
    key: str
    village_code: str
    group: str
    enumeration_area: str
    building_code: str
    address: str
    head_name: str = ""
    residence_type: str = ""  # a household's 住所类型


@dataclass(frozen=True)
class MappedBuilding:
    building_code: str
    enumeration_area: str
    address: str
    village_code: str = ""
    longitude: str = ""
    latitude: str = ""
    rid: str = ""  # the mapping record's id in the store, file and row
    file: str = ""
    row: int | None = None


@dataclass
class AreaCount:
    enumeration_area: str
    village_code: str = ""
    mapped_buildings: int = 0
    canvass_buildings: int = 0
    households: int = 0
    vacant_dwellings: int = 0
    unmapped_units: int = 0
    unmapped_buildings: int = 0
    unlisted_buildings: int = 0


@dataclass
class MissedDwellings:
    unmapped: list[CanvassUnit] = field(default_factory=list)  # to add in the mapping system
    unlisted: list[MappedBuilding] = field(default_factory=list)  # canvass may have missed households
    areas: list[AreaCount] = field(default_factory=list)


def unmapped(units: Iterable[CanvassUnit], mapped: Iterable[MappedBuilding]) -> list[CanvassUnit]:
    """Dwellings not on the map: no building code, or a code the mapping system does not have."""
    mapped_codes = {b.building_code for b in mapped if b.building_code}
    return [u for u in units if u.residence_type != RESIDENCE_TYPE.NO_HOUSING and u.building_code not in mapped_codes]


def unlisted(mapped: Iterable[MappedBuilding], units: Iterable[CanvassUnit],
             complex_names: Iterable[str]) -> list[MappedBuilding]:
    """Mapped buildings with no dwelling in the canvass, unless a listed complex names them."""
    canvass_codes = {u.building_code for u in units if u.building_code}
    complexes = [name for name in complex_names if name]
    return [b for b in mapped if b.building_code not in canvass_codes
            and not any(c in b.address or (b.address and b.address in c) for c in complexes)]


def find_missed(units: Iterable[CanvassUnit], mapped: Iterable[MappedBuilding],
                complex_names: Iterable[str] = ()) -> MissedDwellings:
    """Both lists, and the counts per 普查小区 beside them."""
    units = list(units)
    mapped = list(mapped)
    result = MissedDwellings(unmapped(units, mapped), unlisted(mapped, units, complex_names))
    areas: dict[str, AreaCount] = {}

    def area(code: str, village: str) -> AreaCount:
        if code not in areas:
            areas[code] = AreaCount(code, village or code[:12])
        return areas[code]

    buildings_seen: dict[str, set[str]] = defaultdict(set)
    unmapped_buildings: dict[str, set[str]] = defaultdict(set)
    for u in units:
        a = area(u.enumeration_area, u.village_code)
        a.households += u.table == "household"
        a.vacant_dwellings += u.table == "vacant_dwelling"
        if u.building_code:
            buildings_seen[u.enumeration_area].add(u.building_code)
    for u in result.unmapped:
        area(u.enumeration_area, u.village_code).unmapped_units += 1
        unmapped_buildings[u.enumeration_area].add(u.building_code or f"(无编号){u.key}")
    for b in mapped:
        area(b.enumeration_area, b.village_code).mapped_buildings += 1
    for b in result.unlisted:
        area(b.enumeration_area, b.village_code).unlisted_buildings += 1
    for code, a in areas.items():
        a.canvass_buildings = len(buildings_seen[code])
        a.unmapped_buildings = len(unmapped_buildings[code])
    result.areas = sorted(areas.values(), key=lambda a: (a.enumeration_area == "", a.enumeration_area))
    return result
