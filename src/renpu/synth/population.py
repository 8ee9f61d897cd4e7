"""One village's people: households, registration, IDs, statuses, dwellings."""

from __future__ import annotations

import datetime as dt
import random

from renpu.synth import data, ids
from renpu.synth.dwellings import layout
from renpu.synth.geography import VillagePlan
from renpu.synth.households import Maker, collective_household, family_household
from renpu.synth.model import (
    REFERENCE_ORDINAL,
    YEAR_START,
    AbsentHousehold,
    Complex,
    Household,
    Person,
    Vacant,
    age_at,
    birth_for_age,
    phone,
)

_YEAR_START_ORD = YEAR_START.toordinal()
_DEATH_RATE = ((1, 0.004), (50, 0.0012), (60, 0.005), (70, 0.012), (80, 0.035), (90, 0.09), (200, 0.2))
_AWAY_CODES = ("2", "3", "4", "5", "6", "7", "8", "9")
_AWAY_WEIGHTS = (5, 8, 12, 12, 10, 8, 25, 20)
_AWAY_DAYS = {"2": (20, 180), "3": (183, 364), "4": (366, 730), "5": (731, 1095), "6": (1096, 1460),
              "7": (1461, 1825), "8": (1826, 3650), "9": (3651, 7300)}
_DESTS = [(d[1], d[0]) for d in data.DESTINATIONS]  # (外出地类型, address)
_DEST_WEIGHTS = [d[2] for d in data.DESTINATIONS]
_WILD_DESTS = [(d[1], d[0]) for d in data.WILD_DESTINATIONS]
_WILD_DEST_WEIGHTS = [d[2] for d in data.WILD_DESTINATIONS]


class Village:
    """Everything one village's canvass, sources and truth are made of."""

    def __init__(self, plan: VillagePlan, seed: int, places: dict[str, tuple[str, str]]) -> None:
        self.plan = plan
        self.wild = wild = plan.county.wild
        self.dests, self.dest_weights = (_WILD_DESTS, _WILD_DEST_WEIGHTS) if wild else (_DESTS, _DEST_WEIGHTS)
        self.colleges = data.WILD_COLLEGE_CITIES if wild else data.COLLEGE_CITIES
        self.rng = random.Random(f"{seed}:{plan.code}")
        self.maker = Maker(self.rng)
        self.places = places  # village code → (township name, village name)
        self.households: list[Household] = []
        self.collectives: list[Household] = []
        self.absent: list[AbsentHousehold] = []
        self.missed: list[Person] = []  # registered here, alive, not listed (police only)
        self.unlisted_births: list[tuple[Person, Person, Person | None]] = []  # baby, mother, father
        self._used_ids: set[str] = set()
        self._last_village = ""
        self.grid_only: list[Person] = []
        self.vacants: list[Vacant] = []
        self.complexes: list[Complex] = []

    # -- persons -----------------------------------------------------------
    @property
    def persons(self) -> list[Person]:
        return [p for h in self.households + self.collectives for p in h.members]

    def address(self, group: int, house_no: int) -> str:
        return f"{self.plan.county.prefix}{self.plan.township_name}{self.plan.name}{group}组{house_no}号"

    def build(self) -> None:
        target = self.plan.target
        while sum(len(h.members) for h in self.households) < target * 0.96:
            self.households.append(family_household(self.maker, self.wild))
        self._collectives()
        self._no_fixed_abode()
        self.vacants, self.complexes = layout(self)
        for household in self.households + self.collectives:
            self._registration(household)
        for person in self.persons:
            self._attributes(person)
        for person in self.persons:
            self._status(person)
        self._children_follow_parents()
        self._absent_households()
        self._missed_and_unlisted()

    def _collectives(self) -> None:
        plan, rng = self.plan, self.rng
        if plan.seat and not plan.quasi:
            home = f"{plan.township_name}{'福利院' if plan.township_name == '漕河镇' else '敬老院'}"
            self.collectives.append(collective_household(self.maker, "care", home, rng.randint(12, 40)))
        if plan.seat and (plan.community or rng.random() < 0.3):
            project = rng.choice(("城区道路改造", "安置房", "高铁站配套", "污水处理厂", "学校扩建"))
            self.collectives.append(collective_household(self.maker, "worksite", f"{project}项目部工地宿舍", rng.randint(10, 35)))
        if plan.river or plan.railway:
            unit = (data.WILD_SPECIAL_AREA_UNITS if self.wild else data.SPECIAL_AREA_UNITS)[0 if plan.river else 1]
            household = collective_household(self.maker, "special", unit, rng.randint(4, 12))
            for person in household.members:
                person.special = "1"
                person.flags.append("special_area")
            self.collectives.append(household)

    def _no_fixed_abode(self) -> None:
        if self.rng.random() < 0.35:
            person = self.maker.person("1", self.rng.randint(35, 70))
            person.rel = "0"
            person.no_fixed_abode = "1"
            person.flags.append("no_fixed_abode")
            household = Household("1")
            household.residence_type = "5"
            household.members.append(person)
            person.household = household
            self.households.append(household)

    # -- registration and IDs ----------------------------------------------
    def _registration(self, household: Household) -> None:
        rng = self.rng
        kind = "local"
        if household.kind == "2":
            kind = {"2": "collective", "3": "special"}[household.residence_type]
        elif self.plan.community and rng.random() < 0.35:
            kind = "incomer"
        place = self._other_place(rng.choice("2334")) if kind == "incomer" else None
        for person in household.members:
            origin = next((f[7:] for f in person.flags if f.startswith("origin:")), "local")
            reg, address = "1", household.address
            if place is not None:
                reg, address = place
            elif household.kind == "2":
                reg, address = self._collective_registration(household, person, origin)
            elif person.rel in ("1", "6") and origin != "local" and rng.random() < 0.3:
                reg, address = self._other_place("4", origin)
            elif person.rel in ("1", "6") and rng.random() < 0.06:
                reg, address = self._other_place(rng.choice("23"))
            self._set_registration(person, reg, address, kind)
            self._assign_id(person, origin)

    def _collective_registration(self, household: Household, person: Person, origin: str) -> tuple[str, str]:
        if household.residence_type == "2" and household.collective_name.endswith(("院",)):
            return ("1", household.address) if self.rng.random() < 0.6 else self._other_place("2")
        if origin != "local":
            return self._other_place("4", origin)
        return self._other_place(self.rng.choice("1233"))

    def _other_place(self, reg: str, origin: str = "local") -> tuple[str, str]:
        rng, plan = self.rng, self.plan
        if reg == "1":
            return "1", self.address(1, self.rng.randint(1, 60))
        if reg == "2" and plan.neighbours:
            code = rng.choice(plan.neighbours)
        elif reg in "23":
            others = [c for c in self.places if c[:9] != plan.township_code] or [plan.code]
            code = rng.choice(others)
            reg = "3" if code[:9] != plan.township_code else "2"
        else:
            province = origin == "province" or rng.random() < 0.3
            far = data.WILD_FAR_PROVINCES if self.wild else ("江西省九江市修水县", "安徽省宿松县", "河南省信阳市新县", "湖南省华容县")
            where = rng.choice(far) if province else rng.choice(plan.county.neighbour_places)
            return "4", f"{where}{rng.choice('东南西北')}{rng.choice('港湾冲岗')}村{rng.randint(1, 9)}组"
        township, village = self.places[code]
        self._last_village = village
        return reg, f"{plan.county.prefix}{township}{village}{rng.randint(1, 9)}组"

    def _set_registration(self, person: Person, reg: str, address: str, kind: str) -> None:
        rng = self.rng
        person.reg, person.reg_address = reg, address
        person.reg_village = self._last_village if reg in ("2", "3") else ""
        if reg == "1":
            return
        person.time_away = rng.choices(_AWAY_CODES, (8, 10, 12, 12, 10, 8, 22, 18))[0]
        if person.age < 1:
            person.time_away = "2" if person.age == 0 and rng.random() < 0.5 else "3"
        if kind == "collective" or kind == "special":
            person.reason = "1"
        elif person.rel in ("1", "6"):
            person.reason = "6" if rng.random() < 0.7 else "1"
        else:
            person.reason = rng.choices(("1", "3", "4", "8", "9"), (40, 25, 15, 12, 8))[0]
            if person.age < 16:
                person.reason = "3" if rng.random() < 0.7 else "8"

    def _assign_id(self, person: Person, origin: str) -> None:
        if origin == "local" and person.reg == "4":
            origin = "neighbour"
        region = ids.id_region(self.rng, person.birth.year, origin, self.plan.county)
        birth = person.birth
        while True:
            number = ids.make_id(region, birth, self.plan.index, person.sex)
            if number not in self._used_ids and birth.toordinal() < REFERENCE_ORDINAL:
                break
            birth = dt.date.fromordinal(birth.toordinal() + (1 if birth.toordinal() < REFERENCE_ORDINAL - 2 else -3))
        self._used_ids.add(number)
        person.birth = person.shown_birth = birth
        person.id = person.true_id = number

    def new_id(self, person: Person, origin: str = "local") -> None:
        """An ID for a person made after ``build`` (staff, grid residents …)."""
        self._assign_id(person, origin)

    # -- attributes and status ---------------------------------------------
    def _attributes(self, person: Person) -> None:
        rng = self.rng
        age = person.age
        person.education = _education(rng, age, person.birth.year)
        if rng.random() < 0.005:
            person.ethnicity = rng.choices([e for e, _ in data.ETHNIC_MINORITIES], [w for _, w in data.ETHNIC_MINORITIES])[0]
        if (18 <= age <= 75 and rng.random() < 0.85) or (age > 75 and rng.random() < 0.3):
            person.phone = phone(rng)
        person.fact_source = rng.choice(data.FACT_SOURCES)

    def _status(self, person: Person) -> None:
        rng = self.rng
        age = person.age
        if person.birth >= YEAR_START and person.household is not None and person.household.kind == "1" and rng.random() < 0.08 or 1 <= age <= 5 and rng.random() < 0.008:
            self._unregister(person)
        rate = next(r for limit, r in _DEATH_RATE if age < limit)
        if rng.random() < rate and person.no_fixed_abode == "0":
            person.status = person.true_status = "3"
            person.status_date = dt.date.fromordinal(rng.randint(max(_YEAR_START_ORD, person.birth.toordinal()), REFERENCE_ORDINAL - 1))
            person.died = person.status_date
            return
        if person.reg != "1" or person.table == "collective" or person.no_fixed_abode == "1":
            return
        if 20 <= age <= 35 and rng.random() < 0.004:
            person.status = person.true_status = "4"
            person.status_date = dt.date.fromordinal(REFERENCE_ORDINAL - rng.randint(30, 540))
            person.remarks = rng.choice(("婚嫁迁出", "考学迁出", "购房迁出"))
            return
        if 18 <= age <= 22 and person.education in ("6", "7"):
            self._send_away(person, "2", college=True)
        elif 15 <= age <= 18 and person.education == "5":
            person.export = "student"
        elif _away_probability(age) > rng.random():
            self._send_away(person, "1")

    def _unregister(self, person: Person) -> None:
        person.reg, person.reg_address, person.time_away, person.reason = "5", "", "", ""
        person.unregistered = "1"
        person.flags.append("unregistered")
        self._used_ids.discard(person.id)
        person.id = person.true_id = ""

    def _send_away(self, person: Person, reason: str, college: bool = False) -> None:
        rng = self.rng
        code = rng.choices(_AWAY_CODES, _AWAY_WEIGHTS)[0]
        if college:
            code = rng.choice("3456")
        while code > "2" and _AWAY_DAYS[code][0] > (person.age - 14) * 365 and code != "2":
            code = str(int(code) - 1)
        low, high = _AWAY_DAYS[code]
        since = dt.date.fromordinal(REFERENCE_ORDINAL - rng.randint(low, high))
        if college:
            place, address = ("4", rng.choice(self.colleges))
        else:
            place, address = rng.choices(self.dests, self.dest_weights)[0]
        if rng.random() < 0.03:
            place, address = "9", ""
        person.status = person.true_status = "2"
        person.time_away = code
        person.reason = reason
        person.away = (place, address, since, reason, rng.choice(data.AWAY_INFO_SOURCES))

    def _children_follow_parents(self) -> None:
        for household in self.households:
            adults_away = [p for p in household.members if p.status == "2" and p.rel in ("0", "1", "2", "6")]
            if len(adults_away) < 2:
                continue
            for child in household.members:
                if child.age < 15 and child.status == "1" and child.reg == "1" and self.rng.random() < 0.15:
                    self._send_away(child, "3")
                    child.time_away = adults_away[0].time_away
                    assert child.away is not None
                    child.away = (adults_away[0].away or child.away)[:2] + child.away[2:]

    # -- people the canvass does not list ---------------------------------
    def _absent_households(self) -> None:
        rng = self.rng
        for _ in range(max(0, round(len(self.households) * rng.uniform(0.015, 0.035)))):
            absent = AbsentHousehold()
            head = self.maker.person("1", rng.randint(28, 70))
            members = [head]
            if rng.random() < 0.7:
                members.append(self.maker.spouse_of(head, "local"))
            members += self.maker.children(members[-1].age, head.surname, rng.choice((0, 1, 1, 2)), youngest=1)
            for person, rel in zip(members, ("0", "1", "2", "2", "2"), strict=False):
                person.rel = rel if len(members) > 1 or rel == "0" else "0"
                if person.rel == "1" and person.sex == head.sex:
                    person.rel = "2"
                self._assign_id(person, "local")
                person.phone = phone(rng)
                person.reg = "1"
            absent.members = members
            absent.reason = rng.choice(data.ABSENT_REASONS)
            absent.listed = rng.random() < 0.8
            if absent.listed and rng.random() < 0.5:
                absent.lead = rng.choice((f"电话{head.phone}", f"现住{rng.choices(self.dests, self.dest_weights)[0][1]}"))
            self.absent.append(absent)

    def _missed_and_unlisted(self) -> None:
        rng = self.rng
        for _ in range(round(len(self.persons) * rng.uniform(0.002, 0.006))):
            person = self.maker.person(rng.choice("12"), rng.randint(18, 55))
            self._assign_id(person, "local")
            person.rel = "2"
            person.flags.append("unlisted_registered")
            person.household = rng.choice(self.households)
            self.missed.append(person)
        mothers = [p for h in self.households for p in h.members if p.sex == "2" and 20 <= p.age <= 40 and p.rel in ("0", "1", "6") and p.status in ("1", "2")]
        for _ in range(min(len(mothers), round(len(self.persons) * rng.uniform(0.0004, 0.001)))):
            mother = rng.choice(mothers)
            household = mother.household
            assert household is not None
            father = next((p for p in household.members if p.sex == "1" and p.rel in (("1",) if mother.rel == "0" else ("0", "2")) and p is not mother), None)
            family = father.surname if father else mother.surname
            baby = self.maker.person(rng.choice("12"), 0, family)
            baby.birth = baby.shown_birth = dt.date.fromordinal(rng.randint(_YEAR_START_ORD, REFERENCE_ORDINAL - 1))
            baby.flags.append("unlisted_birth")
            baby.household = household
            self.unlisted_births.append((baby, mother, father))


def _away_probability(age: int) -> float:
    if 20 <= age <= 45:
        return 0.45
    if 46 <= age <= 59:
        return 0.25
    if 16 <= age <= 19:
        return 0.3
    return 0.0


_EDU_ADULT = {
    "young": (("3", "4", "5", "6", "7", "8"), (7, 45, 24, 12, 11, 1)),
    "mid": (("1", "3", "4", "5", "6", "7"), (3, 30, 45, 17, 3, 2)),
    "old": (("1", "3", "4", "5"), (35, 45, 15, 5)),
}


def _education(rng: random.Random, age: int, birth_year: int) -> str:
    if age < 3:
        return ""
    if age < 6:
        return "2"
    if age < 12:
        return "3"
    if age < 15:
        return "4"
    if age < 18:
        return "5" if rng.random() < 0.72 else "4"
    if age < 23:
        return rng.choices(("4", "5", "6", "7"), (30, 30, 18, 22))[0]
    cohort = "young" if birth_year >= 1975 else "mid" if birth_year >= 1955 else "old"
    codes, weights = _EDU_ADULT[cohort]
    return rng.choices(codes, weights)[0]


def grade_of(person: Person) -> str:
    return {15: "高一", 16: "高二", 17: "高三", 18: "高三"}.get(age_at(person.birth), "高一")


__all__ = ["Village", "birth_for_age", "phone", "grade_of"]
