"""核变动: what changed between two snapshots (or a snapshot and now), and who changed it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from django.utils import timezone

from renpu.core import changes
from renpu.web.canvass.models import Change, ImportBatch, Person, Village

from .models import Snapshot
from .monthly import load_table, read_table


@dataclass
class ChangeRow:
    change: changes.PersonChange
    village_name: str
    changed_by: str
    changed_at: dt.datetime | None
    batch_file: str


@dataclass
class ChangeReport:
    before: Snapshot
    after: Snapshot | None  # None: the store now
    rows: list[ChangeRow]

    @property
    def after_label(self) -> str:
        return str(self.after) if self.after else f"当前数据（{timezone.localtime():%Y-%m-%d %H:%M}）"

    def by_village(self) -> dict[str, dict[str, int]]:
        table: dict[str, dict[str, int]] = {}
        for row in self.rows:
            counts = table.setdefault(row.change.village_code, dict.fromkeys(changes.KINDS, 0))
            counts[row.change.kind] += 1
        return table


def changes_between(before: Snapshot, after: Snapshot | None = None,
                    village_codes: list[str] | None = None) -> ChangeReport:
    """What changed from ``before`` to ``after`` (or to now), with who changed it."""
    old = load_table(before, "person")
    new = load_table(after, "person") if after else read_table(Person)
    found = changes.person_changes(old, new, timezone.localtime(before.as_of).date())
    if village_codes is not None:
        found = [c for c in found if c.village_code in village_codes]
    start, end = before.created_at, after.created_at if after else timezone.now()
    who = _who(found, start, end)
    batches = {str(b.pk): b for b in ImportBatch.objects.filter(pk__in={int(c.batch) for c in found if c.batch.isdigit()})}
    names = dict(Village.objects.values_list("code", "name"))
    rows = []
    for change in found:
        by, at, batch_file = who.get((change.person_key, change.field), ("", None, ""))
        if not by and not at and change.batch in batches:
            batch = batches[change.batch]
            by, at, batch_file = batch.imported_by, batch.imported_at, batch.file_name
        rows.append(ChangeRow(change, names.get(change.village_code, change.village_code), by, at, batch_file))
    return ChangeReport(before, after, rows)


def _who(found: list[changes.PersonChange], start: dt.datetime, end: dt.datetime) -> dict[tuple[str, str], tuple[str, dt.datetime, str]]:
    """(person key, field) → (who, when, batch file) of the latest logged change in the period."""
    keys = sorted({c.person_key for c in found})
    result: dict[tuple[str, str], tuple[str, dt.datetime, str]] = {}
    for chunk in _chunks(keys, 500):
        query = (Change.objects.filter(table__in=("family_person", "collective_person"), record_key__in=chunk,
                                       changed_at__gt=start, changed_at__lte=end)
                 .select_related("batch", "changed_by").order_by("changed_at"))
        for c in query:
            by = c.changed_by_name or (c.changed_by.get_username() if c.changed_by else "")
            entry = (by, c.changed_at, c.batch.file_name if c.batch else "")
            result[(c.record_key, c.field)] = entry
            if c.action != Change.UPDATE:
                result[(c.record_key, "status")] = entry
    return result


def _chunks(items: list[str], size: int) -> Iterator[list[str]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]
