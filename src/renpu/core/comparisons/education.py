"""教育 (students and staff): boarders and dormitory staff belong in the school's collective household."""

from __future__ import annotations

from ..residence import listed_sql
from .base import Context, Finding


def compare(context: Context) -> list[Finding]:
    education = context.source("education")
    if education is None:
        return []
    links = context.link_to("education")
    con = context.con
    con.register("persons", context.persons)
    con.register("education", education.records)
    con.register("education_links", links.table)
    rows = con.sql(
        f"""SELECT e.rid AS source_rid, e.file, e.row, e.kind, e.school, e.name, e.id_number, e.boarding,
                  any_value(p.rid) FILTER (WHERE NOT p.collective) AS home_rid,
                  any_value(p.village_code) FILTER (WHERE NOT p.collective) AS home_village,
                  any_value(p.status) FILTER (WHERE NOT p.collective) AS home_status,
                  count(p.rid) FILTER (WHERE p.collective) AS at_school,
                  any_value(p.village_code) FILTER (WHERE p.collective) AS school_village,
                  any_value(l.method) AS method, max(l.score) AS score
           FROM education e
           LEFT JOIN education_links l ON l.right_rid = e.rid AND l.status = 'accepted'
           LEFT JOIN persons p ON p.rid = l.left_rid AND {listed_sql('p.status')}
           WHERE e.boarding = '1'
           GROUP BY ALL"""
    ).to_arrow_table().to_pylist()
    findings = []
    for row in rows:
        code = _code(row)
        if code:
            findings.append(_finding(code, row))
    return findings


def _code(row: dict) -> str | None:
    if row["at_school"] == 0:
        return "education.staff_unlisted" if row["kind"] == "staff" else "education.boarder_unlisted"
    if row["kind"] == "student" and row["home_rid"] and (row["home_status"] or "1") == "1":
        return "education.double_listed"
    return None


_ACTIONS = {
    "education.boarder_unlisted": "住校学生：在学校集体户中登记，家中登记为外出（学习培训）",
    "education.staff_unlisted": "住集体宿舍的教职工：在学校集体户中补录",
    "education.double_listed": "住校学生在家中登记为在住，又在学校集体户登记：家中改为外出，避免重复",
}


def _finding(code: str, row: dict) -> Finding:
    return Finding(
        code, row["home_village"] or row["school_village"], _ACTIONS[code],
        canvass_table="person" if row["home_rid"] else "", canvass_key=row["home_rid"] or "",
        source="education", source_rid=row["source_rid"], source_file=row["file"] or "", source_row=row["row"],
        id_number=row["id_number"] or "", name=row["name"] or "", method=row["method"] or "no_match",
        score=row["score"], evidence={"school": row["school"] or "", "kind": row["kind"] or "", "at_school": row["at_school"]},
    )
