"""公民身份号码 for synthetic persons: unique, valid, and realistically mistyped.

Uniqueness without coordination between worker processes: the 3-digit
sequence block is the village's own slot (``village_index`` < 500), the sex
digit's parity comes from the person.  Two persons of one village with the same
region, birth date and sex would collide, so the village keeps a set and the
caller nudges the birth date by a day (a synthetic person can be born a day later).
"""

from __future__ import annotations

import datetime as dt
import random

from stdnum.cn import ric

from renpu.synth.counties import QICHUN, County

MAX_VILLAGES = 500

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"


def check_digit(first17: str) -> str:
    """ISO 7064 MOD 11-2, as ``stdnum.cn.ric.calc_check_digit`` (same result, no parsing)."""
    return _CHECK[sum(int(c) * w for c, w in zip(first17, _WEIGHTS, strict=True)) % 11]


assert check_digit("42112620000101123") == ric.calc_check_digit("421126200001011233")


def make_id(region: str, birth: dt.date, village_index: int, sex: str) -> str:
    """The ID of the village's slot: seq digits 15–16 = slot // 5, digit 17 by slot and sex."""
    block, low = divmod(village_index, 5)
    sex_digit = 2 * low + (1 if sex == "1" else 0)
    first17 = f"{region}{birth:%Y%m%d}{block:02d}{sex_digit}"
    return first17 + check_digit(first17)


def mistype(rng: random.Random, number: str) -> str:
    """One digit wrong, or two adjacent digits swapped (always breaks the check digit)."""
    while True:
        if rng.random() < 0.6:
            i = rng.randrange(17)
            typo = number[:i] + str((int(number[i]) + rng.randrange(1, 10)) % 10) + number[i + 1 :]
        else:
            i = rng.randrange(16)
            typo = number[:i] + number[i + 1] + number[i] + number[i + 2 :]
        if typo != number:
            return typo


def id_region(rng: random.Random, birth_year: int, origin: str, county: County = QICHUN) -> str:
    """Region code for a person born in ``origin`` ('local', 'neighbour', 'province', 'other')."""
    from renpu.synth import data

    if origin == "local":
        if not county.old_code:
            return county.code
        if birth_year < 1980:
            return county.old_code if rng.random() < 0.75 else county.code
        if birth_year < 1990:
            return county.old_code if rng.random() < 0.3 else county.code
        return county.code
    if origin == "neighbour":
        return rng.choice(county.neighbour_regions)
    return rng.choice(data.WILD_OTHER_PROVINCE_REGIONS if county.wild else data.OTHER_PROVINCE_REGIONS)
