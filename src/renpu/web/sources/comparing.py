"""Run the comparisons on the store and keep their findings (idempotently).

The store is read once into Arrow tables (plain SQL, no model instances: a
county has a million persons), the core compares in DuckDB, and findings are
upserted by fingerprint so that a re-run on unchanged data changes nothing and
a resolved finding stays resolved.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pyarrow as pa
from django.db import connection, transaction
from django.utils import timezone

from renpu.core import linkage, names
from renpu.core.comparisons import runner
from renpu.core.comparisons.base import Context, Finding, SourceTable
from renpu.core.sources import SOURCE_SPECS
from renpu.web.canvass.models import (
    AbsentMember,
    Household,
    Person,
    PersonAway,
    VacantDwelling,
    Village,
)

from . import models

STALE_AFTER_DAYS = 92  # a quarter: older department data is reported as stale


def _query(sql: str) -> Iterator[tuple[Any, ...]]:
    with connection.cursor() as cursor:
        cursor.execute(sql)
        while batch := cursor.fetchmany(50_000):
            yield from batch


def _date(value: Any) -> dt.date | None:
    if value in (None, ""):
        return None
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])


def _table(columns: list[str], rows: Iterator[tuple[Any, ...]], dates: tuple[str, ...] = ()) -> pa.Table:
    data: dict[str, list[Any]] = {c: [] for c in columns}
    for row in rows:
        for column, value in zip(columns, row, strict=True):
            data[column].append(_date(value) if column in dates else (value if value != "" else None))
    if "name" in data:
        data["name_py"] = [names.pinyin_key(n) if n else None for n in data["name"]]
    return pa.table(data)


def _persons() -> pa.Table:
    """Canvass persons, each with the address of the household it is listed in."""
    columns = ["rid", "household_key", "village_code", "group", "collective", "name", "id_number", "id_problem",
               "sex", "birth_date", "relationship", "registration_place", "time_away", "status", "status_date",
               "unregistered", "phone", "address"]
    db_columns = ["p.person_key", "p.household_key", "p.village_id", 'p."group"',
                  *(f"p.{c}" for c in columns[4:-1]), "h.address"]
    return _table(columns, _query(
        f"SELECT {', '.join(db_columns)} FROM {Person._meta.db_table} p "
        f"LEFT JOIN {Household._meta.db_table} h ON h.household_key = p.household_key"
    ), ("birth_date", "status_date"))


def _simple(model: type, key: str, columns: list[str], dates: tuple[str, ...] = ()) -> pa.Table:
    db_columns = [key, "village_id", *columns]
    return _table(["rid", "village_code", *columns], _query(f"SELECT {', '.join(db_columns)} FROM {model._meta.db_table}"), dates)  # type: ignore[attr-defined]


def current_batches() -> dict[str, list[models.SourceBatch]]:
    """The latest batch of every file name of every source (older months are kept, not compared)."""
    latest: dict[tuple[str, str], models.SourceBatch] = {}
    for batch in models.SourceBatch.objects.order_by("imported_at"):
        latest[(batch.source, batch.file_name)] = batch
    grouped: dict[str, list[models.SourceBatch]] = {}
    for (source, _), batch in latest.items():
        grouped.setdefault(source, []).append(batch)
    return grouped


def _source_table(source: str, batches: list[models.SourceBatch]) -> SourceTable:
    extra = [f.field for f in SOURCE_SPECS[source].fields if f.field not in _COMMON] + (["kind"] if source == "education" else [])
    data: dict[str, list[Any]] = {c: [] for c in [*_COMMON_OUT, *extra]}
    files = {b.pk: b.file_name for b in batches}
    query = models.SourceRecord.objects.filter(batch__in=batches).values_list(
        "pk", "batch_id", "row", "id_number", "name", "sex", "birth_date", "village_id", "data")
    for pk, batch_id, row, number, name, sex, born, village, extra_data in query.iterator(chunk_size=20_000):
        for column, value in zip(_COMMON_OUT, (str(pk), files[batch_id], row, number or None, name or None,
                                               names.pinyin_key(name) if name else None, sex or None, born, village), strict=True):
            data[column].append(value)
        for column in extra:
            value = extra_data.get(column)
            data[column].append(_date(value) if column.endswith("_date") else (value if value != "" else None))
    as_of = max((b.as_of or b.imported_at.date() for b in batches), default=None)
    return SourceTable(source, pa.table(data), as_of.isoformat() if as_of else "")


_COMMON = {"name", "id_number", "sex", "birth_date", "village_code", "village_name"}
_COMMON_OUT = ["rid", "file", "row", "id_number", "name", "name_py", "sex", "birth_date", "village_code"]


def build_context(options: linkage.LinkOptions | None = None) -> Context:
    sources = {name: _source_table(name, batches) for name, batches in current_batches().items()}
    return Context(
        persons=_persons(),
        absent_members=_simple(AbsentMember, "member_key", ["absent_household_key", "name", "id_number", "sex",
                                                             "birth_date", "lead", "police_household_number"],
                               ("birth_date",)),
        households=_simple(Household, "household_key", ["address", "building_code", "police_household_number"]),
        vacant_dwellings=_simple(VacantDwelling, "vacant_key", ["address", "building_code"]),
        persons_away=_table(["person_key", "away_place", "away_address"], _query(
            f"SELECT person_key, away_place, away_address FROM {PersonAway._meta.db_table}")),
        sources=sources,
        options=options or linkage.LinkOptions(),
    )


@dataclass
class StoredRun:
    run: models.ComparisonRun
    result: runner.RunResult
    new: int = 0
    seen_again: int = 0
    notes: dict[str, str] = field(default_factory=dict)


def run_and_store(comparison_names: list[str] | None = None) -> StoredRun:
    context = build_context()
    result = runner.run(context, comparison_names)
    _note_stale_sources(context, result)
    with transaction.atomic():
        run = models.ComparisonRun.objects.create(
            sources=",".join(runner.resolve(comparison_names)),
            parameters={name: links.model for name, links in context.links.items() if links.model},
        )
        new, again = _store(result.findings, run)
        run.finished_at = timezone.now()
        run.summary = {"notes": result.notes, "seconds": result.seconds, "new": new, "seen_again": again}
        run.save()
        from renpu.web.platform.tasks import sync_tasks  # findings become their village's tasks

        sync_tasks()
    return StoredRun(run, result, new, again, result.notes)


def _note_stale_sources(context: Context, result: runner.RunResult) -> None:
    today = dt.date.today()
    for name, source in context.sources.items():
        if source.as_of and (today - dt.date.fromisoformat(source.as_of)).days > STALE_AFTER_DAYS:
            comparison = runner.SOURCE_TO_COMPARISON.get(name, name)
            if comparison in result.notes:
                result.notes[comparison] += f"；注意：{name} 数据截至 {source.as_of}，已超过 {STALE_AFTER_DAYS} 天，请取新数据"


def _store(findings: list[Finding], run: models.ComparisonRun) -> tuple[int, int]:
    fingerprints = [f.fingerprint for f in findings]
    existing = set()
    for start in range(0, len(fingerprints), 500):
        existing |= set(models.Finding.objects.filter(fingerprint__in=fingerprints[start:start + 500])
                        .values_list("fingerprint", flat=True))
    fresh = {f.fingerprint: f for f in findings if f.fingerprint not in existing}
    villages = set(Village.objects.values_list("code", flat=True))
    models.Finding.objects.bulk_create([_model(f, run, villages) for f in fresh.values()], batch_size=500)
    for start in range(0, len(fingerprints), 500):
        models.Finding.objects.filter(fingerprint__in=[fp for fp in fingerprints[start:start + 500] if fp in existing]) \
            .update(run=run, last_seen=timezone.now())
    return len(fresh), len(existing)


def _model(finding: Finding, run: models.ComparisonRun, villages: set[str]) -> models.Finding:
    return models.Finding(
        code=finding.code, village_id=finding.village_code if finding.village_code in villages else None, canvass_table=finding.canvass_table,
        canvass_key=finding.canvass_key, source=finding.source,
        source_record_id=int(finding.source_rid) if finding.source_rid.isdigit() else None,
        source_file=finding.source_file, source_row=finding.source_row, id_number=finding.id_number,
        name=finding.name, method=finding.method, score=finding.score, evidence=finding.evidence,
        action=finding.action, fingerprint=finding.fingerprint, run=run,
    )
