"""Population summaries at every level (分小组 / 分村(居) / 乡镇 / 全县), from the store.

The database groups the persons (one GROUP BY, portable SQL built by the ORM);
``renpu.core.levels`` applies the census rules once per group of identical
codes and sums the levels.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.db.models import BooleanField, Case, Count, IntegerField, Q, Value, When

from renpu.core import levels, summaries
from renpu.core.geography import COUNTY_CODE, COUNTY_NAME

from .models import (
    AbsentMember,
    Household,
    Person,
    Township,
    VacantDwelling,
    Village,
)


def _band_expression(age_at: dt.date) -> Case:
    cutoffs = levels.band_cutoffs(age_at)
    # Oldest band first: born on or before cutoff[i] ⇒ at least 5·i years old.
    whens = [When(birth_date__lte=cutoffs[i], then=Value(i)) for i in range(levels.BANDS - 1, 0, -1)]
    whens.append(When(birth_date__isnull=False, then=Value(0)))
    return Case(*whens, default=None, output_field=IntegerField())


def cells(
    since: dt.date = summaries.DEFAULT_SINCE,
    age_at: dt.date = levels.STANDARD_TIME_POINT,
    village_codes: list[str] | None = None,
) -> Iterator[levels.Cell]:
    query = Person.objects.all()
    if village_codes is not None:
        query = query.filter(village_id__in=village_codes)
    grouped = (
        query.annotate(
            band=_band_expression(age_at),
            born=Case(When(birth_date__gte=since, then=Value(True)), default=Value(False), output_field=BooleanField()),
            died=Case(When(Q(status="3") & Q(status_date__gte=since), then=Value(True)), default=Value(False),
                      output_field=BooleanField()),
        )
        .values("village_id", "group", "status", "registration_place", "time_away", "sex", "band", "born", "died")
        .annotate(n=Count("id"))
        .order_by()
    )
    for row in grouped.iterator(chunk_size=20_000):
        yield levels.Cell(
            row["village_id"], row["group"], row["status"] or None, row["registration_place"] or None,
            row["time_away"] or None, row["sex"] or None, row["band"], bool(row["born"]), bool(row["died"]), row["n"],
        )


def group_tallies(
    since: dt.date = summaries.DEFAULT_SINCE,
    age_at: dt.date = levels.STANDARD_TIME_POINT,
    village_codes: list[str] | None = None,
) -> dict[levels.GroupKey, levels.Tally]:
    def scoped(model: Any) -> Any:
        query = model.objects.all()
        return query if village_codes is None else query.filter(village_id__in=village_codes)

    households = (
        (r["village_id"], r["group"], r["kind"], r["n"])
        for r in scoped(Household).values("village_id", "group", "kind").annotate(n=Count("id")).order_by()
    )
    vacant = (
        (r["village_id"], r["group"], r["n"])
        for r in scoped(VacantDwelling).values("village_id", "group").annotate(n=Count("id")).order_by()
    )
    absent = scoped(AbsentMember).order_by("id").values_list("village_id", "group", "absent_household_key")
    return levels.by_group(cells(since, age_at, village_codes), households, vacant, absent.iterator(chunk_size=20_000))


@dataclass
class AreaRow:
    level: str  # county / township / village / group
    code: str
    township_name: str
    village_name: str
    group: str
    tally: levels.Tally

    @property
    def name(self) -> str:
        if self.level == "county":
            return COUNTY_NAME
        if self.level == "township":
            return self.township_name
        if self.level == "village":
            return self.village_name
        return f"{self.village_name}{self.group}组"


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


def level_summary(
    since: dt.date = summaries.DEFAULT_SINCE,
    age_at: dt.date = levels.STANDARD_TIME_POINT,
    village_codes: list[str] | None = None,
) -> LevelSummary:
    """Every level's rows in code order (groups in number order) — for the exports and the web."""
    result = levels.levels(group_tallies(since, age_at, village_codes))
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
    county = AreaRow("county", COUNTY_CODE, "", "", "", result.county)
    return LevelSummary(since, age_at, groups, villages, townships, county)


def _group_order(group: str) -> tuple[int, str]:
    return (int(group), "") if group.isdigit() else (10_000, group)
