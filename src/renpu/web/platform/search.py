"""Finding persons: by name, pinyin (full or initials), ID number (or its tail), household key.

Pinyin is computed on the fly with ``core.names.pinyin_key`` (cached per
name) over the distinct names in the user's villages; a stored, indexed
``Person.name_pinyin`` column would make county-wide pinyin search instant and
is used when it exists.
"""

from __future__ import annotations

import re
from functools import lru_cache

from django.db.models import Q, QuerySet

from renpu.core import idnumber
from renpu.core.names import pinyin_key
from renpu.web.canvass.models import Person

LIMIT = 200
_PINYIN = re.compile(r"[a-z]+")
_DIGITS = re.compile(r"[0-9]{4,17}[0-9X]?")


@lru_cache(maxsize=300_000)
def initials(name: str) -> str:
    """Initials of the pinyin: 张小明 → zxm (read per character, surname aware)."""
    from renpu.core.names import _char_pinyin, split_name

    surname, given = split_name(name)
    return pinyin_key(surname)[:1] + "".join(_char_pinyin(c)[:1] for c in given if c != "·")


def search(persons: QuerySet[Person], text: str) -> QuerySet[Person]:
    """Persons matching ``text``, best kinds of match first; at most LIMIT."""
    q = text.strip()
    number = idnumber.normalise(q)
    if len(number) in (15, 18) and number[:-1].isdigit():
        return persons.filter(id_number=idnumber.check(number).number)[:LIMIT]
    if _DIGITS.fullmatch(number):
        return persons.filter(Q(id_number__endswith=number) | Q(household_key=q))[:LIMIT]
    lowered = q.lower().replace(" ", "")
    if _PINYIN.fullmatch(lowered):
        return persons.filter(name__in=_names_by_pinyin(persons, lowered))[:LIMIT]
    return persons.filter(Q(name__contains=q) | Q(household_key=q) | Q(person_key=q))[:LIMIT]


def _names_by_pinyin(persons: QuerySet[Person], typed: str) -> list[str]:
    if any(f.name == "name_pinyin" for f in Person._meta.fields):
        return list(persons.filter(**{"name_pinyin__startswith": typed}).values_list("name", flat=True).distinct()[:LIMIT])
    names = persons.values_list("name", flat=True).distinct()
    return [n for n in names.iterator(chunk_size=10_000) if _pinyin_matches(n, typed)][:LIMIT]


def _pinyin_matches(name: str, typed: str) -> bool:
    return pinyin_key(name).startswith(typed) or initials(name) == typed
