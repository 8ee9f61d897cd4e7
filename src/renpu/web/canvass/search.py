"""Finding persons: by name, pinyin (full or initials), ID number (or its tail), household key.

Every kind is a range of an index, so a search costs the same at a million
persons as at a thousand: full pinyin on ``Person.name_pinyin``, initials (zxm)
on ``Person.name_initials``, an ID number's tail on ``Person.id_reversed``, a
name as typed from its start on ``Person.name``.  Only a name fragment that no
name starts with is looked for anywhere in the names (a scan: 0.25 s at 1M).
"""

from __future__ import annotations

import re

from django.db.models import Q, QuerySet

from renpu.core import idnumber
from renpu.web.accounts import scope

from .models import Person

LIMIT = 200
_PINYIN = re.compile(r"[a-z]+")
_DIGITS = re.compile(r"[0-9]{4,17}[0-9X]?")


def _starting(field: str, text: str) -> Q:
    """``field`` starts with ``text``, as an index range (``startswith`` is a LIKE,
    which SQLite answers by reading every row)."""
    return Q(**{f"{field}__gte": text, f"{field}__lt": text + "\uffff"})


def search_in_scope(user: scope.AnyUser, text: str) -> list[Person]:
    """What the search page shows, and its export: ``text`` among the user's villages."""
    return search(scope.scoped(Person.objects.all(), user), text) if text else []


def search(persons: QuerySet[Person], text: str) -> list[Person]:
    """Persons matching ``text``, exact matches first; at most LIMIT.

    "张伟" in a county finds hundreds of names starting so (张伟华, 张伟民 …): the
    people called exactly 张伟 come first, so the limit never hides them."""
    q = text.strip()
    number = idnumber.normalise(q)
    if len(number) in (15, 18) and number[:-1].isdigit():
        return list(persons.filter(id_number=idnumber.check(number).number)[:LIMIT])
    if _DIGITS.fullmatch(number):
        return _first(persons, [Q(household_key=q), _starting("id_reversed", number[::-1])])
    lowered = q.lower().replace(" ", "")
    if _PINYIN.fullmatch(lowered):
        # whole pinyin (zhangxiaoming, or its start), or initials (zxm)
        return _first(persons, [Q(name_pinyin=lowered) | Q(name_initials=lowered),
                                _starting("name_pinyin", lowered) | _starting("name_initials", lowered)])
    # A name as typed from its start is an index range (fast at a million persons);
    # only when nothing starts so, look for it anywhere in the name (a full scan).
    found = _first(persons, [Q(household_key=q) | Q(person_key=q) | Q(name=q), _starting("name", q)])
    return found or list(persons.filter(name__contains=q)[:LIMIT])


def _first(persons: QuerySet[Person], conditions: list[Q]) -> list[Person]:
    """Up to LIMIT persons: those meeting the first condition, then the next …"""
    found: dict[int, Person] = {}
    for condition in conditions:
        for person in persons.filter(condition).exclude(pk__in=list(found))[: LIMIT - len(found)]:
            found[person.pk] = person
        if len(found) >= LIMIT:
            break
    return list(found.values())
