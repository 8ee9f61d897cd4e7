"""Change history, its one writer: one ``Change`` row per changed field.

Browser edits log each record's changes here (``log_changes``, ``log_create``,
``log_delete``); imports log theirs here too (``log_imported_changes``,
``log_imported_records``), with the same spelling of every value (``text``),
so that a household page and 核变动 list everything that happened, however
it happened.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Model, Q

from renpu.core.tables import TABLES_BY_NAME

from .models import (
    BOOKKEEPING_FIELDS,
    MODEL_FOR_TABLE,
    SEARCH_FIELDS,
    Change,
    Household,
    ImportBatch,
    Person,
    PersonAway,
)

# Not what a record says: where it came from, and the search columns derived from it.
_NOT_HISTORY = BOOKKEEPING_FIELDS | SEARCH_FIELDS


def table_of(record: Model) -> str:
    if isinstance(record, Person):
        return "collective_person" if record.collective else "family_person"
    if isinstance(record, Household):
        return "household"
    for table, model in MODEL_FOR_TABLE.items():
        if type(record) is model and model not in (Person, Household):
            return table
    raise TypeError(f"no history table for {type(record).__name__}")


def key_of(record: Model) -> str:
    key_field = TABLES_BY_NAME[table_of(record)].key or ""
    return str(getattr(record, key_field))


def text(value: Any) -> str:
    """One spelling per value, so that stored, typed and imported values compare equal."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, dt.date):  # a datetime too
        return value.isoformat()
    return str(value)


def snapshot(record: Model) -> dict[str, str]:
    """The record's compared field values, as text, before an edit."""
    return {
        f.attname: text(getattr(record, f.attname))
        for f in record._meta.concrete_fields
        if f.name not in _NOT_HISTORY
    }


def log_changes(record: Model, before: dict[str, str], user: User) -> list[Change]:
    """Write one Change per field that differs from ``before``; return them."""
    after = snapshot(record)
    changes = [
        _change(record, user, Change.UPDATE, field, before[field], new)
        for field, new in after.items()
        if before.get(field) != new
    ]
    return Change.objects.bulk_create(changes)


def log_create(record: Model, user: User, note: str = "新增") -> Change:
    change = _change(record, user, Change.CREATE, "", "", note)
    change.save()
    return change


def log_delete(record: Model, user: User, summary: str) -> Change:
    """A removed record: ``summary`` keeps what it said."""
    change = _change(record, user, Change.DELETE, "", summary, "")
    change.save()
    return change


def log_imported_changes(table: str, key: str, village_id: str | None, differences: Iterable[tuple[str, str, str]],
                         changed_by_name: str, batch: ImportBatch) -> None:
    """An imported file changed these fields (name, old, new) of an existing record."""
    Change.objects.bulk_create(
        Change(table=table, record_key=key, village_id=village_id, action=Change.UPDATE, field=name,
               old_value=old, new_value=new, changed_by_name=changed_by_name, batch=batch)
        for name, old, new in differences
        if name not in SEARCH_FIELDS  # their history is the name's or the number's
    )


def log_imported_records(table: str, count: int, changed_by_name: str, batch: ImportBatch) -> None:
    """An imported file added ``count`` records (one row per batch: the batch says which)."""
    Change.objects.create(table=table, record_key="*", action=Change.CREATE, new_value=f"{count} 条",
                          changed_by_name=changed_by_name, batch=batch)


def for_record(record: Model) -> list[Change]:
    """Every change of one record (and of the duplicates merged into it), newest first, labelled for reading."""
    own = Q(table=table_of(record), record_key=key_of(record)) | Q(record_key__in=merged_into(key_of(record)))
    changes = list(Change.objects.filter(own).order_by("-changed_at", "-pk")[:100])
    return _labelled(changes)


# A Change of this "field" joins a duplicate's history to the person it was merged into.
MERGED_FROM = "merged_from"


def log_merge(kept: Model, removed_key: str, user: User, linked: bool = True) -> Change:
    """The duplicate ``removed_key`` was merged into ``kept`` (``linked=False``: the merge was undone)."""
    old, new = ("", removed_key) if linked else (removed_key, "")
    change = _change(kept, user, Change.UPDATE, MERGED_FROM, old, new)
    change.save()
    return change


def merged_into(*keys: str) -> list[str]:
    """Keys of the duplicates merged into these records and not taken back since."""
    linked: dict[str, bool] = {}
    for old, new in Change.objects.filter(field=MERGED_FROM, record_key__in=keys).order_by("changed_at", "pk") \
            .values_list("old_value", "new_value"):
        linked[new or old] = bool(new)
    return [key for key, on in linked.items() if on]


def _change(record: Model, user: User, action: str, field: str, old: str, new: str) -> Change:
    return Change(
        table=table_of(record), record_key=key_of(record),
        village_id=getattr(record, "village_id", None), action=action,
        field=field.removesuffix("_id"), old_value=old, new_value=new,
        changed_by=user, changed_by_name=user.get_username(),
    )


def for_household(household: Household, extra_keys: Iterable[str] = ()) -> list[Change]:
    """Every change of the household, its members and their away rows, newest first."""
    person_keys = list(Person.objects.filter(household_key=household.household_key).values_list("person_key", flat=True))
    away_keys = list(PersonAway.objects.filter(household_key=household.household_key).values_list("away_key", flat=True))
    keys = [household.household_key, *person_keys, *away_keys, *extra_keys]
    keys += merged_into(*person_keys) + removed_members(household)
    return _labelled(list(Change.objects.filter(record_key__in=keys).order_by("-changed_at", "-pk")[:300]))


def labelled(changes: list[Change]) -> list[Change]:
    """Changes with the Chinese names of their table and field, and their values as the form shows them."""
    return _labelled(changes)


def removed_members(household: Household) -> list[str]:
    """Keys of the persons removed from the household (their removal's summary starts with it)."""
    return list(Change.objects.filter(
        village_id=household.village_id, action=Change.DELETE, table__in=("family_person", "collective_person"),
        old_value__contains=f"：户编号 {household.household_key}，").values_list("record_key", flat=True))


def _labelled(changes: list[Change]) -> list[Change]:
    for change in changes:
        change.table_label, change.field_label = labels_of(change.table, change.field)  # type: ignore[attr-defined]
        change.old_shown = value_label(change.table, change.field, change.old_value)  # type: ignore[attr-defined]
        change.new_shown = value_label(change.table, change.field, change.new_value)  # type: ignore[attr-defined]
    return changes


def value_label(table: str, field: str, value: str) -> str:
    """``3`` → ``死亡`` for coded fields, so the history reads like the form."""
    if table not in MODEL_FOR_TABLE or not field or not value:
        return value
    try:
        choices = dict(getattr(MODEL_FOR_TABLE[table]._meta.get_field(field), "choices", None) or ())
    except FieldDoesNotExist:
        return value
    return str(choices.get(value, value))


def labels_of(table: str, field: str) -> tuple[str, str]:
    """Chinese names of a history row's table and field, for people to read."""
    known = TABLES_BY_NAME.get(table)
    if known is None:
        return table, field
    if field == MERGED_FROM:
        return known.label, "合并重复登记"
    model = MODEL_FOR_TABLE[table]
    try:
        return known.label, str(getattr(model._meta.get_field(field), "verbose_name", field)) if field else ""
    except FieldDoesNotExist:
        return known.label, field
