import datetime as dt

from renpu.core import (
    summaries as levels,  # one engine: tables 8 and 9 are its group and village levels
)


def cell(village, group, count, band=5, **codes):
    values = {"status": "1", "registration_place": "1", "time_away": "1", "sex": "1"} | codes
    return levels.Cell(village, group, values["status"], values["registration_place"], values["time_away"],
                       values["sex"], band, False, False, count)


def test_bands_and_cutoffs_agree():
    at = dt.date(2020, 11, 1)
    assert levels.band_of(dt.date(2006, 11, 1), at) == 2  # 14 on the standard time point…
    assert levels.band_of(dt.date(2005, 11, 1), at) == 3  # …turned 15 that day
    cutoffs = levels.band_cutoffs(at)
    assert cutoffs[3] == dt.date(2005, 11, 1) and levels.band_of(cutoffs[13], at) == 13
    assert levels.band_of(dt.date(1900, 1, 1), at) == levels.BANDS - 1


def test_levels_add_up_and_rules_are_core_residence():
    groups = levels.by_group(
        [cell("421126100201", "1", 3, band=1), cell("421126100201", "2", 2, band=13, sex="2"),
         cell("421126101201", "1", 4, registration_place="4", time_away="5"),  # separated, inflow from outside
         cell("421126101201", "1", 1, status="2", time_away="2")],  # away under half a year: still resident
        households=[("421126100201", "1", "1", 2)], vacant_dwellings=[("421126101201", "1", 1)],
        absent_members=[("421126100201", "2", "G1"), ("421126100201", "2", "G1")])
    result = levels.levels(groups)
    county = result.county
    assert county["persons"] == 10 and county["resident"] == 10 and county["separated"] == 4
    assert county["inflow_outside"] == 4 and county["away_registered"] == 1
    assert county["resident_0_14"] == 3 and county["resident_65_plus"] == 2 and county["resident_60_plus"] == 2
    assert county["absent_households"] == 1 and county["absent_persons"] == 2
    for name in levels.MEASURE_FIELDS:
        assert sum(t[name] for t in result.townships.values()) == county[name]
        assert sum(t[name] for t in result.villages.values()) == county[name]
    assert sum(county.females) == 2
