"""Persons of several counties: the province's synthetic people a county lists or only registers.

A synthetic province (renpu.synth.province) makes each cross-county person
once and hands each county its part: county A registers a person who lives in
county B (A's police register has them, A's canvass does not), or lists them
at home; county B lists them where they live.  The county generator places
its guests like any other person, so its own files and truth stay whole; the
province's truth is read back from the counties' truth by ID number.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from typing import TYPE_CHECKING

from renpu.synth.model import Household, Person

if TYPE_CHECKING:
    from renpu.synth.population import Village


@dataclass(frozen=True)
class Guest:
    id_number: str
    name: str
    surname_len: int
    sex: str
    birth: dt.date
    listed: bool  # in this county's canvass; else only on its police register (registered, not found)
    case: str  # what the province expects of them (a truth flag): lives_elsewhere, duplicate, …
    village: int = 0  # which of the county's villages (by position, modulo their number)
    status: str = "1"  # 在住 or 外出, when listed
    reg: str = "1"  # 户口登记地 when listed: 本村 (1) or another county (4)
    reg_address: str = ""
    time_away: str = "1"
    reason: str = ""
    away: tuple[str, str, dt.date, str, str] | None = None  # 外出: place type, address, since, reason, how known


def place(village: Village, guests: list[Guest], rng: random.Random) -> None:
    """Add one village's guests; call before keys, errors and files are made."""
    for guest in guests:
        person = _person(guest, rng)
        if guest.listed:
            _tenant(village, person, rng)
        else:
            # Registered here, not listed: the police register names them under a household of the village.
            person.rel = "2"
            person.flags.append("unlisted_registered")
            person.household = rng.choice(village.households)
            village.missed.append(person)


def _person(guest: Guest, rng: random.Random) -> Person:
    person = Person(guest.name, guest.sex, guest.birth, guest.surname_len)
    person.id = person.true_id = guest.id_number
    person.status = person.true_status = guest.status
    person.reg, person.reg_address = guest.reg, guest.reg_address
    person.time_away, person.reason, person.away = guest.time_away, guest.reason, guest.away
    person.education = rng.choice("4456") if person.age >= 16 else "3"
    person.flags += ["province_guest", guest.case]
    return person


def _tenant(village: Village, person: Person, rng: random.Random) -> None:
    """A household of one, as a lodger or a worker who rents a room."""
    from renpu.synth.population import phone

    household = Household("1")
    person.rel, person.phone, person.household = "0", phone(rng), household
    household.members.append(person)
    household.group = rng.randint(1, village.plan.groups)
    number = 800 + len(village.households) % 100
    household.address = village.address(household.group, number)
    household.ea = f"{village.plan.code}{1:03d}"
    household.building = f"{household.ea}{number:03d}"
    household.dwelling = "1"
    village.households.append(household)
