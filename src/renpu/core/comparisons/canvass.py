"""The canvass checked against itself: 重 (duplicates), invalid ID numbers, inconsistencies."""

from __future__ import annotations

import datetime as dt
from typing import Any

from .. import idnumber
from ..idnumber import PROBLEMS
from .base import Context, Finding

CENSUS_DAY = dt.date(2020, 11, 1)
LISTED = "(status IS NULL OR status IN ('1', '2'))"


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


def inconsistencies(context: Context) -> list[Finding]:
    """ID number vs birth date and sex; age vs relationship to the head."""
    _register(context)
    heads = dict(context.con.sql(
        "SELECT household_key, birth_date FROM persons WHERE relationship = '0' AND birth_date IS NOT NULL"
    ).fetchall())
    findings = []
    for rid, village, household, number, problem, name, sex, born, relationship in context.con.sql(
        "SELECT rid, village_code, household_key, id_number, id_problem, name, sex, birth_date, relationship "
        f"FROM persons WHERE {LISTED}"
    ).fetchall():
        problems = _person_problems(number, problem, sex, born, relationship, heads.get(household))
        if problems:
            findings.append(Finding(
                "canvass.inconsistent", village, "入户核实并更正矛盾的项目", "person", rid,
                id_number=number or "", name=name, method="check", evidence={"problems": problems},
            ))
    return findings


def _person_problems(number: str | None, problem: str | None, sex: str | None,
                     born: dt.date | None, relationship: str | None, head_born: dt.date | None) -> list[str]:
    problems = []
    if number and not problem and len(number) == 18:
        if born is not None and idnumber.birth_date_of(number) != born:
            problems.append(f"出生日期 {born} 与身份证号中的 {idnumber.birth_date_of(number)} 不一致")
        if sex and idnumber.sex_of(number) != sex:
            problems.append("性别与身份证号第17位不一致")
    age = _age(born)
    if age is not None and relationship == "1" and age < 16:
        problems.append(f"配偶年龄 {age} 岁，不足16岁")
    if born and head_born and relationship in ("3", "4", "5") and born > head_born:
        problems.append("父母/祖父母比户主年轻")
    if born and head_born and relationship in ("2", "7") and born < head_born:
        problems.append("子女/孙子女比户主年长")
    return problems


def _age(born: dt.date | None) -> int | None:
    if born is None:
        return None
    return CENSUS_DAY.year - born.year - ((CENSUS_DAY.month, CENSUS_DAY.day) < (born.month, born.day))


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
