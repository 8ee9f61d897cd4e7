"""卫健 (birth records with both parents): births the canvass missed, children without registration.

A newborn often has no ID number yet: the record links through the child's
name, sex and birth date and — the strongest evidence — the mother's ID number
or name, matched against the mother listed in the child's household.
"""

from __future__ import annotations

import datetime as dt

import pyarrow as pa

from .base import Context, Finding

BIRTHS_SINCE = dt.date(2019, 1, 1)  # a margin before the census year's births


def compare(context: Context) -> list[Finding]:
    births = context.source("health")
    if births is None:
        return []
    infants = _infants_with_mothers(context)
    links = context.link_to("health", infants, use_mother=True)
    con = context.con
    con.register("births", births.records)
    con.register("birth_links", links.table)
    con.register("infants", infants)
    return [*_unlisted(context), *_unregistered(context)]


def _infants_with_mothers(context: Context) -> pa.Table:
    con = context.con
    con.register("persons", context.persons)
    return con.sql(
        f"""SELECT c.rid, c.id_number, c.name, c.name_py, c.sex, c.birth_date, c.village_code, c.unregistered,
                   c.registration_place, c.household_key,
                   arg_min(m.id_number, m.rid) AS mother_id, arg_min(m.name, m.rid) AS mother_name
            FROM persons c
            LEFT JOIN persons m ON m.household_key = c.household_key AND m.sex = '2' AND m.rid <> c.rid
                 AND date_diff('year', m.birth_date, c.birth_date) BETWEEN 15 AND 55
                 AND ((c.relationship = '2' AND m.relationship IN ('0', '1'))
                   OR (c.relationship = '7' AND m.relationship IN ('2', '6'))
                   OR c.relationship NOT IN ('2', '7'))
            WHERE c.birth_date >= DATE '{BIRTHS_SINCE}'
            GROUP BY ALL"""
    ).to_arrow_table()


def _unlisted(context: Context) -> list[Finding]:
    rows = context.con.sql(
        """SELECT b.rid AS source_rid, b.file, b.row, b.name, b.id_number, b.birth_date, b.mother_name, b.mother_id,
                  arg_min(m.rid, m.rid) AS mother_rid, arg_min(m.village_code, m.rid) AS village_code
           FROM births b
           LEFT JOIN persons m ON m.id_number = b.mother_id
           WHERE b.rid NOT IN (SELECT right_rid FROM birth_links WHERE status = 'accepted')
           GROUP BY ALL"""
    ).to_arrow_table().to_pylist()
    return [
        Finding(
            "health.unlisted_birth", row["village_code"], "入户核实新生儿，补录到母亲所在户（出生、户口待定的按实登记）",
            canvass_table="person" if row["mother_rid"] else "", canvass_key=row["mother_rid"] or "",
            source="health", source_rid=row["source_rid"], source_file=row["file"] or "", source_row=row["row"],
            id_number=row["id_number"] or "", name=row["name"] or "", method="no_match",
            evidence={"birth_date": str(row["birth_date"] or ""), "mother_name": row["mother_name"] or "",
                      "mother_id": row["mother_id"] or ""},
        )
        for row in rows
    ]


def _unregistered(context: Context) -> list[Finding]:
    rows = context.con.sql(
        """SELECT i.rid, i.village_code, i.name, i.id_number, b.rid AS source_rid, b.file, b.row, l.method, l.score
           FROM birth_links l JOIN infants i ON i.rid = l.left_rid JOIN births b ON b.rid = l.right_rid
           WHERE l.status = 'accepted' AND (i.unregistered = '1' OR i.registration_place = '5')"""
    ).to_arrow_table().to_pylist()
    return [
        Finding(
            "health.unregistered_child", row["village_code"], "告知户籍政策，协助办理出生登记（落户）",
            "person", row["rid"], "health", row["source_rid"], row["file"] or "", row["row"],
            row["id_number"] or "", row["name"] or "", row["method"], row["score"], {},
        )
        for row in rows
    ]
