"""Load parsed canvass records into the store: fast, all-or-nothing, with history.

The ORM's ``bulk_create`` costs ~150 CPU-s per million rows here
(shared/reference/performance-baselines.md), so new rows go in through the
database's own bulk path (``executemany`` in one transaction); the ORM serves
the web app.  Existing records (same key) are compared field by field: unchanged
ones are left alone, changed ones are updated and every changed field is logged
in ``Change`` (by ``history``, the one writer of history).  Records missing
from a re-imported file are reported, never deleted: a file that lost rows
must not silently delete people.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import connection
from django.db.models import CharField, DateField, Field, TextField
from django.utils import timezone

from renpu.core.tables import TABLES_BY_NAME

from . import history
from .history import text as value_text
from .models import BOOKKEEPING_FIELDS, MODEL_FOR_TABLE, SEARCH_FIELDS, ImportBatch, Person, derived

_CHUNK = 500


@dataclass
class TableOutcome:
    added: int = 0
    changed: int = 0
    unchanged: int = 0
    changed_fields: int = 0


@dataclass
class LoadOutcome:
    tables: dict[str, TableOutcome] = field(default_factory=dict)

    def total(self, attribute: str) -> int:
        return sum(getattr(outcome, attribute) for outcome in self.tables.values())


def load_records(
    records_by_table: Mapping[str, Sequence[Mapping[str, Any]]],
    batch: ImportBatch,
    changed_by_name: str = "",
) -> LoadOutcome:
    """Upsert every table's records; the caller wraps this in one transaction."""
    outcome = LoadOutcome()
    for table_name, records in records_by_table.items():
        if records:
            loader = _TableLoader(table_name, batch, changed_by_name)
            outcome.tables[table_name] = loader.load(records)
    batch.rows_added = outcome.total("added")
    batch.rows_changed = outcome.total("changed")
    batch.rows_unchanged = outcome.total("unchanged")
    batch.save()
    return outcome


# Where a model field's value is found in a parsed record, when not under its own name.
_RECORD_KEY = {"village": "village_code", "source_sheet": "_sheet", "source_row": "_row"}


class _TableLoader:
    """Loads one table's records: rows are built as plain lists (a million of them), not dicts."""

    def __init__(self, table_name: str, batch: ImportBatch, changed_by_name: str) -> None:
        self.table = TABLES_BY_NAME[table_name]
        self.model = MODEL_FOR_TABLE[table_name]
        self.batch = batch
        self.changed_by_name = changed_by_name
        self.key_field = self.table.key or ""
        now = connection.ops.adapt_datetimefield_value(timezone.now())
        constants = {"batch": batch.pk, "updated_at": now, "collective": table_name == "collective_person"}
        concrete = [f for f in self.model._meta.concrete_fields if f.name != "id"]
        # Fields read from the record first, then the fields every row of this load shares.
        self.fields: list[Field[Any, Any]] = [f for f in concrete if f.name not in constants]
        self.constant_fields = [f for f in concrete if f.name in constants]
        self.constant_values = [constants[f.name] for f in self.constant_fields]
        self.names = [f.name for f in self.fields]
        self.record_keys = [_RECORD_KEY.get(name, name) for name in self.names]
        self.key_index = self.names.index(self.key_field)
        self.date_indexes = [i for i, f in enumerate(self.fields) if isinstance(f, DateField)]
        self.derived_indexes = [(self.names.index(name), name) for name in SEARCH_FIELDS if name in self.names]
        self.compared = [(i, f) for i, f in enumerate(self.fields) if f.name not in BOOKKEEPING_FIELDS]
        # Text columns that may not be NULL: an empty cell is stored as '' (only text:
        # PostgreSQL refuses '' for a date or a number, where SQLite takes anything).
        self.text_columns = {f.name for f in concrete if not f.null and isinstance(f, CharField | TextField)}

    def _column(self, field_name: str) -> str:
        model_field = self.model._meta.get_field(field_name)
        assert isinstance(model_field, Field)
        return model_field.column

    def load(self, records: Sequence[Mapping[str, Any]]) -> TableOutcome:
        outcome = TableOutcome()
        for start in range(0, len(records), 20_000):
            self._load_chunk(records[start : start + 20_000], outcome)
        if outcome.added:
            self._log_creation(outcome.added)
        return outcome

    def _load_chunk(self, records: Sequence[Mapping[str, Any]], outcome: TableOutcome) -> None:
        rows = [self._row(record) for record in records]
        existing = self._existing([row[self.key_index] for row in rows])
        new_rows = [row for row in rows if row[self.key_index] not in existing]
        self._insert(new_rows)
        outcome.added += len(new_rows)
        for row in rows:
            old = existing.get(row[self.key_index])
            if old is None:
                continue
            differences = self._differences(old, row)
            if differences:
                self._update(row, differences)
                outcome.changed += 1
                outcome.changed_fields += len(differences)
            else:
                outcome.unchanged += 1

    def _row(self, record: Mapping[str, Any]) -> list[Any]:
        row = list(map(record.get, self.record_keys))
        if self.derived_indexes:
            values = derived(record.get("name"), record.get("id_number"))
            for index, name in self.derived_indexes:
                row[index] = values[name]
        adapt = connection.ops.adapt_datefield_value
        for index in self.date_indexes:
            row[index] = adapt(row[index])
        return row

    def _existing(self, keys: list[str]) -> dict[str, dict[str, str]]:
        columns = [_quoted(f.column) for _, f in self.compared]
        key_column = _quoted(self._column(self.key_field))
        found: dict[str, dict[str, str]] = {}
        with connection.cursor() as cursor:
            for start in range(0, len(keys), _CHUNK):
                chunk = keys[start : start + _CHUNK]
                cursor.execute(
                    f"SELECT {', '.join(columns)} FROM {self.model._meta.db_table} "
                    f"WHERE {key_column} IN ({', '.join(['%s'] * len(chunk))})",
                    chunk,
                )
                for values in cursor.fetchall():
                    record = {f.name: value_text(v) for (_, f), v in zip(self.compared, values, strict=True)}
                    found[record[self.key_field]] = record
        return found

    def _insert(self, rows: list[list[Any]]) -> None:
        if not rows:
            return
        fields = [*self.fields, *self.constant_fields]
        # An empty cell of a text column is stored as '' (the database does it: no per-cell Python).
        placeholders = ["coalesce(%s, '')" if f.name in self.text_columns else "%s" for f in fields]
        sql = (
            f"INSERT INTO {self.model._meta.db_table} ({', '.join(_quoted(f.column) for f in fields)}) "
            f"VALUES ({', '.join(placeholders)})"
        )
        constants = self.constant_values
        with connection.cursor() as cursor:
            cursor.executemany(sql, [row + constants for row in rows])

    def _differences(self, old: Mapping[str, str], row: list[Any]) -> list[tuple[str, str, str]]:
        return [
            (f.name, old[f.name], value_text(row[i]))
            for i, f in self.compared
            if old[f.name] != value_text(row[i])
        ]

    def _update(self, row: list[Any], differences: list[tuple[str, str, str]]) -> None:
        key = row[self.key_index]
        values = dict(zip(self.names, row, strict=True))
        values.update(zip((f.name for f in self.constant_fields), self.constant_values, strict=True))
        changed = [name for name, _, _ in differences] + ["batch", "source_sheet", "source_row", "updated_at"]
        params = [("" if values[name] is None and name in self.text_columns else values[name]) for name in changed]
        columns = [_quoted(self._column(name)) for name in changed]
        key_column = _quoted(self._column(self.key_field))
        with connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {self.model._meta.db_table} SET "
                f"{', '.join(c + ' = %s' for c in columns)} WHERE {key_column} = %s",
                [*params, key],
            )
        history.log_imported_changes(self.table.name, key, values["village"], differences, self.changed_by_name,
                                     self.batch)

    def _log_creation(self, count: int) -> None:
        history.log_imported_records(self.table.name, count, self.changed_by_name, self.batch)


def _quoted(column: str) -> str:
    return connection.ops.quote_name(column)  # "group" is an SQL keyword


def keys_missing_from(table_name: str, village_codes: Iterable[str], keys_in_file: set[str]) -> list[str]:
    """Keys stored for these villages that a re-imported file no longer has."""
    table = TABLES_BY_NAME[table_name]
    model = MODEL_FOR_TABLE[table_name]
    query = model._default_manager.filter(village_id__in=list(village_codes))
    if model is Person:
        query = query.filter(**{"collective": table_name == "collective_person"})
    stored = set(query.values_list(table.key or "", flat=True))
    return sorted(stored - keys_in_file)
