"""Removing a person, and merging a person listed twice into one record.

Both go through a ``reversible.ChangeSet``: every step has its history, and a
task's resolution that merged or removed can be taken back exactly.
"""

from __future__ import annotations

from .models import Person, PersonAway
from .reversible import ChangeSet

# Why a person leaves the canvass tables (the history keeps the reason).
REMOVAL_REASONS = ["重复登记", "迁出", "查无此人", "录入错误"]
DUPLICATE = REMOVAL_REASONS[0]

# What a record says about the person (not where it sits or where it came from):
# a merge fills the kept record's empty ones from the removed record.
_NOT_FACTS = frozenset({
    "id", "person_key", "household_key", "village", "group", "collective", "batch", "source_sheet",
    "source_row", "updated_at", "name_pinyin", "name_initials", "id_reversed",
})
FACTS = tuple(f.attname for f in Person._meta.concrete_fields if f.name not in _NOT_FACTS)


def remove_person(changes: ChangeSet, person: Person, reason: str) -> None:
    """Remove ``person`` and their 外出 rows, keeping what they said in the history."""
    for away in PersonAway.objects.filter(person_key=person.person_key).order_by("pk"):
        changes.delete(away, reason)
    changes.delete(person, reason)


def merge_persons(changes: ChangeSet, kept: Person, removed: Person) -> None:
    """Keep ``kept``, filled with the facts only ``removed`` has; remove ``removed``; link their histories."""
    if kept.pk == removed.pk:
        raise ValueError("cannot merge a record into itself")
    filled = {f: getattr(removed, f) for f in FACTS if _empty(getattr(kept, f)) and not _empty(getattr(removed, f))}
    # The removed record's ID problem belongs to its own number, not to the kept one.
    if "id_number" not in filled:
        filled.pop("id_problem", None)
    if filled:
        changes.update(kept, **filled)
    for away in PersonAway.objects.filter(person_key=removed.person_key).order_by("pk"):
        changes.update(away, person_key=kept.person_key)
    changes.delete(removed, f"{DUPLICATE}，已合并入 {kept.person_key}")
    changes.link(kept, removed.person_key)


def _empty(value: object) -> bool:
    return value is None or value == ""
