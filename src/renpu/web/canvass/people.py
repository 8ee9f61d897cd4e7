"""Household and person changes made in the browser (录入, 核变动), each with history.

Every function runs in one transaction and writes a ``Change`` per changed field,
so a household page can show who changed what, and when.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from renpu.core.checks import Member
from renpu.core.codes import HOUSEHOLD_KIND, PERSON_STATUS

from . import history
from .models import Household, HouseholdCheck, Person, PersonAway


def members(household_key: str, exclude_pk: int | None = None) -> list[Member]:
    """The other members, in the shape ``core.checks.check_person`` reads."""
    query = Person.objects.filter(household_key=household_key)
    if exclude_pk is not None:
        query = query.exclude(pk=exclude_pk)
    return [
        Member(p.name, p.relationship, p.sex, p.birth_date, p.status)
        for p in query.only("name", "relationship", "sex", "birth_date", "status")
    ]


def next_household_key(village_code: str) -> str:
    prefix = f"{village_code}-W"  # W: entered on the web, never clashes with imported keys
    taken = set(Household.objects.filter(household_key__startswith=prefix).values_list("household_key", flat=True))
    number = len(taken) + 1
    while f"{prefix}{number:04d}" in taken:
        number += 1
    return f"{prefix}{number:04d}"


def next_person_key(household_key: str) -> str:
    taken = set(Person.objects.filter(person_key__startswith=household_key).values_list("person_key", flat=True))
    number = len(taken) + 1
    while f"{household_key}-{number:02d}" in taken:
        number += 1
    return f"{household_key}-{number:02d}"


@transaction.atomic
def create_household(household: Household, user: User) -> Household:
    if not household.household_key:
        household.household_key = next_household_key(household.village_id)
    household.save()
    history.log_create(household, user)
    return household


@transaction.atomic
def save_edit(record: Any, before: dict[str, str], user: User) -> int:
    """Save an edited record; log one Change per changed field; return how many."""
    record.save()
    return len(history.log_changes(record, before, user))


@transaction.atomic
def add_person(person: Person, household: Household, user: User, note: str = "新增") -> Person:
    person.household_key = household.household_key
    person.village_id = household.village_id
    person.group = household.group
    person.collective = household.kind == HOUSEHOLD_KIND.COLLECTIVE
    person.person_key = person.person_key or next_person_key(household.household_key)
    person.save()
    history.log_create(person, user, note)
    return person


@transaction.atomic
def record_death(person: Person, died_on: dt.date, user: User, note: str = "") -> None:
    before = history.snapshot(person)
    person.status, person.status_date = PERSON_STATUS.DEAD, died_on
    if note:
        person.remarks = _appended(person.remarks, note)
    save_edit(person, before, user)


@transaction.atomic
def move_away(person: Person, away: PersonAway, user: User) -> PersonAway:
    """Person leaves (外出): status 外出 and a row of the 外出人员表."""
    before = history.snapshot(person)
    person.status, person.status_date = PERSON_STATUS.AWAY, away.away_since
    save_edit(person, before, user)
    away.person_key, away.household_key = person.person_key, person.household_key
    away.village_id, away.group = person.village_id, person.group
    away.name, away.id_number = person.name, person.id_number
    away.away_key = f"{person.person_key}-W{PersonAway.objects.filter(person_key=person.person_key).count() + 1}"
    away.save()
    history.log_create(away, user, f"外出：{away.away_address}")
    return away


@transaction.atomic
def return_home(person: Person, returned_on: dt.date, user: User) -> None:
    """Person is back (返回): status 在住; their open 外出 rows say so in remarks."""
    before = history.snapshot(person)
    person.status, person.status_date = PERSON_STATUS.LIVING, returned_on
    save_edit(person, before, user)
    for away in PersonAway.objects.filter(person_key=person.person_key).exclude(remarks__contains="已返回"):
        away_before = history.snapshot(away)
        away.remarks = _appended(away.remarks, f"{returned_on:%Y-%m-%d} 已返回")
        save_edit(away, away_before, user)


def current_month() -> str:
    return timezone.localdate().strftime("%Y-%m")


@transaction.atomic
def check_household(household: Household, user: User, changes: str = "") -> HouseholdCheck:
    """Mark the household verified this month (one check per household and month)."""
    check, _ = HouseholdCheck.objects.update_or_create(
        household_key=household.household_key, month=current_month(),
        defaults={"village_id": household.village_id, "checked_by": user,
                  "checked_by_name": user.get_username(), "changes": changes},
    )
    return check


def _appended(text: str, note: str) -> str:
    return f"{text}；{note}" if text else note
