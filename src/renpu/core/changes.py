"""Monthly changes (核变动): what changed in the person table between two states.

A state is an Arrow table of persons (a snapshot's Parquet file, or the store
now) with at least the columns of ``PERSON_COLUMNS``.  DuckDB joins the two on
the person key and keeps the rows that differ; each is classified:

* added: 出生 (born on or after the earlier state's date), 迁入 (its status date
  is in the period: arrived), 新发现 (otherwise: a person the canvass had missed);
* removed: 重复删除 (the ID number is still listed under another key), 删除;
* both: 死亡 / 迁出 (status became 3 / 4), 外出 (在住 → 外出), 返回 (外出 → 在住),
  恢复 (dead or moved-out listed again), 文化程度变更, and 信息更正 for the
  other tracked fields (name, ID number, sex, birth date, registration place,
  household).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

import duckdb
import pyarrow as pa

PERSON_COLUMNS = ("person_key", "household_key", "village_code", "group", "name", "id_number", "sex", "birth_date",
                  "status", "status_date", "education", "registration_place", "batch")
CORRECTED_FIELDS = ("name", "id_number", "sex", "birth_date", "registration_place", "household_key")

BIRTH, MOVED_IN, FOUND = "出生", "迁入", "新发现"
DUPLICATE_REMOVED, REMOVED = "重复删除", "删除"
DEATH, MOVED_OUT, WENT_AWAY, CAME_BACK, RESTORED = "死亡", "迁出", "外出", "返回", "恢复"
EDUCATION, CORRECTED = "文化程度变更", "信息更正"
KINDS = (BIRTH, MOVED_IN, FOUND, DEATH, MOVED_OUT, DUPLICATE_REMOVED, REMOVED, WENT_AWAY, CAME_BACK, RESTORED,
         EDUCATION, CORRECTED)
ADDED_KINDS = (BIRTH, MOVED_IN, FOUND)
REMOVED_KINDS = (DEATH, MOVED_OUT, DUPLICATE_REMOVED, REMOVED)

_LIVING, _AWAY, _DEAD, _GONE = "1", "2", "3", "4"


@dataclass(frozen=True)
class PersonChange:
    kind: str
    person_key: str
    village_code: str
    group: str
    name: str
    id_number: str
    field: str = ""
    old: str = ""
    new: str = ""
    status_date: str = ""
    batch: str = ""  # the import batch that wrote the later state (for added persons)


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _status(value: str) -> str:
    return value or _LIVING  # a missing status counts as living here (core.residence)


def _normalise(table: pa.Table) -> pa.Table:
    """Every tracked column as text (snapshots and the live store may type dates differently)."""
    columns = {}
    for name in PERSON_COLUMNS:
        if name in table.column_names:
            columns[name] = pa.array([_text(v) for v in table.column(name).to_pylist()], pa.string()) \
                if not pa.types.is_string(table.column(name).type) else table.column(name)
        else:
            columns[name] = pa.nulls(table.num_rows, pa.string())
    return pa.table(columns)


def person_changes(before: pa.Table, after: pa.Table, before_date: dt.date) -> list[PersonChange]:
    """Every change between two person tables; ``before_date`` is the earlier state's date."""
    a, b = _normalise(before), _normalise(after)
    tracked = ("status", "education", *CORRECTED_FIELDS)
    differs = " OR ".join(f'coalesce(a."{c}", \'\') <> coalesce(b."{c}", \'\')' for c in tracked)
    select = ", ".join([f'a."{c}" AS "a_{c}"' for c in PERSON_COLUMNS] + [f'b."{c}" AS "b_{c}"' for c in PERSON_COLUMNS])
    con = duckdb.connect()
    try:
        con.register("a", a)
        con.register("b", b)
        rows = con.execute(
            f"SELECT {select} FROM a FULL OUTER JOIN b ON a.person_key = b.person_key "
            f"WHERE a.person_key IS NULL OR b.person_key IS NULL OR {differs} "
            "ORDER BY coalesce(b.village_code, a.village_code), coalesce(b.person_key, a.person_key)"
        ).fetchall()
        ids_after = {r[0] for r in con.execute("SELECT DISTINCT id_number FROM b WHERE coalesce(id_number, '') <> ''").fetchall()}
    finally:
        con.close()
    n = len(PERSON_COLUMNS)
    changes: list[PersonChange] = []
    since = before_date.isoformat()
    for row in rows:
        old = {c: row[i] or "" for i, c in enumerate(PERSON_COLUMNS)} if row[0] is not None else None
        new = {c: row[n + i] or "" for i, c in enumerate(PERSON_COLUMNS)} if row[n] is not None else None
        changes.extend(_classify(old, new, since, ids_after))
    return changes


def _change(kind: str, record: dict[str, str], field: str = "", old: str = "", new: str = "") -> PersonChange:
    return PersonChange(kind, record["person_key"], record["village_code"], record["group"], record["name"],
                        record["id_number"], field, old, new, record["status_date"], record["batch"])


def _classify(old: dict[str, str] | None, new: dict[str, str] | None, since: str, ids_after: set[str]) -> list[PersonChange]:
    if old is None and new is not None:
        if new["birth_date"] and new["birth_date"] >= since:
            kind = BIRTH
        elif new["status_date"] and new["status_date"] >= since and _status(new["status"]) in (_LIVING, _AWAY):
            kind = MOVED_IN
        else:
            kind = FOUND
        return [_change(kind, new, "status", "", new["status"])]
    if new is None and old is not None:
        kind = DUPLICATE_REMOVED if old["id_number"] and old["id_number"] in ids_after else REMOVED
        return [_change(kind, old, "status", old["status"], "")]
    assert old is not None and new is not None
    result = []
    before, after = _status(old["status"]), _status(new["status"])
    if before != after:
        listed_before = before in (_LIVING, _AWAY)
        if listed_before and after == _DEAD:
            kind = DEATH
        elif listed_before and after == _GONE:
            kind = MOVED_OUT
        elif before == _LIVING and after == _AWAY:
            kind = WENT_AWAY
        elif before == _AWAY and after == _LIVING:
            kind = CAME_BACK
        elif not listed_before and after in (_LIVING, _AWAY):
            kind = RESTORED
        else:
            kind = CORRECTED
        result.append(_change(kind, new, "status", before, after))
    if old["education"] != new["education"]:
        result.append(_change(EDUCATION, new, "education", old["education"], new["education"]))
    for name in CORRECTED_FIELDS:
        if old[name] != new[name]:
            result.append(_change(CORRECTED, new, name, old[name], new[name]))
    return result


def by_village(changes: list[PersonChange]) -> dict[str, Counter[str]]:
    """Counts of each kind per village: the 核变动 summary."""
    table: dict[str, Counter[str]] = {}
    for change in changes:
        table.setdefault(change.village_code, Counter())[change.kind] += 1
    return table
