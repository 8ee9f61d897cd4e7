"""Finding missed dwellings (查漏房): the canvass's buildings against the mapping system's.

Two lists and a count per 普查小区:

* dwellings (households, vacant dwellings) whose building is not in the mapping
  system — to draw there (``mapping.unmapped_dwelling``, 漏绘);
* mapped buildings with no household, vacant dwelling or complex record — where
  the canvass may have missed a household (``mapping.unlisted_building``, 漏户).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field


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


@dataclass(frozen=True)
class MappedBuilding:
    building_code: str
    enumeration_area: str
    address: str
    village_code: str = ""
    longitude: str = ""
    latitude: str = ""


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


def find_missed(units: Iterable[CanvassUnit], mapped: Iterable[MappedBuilding],
                complex_addresses: Iterable[str] = ()) -> MissedDwellings:
    """Compare by building code; a mapped building whose address names a complex counts as listed."""
    units = list(units)
    mapped = list(mapped)
    mapped_codes = {b.building_code for b in mapped}
    canvass_codes = {u.building_code for u in units if u.building_code}
    complexes = [a for a in complex_addresses if a]
    result = MissedDwellings()
    result.unmapped = [u for u in units if u.building_code not in mapped_codes]
    result.unlisted = [b for b in mapped if b.building_code not in canvass_codes
                       and not any(c in b.address or (b.address and b.address in c) for c in complexes)]
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
