"""民政 (deaths): dead people still listed as living."""

from __future__ import annotations

from ..residence import listed_sql
from .base import Context, Finding


def compare(context: Context) -> list[Finding]:
    deaths = context.source("civil")
    if deaths is None:
        return []
    links = context.link_to("civil")
    con = context.con
    con.register("persons", context.persons)
    con.register("deaths", deaths.records)
    con.register("death_links", links.table)
    rows = con.sql(
        f"""SELECT p.rid, p.village_code, p.name, p.id_number, p.status, d.rid AS source_rid, d.file, d.row,
                  d.death_date, l.method, l.score, l.evidence
           FROM death_links l JOIN persons p ON p.rid = l.left_rid JOIN deaths d ON d.rid = l.right_rid
           WHERE l.status = 'accepted' AND {listed_sql('p.status')}"""
    ).to_arrow_table().to_pylist()
    return [
        Finding(
            "civil.deceased_listed", row["village_code"], f"核实死亡（民政登记 {row['death_date'] or ''}），将现状改为死亡",
            "person", row["rid"], "civil", row["source_rid"], row["file"] or "", row["row"],
            row["id_number"] or "", row["name"] or "", row["method"], row["score"],
            {"death_date": str(row["death_date"] or ""), "listed_status": row["status"] or ""},
        )
        for row in rows
    ]
