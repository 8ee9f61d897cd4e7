"""网格管理: the grid's people, houses and households against the canvass.

Grid records are matched to the canvass by the dwelling's address (normalised
text) and to persons by the linkage engine.  Real addresses need more than
exact text; that is where a finer address matcher would go.
"""

from __future__ import annotations

from .base import Context, Finding


def compare(context: Context) -> list[Finding]:
    grid = context.source("grid")
    if grid is None:
        return []
    links = context.link_to("grid")
    con = context.con
    con.register("persons", context.persons)
    con.register("grid", grid.records)
    con.register("grid_links", links.table)
    con.register("households", context.households)
    con.register("vacants", context.vacant_dwellings)
    con.execute(
        """CREATE OR REPLACE TEMP TABLE grid_places AS
           SELECT g.*, h.rid AS household_rid, h.village_code AS household_village,
                  v.rid AS vacant_rid, v.village_code AS vacant_village
           FROM grid g
           LEFT JOIN (SELECT any_value(rid) AS rid, any_value(village_code) AS village_code, address
                      FROM households GROUP BY address) h ON h.address = g.address
           LEFT JOIN (SELECT any_value(rid) AS rid, any_value(village_code) AS village_code, address
                      FROM vacants GROUP BY address) v ON v.address = g.address
           WHERE g.residence_status = '常住'"""
    )
    return [*_vacant_but_occupied(context), *_unlisted_dwellings(context), *_unlisted_residents(context)]


def _first_rows(context: Context, condition: str, key: str) -> list[dict]:
    return context.con.sql(
        f"""SELECT {key} AS key, arg_min(rid, row) AS source_rid, arg_min(file, row) AS file, min(row) AS row,
                   arg_min(name, row) AS name, arg_min(id_number, row) AS id_number, count(*) AS persons,
                   any_value(address) AS address, any_value(coalesce(vacant_village, household_village)) AS village_code
            FROM grid_places WHERE {condition} GROUP BY {key}"""
    ).to_arrow_table().to_pylist()


def _vacant_but_occupied(context: Context) -> list[Finding]:
    return [
        Finding("grid.vacant_but_occupied", row["village_code"], "空宅表中的住房网格显示有人常住：入户核实，有人住的补录该户",
                "vacant_dwelling", row["key"], "grid", row["source_rid"], row["file"] or "", row["row"],
                row["id_number"] or "", row["name"] or "", "address", None,
                {"address": row["address"], "grid_persons": row["persons"]})
        for row in _first_rows(context, "vacant_rid IS NOT NULL AND household_rid IS NULL", "vacant_rid")
    ]


def _unlisted_dwellings(context: Context) -> list[Finding]:
    rows = _first_rows(context, "vacant_rid IS NULL AND household_rid IS NULL", "address")
    village_of = _village_by_grid_code(context)
    return [
        Finding("grid.unlisted_dwelling", village_of.get(row["key"]), "网格有此住房而摸排表没有：实地查看，补录户或空宅",
                "", "", "grid", row["source_rid"], row["file"] or "", row["row"], row["id_number"] or "",
                row["name"] or "", "address", None, {"address": row["address"], "grid_persons": row["persons"]})
        for row in rows
    ]


def _village_by_grid_code(context: Context) -> dict[str, str]:
    """Grid codes start with the village code in this county's grid system."""
    rows = context.con.sql("SELECT address, any_value(substr(grid_code, 1, 12)) FROM grid_places GROUP BY address").fetchall()
    return {address: code for address, code in rows if code and code.isdigit()}


def _unlisted_residents(context: Context) -> list[Finding]:
    rows = context.con.sql(
        """SELECT g.rid AS source_rid, g.file, g.row, g.name, g.id_number, g.household_rid, g.household_village, g.address
           FROM grid_places g
           WHERE g.household_rid IS NOT NULL
             AND g.rid NOT IN (SELECT right_rid FROM grid_links WHERE status = 'accepted')"""
    ).to_arrow_table().to_pylist()
    return [
        Finding("grid.unlisted_resident", row["household_village"], "网格显示此人在该户常住，摸排表没有：入户核实后补录",
                "household", row["household_rid"], "grid", row["source_rid"], row["file"] or "", row["row"],
                row["id_number"] or "", row["name"] or "", "no_match", None, {"address": row["address"]})
        for row in rows
    ]
