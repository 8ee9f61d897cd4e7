"""Record keys: keep the ones typed in the file, generate the missing ones deterministically.

A re-import of the same file must give the same keys, so a key never depends
on time or randomness:

* persons (个人编号): ``<户编号>-<NN>``, NN = the member's position (01, 02 …)
  within the household in file order, counting every member of the household
  in the file's person sheets;
* members of registered-but-absent households (空挂人员编号): ``<空挂户编号>-<NN>``,
  the same rule;
* vacant dwellings, complexes and persons away have no parent key, so their key
  is made from what identifies them, not from the row number (a row number
  changes when a row is inserted above, and two files of the same village
  would give the same row numbers to different records):
  ``KZ-<village_code>-<h>`` (空宅: building code, dwelling number, address),
  ``LP-<village_code>-<h>`` (楼盘: its name), ``WC-<village_code>-<h>``
  (外出: household key and name); ``h`` = 10 hex characters of BLAKE2b over
  those fields with spaces removed.  The same content twice in one file gets
  ``-2``, ``-3`` … in file order and a warning.

A key typed twice in one file is an error (the whole file is refused).
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Mapping
from typing import Any

from renpu.core.tables import TABLES_BY_NAME

from .issues import WARNING, IssueLog

Record = dict[str, Any]
# (sheet, field) → (column letter, header text) of the columns each sheet had.
ColumnPlaces = Mapping[tuple[str, str], tuple[str, str]]

PERSON_TABLES = ("family_person", "collective_person")

_CONTENT_KEYS: dict[str, tuple[str, tuple[str, ...]]] = {
    "vacant_dwelling": ("KZ", ("building_code", "dwelling_number", "address")),
    "complex": ("LP", ("name",)),
    "person_away": ("WC", ("household_key", "name")),
}


def assign_keys(tables: Mapping[str, list[Record]], columns: ColumnPlaces, log: IssueLog) -> None:
    """Fill missing keys and report duplicates; records are changed in place."""
    generated: set[int] = set()  # id() of the records whose key we made
    persons = [r for name in PERSON_TABLES for r in tables.get(name, ())]
    _by_parent(persons, "person_key", "household_key", generated)
    _check_unique(persons, "person_key", "个人编号", columns, log, generated)
    members = tables.get("absent_household", [])
    _by_parent(members, "member_key", "absent_household_key", generated)
    _check_unique(members, "member_key", "空挂人员编号", columns, log, generated)
    _check_unique(tables.get("household", []), "household_key", "户编号", columns, log, generated)
    for name, (prefix, fields) in _CONTENT_KEYS.items():
        records = tables.get(name, [])
        key = TABLES_BY_NAME[name].key or ""
        _by_content(records, key, prefix, fields, log)
        label = TABLES_BY_NAME[name].column(key).label
        _check_unique(records, key, label, columns, log, generated)


def _by_parent(records: list[Record], key: str, parent: str, generated: set[int]) -> None:
    position: dict[str, int] = {}
    for record in records:
        household = record.get(parent)
        if household is None:
            continue  # a required-column error has been reported already
        number = position.get(household, 0) + 1
        position[household] = number
        if record.get(key) is None:
            record[key] = f"{household}-{number:02d}"
            generated.add(id(record))


def content_hash(values: tuple[object, ...]) -> str:
    text = "|".join("".join(unicodedata.normalize("NFKC", str(v or "")).split()) for v in values)
    return hashlib.blake2b(text.encode("utf-8"), digest_size=5).hexdigest()


def _by_content(
    records: list[Record], key: str, prefix: str, fields: tuple[str, ...], log: IssueLog
) -> None:
    first_row: dict[str, Record] = {}
    for record in records:
        if record.get(key) is not None:
            continue
        base = f"{prefix}-{record.get('village_code') or ''}-{content_hash(tuple(record.get(f) for f in fields))}"
        candidate, n = base, 1
        while candidate in first_row:
            n += 1
            candidate = f"{base}-{n}"
        if n > 1:
            twin = first_row[base]
            log.add(
                f"与工作表“{twin['_sheet']}”第 {twin['_row']} 行内容相同，可能重复登记；已作为另一条记录导入，请核对",
                WARNING, record["_sheet"], record["_row"],
            )
        first_row[candidate] = record
        record[key] = candidate


def _check_unique(
    records: list[Record],
    key: str,
    label: str,
    columns: ColumnPlaces,
    log: IssueLog,
    generated: set[int],
) -> None:
    seen: dict[str, Record] = {}
    for record in records:
        value = record.get(key)
        if value is None:
            continue
        first = seen.get(value)
        if first is None:
            seen[value] = record
            continue
        letter, header = columns.get((record["_sheet"], key), ("", label))
        where = _where(first, record)
        if id(record) in generated:
            message = (
                f"自动生成的{label} '{value}' 与{where}的编号重复：请为该户所有成员填写{label}，"
                "或删去手填的编号"
            )
        else:
            message = f"{label} '{value}' 与{where}重复：同一文件中{label}不能重复，请改正"
        log.add(message, "error", record["_sheet"], record["_row"], letter, header, value)


def _where(first: Record, record: Record) -> str:
    if first["_sheet"] == record["_sheet"]:
        return f"第 {first['_row']} 行"
    return f"工作表“{first['_sheet']}”第 {first['_row']} 行"
