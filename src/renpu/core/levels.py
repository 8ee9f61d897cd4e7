"""Population summaries at every level: group, village, township, county.

Tables 8 and 9 (``core.summaries``) count per group and village; the county
office also needs township and county totals, the population by sex and age
group, inflow, and an age-sex pyramid.  Everything here is computed from
*cells*: the store groups persons by the handful of codes the census rules read
(status, registration place, time away, sex, age band, born/died since a date)
and hands over one row per distinct combination with its count.  A million
persons make a few tens of thousands of cells, and the rules of
``core.residence`` are applied once per cell, so the rules stay in one place
and a county still sums in seconds.

Every level is the sum of the level below (groups → villages → townships →
county), so totals add up across levels by construction.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from . import residence
from .residence import PersonFacts

# Ages are counted at the census standard time point unless told otherwise.
STANDARD_TIME_POINT = dt.date(2020, 11, 1)

# Five-year age bands (0–4 … 80–84, 85+): the pyramid's bars; the broad groups
# below are unions of them.
BAND_WIDTH = 5
BANDS = 18
BAND_LABELS: tuple[str, ...] = tuple(
    f"{i * BAND_WIDTH}-{i * BAND_WIDTH + BAND_WIDTH - 1}" for i in range(BANDS - 1)
) + (f"{(BANDS - 1) * BAND_WIDTH}+",)
BROAD_GROUPS: dict[str, range] = {
    "0_14": range(0, 3),
    "15_59": range(3, 12),
    "60_plus": range(12, BANDS),
    "65_plus": range(13, BANDS),
}


@dataclass(frozen=True)
class Measure:
    field: str
    label: str
    explanation: str


# The columns of every level's table, in order.  ``explanation`` is the
# indicator explanation printed with the reports (census-7th.md §1.5–1.6).
MEASURES: tuple[Measure, ...] = (
    Measure("family_households", "家庭户数", "以家庭成员关系为主、居住一处共同生活的人口户数；单身居住独自生活的也算家庭户。"),
    Measure("collective_households", "集体户数", "相互之间没有家庭成员关系、集体居住共同生活的人口户数（宿舍、养老院、工地等）。"),
    Measure("persons", "登记人数", "摸排表中现状为在住或外出的人数（死亡、迁出的人员作为历史保留，不计）。"),
    Measure("registered", "户籍人口", "户口登记在本村(居)的在册人员（户口登记地=本村(居)委会），不论现住何处。"),
    Measure("registered_males", "户籍人口·男", "户籍人口中的男性。"),
    Measure("registered_females", "户籍人口·女", "户籍人口中的女性。"),
    Measure("resident", "常住人口", "居住在本乡镇且户口在本乡镇或户口待定的人；居住在本乡镇、离开户口登记地所在乡镇半年以上的人；户口在本乡镇、外出不满半年的人。"),
    Measure("resident_males", "常住人口·男", "常住人口中的男性。"),
    Measure("resident_females", "常住人口·女", "常住人口中的女性。"),
    Measure("resident_0_14", "常住0-14岁", "常住人口中按标准时点计算年龄为0至14周岁的人数。"),
    Measure("resident_15_59", "常住15-59岁", "常住人口中15至59周岁的人数。"),
    Measure("resident_60_plus", "常住60岁及以上", "常住人口中60周岁及以上的人数。"),
    Measure("resident_65_plus", "常住65岁及以上", "常住人口中65周岁及以上的人数（含于60岁及以上之中）。"),
    Measure("age_unknown", "年龄不详", "常住人口中出生日期未填的人数（不计入各年龄组）。"),
    Measure("separated", "人户分离人数", "居住地与户口登记地所在的乡镇街道不一致且离开户口登记地半年以上的人口。"),
    Measure("away", "外出人数", "本村(居)摸排到的、现状为外出的人员。"),
    Measure("away_registered", "户籍外出人数", "户口在本村(居)、现外出的人员（空挂户人员另计）。"),
    Measure("inflow_county", "流入·本县其他乡镇", "在本村(居)居住、户口在本县其他乡镇的人员（不论离开时间长短）。"),
    Measure("inflow_outside", "流入·县外", "在本村(居)居住、户口在外县(市、区)或外省的人员。"),
    Measure("vacant_dwellings", "空宅数", "无人居住的住房单元（含一户多宅中不住人的住宅）。"),
    Measure("absent_households", "空挂户数", "户口登记在本村(居)而全户无人在此居住的户（空挂户、寄挂户）。"),
    Measure("absent_persons", "空挂人数", "空挂户中登记的人数。"),
    Measure("births", "出生人数", "出生日期在统计起始日（含）之后的人员，含已死亡的婴儿。"),
    Measure("deaths", "死亡人数", "现状为死亡、变动日期在统计起始日（含）之后的人员。"),
)
MEASURE_FIELDS: tuple[str, ...] = tuple(m.field for m in MEASURES)


def band_of(birth_date: dt.date | None, age_at: dt.date) -> int | None:
    """The five-year band of a person's age in whole years at ``age_at``."""
    if birth_date is None:
        return None
    age = age_at.year - birth_date.year - ((age_at.month, age_at.day) < (birth_date.month, birth_date.day))
    return max(0, min(age // BAND_WIDTH, BANDS - 1))


def band_cutoffs(age_at: dt.date) -> list[dt.date]:
    """Birth dates bounding the bands: band i is born in (cutoff[i+1], cutoff[i]].

    For a store that computes bands in SQL: a person born on or before
    ``cutoff[i]`` is at least ``5 * i`` years old at ``age_at``.
    """
    return [_years_before(age_at, BAND_WIDTH * i) for i in range(BANDS)]


def _years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


@dataclass(frozen=True)
class Cell:
    """Persons sharing every code the rules read, and how many they are."""

    village_code: str
    group: str
    status: str | None
    registration_place: str | None
    time_away: str | None
    sex: str | None
    band: int | None
    born_since: bool
    died_since: bool
    count: int


@dataclass
class Tally:
    """The measures of one area, and its resident population by band and sex."""

    values: dict[str, int] = field(default_factory=lambda: dict.fromkeys(MEASURE_FIELDS, 0))
    males: list[int] = field(default_factory=lambda: [0] * BANDS)
    females: list[int] = field(default_factory=lambda: [0] * BANDS)

    def add(self, other: Tally) -> None:
        for name, value in other.values.items():
            self.values[name] += value
        for i in range(BANDS):
            self.males[i] += other.males[i]
            self.females[i] += other.females[i]

    def __getitem__(self, name: str) -> int:
        return self.values[name]


GroupKey = tuple[str, str]
_INFLOW_COUNTY, _INFLOW_OUTSIDE = "3", "4"


def count_cell(tally: Tally, cell: Cell) -> None:
    """Apply the census rules of ``core.residence`` to one cell."""
    facts = PersonFacts(cell.status, cell.registration_place, cell.time_away, cell.sex)
    n = cell.count
    v = tally.values
    male, female = cell.sex == "1", cell.sex == "2"
    if residence.is_listed(facts):
        v["persons"] += n
    if residence.is_registered_here(facts):
        v["registered"] += n
        v["registered_males"] += n * male
        v["registered_females"] += n * female
    if residence.is_resident(facts):
        v["resident"] += n
        v["resident_males"] += n * male
        v["resident_females"] += n * female
        if cell.band is None:
            v["age_unknown"] += n
        else:
            for name, bands in BROAD_GROUPS.items():
                if cell.band in bands:
                    v[f"resident_{name}"] += n
            if male:
                tally.males[cell.band] += n
            elif female:
                tally.females[cell.band] += n
    if residence.is_separated(facts):
        v["separated"] += n
    if residence.is_away(facts):
        v["away"] += n
        if cell.registration_place == "1":
            v["away_registered"] += n
    if residence.lives_here(facts):
        v["inflow_county"] += n * (cell.registration_place == _INFLOW_COUNTY)
        v["inflow_outside"] += n * (cell.registration_place == _INFLOW_OUTSIDE)
    v["births"] += n * cell.born_since
    v["deaths"] += n * (cell.died_since and cell.status == residence.DEAD)


def by_group(
    cells: Iterable[Cell],
    households: Iterable[tuple[str, str, str, int]] = (),
    vacant_dwellings: Iterable[tuple[str, str, int]] = (),
    absent_members: Iterable[tuple[str, str, str]] = (),
) -> dict[GroupKey, Tally]:
    """Tallies per (village, group).

    ``households``: (village, group, kind, count); ``vacant_dwellings``:
    (village, group, count); ``absent_members``: (village, group,
    absent_household_key) one per member — a household is counted once, in the
    group of its first member, as table 8 does.
    """
    table: dict[GroupKey, Tally] = defaultdict(Tally)
    for cell in cells:
        count_cell(table[(cell.village_code, cell.group)], cell)
    for village, group, kind, count in households:
        values = table[(village, group)].values
        values["family_households"] += count * (kind == "1")
        values["collective_households"] += count * (kind == "2")
    for village, group, count in vacant_dwellings:
        table[(village, group)].values["vacant_dwellings"] += count
    seen: set[str] = set()
    for village, group, key in absent_members:
        values = table[(village, group)].values
        values["absent_persons"] += 1
        if key not in seen:
            seen.add(key)
            values["absent_households"] += 1
    return dict(table)


def roll_up(tallies: dict[GroupKey, Tally] | dict[str, Tally], area_of: Callable[[object], str]) -> dict[str, Tally]:
    """Sum tallies to the areas ``area_of`` maps each key to."""
    totals: dict[str, Tally] = defaultdict(Tally)
    for key, tally in tallies.items():
        totals[area_of(key)].add(tally)
    return dict(totals)


def total(tallies: Iterable[Tally]) -> Tally:
    result = Tally()
    for tally in tallies:
        result.add(tally)
    return result


@dataclass
class Levels:
    """Every level's tallies, keyed by area code (groups by (village, group))."""

    groups: dict[GroupKey, Tally]
    villages: dict[str, Tally]
    townships: dict[str, Tally]
    county: Tally


def levels(groups: dict[GroupKey, Tally]) -> Levels:
    villages = roll_up(groups, lambda key: key[0])  # type: ignore[index]
    townships = roll_up(villages, lambda code: str(code)[:9])
    return Levels(groups, villages, townships, total(townships.values()))
