"""What a comparison run reads: the store as Arrow tables (``build_context``).

The store is read once into Arrow tables (plain SQL, no model instances: a
county has a million persons) for the core to compare in DuckDB.  Running,
keeping the findings and making tasks is ``service.run``'s.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from itertools import islice
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.compute as pc
from django.db import connection

from renpu.core import linkage, names
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


def _query(sql: str) -> Iterator[tuple[Any, ...]]:
    with connection.cursor() as cursor:
        cursor.execute(sql)
        while batch := cursor.fetchmany(50_000):
            yield from batch


def _date(value: Any) -> dt.date | None:
    if value in (None, ""):
        return None
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])


def _table(columns: list[str], rows: Iterator[tuple[Any, ...]], dates: tuple[str, ...] = (),
           with_pinyin: bool = True) -> pa.Table:
    """Database rows → an Arrow table: columns transposed in C, '' → null, ISO text → dates."""
    chunks = []
    while chunk := list(islice(rows, 100_000)):
        arrays = [_column(values, name in dates) for name, values in zip(columns, zip(*chunk, strict=True), strict=True)]
        chunks.append(pa.table(arrays, names=columns))
    if not chunks:
        empty = [pa.array([], pa.date32() if name in dates else pa.string()) for name in columns]
        chunks.append(pa.table(empty, names=columns))
    table = pa.concat_tables(chunks, promote_options="permissive")
    if with_pinyin and "name" in columns:
        table = table.append_column("name_py", pa.array(_pinyin_column(table["name"].to_pylist()), pa.string()))
    return table


def _column(values: tuple[Any, ...], is_date: bool) -> pa.Array:
    array = pa.array(values)
    if pa.types.is_null(array.type):
        return array.cast(pa.date32() if is_date else pa.string())
    if pa.types.is_string(array.type):
        array = pc.if_else(pc.equal(array, ""), pa.scalar(None, pa.string()), array)
        if is_date:  # SQLite keeps dates as ISO text
            array = pc.cast(pc.utf8_slice_codeunits(array, 0, 10), pa.date32())
    return array


def _persons() -> pa.Table:
    """Canvass persons, each with the address of the household it is listed in."""
    columns = ["rid", "household_key", "village_code", "group", "collective", "name", "id_number", "id_problem",
               "sex", "birth_date", "relationship", "registration_place", "time_away", "status", "status_date",
               "unregistered", "phone", "registration_address", "address", "name_py"]
    db_columns = ["p.person_key", "p.household_key", "p.village_id", 'p."group"',
                  *(f"p.{c}" for c in columns[4:-2]), "h.address", "p.name_pinyin"]
    return _table(columns, _query(
        f"SELECT {', '.join(db_columns)} FROM {Person._meta.db_table} p "
        f"LEFT JOIN {Household._meta.db_table} h ON h.household_key = p.household_key"
    ), ("birth_date", "status_date"), with_pinyin=False)


def _simple(model: type, key: str, columns: list[str], dates: tuple[str, ...] = ()) -> pa.Table:
    db_columns = [key, "village_id", *columns]
    return _table(["rid", "village_code", *columns], _query(f"SELECT {', '.join(db_columns)} FROM {model._meta.db_table}"), dates)  # type: ignore[attr-defined]


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
    raw = _table(
        ["rid", "batch_id", "row", "id_number", "name", "sex", "birth_date", "village_code", "data"],
        _query(f"SELECT id, batch_id, row, id_number, name, sex, birth_date, village_id, data "
               f"FROM {SourceRecord._meta.db_table} WHERE batch_id IN ({ids}) ORDER BY id"),
        ("birth_date",), with_pinyin=False,
    )
    files = pa.table({"batch_id": [b.pk for b in batches], "file": [b.file_name for b in batches]})
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
        + " FROM raw JOIN files f USING (batch_id) ORDER BY raw.rid"
    ).to_arrow_table()
    table = table.append_column("name_py", pa.array(_pinyin_column(table["name"].to_pylist()), pa.string()))
    as_of = max((b.as_of or b.imported_at.date() for b in batches), default=None)
    return SourceTable(source, table, as_of.isoformat() if as_of else "")


# name → pinyin key, seeded from the keys stored with the canvass persons.
_PINYIN: dict[str, str] = {}


def _pinyin_column(names_list: list[str | None]) -> list[str | None]:
    """Pinyin keys, computed once per distinct name (a county has far fewer names than records)."""
    for name in set(names_list) - _PINYIN.keys():
        if name:
            _PINYIN[name] = names.pinyin_key(name)
    return [_PINYIN.get(n) if n else None for n in names_list]


_COMMON = {"name", "id_number", "sex", "birth_date", "village_code", "village_name"}


def build_context(options: linkage.LinkOptions | None = None) -> Context:
    persons = _persons()
    _PINYIN.update(zip(persons["name"].to_pylist(), persons["name_py"].to_pylist(), strict=True))
    _PINYIN.pop(None, None)  # type: ignore[call-overload]
    sources = {name: _source_table(name, batches) for name, batches in current_batches().items()}
    return Context(
        persons=persons,
        absent_members=_simple(AbsentMember, "member_key", ["absent_household_key", "name", "id_number", "sex",
                                                             "birth_date", "lead", "police_household_number",
                                                             "registered_address"],
                               ("birth_date",)),
        households=_simple(Household, "household_key", ["address", "building_code", "police_household_number",
                                                        "residence_type"]),
        vacant_dwellings=_simple(VacantDwelling, "vacant_key", ["address", "building_code"]),
        complexes=_simple(Complex, "complex_key", ["name", "address"]),
        persons_away=_table(["person_key", "away_place", "away_address"], _query(
            f"SELECT person_key, away_place, away_address FROM {PersonAway._meta.db_table}")),
        sources=sources,
        options=options or linkage.LinkOptions(),
    )
