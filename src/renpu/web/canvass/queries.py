"""Reading the store for the core: summaries and exports, straight from SQL.

Summaries read a million persons, so they fetch plain tuples (no model
instances) and hand them to ``renpu.core.summaries``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import connection, models

from renpu.core import summaries
from renpu.core.residence import PersonFacts
from renpu.core.summaries import Counts, PlacedPerson, PlacedRow
from renpu.core.tables import TABLES_BY_NAME

from .models import MODEL_FOR_TABLE, AbsentMember, Household, Person, VacantDwelling, Village


def _rows(sql: str, villages: list[str] | None = None, params: Sequence[Any] = (),
          tail: str = "") -> Iterator[tuple[Any, ...]]:
    """Rows of ``sql`` (a SELECT … FROM table), restricted to ``villages`` when given, then ``tail``."""
    params = list(params)
    if villages is not None:
        sql += f" WHERE village_id IN ({', '.join(['%s'] * len(villages))})" if villages else " WHERE 1 = 0"
        params += villages
    sql += tail
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        while batch := cursor.fetchmany(50_000):
            yield from batch


def _persons(villages: list[str] | None, since: dt.date) -> Iterator[PlacedPerson]:
    """Persons grouped by the facts the rules read: a few thousand rows instead of a million.

    The rules stay in ``core.residence``; SQL only counts alike persons.  Birth and
    death dates matter only as "since the date or not", so each group carries
    ``since`` (or nothing) as its representative date.
    """
    table = Person._meta.db_table
    since_param = connection.ops.adapt_datefield_value(since)
    sql = (
        'SELECT village_id, "group", status, registration_place, time_away, sex, '
        "CASE WHEN birth_date >= %s THEN 1 ELSE 0 END AS born, "
        "CASE WHEN status_date >= %s THEN 1 ELSE 0 END AS changed, COUNT(*) "
        f"FROM {table}"
    )
    grouped = ' GROUP BY village_id, "group", status, registration_place, time_away, sex, born, changed'
    for village, group, status, place, away, sex, born, changed, count in _rows(
        sql, villages, [since_param, since_param], grouped
    ):
        facts = PersonFacts(status or None, place or None, away or None, sex or None,
                            since if born else None, since if changed else None)
        yield PlacedPerson(village, group, facts, count)


def _placed(model: type[models.Model], villages: list[str] | None, extra: str = "") -> Iterator[PlacedRow]:
    columns = 'village_id, "group"' + (f", {extra}" if extra else "")
    for row in _rows(f"SELECT {columns} FROM {model._meta.db_table}", villages):
        if model is Household:
            yield PlacedRow(row[0], row[1], kind=row[2])
        elif model is AbsentMember:
            yield PlacedRow(row[0], row[1], absent_household_key=row[2])
        else:
            yield PlacedRow(row[0], row[1])


def group_counts(since: dt.date = summaries.DEFAULT_SINCE, villages: list[str] | None = None) -> dict[tuple[str, str], Counts]:
    """Counts per (village, group); ``villages`` limits them to a user's area."""
    return summaries.by_group(
        _persons(villages, since),
        _placed(Household, villages, "kind"),
        _placed(VacantDwelling, villages),
        _placed(AbsentMember, villages, "absent_household_key"),
        since,
    )


@dataclass(frozen=True)
class SummaryTables:
    groups: list[dict[str, Any]]
    villages: list[dict[str, Any]]
    county: Counts


def summary_tables(since: dt.date = summaries.DEFAULT_SINCE, villages: list[str] | None = None) -> SummaryTables:
    """Rows of tables 8 and 9, with township and village names, in code order (``villages``: an area)."""
    groups = group_counts(since, villages)
    names = {v.code: (v.township.name, v.name) for v in Village.objects.select_related("township")}
    group_rows = [
        _summary_row(names, village, counts, group=group)
        for (village, group), counts in sorted(groups.items(), key=lambda item: (item[0][0], _group_order(item[0][1])))
    ]
    village_rows = [
        _summary_row(names, village, counts)
        for village, counts in sorted(summaries.roll_up(groups).items())
    ]
    return SummaryTables(group_rows, village_rows, summaries.county_total(groups))


def _group_order(group: str) -> tuple[int, str]:
    return (int(group), "") if group.isdigit() else (10_000, group)


def _summary_row(names: dict[str, tuple[str, str]], village: str, counts: Counts, group: str | None = None) -> dict[str, Any]:
    township_name, village_name = names.get(village, ("", ""))
    row: dict[str, Any] = {"township_name": township_name, "village_code": village, "village_name": village_name}
    if group is not None:
        row["group"] = group
    row.update(counts.as_dict())
    return row


def table_records(table_name: str) -> Iterator[dict[str, Any]]:
    """Every stored record of one typed table, as field → value, in key order."""
    table = TABLES_BY_NAME[table_name]
    model = MODEL_FOR_TABLE[table_name]
    query = model._default_manager.all()
    if model is Person:
        query = query.filter(**{"collective": table_name == "collective_person"})
    village_names = dict(Village.objects.values_list("code", "name"))
    model_fields = {f.name for f in model._meta.concrete_fields}
    wanted = [f for f in table.fields if f in model_fields] + ["village_id"]
    for values in query.order_by(table.key or "pk").values(*wanted).iterator(chunk_size=5_000):
        values["village_code"] = values.pop("village_id")
        values["village_name"] = village_names.get(values["village_code"], "")
        yield values
