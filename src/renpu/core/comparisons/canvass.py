"""The canvass checked against itself: 重 (duplicates), invalid ID numbers, inconsistencies."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from .. import checks
from ..codes import RELATIONSHIP
from ..idnumber import PROBLEMS
from .base import Context, Finding


def compare(context: Context) -> list[Finding]:
    return [*invalid_ids(context), *inconsistencies(context), *duplicates(context)]


def invalid_ids(context: Context) -> list[Finding]:
    found = context.con.sql(
        "SELECT rid, village_code, id_number, name, id_problem FROM persons "
        # dead and moved-out persons too: their records are compared with civil and police data
        "WHERE id_problem IS NOT NULL AND id_problem NOT IN ('', 'empty')"
    ).fetchall() if _register(context) else []
    return [
        Finding(
            "canvass.invalid_id", village, "核对身份证原件，更正公民身份号码", "person", rid,
            id_number=number or "", name=name, method="check",
            evidence={"problems": problem.split(","), "messages": [PROBLEMS.get(p, p) for p in problem.split(",")]},
        )
        for rid, village, number, name, problem in found
    ]


_CHECKED = ("rid", "village_code", "household_key", "id_number", "id_problem", "name", "sex", "birth_date",
            "relationship", "status", "status_date", "registration_place", "time_away", "unregistered")


def inconsistencies(context: Context) -> list[Finding]:
    """Listed persons the form would refuse to save (``core.checks``): ID number against birth
    date and sex, dates, relationship to the head against age and sex, registration against time away."""
    _register(context)
    # every person, the dead and moved-out too (their records go to civil and police), as the form checks
    # every person it saves; only the living and the away make a household's head (``checks.heads_among``)
    rows = context.con.sql(f"SELECT {', '.join(_CHECKED)} FROM persons").fetchall()
    persons = [dict(zip(_CHECKED, row, strict=True)) for row in rows]
    heads, own = _heads(persons)
    today = dt.date.today()
    findings = []
    for person in persons:
        household_heads = heads.get(person["household_key"], [])
        if person["rid"] in own:  # a head: checked against the household's other heads
            household_heads = [head for head in household_heads if head is not own[person["rid"]]]
        problems = checks.inconsistencies(person, household_heads, today)
        if problems:
            findings.append(Finding(
                "canvass.inconsistent", person["village_code"], "入户核实并更正矛盾的项目", "person", person["rid"],
                id_number=person["id_number"] or "", name=person["name"], method="check", evidence={"problems": problems},
            ))
    return findings


def _heads(persons: list[dict[str, Any]]) -> tuple[dict[str, list[checks.Member]], dict[str, checks.Member]]:
    """Each household's heads (``checks.heads_among``), and each head by person key."""
    candidates = {p["rid"]: (p["household_key"], checks.Member(p["name"], p["relationship"], p["sex"], p["birth_date"],
                                                               p["status"]))
                  for p in persons if p["relationship"] == RELATIONSHIP.HEAD}  # only a head can be one
    heads = {id(member) for member in checks.heads_among(member for _, member in candidates.values())}
    by_household: dict[str, list[checks.Member]] = defaultdict(list)
    own = {}
    for rid, (household, member) in candidates.items():
        if id(member) in heads:
            by_household[household].append(member)
            own[rid] = member
    return by_household, own


# Two equi-joins, not one OR-join: an OR condition makes a 1M × 1M nested loop.
_BY_NAME_AND_BIRTH_DATE = """
    UNION
    SELECT a.rid, b.rid FROM p a JOIN p b
      ON a.name_py = b.name_py AND a.birth_date = b.birth_date AND a.rid < b.rid
    WHERE a.sex IS NOT DISTINCT FROM b.sex AND a.household_key <> b.household_key
      AND (a.id_number IS NULL OR b.id_number IS NULL OR levenshtein(a.id_number, b.id_number) <= 2)"""


def duplicates(context: Context) -> list[Finding]:
    """The same person listed twice: by ID number, or by name, birth date and sex when an ID is missing or off by a slip."""
    _register(context)
    pairs = context.con.sql(
        # Listed as living in two places: a person living elsewhere and listed
        # at home as 外出 is the census's own rule (H2b), not a duplicate.
        f"""WITH p AS (SELECT * FROM persons WHERE status IS NULL OR status = '1'),
        candidates AS (
            SELECT a.rid AS a, b.rid AS b FROM p a JOIN p b ON a.id_number = b.id_number AND a.rid < b.rid
            {"" if context.options.exact_only else _BY_NAME_AND_BIRTH_DATE})
        SELECT a.rid, b.rid, a.village_code, b.village_code, a.name, b.name, a.id_number, b.id_number,
               a.collective, b.collective, coalesce(a.id_number = b.id_number, false) AS same_id
        FROM candidates c JOIN p a ON a.rid = c.a JOIN p b ON b.rid = c.b"""
    ).fetchall()
    findings = []
    for a, b, village_a, village_b, name_a, name_b, id_a, id_b, coll_a, coll_b, same_id in pairs:
        evidence: dict[str, Any] = {
            "records": [a, b], "villages": [village_a, village_b],
            "agree": ["id_number"] if same_id else ["name_pinyin", "birth_date", "sex"],
            "where": "家庭户与集体户" if coll_a != coll_b else ("两个村" if village_a != village_b else "同村两户"),
        }
        action = "核实此人实际居住地，只保留一处登记，另一处删除"
        for rid, village, name, number in ((a, village_a, name_a, id_a), (b, village_b, name_b, id_b)):
            findings.append(Finding(
                "canvass.duplicate_person", village, action, "person", rid, id_number=number or "", name=name,
                method="exact_id" if same_id else "name_birth_date", score=1.0 if same_id else 0.95, evidence=evidence,
            ))
    return findings


def _register(context: Context) -> bool:
    context.con.register("persons", context.persons)
    return True
