"""Who counts where: 户籍人口, 常住人口 and 人户分离 for a person listed in a village.

The census rules (census-7th.md §1.6), applied at the village where the person is
listed.  Codes are those of ``core.codes``: registration_place is D8 relative to
this village (1 本村, 2 本乡镇其他村, 3 本县其他乡镇, 4 其他县, 5 户口待定),
time_away is D9 (1 没有离开, 2 不满半年, 3+ 半年以上), status is 1 在住, 2 外出,
3 死亡, 4 迁出.

* listed: status 在住 or 外出 (the dead and the moved-out stay in the table as history);
* registered here (户籍人口): listed and registration_place 1;
* resident here (常住人口): lives here and is registered in this township, or
  has been away from a registration elsewhere for half a year or more, or has
  hukou pending; or is registered here and has been away under half a year;
* separated (人户分离): lives here, registered in another township or county,
  away from it for half a year or more.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .codes import PERSON_STATUS, REGISTRATION_PLACE, TIME_AWAY

HALF_YEAR_OR_MORE = frozenset(TIME_AWAY.codes()) - {TIME_AWAY.NOT_AWAY, TIME_AWAY.UNDER_HALF_YEAR}
SAME_TOWNSHIP_OR_PENDING = frozenset({REGISTRATION_PLACE.THIS_VILLAGE, REGISTRATION_PLACE.THIS_TOWNSHIP,
                                      REGISTRATION_PLACE.PENDING})
OTHER_TOWNSHIP = frozenset({REGISTRATION_PLACE.THIS_COUNTY, REGISTRATION_PLACE.OTHER_COUNTY})


@dataclass(frozen=True)
class PersonFacts:
    """The fields the rules read; missing codes are None."""

    status: str | None
    registration_place: str | None
    time_away: str | None
    sex: str | None = None
    birth_date: dt.date | None = None
    status_date: dt.date | None = None


def is_listed(p: PersonFacts) -> bool:
    """A current member: living here or away.  A missing status counts as living here."""
    return p.status in (None, PERSON_STATUS.LIVING, PERSON_STATUS.AWAY)


def listed_sql(status: str = "status") -> str:
    """``is_listed`` as an SQL condition on the column ``status``, for the comparisons' DuckDB queries."""
    return f"({status} IS NULL OR {status} IN ('{PERSON_STATUS.LIVING}', '{PERSON_STATUS.AWAY}'))"


def lives_here(p: PersonFacts) -> bool:
    return p.status in (None, PERSON_STATUS.LIVING)


def is_registered_here(p: PersonFacts) -> bool:
    return is_listed(p) and p.registration_place == REGISTRATION_PLACE.THIS_VILLAGE


def away_half_year(p: PersonFacts) -> bool:
    return p.time_away in HALF_YEAR_OR_MORE


def is_resident(p: PersonFacts) -> bool:
    if lives_here(p):
        return p.registration_place in SAME_TOWNSHIP_OR_PENDING or p.registration_place is None or away_half_year(p)
    return p.status == PERSON_STATUS.AWAY and p.registration_place == REGISTRATION_PLACE.THIS_VILLAGE and not away_half_year(p)


def is_separated(p: PersonFacts) -> bool:
    return lives_here(p) and p.registration_place in OTHER_TOWNSHIP and away_half_year(p)


def is_away(p: PersonFacts) -> bool:
    return p.status == PERSON_STATUS.AWAY


def born_since(p: PersonFacts, since: dt.date) -> bool:
    return p.birth_date is not None and p.birth_date >= since


def died_since(p: PersonFacts, since: dt.date) -> bool:
    return p.status == PERSON_STATUS.DEAD and p.status_date is not None and p.status_date >= since
