"""卫健 (birth records with both parents): births the canvass missed, children without registration.

A newborn often has no ID number yet, and often not yet the name the family
uses: the record links through the child's sex, birth date and name and — the
strongest evidence — the mother the record names (her ID number, else her
name), found among the women of the child's household whatever its shape
(three generations, several women of child-bearing age, a mother listed as
儿媳 or away).  A child listed in the canvass under the record's ID number is
never an unlisted birth.  An unlisted birth belongs to the village where the
named mother is listed (found by her ID, else by her name in the record's
village).
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
    links = context.link_to("health", infants, use_mother=True, right=_with_parents(context, births.records))
    con = context.con
    con.register("births", births.records)
    con.register("birth_links", links.table)
    con.register("infants", infants)
    return [*_unlisted(context), *_unregistered(context)]


def _infants_with_mothers(context: Context) -> pa.Table:
    """Infants with every adult of their household who could be a parent, as ``|id|id|`` and ``|name|name|``.

    No relationship codes are consulted: in a three-generation household the mother
    is 儿媳 and the child 孙子女, in another she is 户主 — the birth record says who she
    is (and who the father is).  A valid ID number's birth date stands for a typed one.
    """
    con = context.con
    con.register("persons", context.persons)
    return con.sql(
        f"""WITH c AS (
                SELECT *, CASE WHEN coalesce(id_problem, '') = '' AND length(id_number) = 18
                               THEN coalesce(try_strptime(substr(id_number, 7, 8), '%Y%m%d')::DATE, birth_date)
                               ELSE birth_date END AS born
                FROM persons)
            SELECT c.rid, c.id_number, c.name, c.name_py, c.sex, c.born AS birth_date, c.village_code, c.unregistered,
                   c.registration_place, c.household_key, c.address,
                   '|' || string_agg(m.id_number, '|' ORDER BY m.rid) || '|' AS mother_id,
                   '|' || string_agg(m.name, '|' ORDER BY m.rid) || '|' AS mother_name
            FROM c
            LEFT JOIN persons m ON m.household_key = c.household_key AND m.rid <> c.rid
                 AND date_diff('year', m.birth_date, c.born) BETWEEN 14 AND 60
            WHERE c.born >= DATE '{BIRTHS_SINCE}'
            GROUP BY ALL"""
    ).to_arrow_table()


def _with_parents(context: Context, births: pa.Table) -> pa.Table:
    """Birth records with both parents the record names as ``|id|id|`` and ``|name|name|`` (for the linkage)."""
    context.con.register("birth_records", births)
    return context.con.sql(
        """SELECT * REPLACE (
               CASE WHEN coalesce(mother_id, father_id) IS NOT NULL
                    THEN '|' || concat_ws('|', mother_id, father_id) || '|' END AS mother_id,
               CASE WHEN coalesce(mother_name, father_name) IS NOT NULL
                    THEN '|' || concat_ws('|', mother_name, father_name) || '|' END AS mother_name)
           FROM birth_records"""
    ).to_arrow_table()


def _unlisted(context: Context) -> list[Finding]:
    rows = context.con.sql(
        """WITH open_births AS (
               SELECT * FROM births b
               WHERE b.rid NOT IN (SELECT right_rid FROM birth_links WHERE status = 'accepted')
                 -- the child is listed under the record's ID number, wherever and however: not unlisted
                 AND (b.id_number IS NULL OR b.id_number NOT IN (SELECT id_number FROM persons WHERE id_number IS NOT NULL))),
           mothers AS (  -- the woman the record names: her ID, else her name in the record's village
               SELECT b.rid AS birth_rid, m.rid, m.village_code, 0 AS how
               FROM open_births b JOIN persons m ON m.id_number = b.mother_id
               UNION ALL
               SELECT b.rid, m.rid, m.village_code, 1
               FROM open_births b JOIN persons m ON m.name = b.mother_name AND m.sex = '2'
                    AND m.village_code IS NOT DISTINCT FROM coalesce(b.village_code, m.village_code)
               WHERE b.mother_id IS NULL OR b.mother_id NOT IN (SELECT id_number FROM persons WHERE id_number IS NOT NULL))
           SELECT b.rid AS source_rid, b.file, b.row, b.name, b.id_number, b.birth_date, b.mother_name, b.mother_id,
                  arg_min(m.rid, (m.how, m.rid)) AS mother_rid,
                  coalesce(arg_min(m.village_code, (m.how, m.rid)), any_value(b.village_code)) AS village_code
           FROM open_births b LEFT JOIN mothers m ON m.birth_rid = b.rid
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
