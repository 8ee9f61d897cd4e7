"""标绘系统: dwellings on no mapped building (漏绘), mapped buildings with nobody listed."""

from __future__ import annotations

from .base import Context, Finding


def compare(context: Context) -> list[Finding]:
    mapping = context.source("mapping")
    if mapping is None:
        return []
    con = context.con
    con.register("buildings", mapping.records)
    con.register("households", context.households)
    con.register("vacants", context.vacant_dwellings)
    con.execute(
        """CREATE OR REPLACE TEMP TABLE dwellings AS
           SELECT rid, 'household' AS canvass_table, village_code, building_code, address FROM households
           UNION ALL SELECT rid, 'vacant_dwelling', village_code, building_code, address FROM vacants"""
    )
    unmapped = con.sql(
        """SELECT * FROM dwellings WHERE building_code IS NOT NULL
           AND building_code NOT IN (SELECT building_code FROM buildings WHERE building_code IS NOT NULL)"""
    ).to_arrow_table().to_pylist()
    unlisted = con.sql(
        """SELECT * FROM buildings WHERE building_code NOT IN
           (SELECT building_code FROM dwellings WHERE building_code IS NOT NULL)"""
    ).to_arrow_table().to_pylist()
    return [
        *(Finding("mapping.unmapped_dwelling", row["village_code"], "标绘系统中没有此建筑物：在标绘系统补绘",
                  row["canvass_table"], row["rid"], "mapping", method="building_code",
                  name=row["address"] or "", evidence={"building_code": row["building_code"]}) for row in unmapped),
        *(Finding("mapping.unlisted_building", (row["enumeration_area"] or "")[:12] or None,
                  "标绘有此建筑物而摸排表没有户、空宅或小区记录：实地核查是否漏户",
                  source="mapping", source_rid=row["rid"], source_file=row["file"] or "", source_row=row["row"],
                  name=row["building_code"] or "", method="building_code",
                  evidence={"address": row["address"] or "", "enumeration_area": row["enumeration_area"] or ""})
          for row in unlisted),
    ]
