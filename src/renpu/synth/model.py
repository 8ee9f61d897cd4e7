"""Plain record classes of the synthetic county (slots: a million of them must be cheap)."""

from __future__ import annotations

import datetime as dt
import random

from renpu.core import census

REFERENCE_DATE = census.census_day()  # the census standard time point
YEAR_START = census.year_before_census()  # "last year" = 2019-11-01 … 2020-10-31
REFERENCE_ORDINAL = REFERENCE_DATE.toordinal()


class Person:
    __slots__ = (
        "key", "hkey", "group", "name", "true_name", "id", "true_id", "sex", "birth", "shown_birth",
        "ethnicity", "rel", "reg", "reg_address", "time_away", "reason", "education", "status",
        "true_status", "status_date", "phone", "no_fixed_abode", "unregistered", "special",
        "multi", "fact_source", "remarks", "flags", "away", "home_code", "row", "table", "surname_len",
        "household", "export", "died", "reg_village", "mother", "original",
    )

    def __init__(self, name: str, sex: str, birth: dt.date, surname_len: int = 1) -> None:
        self.key = ""
        self.hkey = ""
        self.group = 1
        self.name = self.true_name = name
        self.surname_len = surname_len
        self.id = self.true_id = ""
        self.sex = sex
        self.birth = self.shown_birth = birth
        self.ethnicity = "01"
        self.rel = ""
        self.reg = "1"
        self.reg_address = ""
        self.time_away = "1"
        self.reason = ""
        self.education = ""
        self.status = self.true_status = "1"
        self.status_date: dt.date | None = None
        self.phone = ""
        self.no_fixed_abode = self.unregistered = self.special = self.multi = "0"
        self.fact_source = "入户摸排"
        self.remarks = ""
        self.flags: list[str] = []
        self.away: tuple[str, str, dt.date, str, str] | None = None  # place, address, since, reason, source
        self.home_code = ""
        self.row = 0
        self.table = "family"
        self.household: Household | None = None
        self.export = ""  # "", "student", "duplicate": listed again by another village
        self.died: dt.date | None = None
        self.reg_village = ""
        self.mother: Person | None = None  # the woman who bore this person, when the household has her
        self.original: Person | None = None  # for a copy listed again elsewhere: the person at home

    @property
    def age(self) -> int:
        return age_at(self.birth)

    @property
    def surname(self) -> str:
        return self.true_name[: self.surname_len]


class Household:
    __slots__ = (
        "key", "kind", "group", "ea", "building", "dwelling", "label", "address", "collective_name",
        "residence_type", "police_no", "phone", "remarks", "members", "complex", "row", "house_no",
    )

    def __init__(self, kind: str = "1") -> None:
        self.key = ""
        self.kind = kind
        self.group = 1
        self.ea = self.building = self.dwelling = self.label = self.address = ""
        self.collective_name = ""
        self.residence_type = "1"
        self.police_no = ""
        self.phone = ""
        self.remarks = ""
        self.members: list[Person] = []
        self.complex = -1
        self.row = 0
        self.house_no = 0

    @property
    def head(self) -> Person:
        return self.members[0]


class Vacant:
    __slots__ = ("key", "group", "ea", "building", "dwelling", "label", "address", "owner", "owner_hkey", "reason", "remarks", "row", "complex")

    def __init__(self) -> None:
        self.key = self.ea = self.building = self.dwelling = self.address = ""
        self.group = 1
        self.owner: Person | None = None
        self.owner_hkey = self.reason = self.remarks = self.label = ""
        self.row = 0
        self.complex = -1


class Complex:
    __slots__ = ("key", "group", "name", "address", "manager", "buildings", "dwellings", "occupied", "vacant", "contact", "phone")

    def __init__(self) -> None:
        self.key = self.name = self.address = self.manager = self.contact = self.phone = ""
        self.group = 1
        self.buildings = self.dwellings = self.occupied = self.vacant = 0


class AbsentHousehold:
    __slots__ = ("key", "group", "police_no", "address", "members", "reason", "lead", "listed", "rows")

    def __init__(self) -> None:
        self.key = self.police_no = self.address = self.reason = self.lead = ""
        self.group = 1
        self.members: list[Person] = []
        self.listed = True  # False: only the police knows it (police.absent_household)
        self.rows: list[int] = []


def age_at(birth: dt.date, on: dt.date = REFERENCE_DATE) -> int:
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


def birth_for_age(rng_value: float, age: float) -> dt.date:
    """A birth date giving ``age`` (fractional years) at the reference date."""
    return dt.date.fromordinal(REFERENCE_ORDINAL - 1 - int((age + rng_value) * 365.2425))


def phone(rng: random.Random) -> str:
    """A mobile number (11 digits, 13x/15x/17x/18x)."""
    return f"1{rng.choice('3578')}{rng.randrange(10 ** 9):09d}"
