"""Names: surnames by real frequency, sex- and era-typed given names, pinyin typos."""

from __future__ import annotations

import bisect
import random
from functools import cache, lru_cache
from itertools import accumulate

from renpu.synth import data

_SURNAMES = data.surname_table()
_SURNAME_CHARS = [s for s, _ in _SURNAMES]
_SURNAME_CUM = list(accumulate(w for _, w in _SURNAMES))
_GIVEN = {key: chars.split() for key, chars in data.GIVEN.items()}


def surname(rng: random.Random) -> str:
    return _SURNAME_CHARS[bisect.bisect_right(_SURNAME_CUM, rng.random() * _SURNAME_CUM[-1])]


def era(birth_year: int) -> str:
    return "old" if birth_year < 1970 else "mid" if birth_year < 1995 else "young"


def given_name(rng: random.Random, sex: str, birth_year: int) -> str:
    pool = _GIVEN[(sex, era(birth_year))]
    if rng.random() < 0.14:
        return rng.choice(pool)
    first = rng.choice(pool)
    second = rng.choice(pool)
    while second == first and rng.random() < 0.8:  # 叠字 names exist (婷婷) but are rarer
        second = rng.choice(pool)
    return first + second


def full_name(rng: random.Random, sex: str, birth_year: int, family_name: str | None = None) -> str:
    return (family_name or surname(rng)) + given_name(rng, sex, birth_year)


@cache
def _toneless(char: str) -> str:
    from pypinyin import Style, lazy_pinyin

    return lazy_pinyin(char, style=Style.NORMAL)[0]


@lru_cache(maxsize=1)
def _homophones() -> dict[str, tuple[str, ...]]:
    """char → other characters with the same toneless pinyin, from the name pools."""
    chars = set(data.HOMOPHONE_POOL.split())
    for pool in _GIVEN.values():
        chars.update(pool)
    by_sound: dict[str, list[str]] = {}
    for char in sorted(chars):
        by_sound.setdefault(_toneless(char), []).append(char)
    return {
        char: tuple(c for c in by_sound[_toneless(char)] if c != char)
        for char in sorted(chars)
        if len(by_sound[_toneless(char)]) > 1
    }


def homophone_typo(rng: random.Random, name: str, surname_length: int = 1) -> str:
    """Replace one given-name character by a same-sounding one (张晓明 → 张小明).

    Returns the name unchanged when no character has a homophone in our pools.
    """
    table = _homophones()
    positions = [i for i in range(surname_length, len(name)) if name[i] in table]
    if not positions:
        return name
    i = rng.choice(positions)
    return name[:i] + rng.choice(table[name[i]]) + name[i + 1 :]


def surname_length(name: str) -> int:
    return 2 if name[:2] in _COMPOUND else 1


_COMPOUND = frozenset(s for s in _SURNAME_CHARS if len(s) == 2)
