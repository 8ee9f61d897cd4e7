"""The derived tables 8 and 9: population summaries by group and by village.

Computed, never typed: from the person, household, vacant-dwelling and
registered-but-absent rows, with the rules of ``core.residence``.  Totals of
the group rows add up to the village rows by construction (the village rows are
sums of its group rows).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, fields

from . import residence
from .residence import PersonFacts
from .tables import SUMMARY_COUNTS

# Births and deaths "in the last year" before the census standard time point.
DEFAULT_SINCE = dt.date(2019, 11, 1)

COUNT_FIELDS = tuple(c.field for c in SUMMARY_COUNTS)


@dataclass
class Counts:
    family_households: int = 0
    collective_households: int = 0
    persons: int = 0
    males: int = 0
    females: int = 0
    registered: int = 0
    resident: int = 0
    away: int = 0
    separated: int = 0
    vacant_dwellings: int = 0
    absent_households: int = 0
    absent_persons: int = 0
    births: int = 0
    deaths: int = 0

    def add(self, other: Counts) -> None:
        for f in fields(self):
            setattr(self, f.name, getattr(self, f.name) + getattr(other, f.name))

    def as_dict(self) -> dict[str, int]:
        return {name: getattr(self, name) for name in COUNT_FIELDS}


@dataclass(frozen=True)
class PlacedPerson:
    """A person (or ``count`` persons with the same facts) listed in a village group."""

    village_code: str
    group: str
    facts: PersonFacts
    count: int = 1


@dataclass(frozen=True)
class PlacedRow:
    """A household (kind '1' family, '2' collective), vacant dwelling or absent member."""

    village_code: str
    group: str
    kind: str = ""
    absent_household_key: str = ""


GroupKey = tuple[str, str]


def count_person(counts: Counts, p: PersonFacts, since: dt.date, n: int = 1) -> None:
    """Add ``n`` persons with these facts (the store hands over persons grouped by their facts)."""
    if residence.is_listed(p):
        counts.persons += n
        counts.males += n * (p.sex == "1")
        counts.females += n * (p.sex == "2")
    counts.registered += n * residence.is_registered_here(p)
    counts.resident += n * residence.is_resident(p)
    counts.away += n * residence.is_away(p)
    counts.separated += n * residence.is_separated(p)
    counts.births += n * residence.born_since(p, since)
    counts.deaths += n * residence.died_since(p, since)


def by_group(
    persons: Iterable[PlacedPerson],
    households: Iterable[PlacedRow] = (),
    vacant_dwellings: Iterable[PlacedRow] = (),
    absent_members: Iterable[PlacedRow] = (),
    since: dt.date = DEFAULT_SINCE,
) -> dict[GroupKey, Counts]:
    """The 分小组人口汇总表: counts per (village code, group)."""
    table: dict[GroupKey, Counts] = defaultdict(Counts)
    for person in persons:
        count_person(table[(person.village_code, person.group)], person.facts, since, person.count)
    for household in households:
        counts = table[(household.village_code, household.group)]
        counts.family_households += household.kind == "1"
        counts.collective_households += household.kind == "2"
    for vacant in vacant_dwellings:
        table[(vacant.village_code, vacant.group)].vacant_dwellings += 1
    seen_absent: set[str] = set()
    for member in absent_members:
        counts = table[(member.village_code, member.group)]
        counts.absent_persons += 1
        if member.absent_household_key not in seen_absent:
            seen_absent.add(member.absent_household_key)
            counts.absent_households += 1
    return dict(table)


def roll_up(groups: dict[GroupKey, Counts], level_of: dict[str, str] | None = None) -> dict[str, Counts]:
    """Sum group rows to villages, or to any level: ``level_of`` maps village → area."""
    totals: dict[str, Counts] = defaultdict(Counts)
    for (village_code, _group), counts in groups.items():
        area = level_of[village_code] if level_of is not None else village_code
        totals[area].add(counts)
    return dict(totals)


def county_total(groups: dict[GroupKey, Counts]) -> Counts:
    total = Counts()
    for counts in groups.values():
        total.add(counts)
    return total
