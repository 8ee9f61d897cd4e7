"""Population summaries at every level — group, village, township, county — from one count.

Tables 8 and 9 of the 一套表 (分小组 / 分村(居)人口汇总表) are its group and village
levels in the columns of ``core.tables.SUMMARY_COUNTS`` (``Tally.as_dict``); the
county office's reports add the township and county levels, the population by
sex and age group, inflow, in the columns of ``MEASURES``; the dashboard's
figures and age-sex pyramid are the same tallies.

Everything is computed from *cells*: the store groups persons by the handful of
codes the census rules read (status, registration place, time away, sex, age
band, born/died since a date) and hands over one row per distinct combination
with its count — a GROUP BY, in SQL or DuckDB (``cell_of`` makes one for a
single person).  A million persons make a few tens of thousands of cells; the
rules of ``core.residence`` are applied once per cell, so the rules stay in one
place and a county still sums in seconds.

Every level is the sum of the level below (groups → villages → townships →
county), so totals add up across levels by construction.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from . import census, residence
from .codes import HOUSEHOLD_KIND, PERSON_STATUS, REGISTRATION_PLACE, SEX
from .residence import PersonFacts
from .tables import SUMMARY_COUNTS

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
# The columns of tables 8 and 9 (core.tables): measures, but for their 男 / 女, which count the
# persons listed (the reports' resident_males … count the resident population).
COUNT_FIELDS: tuple[str, ...] = tuple(c.field for c in SUMMARY_COUNTS)
TABLE_MEASURE = {"males": "listed_males", "females": "listed_females"}
FIELDS: tuple[str, ...] = MEASURE_FIELDS + tuple(TABLE_MEASURE.values())


def band_of(birth_date: dt.date | None, age_at: dt.date) -> int | None:
    """The five-year band of a person's age in whole years at ``age_at``."""
    if birth_date is None:
        return None
    return max(0, min(census.age_on(birth_date, age_at) // BAND_WIDTH, BANDS - 1))


def band_cutoffs(age_at: dt.date) -> list[dt.date]:
    """Birth dates bounding the bands: band i is born in (cutoff[i+1], cutoff[i]].

    For a store that computes bands in SQL: a person born on or before
    ``cutoff[i]`` is at least ``5 * i`` years old at ``age_at``.
    """
    return [census.years_before(age_at, BAND_WIDTH * i) for i in range(BANDS)]


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


def cell_of(village_code: str, group: str, facts: PersonFacts, since: dt.date | None = None,
            age_at: dt.date | None = None, count: int = 1) -> Cell:
    """The cell of ``count`` persons with these facts (``since``: the census year's start;
    ``age_at``: the census day, by default)."""
    since = since or census.year_before_census()
    return Cell(village_code, group, facts.status, facts.registration_place, facts.time_away, facts.sex,
                band_of(facts.birth_date, age_at or census.census_day()), residence.born_since(facts, since),
                residence.died_since(facts, since), count)


@dataclass
class Tally:
    """The measures of one area, and its resident population by band and sex.

    ``tally["resident"]`` or ``tally.resident``; ``as_dict()`` is its row of tables 8 and 9.
    ``males`` and ``females`` are the resident population by band (the pyramid)."""

    values: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
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

    def __getattr__(self, name: str) -> int:
        if name in FIELDS:  # (only measures: the dataclass's own attributes are found before this)
            return self.values[name]
        raise AttributeError(name)

    def as_dict(self) -> dict[str, int]:
        """The columns of tables 8 and 9."""
        return {name: self.values[TABLE_MEASURE.get(name, name)] for name in COUNT_FIELDS}


GroupKey = tuple[str, str]


def count_cell(tally: Tally, cell: Cell) -> None:
    """Apply the census rules of ``core.residence`` to one cell."""
    facts = PersonFacts(cell.status, cell.registration_place, cell.time_away, cell.sex)
    n = cell.count
    v = tally.values
    male, female = cell.sex == SEX.MALE, cell.sex == SEX.FEMALE
    if residence.is_listed(facts):
        v["persons"] += n
        v["listed_males"] += n * male
        v["listed_females"] += n * female
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
        if cell.registration_place == REGISTRATION_PLACE.THIS_VILLAGE:
            v["away_registered"] += n
    if residence.lives_here(facts):
        v["inflow_county"] += n * (cell.registration_place == REGISTRATION_PLACE.THIS_COUNTY)
        v["inflow_outside"] += n * (cell.registration_place == REGISTRATION_PLACE.OTHER_COUNTY)
    v["births"] += n * cell.born_since
    v["deaths"] += n * (cell.died_since and cell.status == PERSON_STATUS.DEAD)


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
        values["family_households"] += count * (kind == HOUSEHOLD_KIND.FAMILY)
        values["collective_households"] += count * (kind == HOUSEHOLD_KIND.COLLECTIVE)
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


def roll_up(groups: Mapping[GroupKey, Tally], area_of: Mapping[str, str] | None = None) -> dict[str, Tally]:
    """Sum group tallies to their villages, or to any areas: ``area_of`` maps village code → area."""
    totals: dict[str, Tally] = defaultdict(Tally)
    for (village_code, _group), tally in groups.items():
        totals[area_of[village_code] if area_of is not None else village_code].add(tally)
    return dict(totals)


def county_total(groups: Mapping[GroupKey, Tally]) -> Tally:
    result = Tally()
    for tally in groups.values():
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
    township_of = {village: village[:9] for village, _ in groups}
    return Levels(groups, roll_up(groups), roll_up(groups, township_of), county_total(groups))
