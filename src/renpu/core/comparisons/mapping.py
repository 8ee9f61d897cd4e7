"""标绘系统: dwellings on no mapped building (漏绘), mapped buildings with nobody listed.

The rule is ``core.missed``'s, the 查漏房 report's: the findings and the report agree.
"""

from __future__ import annotations

from typing import Any

import pyarrow as pa

from .. import missed
from .base import Context, Finding, rows


def compare(context: Context) -> list[Finding]:
    mapping = context.source("mapping")
    if mapping is None:
        return []
    units = [*_units(context.households, "household"), *_units(context.vacant_dwellings, "vacant_dwelling")]
    mapped = [_building(row) for row in mapping.records.to_pylist()]
    complexes = [row["name"] for row in rows(context.complexes)]
    return [*map(_unmapped, missed.unmapped(units, mapped)), *map(_unlisted, missed.unlisted(mapped, units, complexes))]


def _units(table: pa.Table | None, kind: str) -> list[missed.CanvassUnit]:
    return [missed.CanvassUnit(kind, row["rid"], row["village_code"] or "", "", "", row["building_code"] or "",
                               row["address"] or "", residence_type=row.get("residence_type") or "")
            for row in rows(table)]


def _building(row: dict[str, Any]) -> missed.MappedBuilding:
    area = row["enumeration_area"] or ""
    return missed.MappedBuilding(row["building_code"] or "", area, row["address"] or "", row["village_code"] or area[:12],
                                 rid=row["rid"], file=row["file"] or "", row=row["row"])


def _unmapped(unit: missed.CanvassUnit) -> Finding:
    return Finding("mapping.unmapped_dwelling", unit.village_code, "标绘系统中没有此建筑物：在标绘系统补绘",
                   unit.table, unit.key, "mapping", method="building_code", name=unit.address,
                   evidence={"building_code": unit.building_code})


def _unlisted(building: missed.MappedBuilding) -> Finding:
    return Finding("mapping.unlisted_building", building.village_code or None,
                   "标绘有此建筑物而摸排表没有户、空宅或小区记录：实地核查是否漏户",
                   source="mapping", source_rid=building.rid, source_file=building.file, source_row=building.row,
                   name=building.building_code, method="building_code",
                   evidence={"address": building.address, "enumeration_area": building.enumeration_area})
