"""社保 and 医保: phone numbers and addresses for people the villages cannot find.

Who needs a lead (the seed article's chain police → pension → medical): the
registered members of every 空挂户 candidate — those in the 空挂户表 with no
lead yet, and those of the police households of which the canvass has nobody
(``police.absent_household``) — and persons away whose address is unknown
(外出地类型 不详).  Pension insurance is asked first; medical insurance only for
those pension could not help with.
"""

from __future__ import annotations

import pyarrow as pa

from . import police
from .base import ABSENT_PREFIX, Context, Finding, canvass_record


def compare(context: Context) -> list[Finding]:
    wanted = _people_without_lead(context)
    if wanted.num_rows == 0:
        return []
    found: list[Finding] = []
    helped: set[str] = set()
    for source in ("pension", "medical"):
        if context.source(source) is None:
            continue
        remaining = wanted.filter(pa.compute.invert(pa.compute.is_in(wanted["rid"], pa.array(sorted(helped), pa.string()))))
        for finding in _leads(context, source, remaining):
            helped.add(finding.evidence["rid"])
            found.append(finding)
    return found


def _people_without_lead(context: Context) -> pa.Table:
    con = context.con
    parts = []
    if context.absent_members is not None and context.absent_members.num_rows:
        con.register("absent_members", context.absent_members)
        # A lead written for the household (on the head's row) serves all its members.
        parts.append(f"""SELECT '{ABSENT_PREFIX}' || rid AS rid, id_number, name, name_py, sex, birth_date, village_code
                         FROM absent_members WHERE absent_household_key NOT IN
                         (SELECT absent_household_key FROM absent_members WHERE coalesce(lead, '') <> '')""")
    if context.persons_away is not None and context.persons_away.num_rows:
        con.register("persons_away", context.persons_away)
        con.register("persons", context.persons)
        parts.append("""SELECT p.rid, p.id_number, p.name, p.name_py, p.sex, p.birth_date, p.village_code
                        FROM persons_away a JOIN persons p ON p.rid = a.person_key
                        WHERE a.away_place = '9' OR a.away_address IS NULL OR a.away_address = ''""")
    police_only = police.absent_household_members(context)
    if police_only is not None and police_only.num_rows:
        con.register("police_only_members", police_only)
        parts.append("SELECT rid, id_number, name, name_py, sex, birth_date, village_code FROM police_only_members")
    if not parts:
        return pa.table({"rid": pa.array([], pa.string())})
    return con.sql(" UNION ".join(parts)).to_arrow_table()


def _leads(context: Context, source: str, wanted: pa.Table) -> list[Finding]:
    if wanted.num_rows == 0:
        return []
    links = context.link_to(source, wanted)
    con = context.con
    con.register("wanted", wanted)
    con.register(f"{source}_records", context.sources[source].records)
    con.register(f"{source}_links", links.table)
    rows = con.sql(
        f"""SELECT w.rid, w.village_code, w.name, w.id_number, s.rid AS source_rid, s.file, s.row, s.phone, s.address,
                   l.method, l.score
            FROM {source}_links l JOIN wanted w ON w.rid = l.left_rid JOIN {source}_records s ON s.rid = l.right_rid
            WHERE l.status = 'accepted' AND (coalesce(s.phone, '') <> '' OR coalesce(s.address, '') <> '')"""
    ).to_arrow_table().to_pylist()
    label = "养老保险" if source == "pension" else "医疗保险"
    return [
        Finding(
            f"{source}.contact_lead", row["village_code"], f"按{label}留存的电话/地址联系本人，核实去向",
            *canvass_record(row["rid"]), source=source, source_rid=row["source_rid"],
            source_file=row["file"] or "", source_row=row["row"], id_number=row["id_number"] or "",
            name=row["name"] or "", method=row["method"], score=row["score"],
            evidence={"rid": row["rid"], "phone": row["phone"] or "", "address": row["address"] or ""},
        )
        for row in rows
    ]
