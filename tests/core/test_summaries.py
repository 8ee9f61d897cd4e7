"""Tables 8 and 9 on a hand-computed fixture (the expected numbers are counted by hand)."""

import datetime as dt

from renpu.core import summaries
from renpu.core.residence import PersonFacts

V1, V2 = "421126100201", "421126100202"
SINCE = dt.date(2019, 11, 1)


def person(village, group, status, place, away, sex, born=dt.date(1980, 1, 1), changed=None):
    return summaries.cell_of(village, group, PersonFacts(status, place, away, sex, born, changed), SINCE)


PERSONS = [
    # V1 group 1: a family of four, one of them away for work 3 years, one away 2 months
    person(V1, "1", "1", "1", "1", "1"),                      # A: lives here, registered here
    person(V1, "1", "1", "1", "1", "2"),                      # B: same
    person(V1, "1", "2", "1", "6", "1"),                      # C: away ≥ half a year → not resident
    person(V1, "1", "2", "1", "2", "2"),                      # D: away < half a year → resident
    # V1 group 2: in-movers
    person(V1, "2", "1", "3", "5", "1"),                      # E: other township, 2 years → resident, separated
    person(V1, "2", "1", "4", "2", "2"),                      # F: other county, 3 months → not resident
    person(V1, "2", "1", "2", "9", "2"),                      # G: same township other village → resident, not separated
    person(V1, "2", "1", "5", None, "1", dt.date(2020, 3, 1)),  # H: 户口待定 newborn → resident, birth
    person(V1, "2", "3", "1", "1", "1", dt.date(1930, 1, 1), dt.date(2020, 2, 1)),  # I: died this year
    person(V1, "2", "3", "1", "1", "2", dt.date(1930, 1, 1), dt.date(2018, 2, 1)),  # J: died before
    person(V1, "2", "4", "1", "1", "1"),                      # K: moved out
    # V2 group 1
    person(V2, "1", None, "1", None, "2"),                    # L: no status typed: counted as living here
]

HOUSEHOLDS = [(V1, "1", "1", 1), (V1, "2", "1", 1), (V1, "2", "2", 1), (V2, "1", "1", 1)]  # village, group, kind, count
VACANT = [(V1, "1", 1), (V2, "1", 2)]  # village, group, count
ABSENT = [(V2, "1", "K1"), (V2, "1", "K1"), (V2, "3", "K2")]  # one per member: village, group, household


def table():
    return summaries.by_group(PERSONS, HOUSEHOLDS, VACANT, ABSENT)


def test_group_rows_by_hand():
    groups = table()
    assert groups[(V1, "1")].as_dict() == dict(
        family_households=1, collective_households=0, persons=4, males=2, females=2,
        registered=4, resident=3, away=2, separated=0, vacant_dwellings=1,
        absent_households=0, absent_persons=0, births=0, deaths=0,
    )
    assert groups[(V1, "2")].as_dict() == dict(
        family_households=1, collective_households=1, persons=4, males=2, females=2,
        registered=0, resident=3, away=0, separated=1, vacant_dwellings=0,
        absent_households=0, absent_persons=0, births=1, deaths=1,
    )
    assert groups[(V2, "1")].persons == 1 and groups[(V2, "1")].resident == 1
    assert groups[(V2, "1")].vacant_dwellings == 2
    assert (groups[(V2, "1")].absent_households, groups[(V2, "1")].absent_persons) == (1, 2)
    assert (groups[(V2, "3")].absent_households, groups[(V2, "3")].absent_persons) == (1, 1)


def test_villages_are_sums_of_their_groups():
    groups = table()
    villages = summaries.roll_up(groups)
    assert villages[V1].persons == 8
    assert villages[V1].resident == 6
    assert villages[V1].registered == 4
    assert villages[V2].absent_households == 2
    county = summaries.county_total(groups)
    assert county.persons == sum(v.persons for v in villages.values()) == 9
    by_township = summaries.roll_up(groups, {V1: "421126100", V2: "421126100"})
    assert by_township["421126100"].as_dict() == county.as_dict()
