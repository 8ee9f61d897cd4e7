"""公安户籍: the household register against the canvass (registered residents)."""

from __future__ import annotations

import json

import pyarrow as pa

from .. import linkage
from ..residence import listed_sql
from .base import ABSENT_PREFIX, POLICE_PREFIX, Context, Finding, canvass_record


def compare(context: Context) -> list[Finding]:
    if not _linked(context):
        return []
    return [*_corrections_and_mismatches(context), *_unlisted(context), *_wrong_registration(context),
            *_absent_households(context)]


def _linked(context: Context) -> bool:
    """Link the canvass (with the 空挂户表's members) to the police register, once per run; False without it."""
    police = context.source("police")
    if police is None:
        return False
    left = _canvass_with_absent_members(context)
    # the register holds the address a person is registered at: compare it with that, not where they live
    right = None
    if "registered_address" in police.records.column_names:
        context.con.register("police_records", police.records)
        keep = "* EXCLUDE (address)" if "address" in police.records.column_names else "*"
        right = context.con.sql(f"SELECT {keep}, registered_address AS address FROM police_records").to_arrow_table()
    links = context.link_to("police", left, right=right)
    con = context.con
    con.register("canvass_side", left)
    con.register("police", police.records)
    con.register("police_links", links.table)
    _register_canvass_households(context)
    return True


def absent_household_members(context: Context) -> pa.Table | None:
    """The police records of every household found as ``police.absent_household``, for contact leads.

    ``rid`` is the police record's id under ``POLICE_PREFIX``; None without a police register.
    """
    if not _linked(context):
        return None
    return context.con.sql(
        f"""SELECT '{POLICE_PREFIX}' || rid AS rid, id_number, name, name_py, sex, birth_date, village_code
            FROM police WHERE household_number IN ({_HOUSEHOLDS_NOBODY_FOUND})"""
    ).to_arrow_table()


def _register_canvass_households(context: Context) -> None:
    con = context.con
    empty = pa.table({"address": pa.array([], pa.string()), "police_household_number": pa.array([], pa.string())})
    con.register("household_rows", context.households if context.households is not None else empty)
    con.register("absent_rows", context.absent_members if context.absent_members is not None else empty)
    con.execute("""CREATE OR REPLACE TEMP TABLE canvass_police_numbers AS
        SELECT police_household_number AS number FROM household_rows WHERE police_household_number IS NOT NULL
        UNION SELECT police_household_number FROM absent_rows WHERE police_household_number IS NOT NULL""")
    con.execute("""CREATE OR REPLACE TEMP TABLE addresses_without_number AS
        SELECT DISTINCT address FROM household_rows WHERE address IS NOT NULL AND police_household_number IS NULL""")


def _canvass_with_absent_members(context: Context) -> pa.Table:
    """Persons listed in the canvass plus the registered members of 空挂户 (they are registered here too)."""
    con = context.con
    con.register("persons", context.persons)
    columns = set(context.persons.column_names)
    address = "coalesce(registration_address, address)" if "registration_address" in columns else \
        "address" if "address" in columns else "NULL"
    people = con.sql(
        "SELECT rid, id_number, name, name_py, sex, birth_date, village_code, registration_place, status, "
        f"'person' AS canvass_table, {address} AS address FROM persons WHERE {listed_sql()}"
    )
    if context.absent_members is None or context.absent_members.num_rows == 0:
        return people.to_arrow_table()
    con.register("absent_members", context.absent_members)
    address = "registered_address" if "registered_address" in context.absent_members.column_names else "NULL"
    return con.sql(
        f"""{people.sql_query()} UNION ALL
        SELECT '{ABSENT_PREFIX}' || rid, id_number, name, name_py, sex, birth_date, village_code, '1', '2',
               'absent_household', {address} FROM absent_members"""
    ).to_arrow_table()


def _finding(code: str, action: str, row: dict, method: str = "", score: float | None = None,
             evidence: dict | None = None, canvass: bool = True, source: bool = True) -> Finding:
    table, key = canvass_record(row.get("left_rid") or "") if canvass else ("", "")
    return Finding(
        code, row.get("village_code"), action, canvass_table=table, canvass_key=key,
        source="police", source_rid=row.get("right_rid") or "" if source else "",
        source_file=row.get("file") or "" if source else "", source_row=row.get("row") if source else None,
        id_number=row.get("id_number") or "", name=row.get("name") or "", method=method, score=score,
        evidence=evidence or {},
    )


def _corrections_and_mismatches(context: Context) -> list[Finding]:
    found = context.con.sql(
        """SELECT l.left_rid, l.right_rid, l.method, l.score, l.evidence, c.village_code,
                  c.id_number AS canvass_id, p.id_number AS police_id, c.name AS canvass_name, p.name AS police_name,
                  c.sex AS canvass_sex, p.sex AS police_sex, c.birth_date AS canvass_born, p.birth_date AS police_born,
                  p.file, p.row
           FROM police_links l JOIN canvass_side c ON c.rid = l.left_rid JOIN police p ON p.rid = l.right_rid
           WHERE l.status = 'accepted'"""
    ).to_arrow_table().to_pylist()
    findings = []
    for row in found:
        evidence = json.loads(row["evidence"] or "{}")
        if row["canvass_id"] and row["police_id"] and row["canvass_id"] != row["police_id"]:
            row.update(id_number=row["police_id"], name=row["canvass_name"])
            evidence.update(canvass_id=row["canvass_id"], police_id=row["police_id"])
            findings.append(_finding("police.id_correction", f"将公民身份号码更正为 {row['police_id']}（核对户口簿）",
                                     row, row["method"], row["score"], evidence))
        values = {"name": (row["canvass_name"], row["police_name"]), "sex": (row["canvass_sex"], row["police_sex"]),
                  "birth_date": (row["canvass_born"], row["police_born"])}
        differ = [f for f, (ours, theirs) in values.items() if ours and theirs and ours != theirs]
        if differ:
            row.update(id_number=row["police_id"] or row["canvass_id"], name=row["canvass_name"])
            detail = {f: {"canvass": str(values[f][0]), "police": str(values[f][1])} for f in differ}
            findings.append(_finding("police.attribute_mismatch", "核对户口簿，更正" + "、".join(_LABELS[f] for f in differ),
                                     row, row["method"], row["score"], {**evidence, "differ": differ, "values": detail}))
    return findings


_LABELS = {"name": "姓名", "sex": "性别", "birth_date": "出生日期"}


def _unlisted(context: Context) -> list[Finding]:
    """Registered here, not in the canvass, in a household of which someone was found.

    (A police household of which nobody was found is one 空挂户 candidate, below,
    not one finding per member.)"""
    found = context.con.sql(
        f"""SELECT p.rid AS right_rid, p.village_code, p.id_number, p.name, p.file, p.row,
                  (SELECT max(score) FROM police_links l WHERE l.right_rid = p.rid) AS review_score
           FROM police p
           WHERE p.rid NOT IN (SELECT right_rid FROM police_links WHERE status = 'accepted')
             AND (p.household_number IS NULL OR p.household_number NOT IN ({_HOUSEHOLDS_NOBODY_FOUND}))"""
    ).to_arrow_table().to_pylist()
    return [
        _finding("police.unlisted_registered", "入户查找：户籍在本村但摸排表中没有此人，找到则补录，找不到列入空挂",
                 row, "no_match", row["review_score"], {"review_candidates": row["review_score"] is not None},
                 canvass=False)
        for row in found
    ]


# Nobody of the household was found, and the canvass knows no household under its
# number (a lone person registered at the address of a canvass household that has
# no police number of its own is taken as that household's missed member).
_HOUSEHOLDS_NOBODY_FOUND = """
    SELECT p.household_number FROM police p
    LEFT JOIN police_links l ON l.right_rid = p.rid AND l.status = 'accepted'
    WHERE p.household_number IS NOT NULL
      AND p.household_number NOT IN (SELECT number FROM canvass_police_numbers)
    GROUP BY p.household_number
    HAVING count(l.left_rid) = 0
       -- one person registered where a household without a police number lives: more
       -- likely a member the canvass missed than a parked (寄挂) registration
       AND (count(*) > 1 OR bool_and(p.registered_address IS NULL
                    OR p.registered_address NOT IN (SELECT address FROM addresses_without_number)))"""


def _wrong_registration(context: Context) -> list[Finding]:
    """The canvass says 户口登记地 本村, the police register does not have the person here."""
    found = context.con.sql(
        """SELECT c.rid AS left_rid, c.village_code, c.id_number, c.name,
                  p.rid AS right_rid, p.village_code AS police_village, p.file, p.row
           FROM canvass_side c
           LEFT JOIN police_links l ON l.left_rid = c.rid AND l.status = 'accepted'
           LEFT JOIN police p ON p.rid = l.right_rid
           WHERE c.canvass_table = 'person' AND c.registration_place = '1'
             -- a police record whose village could not be told (name in two townships, no
             -- township in the address) is no evidence of a wrong registration
             AND (l.right_rid IS NULL OR (p.village_code IS NOT NULL AND p.village_code <> c.village_code))"""
    ).to_arrow_table().to_pylist()
    findings = []
    for row in found:
        evidence = {"police_village": row["police_village"]} if row["right_rid"] else {"police_record": None}
        findings.append(_finding("police.wrong_registration", "核对户口簿：户口登记地不是本村的，更正户口登记地",
                                 row, "no_match" if not row["right_rid"] else linkage.EXACT, None, evidence,
                                 source=bool(row["right_rid"])))
    return findings


def _absent_households(context: Context) -> list[Finding]:
    """A police household none of whose members the canvass has (not listed, not in the 空挂户表)."""
    found = context.con.sql(
        f"""SELECT household_number, any_value(village_code) AS village_code,
                  arg_min(rid, (relationship IS DISTINCT FROM '0', row)) AS right_rid,
                  arg_min(name, (relationship IS DISTINCT FROM '0', row)) AS name,
                  arg_min(id_number, (relationship IS DISTINCT FROM '0', row)) AS id_number,
                  arg_min(file, (relationship IS DISTINCT FROM '0', row)) AS file,
                  min(row) FILTER (WHERE relationship = '0') AS head_row, min(row) AS first_row,
                  count(*) AS members
           FROM police WHERE household_number IN ({_HOUSEHOLDS_NOBODY_FOUND})
           GROUP BY household_number"""
    ).to_arrow_table().to_pylist()
    for row in found:
        row["row"] = row["head_row"] if row["head_row"] is not None else row["first_row"]
    return [
        _finding("police.absent_household", "核实是否空挂户：无人在此居住的，填入空挂户表并查找去向",
                 row, "household", None, {"household_number": row["household_number"], "members": row["members"]},
                 canvass=False)
        for row in found
    ]
