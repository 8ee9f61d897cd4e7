"""The store read as Arrow columns, for the comparisons (a county has a million persons).

``read(sql, columns)`` runs one SELECT and hands back an Arrow table of the
columns named, each of its kind (text, date, integer, yes/no), an empty text
as null.  It reads through ADBC (``adbc-driver-sqlite``, ``adbc-driver-postgresql``):
the database's rows go straight into Arrow columns in C, where Django's cursor
made a Python tuple per row and parsed every date cell in Python (48 s of a
1M-person ``renpu compare police``).

ADBC opens a second connection, which sees only committed rows.  Inside a
transaction (a test, or a caller's ``atomic`` block) and on SQLite's in-memory
database (the test database) the rows are read through Django's connection
instead — the same SQL, the same columns, only slower.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from itertools import islice
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pyarrow as pa
import pyarrow.compute as pc
from django.db import connection

TEXT, DATE, INT, BOOL = "text", "date", "int", "bool"
_ARROW = {TEXT: pa.string(), DATE: pa.date32(), INT: pa.int64(), BOOL: pa.bool_()}
Columns = Sequence[tuple[str, str]]  # (name, kind) in the SELECT's order


def text(*names: str) -> list[tuple[str, str]]:
    return [(name, TEXT) for name in names]


def read(sql: str, columns: Columns) -> pa.Table:
    """The rows of ``sql`` as an Arrow table of ``columns``; '' → null, ISO text → dates."""
    raw = _adbc(sql) if _second_connection_sees_all() else _through_django(sql, len(columns))
    return typed(raw, columns, sql)


def typed(raw: pa.Table, columns: Columns, sql: str = "") -> pa.Table:
    """The raw columns of a result, named and of their kinds."""
    if raw.num_columns != len(columns):
        raise ValueError(f"{len(columns)} columns named, {raw.num_columns} selected: {sql[:80]}")
    return pa.table([_typed(raw.column(i), kind) for i, (_, kind) in enumerate(columns)],
                    names=[name for name, _ in columns])


def _second_connection_sees_all() -> bool:
    if connection.in_atomic_block:
        return False
    if connection.vendor == "sqlite":
        return not connection.is_in_memory_db()  # type: ignore[attr-defined]
    return connection.vendor == "postgresql"


def _adbc(sql: str) -> pa.Table:
    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        return sqlite_file(Path(str(settings["NAME"])), sql)
    import adbc_driver_postgresql.dbapi as postgresql

    with postgresql.connect(_postgres_uri(settings)) as con, con.cursor() as cursor:
        cursor.execute(sql)
        return cursor.fetch_arrow_table()


def sqlite_file(path: Path, sql: str) -> pa.Table:
    """The raw result of ``sql`` on an SQLite file, read only, through ADBC."""
    import adbc_driver_sqlite.dbapi as sqlite

    with sqlite.connect(path.resolve().as_uri() + "?mode=ro") as con, con.cursor() as cursor:
        # SQLite's columns have no fixed type: ADBC infers each from the first batch,
        # so let the first batch be the whole result (a column null in its first
        # thousand rows would otherwise be taken for integers and fail later)
        cursor.adbc_statement.set_options(**{"adbc.sqlite.query.batch_rows": "1000000000"})
        cursor.execute(sql)
        return cursor.fetch_arrow_table()


def _postgres_uri(settings: dict[str, Any]) -> str:
    user = quote(str(settings.get("USER") or ""), safe="")
    password = quote(str(settings.get("PASSWORD") or ""), safe="")
    credentials = f"{user}:{password}@" if password else (f"{user}@" if user else "")
    host = settings.get("HOST") or "localhost"
    port = f":{settings['PORT']}" if settings.get("PORT") else ""
    return f"postgresql://{credentials}{host}{port}/{quote(str(settings['NAME']), safe='')}"


def _through_django(sql: str, width: int) -> pa.Table:
    rows = _rows(sql)
    chunks = []
    while chunk := list(islice(rows, 100_000)):
        chunks.append(pa.table([pa.array(values) for values in zip(*chunk, strict=True)],
                               names=[str(i) for i in range(width)]))
    if not chunks:
        return pa.table([pa.array([], pa.null()) for _ in range(width)], names=[str(i) for i in range(width)])
    return pa.concat_tables(chunks, promote_options="permissive")


def _rows(sql: str) -> Iterator[tuple[Any, ...]]:
    with connection.cursor() as cursor:
        cursor.execute(sql)
        while batch := cursor.fetchmany(50_000):
            yield from batch


def _typed(column: pa.ChunkedArray, kind: str) -> pa.ChunkedArray:
    target = _ARROW[kind]
    if pa.types.is_null(column.type) or column.null_count == len(column):
        return pa.chunked_array([pa.nulls(len(column), target)])
    if pa.types.is_string(column.type) or pa.types.is_large_string(column.type):
        column = column.cast(pa.string())
        column = pc.if_else(pc.equal(column, ""), pa.scalar(None, pa.string()), column)
        if kind == DATE:  # SQLite keeps dates as ISO text
            return pc.cast(pc.utf8_slice_codeunits(column, 0, 10), pa.date32())
    return column if column.type == target else column.cast(target)


def empty(columns: Columns) -> pa.Table:
    """A table of these columns and no rows."""
    return pa.table([pa.array([], _ARROW[kind]) for _, kind in columns], names=[name for name, _ in columns])
