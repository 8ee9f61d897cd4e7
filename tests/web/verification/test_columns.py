"""The store read as Arrow columns: ADBC on a second connection, Django's cursor inside a transaction."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pyarrow as pa
import pytest
from django.db import connection, transaction

from renpu.web.sources.models import SourceBatch, SourceRecord
from renpu.web.verification import columns
from renpu.web.verification.columns import BOOL, DATE, INT, TEXT

KINDS = [("n", INT), ("late", TEXT), ("born", DATE), ("blank", TEXT), ("flag", BOOL), ("never", DATE)]


def test_an_sqlite_file_is_read_as_typed_columns_whatever_its_first_rows_hold(tmp_path):
    path = tmp_path / "县 库.sqlite3"  # a folder name with a space and Chinese characters
    with sqlite3.connect(path) as con:
        con.execute("CREATE TABLE t (n INTEGER, late VARCHAR, born DATE, blank VARCHAR, flag BOOL, never DATE)")
        # 'late' is null in the first 3,000 rows: ADBC would take it for integers and fail at row 3,001
        con.executemany("INSERT INTO t VALUES (?, ?, ?, ?, ?, NULL)",
                        [(i, "张三" if i > 3000 else None, "1980-02-29" if i % 2 else None, "", i % 3 == 0)
                         for i in range(1, 5001)])
    table = columns.typed(columns.sqlite_file(path, "SELECT * FROM t ORDER BY n"), KINDS)
    assert table.schema.types == [pa.int64(), pa.string(), pa.date32(), pa.string(), pa.bool_(), pa.date32()]
    assert table["late"].null_count == 3000 and table["late"][3000].as_py() == "张三"
    assert table["born"][0].as_py() == dt.date(1980, 2, 29) and table["born"][1].as_py() is None
    assert table["blank"].null_count == 5000  # '' is no value, as everywhere in the comparisons
    assert table["flag"].to_pylist()[:3] == [False, False, True] and table["never"].null_count == 5000


def test_a_column_count_that_does_not_match_is_refused():
    with pytest.raises(ValueError, match="2 columns named, 1 selected"):
        columns.typed(pa.table({"a": [1]}), [("a", INT), ("b", INT)])


def _records(n: int) -> None:
    batch = SourceBatch.objects.create(source="police", file_name="公安.csv", sha256="x", stored_path="-")
    SourceRecord.objects.bulk_create(
        SourceRecord(batch=batch, source="police", row=i + 2, name="李四" if i else "", birth_date=dt.date(1990, 1, i + 1))
        for i in range(n))


SQL = f"SELECT row, name, birth_date FROM {SourceRecord._meta.db_table} ORDER BY row"
WANTED = [("row", INT), ("name", TEXT), ("birth_date", DATE)]


@pytest.mark.django_db(transaction=True)
def test_committed_rows_are_read_on_a_second_connection_where_there_can_be_one(monkeypatch):
    _records(3)
    second = connection.vendor == "postgresql" or not connection.is_in_memory_db()
    used = []
    monkeypatch.setattr(columns, "_adbc", lambda sql, real=columns._adbc: used.append(sql) or real(sql))
    table = columns.read(SQL, WANTED)
    assert bool(used) == second
    assert table.to_pylist() == [{"row": 2, "name": None, "birth_date": dt.date(1990, 1, 1)},
                                 {"row": 3, "name": "李四", "birth_date": dt.date(1990, 1, 2)},
                                 {"row": 4, "name": "李四", "birth_date": dt.date(1990, 1, 3)}]


@pytest.mark.django_db
def test_inside_a_transaction_the_rows_not_yet_committed_are_read_too(monkeypatch):
    monkeypatch.setattr(columns, "_adbc", lambda sql: pytest.fail("a second connection cannot see these rows"))
    with transaction.atomic():
        _records(2)
        table = columns.read(SQL, WANTED)
    assert table.num_rows == 2 and table.schema.types == [pa.int64(), pa.string(), pa.date32()]


@pytest.mark.django_db
def test_no_rows_still_give_the_columns_and_their_kinds():
    table = columns.read(SQL, WANTED)
    assert table.num_rows == 0 and table.column_names == ["row", "name", "birth_date"]
    assert table.schema.types == [pa.int64(), pa.string(), pa.date32()]


@pytest.mark.django_db
def test_a_run_of_one_comparison_reads_only_what_it_compares(monkeypatch):
    from renpu.web.verification import context, service

    read: list[str] = []
    real = columns.read
    monkeypatch.setattr(columns, "read", lambda sql, kinds: read.append(sql.split(" FROM ")[1].split()[0]) or real(sql, kinds))
    for source in ("police", "grid"):
        SourceBatch.objects.create(source=source, file_name=f"{source}.csv", sha256=source, stored_path="-")
    sources = []
    monkeypatch.setattr(context, "_source_table",
                        lambda name, batches, real=context._source_table: sources.append(name) or real(name, batches))
    service.run(["police"])
    assert sources == ["police"]  # not the grid's records
    assert sorted(read) == sorted(["canvass_person", "canvass_absentmember", "canvass_household",
                                   SourceRecord._meta.db_table])
