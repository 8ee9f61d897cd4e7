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
from renpu.web.canvass.models import Person

LIMIT = 200
_PINYIN = re.compile(r"[a-z]+")
_DIGITS = re.compile(r"[0-9]{4,17}[0-9X]?")


def _starting(field: str, text: str) -> Q:
    """``field`` starts with ``text``, as an index range (``startswith`` is a LIKE,
    which SQLite answers by reading every row)."""
    return Q(**{f"{field}__gte": text, f"{field}__lt": text + "\uffff"})


def search(persons: QuerySet[Person], text: str) -> QuerySet[Person]:
    """Persons matching ``text``, best kinds of match first; at most LIMIT."""
    q = text.strip()
    number = idnumber.normalise(q)
    if len(number) in (15, 18) and number[:-1].isdigit():
        return persons.filter(id_number=idnumber.check(number).number)[:LIMIT]
    if _DIGITS.fullmatch(number):
        tail = number[::-1]
        return persons.filter(_starting("id_reversed", tail) | Q(household_key=q))[:LIMIT]
    lowered = q.lower().replace(" ", "")
    if _PINYIN.fullmatch(lowered):
        # whole pinyin (zhangxiaoming, or its start), or initials (zxm)
        return persons.filter(_starting("name_pinyin", lowered) | _starting("name_initials", lowered))[:LIMIT]
    by_key = persons.filter(Q(household_key=q) | Q(person_key=q))
    # A name as typed from its start is an index range (fast at a million persons);
    # only when nothing starts so, look for it anywhere in the name (a full scan).
    starting = persons.filter(_starting("name", q))
    if by_key.exists() or starting.exists():
        return (by_key | starting)[:LIMIT]
    return persons.filter(name__contains=q)[:LIMIT]
