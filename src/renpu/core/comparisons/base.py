"""What a comparison reads (``Context``) and what it writes (``Finding``)."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

import duckdb
import pyarrow as pa

from .. import linkage

# Columns of the canvass person table handed to comparisons (rid = 个人编号).
PERSON_COLUMNS = (
    "rid", "household_key", "village_code", "group", "collective", "name", "name_py", "id_number",
    "id_problem", "sex", "birth_date", "relationship", "registration_place", "time_away", "status",
    "status_date", "unregistered", "phone", "registration_address", "address",
)


@dataclass
class SourceTable:
    """One department's records: rid, row, file, id_number, name, name_py, sex, birth_date, village_code, …"""

    name: str
    records: pa.Table
    as_of: str = ""

    @property
    def empty(self) -> bool:
        return self.records.num_rows == 0


@dataclass
class Context:
    """Everything a comparison may read; absent sources are simply missing."""

    persons: pa.Table
    absent_members: pa.Table | None = None  # 空挂户表 rows: rid = 空挂人员编号, absent_household_key …
    households: pa.Table | None = None
    vacant_dwellings: pa.Table | None = None
    complexes: pa.Table | None = None  # 楼盘小区表 rows: rid = 小区编号, name, address
    persons_away: pa.Table | None = None
    sources: dict[str, SourceTable] = field(default_factory=dict)
    options: linkage.LinkOptions = field(default_factory=linkage.LinkOptions)
    con: duckdb.DuckDBPyConnection = field(default_factory=duckdb.connect)
    links: dict[str, linkage.Links] = field(default_factory=dict)  # cache: source → links
    linked_left: dict[str, pa.Table] = field(default_factory=dict)  # the left side of each cached link

    def source(self, name: str) -> SourceTable | None:
        table = self.sources.get(name)
        return table if table is not None and not table.empty else None

    def link_to(self, name: str, left: pa.Table | None = None, use_mother: bool = False,
                right: pa.Table | None = None) -> linkage.Links:
        """Canvass persons (or ``left``) linked to one source (or ``right``, its records reshaped), once per run."""
        cache_key = name if left is None else f"{name}:custom:{left.num_rows}"
        if cache_key not in self.links:
            source = self.sources[name]
            options = linkage.LinkOptions(**{**self.options.__dict__, "use_mother": use_mother})
            left_table = left if left is not None else self.persons
            self.links[cache_key] = linkage.link(left_table, right if right is not None else source.records, options)
            self.linked_left[cache_key] = left_table
        return self.links[cache_key]


@dataclass
class Finding:
    """One discrepancy, with the codes of DESIGN.md ("The seven sources")."""

    code: str
    village_code: str | None
    action: str
    canvass_table: str = ""
    canvass_key: str = ""
    source: str = ""
    source_rid: str = ""  # the source record's id in the store (SourceRecord pk)
    source_file: str = ""
    source_row: int | None = None
    id_number: str = ""
    name: str = ""
    method: str = ""
    score: float | None = None
    evidence: dict[str, Any] = field(default_factory=dict)

    @property
    def fingerprint(self) -> str:
        """Same discrepancy, same fingerprint: re-runs update instead of duplicating."""
        identity = "|".join([self.code, self.canvass_table, self.canvass_key, self.source,
                             self.source_file, str(self.source_row or ""), self.id_number if not self.canvass_key else ""])
        return hashlib.sha256(identity.encode()).hexdigest()

    def evidence_json(self) -> str:
        return json.dumps(self.evidence, ensure_ascii=False, sort_keys=True)


# Registered members of 空挂户 join the canvass side of a link under this prefix.
ABSENT_PREFIX = "absent:"
# Members of a police household nobody of which the canvass has (a 空挂户 only the police know).
POLICE_PREFIX = "police:"


def canvass_record(rid: str) -> tuple[str, str]:
    """(canvass table, key as imported) of a link's canvass-side id; ("", "") for police-only people."""
    if rid.startswith(ABSENT_PREFIX):
        return "absent_household", rid.removeprefix(ABSENT_PREFIX)
    if rid.startswith(POLICE_PREFIX):
        return "", ""
    return "person", rid


def rows(table: pa.Table | None) -> list[dict[str, Any]]:
    return [] if table is None else table.to_pylist()


def by_rid(table: pa.Table | None) -> dict[str, dict[str, Any]]:
    return {row["rid"]: row for row in rows(table)}
