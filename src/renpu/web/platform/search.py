"""Finding persons: by name, pinyin (full or initials), ID number (or its tail), household key.

Full pinyin is matched on the stored, indexed ``Person.name_pinyin`` column;
initials (zxm) are computed for the names starting with that letter.
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
        tail = number[::-1]
        return persons.filter(Q(id_reversed__gte=tail, id_reversed__lt=tail + "\uffff") | Q(household_key=q))[:LIMIT]
    lowered = q.lower().replace(" ", "")
    if _PINYIN.fullmatch(lowered):
        return persons.filter(name__in=_names_by_pinyin(persons, lowered))[:LIMIT]
    by_key = persons.filter(Q(household_key=q) | Q(person_key=q))
    # A name as typed from its start is an index range (fast at a million persons);
    # only when nothing starts so, look for it anywhere in the name (a full scan).
    starting = persons.filter(name__gte=q, name__lt=q + "\uffff")
    if by_key.exists() or starting.exists():
        return (by_key | starting)[:LIMIT]
    return persons.filter(name__contains=q)[:LIMIT]


def _names_by_pinyin(persons: QuerySet[Person], typed: str) -> list[str]:
    found = list(persons.filter(name_pinyin__startswith=typed).values_list("name", flat=True).distinct()[:LIMIT])
    if len(typed) <= 4:  # maybe initials (zxm): only names starting with that letter can match
        candidates = persons.filter(name_pinyin__startswith=typed[0]).values_list("name", flat=True).distinct()
        found += [n for n in candidates.iterator(chunk_size=10_000) if initials(n) == typed and n not in found]
    return found[:LIMIT]

