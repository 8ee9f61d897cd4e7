"""Population summaries from the store: every level (分小组 / 分村(居) / 乡镇 / 全县), tables 8 and 9.

The one reader of the summaries: the database groups the persons (one GROUP BY,
portable SQL built by the ORM) into the cells of ``renpu.core.summaries``, which
applies the census rules once per group of identical codes and sums the levels.
``level_summary`` gives every level's rows (the reports); ``summary_tables``
the rows of tables 8 and 9 (the export, the CLI, the dashboard).  Both count
ages at the census standard time point and births and deaths in the census
year unless told otherwise.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.db.models import BooleanField, Case, Count, IntegerField, Q, QuerySet, Value, When

from renpu.core import census, summaries
from renpu.core.codes import PERSON_STATUS

from . import county
from .models import AbsentMember, Household, Person, Township, VacantDwelling, Village


def _band_expression(age_at: dt.date) -> Case:
    cutoffs = summaries.band_cutoffs(age_at)
    # Oldest band first: born on or before cutoff[i] ⇒ at least 5·i years old.
    whens = [When(birth_date__lte=cutoffs[i], then=Value(i)) for i in range(summaries.BANDS - 1, 0, -1)]
    whens.append(When(birth_date__isnull=False, then=Value(0)))
    return Case(*whens, default=None, output_field=IntegerField())


def _scoped(model: Any, village_codes: list[str] | None) -> QuerySet[Any]:
    query = model.objects.all()
    return query if village_codes is None else query.filter(village_id__in=village_codes)


def cells(since: dt.date, age_at: dt.date, village_codes: list[str] | None = None) -> Iterator[summaries.Cell]:
    grouped = (
        _scoped(Person, village_codes).annotate(
            band=_band_expression(age_at),
            born=Case(When(birth_date__gte=since, then=Value(True)), default=Value(False), output_field=BooleanField()),
            died=Case(When(Q(status=PERSON_STATUS.DEAD) & Q(status_date__gte=since), then=Value(True)),
                      default=Value(False), output_field=BooleanField()),
        )
        .values("village_id", "group", "status", "registration_place", "time_away", "sex", "band", "born", "died")
        .annotate(n=Count("id"))
        .order_by()
    )
    for row in grouped.iterator(chunk_size=20_000):
        yield summaries.Cell(
            row["village_id"], row["group"], row["status"] or None, row["registration_place"] or None,
            row["time_away"] or None, row["sex"] or None, row["band"], bool(row["born"]), bool(row["died"]), row["n"],
        )


def group_tallies(since: dt.date | None = None, age_at: dt.date | None = None,
                  village_codes: list[str] | None = None) -> dict[summaries.GroupKey, summaries.Tally]:
    """Every group's tally (``since``: the census year's start; ``age_at``: the census day, by default)."""
    since, age_at = since or census.year_before_census(), age_at or census.census_day()
    households = (
        (r["village_id"], r["group"], r["kind"], r["n"])
        for r in _scoped(Household, village_codes).values("village_id", "group", "kind").annotate(n=Count("id")).order_by()
    )
    vacant = (
        (r["village_id"], r["group"], r["n"])
        for r in _scoped(VacantDwelling, village_codes).values("village_id", "group").annotate(n=Count("id")).order_by()
    )
    absent = _scoped(AbsentMember, village_codes).order_by("id").values_list("village_id", "group", "absent_household_key")
    return summaries.by_group(cells(since, age_at, village_codes), households, vacant, absent.iterator(chunk_size=20_000))


@dataclass
class AreaRow:
    level: str  # county / township / village / group
    code: str
    township_name: str
    village_name: str
    group: str
    tally: summaries.Tally
    county_name: str = ""  # the county row's name (web.canvass.county)

    @property
    def name(self) -> str:
        if self.level == "county":
            return self.county_name
        if self.level == "township":
            return self.township_name
        if self.level == "village":
            return self.village_name
        return f"{self.village_name}{self.group}组"

    def table_row(self) -> dict[str, Any]:
        """Its row of table 8 (a group) or 9 (a village): names, then the counts."""
        row: dict[str, Any] = {"township_name": self.township_name, "village_code": self.code,
                               "village_name": self.village_name}
        if self.level == "group":
            row["group"] = self.group
        return row | self.tally.as_dict()


@dataclass
class LevelSummary:
    since: dt.date
    age_at: dt.date
    groups: list[AreaRow]
    villages: list[AreaRow]
    townships: list[AreaRow]
    county: AreaRow

    def rows(self, level: str) -> list[AreaRow]:
        return {"group": self.groups, "village": self.villages, "township": self.townships,
                "county": [self.county]}[level]


def level_summary(since: dt.date | None = None, age_at: dt.date | None = None,
                  village_codes: list[str] | None = None) -> LevelSummary:
    """Every level's rows in code order (groups in number order) — for the exports and the web."""
    since, age_at = since or census.year_before_census(), age_at or census.census_day()
    result = summaries.levels(group_tallies(since, age_at, village_codes))
    village_names = dict(Village.objects.values_list("code", "name"))
    township_names = dict(Township.objects.values_list("code", "name"))

    def tn(code: str) -> str:
        return township_names.get(code[:9], code[:9])

    groups = [
        AreaRow("group", village, tn(village), village_names.get(village, village), group, tally)
        for (village, group), tally in sorted(result.groups.items(), key=lambda i: (i[0][0], _group_order(i[0][1])))
    ]
    villages = [AreaRow("village", code, tn(code), village_names.get(code, code), "", tally)
                for code, tally in sorted(result.villages.items())]
    townships = [AreaRow("township", code, tn(code), "", "", tally) for code, tally in sorted(result.townships.items())]
    store_county = county.current()
    county_row = AreaRow("county", store_county.code, "", "", "", result.county, store_county.name)
    return LevelSummary(since, age_at, groups, villages, townships, county_row)


def _group_order(group: str) -> tuple[int, str]:
    return (int(group), "") if group.isdigit() else (10_000, group)


@dataclass(frozen=True)
class SummaryTables:
    groups: list[dict[str, Any]]  # table 8's rows
    villages: list[dict[str, Any]]  # table 9's rows
    county: summaries.Tally  # their total (and its pyramid: ``males``, ``females`` by band)


def summary_tables(since: dt.date | None = None, villages: list[str] | None = None) -> SummaryTables:
    """Rows of tables 8 and 9, with township and village names, in code order (``villages``: an area)."""
    levels = level_summary(since, None, villages)
    return SummaryTables([row.table_row() for row in levels.groups], [row.table_row() for row in levels.villages],
                         levels.county.tally)
