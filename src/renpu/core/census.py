"""The census's own time: its standard time point, and ages counted at it.

Everything that counts an age or a "last year" reads it from here, at call time,
so that a county (or a later census) can set another time point in one place.
"""

from __future__ import annotations

import datetime as dt

# 普查标准时点: 2020-11-01 00:00.  Ages are whole years at this moment.
STANDARD_TIME_POINT = dt.datetime(2020, 11, 1, 0, 0)


def census_day() -> dt.date:
    """The day of the standard time point: ages are counted at its start."""
    return STANDARD_TIME_POINT.date()


def year_before_census() -> dt.date:
    """The start of the census year: births and deaths "in the last year" are those on or after it."""
    return years_before(census_day(), 1)


def age_on(born: dt.date, day: dt.date | None = None) -> int:
    """Whole years of age on ``day`` (default: the census day); a birthday that day counts."""
    day = day or census_day()
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def years_before(day: dt.date, years: int) -> dt.date:
    """The same date ``years`` earlier (29 February → 28 February)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)
