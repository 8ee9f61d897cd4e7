"""What a comparison run reads: the store as Arrow tables (``build_context``).

The store is read into Arrow tables, column by column (``columns.read``: no
model instances, no Python row loops — a county has a million persons), and
only what the comparisons asked for read (``service`` says which: ``runner.needs``): ``renpu compare
police`` reads the persons, the 空挂户表, the households and the police
register, nothing else.  Pinyin keys come from the store, written with each
record (``canvass.models.derived``), never computed per run.  Running, keeping
the findings and making tasks is ``service.run``'s.
"""

from __future__ import annotations

from collections.abc import Collection

import duckdb
import pyarrow as pa

from renpu.core import linkage
from renpu.core.comparisons.base import Context, SourceTable
from renpu.core.sources import SOURCE_SPECS
from renpu.web.canvass.models import (
    AbsentMember,
    Complex,
    Household,
    Person,
    PersonAway,
    VacantDwelling,
)
from renpu.web.sources.models import SourceBatch, SourceRecord

from . import columns
from .columns import BOOL, DATE, INT, text

_PERSON_COLUMNS = [
    *text("rid", "household_key", "village_code", "group"), ("collective", BOOL),
    *text("name", "id_number", "id_problem", "sex"), ("birth_date", DATE),
    *text("relationship", "registration_place", "time_away", "status"), ("status_date", DATE),
    *text("unregistered", "phone", "registration_address", "address", "name_py"),
]


def _persons() -> pa.Table:
    """Canvass persons, each with the address of the household it is listed in."""
    db_columns = ["p.person_key", "p.household_key", "p.village_id", 'p."group"',
                  *(f"p.{c}" for c, _ in _PERSON_COLUMNS[4:-2]), "h.address", "p.name_pinyin"]
    return columns.read(
        f"SELECT {', '.join(db_columns)} FROM {Person._meta.db_table} p "
        f"LEFT JOIN {Household._meta.db_table} h ON h.household_key = p.household_key",
        _PERSON_COLUMNS,
    )


def _absent_members() -> pa.Table:
    names = ["absent_household_key", "name", "id_number", "sex", "birth_date", "lead", "police_household_number",
             "registered_address"]
    return columns.read(
        f"SELECT member_key, village_id, {', '.join(names)}, name_pinyin FROM {AbsentMember._meta.db_table}",
        [*text("rid", "village_code"), *[(n, DATE if n == "birth_date" else columns.TEXT) for n in names],
         *text("name_py")],
    )


def _simple(model: type, key: str, names: list[str]) -> pa.Table:
    table: str = model._meta.db_table  # type: ignore[attr-defined]
    return columns.read(f"SELECT {key}, village_id, {', '.join(names)} FROM {table}",
                        text("rid", "village_code", *names))


def _persons_away() -> pa.Table:
    return columns.read(f"SELECT person_key, away_place, away_address FROM {PersonAway._meta.db_table}",
                        text("person_key", "away_place", "away_address"))


def current_batches() -> dict[str, list[SourceBatch]]:
    """The latest batch of every file name of every source (older months are kept, not compared)."""
    latest: dict[tuple[str, str], SourceBatch] = {}
    for batch in SourceBatch.objects.order_by("imported_at"):
        latest[(batch.source, batch.file_name)] = batch
    grouped: dict[str, list[SourceBatch]] = {}
    for (source, _), batch in latest.items():
        grouped.setdefault(source, []).append(batch)
    return grouped


def _source_table(source: str, batches: list[SourceBatch]) -> SourceTable:
    """One source's current records; fields kept in the JSON ``data`` column are expanded by DuckDB."""
    extra = [f.field for f in SOURCE_SPECS[source].fields if f.field not in _COMMON] + (["kind"] if source == "education" else [])
    ids = ", ".join(str(b.pk) for b in batches)
    raw = columns.read(
        f"SELECT id, batch_id, row, id_number, name, sex, birth_date, village_id, CAST(data AS TEXT), name_pinyin "
        f"FROM {SourceRecord._meta.db_table} WHERE batch_id IN ({ids}) ORDER BY id",
        [("rid", INT), ("batch_id", INT), ("row", INT), *text("id_number", "name", "sex"), ("birth_date", DATE),
         *text("village_code", "data", "name_py")],
    )
    files = pa.table({"batch_id": pa.array([b.pk for b in batches], pa.int64()), "file": [b.file_name for b in batches]})
    con = duckdb.connect()
    con.register("raw", raw)
    con.register("files", files)
    expanded = ", ".join(
        f"TRY_CAST(json_extract_string(data, '$.{name}') AS DATE) AS {name}" if name.endswith("_date")
        else f"NULLIF(json_extract_string(data, '$.{name}'), '') AS {name}"
        for name in extra
    )
    table = con.sql(
        "SELECT CAST(rid AS VARCHAR) AS rid, f.file, row, id_number, name, sex, birth_date, village_code"
        + (f", {expanded}" if expanded else "")
        + ", name_py FROM raw JOIN files f USING (batch_id) ORDER BY raw.rid"
    ).to_arrow_table()
    as_of = max((b.as_of or b.imported_at.date() for b in batches), default=None)
    return SourceTable(source, table, as_of.isoformat() if as_of else "")


_COMMON = {"name", "id_number", "sex", "birth_date", "village_code", "village_name"}


EVERY_TABLE = frozenset({"persons", "absent_members", "households", "vacant_dwellings", "complexes", "persons_away"})


def build_context(options: linkage.LinkOptions | None = None, tables: Collection[str] = EVERY_TABLE,
                  sources: Collection[str] | None = None) -> Context:
    """The canvass ``tables`` and the ``sources`` (None: all) of the store as one comparison context."""
    wanted = set(tables)

    def table(name: str, read: object) -> pa.Table | None:
        return read() if name in wanted else None  # type: ignore[operator]

    persons = _persons() if "persons" in wanted else columns.empty(_PERSON_COLUMNS)
    sources = {name: _source_table(name, batches) for name, batches in current_batches().items()
               if sources is None or name in sources}
    return Context(
        persons=persons,
        absent_members=table("absent_members", _absent_members),
        households=table("households", lambda: _simple(
            Household, "household_key", ["address", "building_code", "police_household_number", "residence_type"])),
        vacant_dwellings=table("vacant_dwellings", lambda: _simple(VacantDwelling, "vacant_key", ["address", "building_code"])),
        complexes=table("complexes", lambda: _simple(Complex, "complex_key", ["name", "address"])),
        persons_away=table("persons_away", _persons_away),
        sources=sources,
        options=options or linkage.LinkOptions(),
    )
