"""Errors real canvass data has, injected on purpose (each leaves a flag for truth/)."""

from __future__ import annotations

import datetime as dt
import random

from renpu.synth.model import Person

MISTYPED_ID = 0.01
INCONSISTENT_BIRTH = 0.003
DECEASED_STILL_LISTED = 0.10


def inject_canvass_errors(rng: random.Random, persons: list[Person]) -> None:
    for person in persons:
        roll = rng.random()
        if person.id and roll < MISTYPED_ID:
            from renpu.synth.ids import mistype

            person.id = mistype(rng, person.id)
            person.flags.append("mistyped_id")
        elif person.id and roll < MISTYPED_ID + INCONSISTENT_BIRTH and person.birth.year > 1930:
            person.shown_birth = _shifted(rng, person.birth)
            person.flags.append("inconsistent_birth")
        if person.true_status == "3" and rng.random() < DECEASED_STILL_LISTED:
            person.status, person.status_date = "1", None
            person.flags.append("deceased_listed")
        _missing_fields(rng, person)


def _shifted(rng: random.Random, birth: dt.date) -> dt.date:
    """A typed birth date that disagrees with the ID: a day, a month or a year off."""
    kind = rng.random()
    if kind < 0.4:
        return birth + dt.timedelta(days=rng.choice((-1, 1, 10, -10)))
    if kind < 0.7:
        month = birth.month % 12 + 1
        return birth.replace(month=month, day=min(birth.day, 28))
    return birth.replace(year=birth.year + rng.choice((-1, 1)), day=min(birth.day, 28))


def _missing_fields(rng: random.Random, person: Person) -> None:
    roll = rng.random()
    if roll < 0.03 and person.phone:
        person.phone = ""
    elif roll < 0.05 and person.education:
        person.education = ""
        person.flags.append("missing_education")
    elif roll < 0.06:
        person.ethnicity = ""
        person.flags.append("missing_ethnicity")


def inject_wild(rng: random.Random, persons: list[Person]) -> None:
    """What a wild county's canvass also holds: people listed without an ID number, some under another spelling.

    Registered here or elsewhere in the county, the police have them under their own
    name and number: the comparison must link them without the ID, and a name spelled
    otherwise is a ``police.attribute_mismatch``.
    """
    from renpu.synth.names import homophone_typo

    for person in persons:
        if (not person.id or person.export or person.status not in ("1", "2") or not 18 <= person.age <= 70
                or {"mistyped_id", "inconsistent_birth"} & set(person.flags)):
            continue
        share = 0.2 if person.reg in ("2", "3") else 0.01 if person.reg == "1" else 0.0
        if rng.random() >= share:
            continue
        person.id = ""
        person.flags.append("listed_without_id")
        if person.reg in ("2", "3") and rng.random() < 0.5:
            spelled = homophone_typo(rng, person.true_name, person.surname_len)
            if spelled != person.true_name:
                person.name = spelled
                person.flags.append("police_mismatch")
