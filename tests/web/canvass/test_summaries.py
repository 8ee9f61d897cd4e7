"""One summaries engine: tables 8 and 9 are its group and village levels, the dashboard's figures its tallies."""

from __future__ import annotations

import datetime as dt

from renpu.web.canvass import summaries
from renpu.web.dashboard import figures
from tests.codebase import definers_of, users_of

from ..conftest import A, person


def test_tables_8_and_9_are_the_group_and_village_levels(records):
    person(A, "HA1", "HA1-04", "张小红", dt.date(2015, 6, 1), "2", "2", 144, status="2", registration_place="1",
           time_away="5")
    levels = summaries.level_summary()
    tables = summaries.summary_tables()
    assert tables.groups == [row.table_row() for row in levels.groups]
    assert tables.villages == [row.table_row() for row in levels.villages]
    (a,) = [row for row in tables.villages if row["village_code"] == A]
    assert (a["persons"], a["males"], a["females"], a["away"], a["resident"]) == (4, 2, 2, 1, 3)


def test_the_dashboard_counts_with_the_same_engine(records):
    county = summaries.level_summary().county.tally
    kept = figures.refresh_county_figures()
    assert kept["villages"] == summaries.summary_tables().villages
    assert kept["pyramid"] == (county.males, county.females)  # the resident population at the standard time point
    mine = figures.area_tables([A])
    assert mine.villages == [r for r in kept["villages"] if r["village_code"] == A]


def test_there_is_one_engine_and_one_reader_of_the_store_for_it():
    assert definers_of("by_group", "Tally", "Cell", "roll_up") == {"core/summaries.py"}
    assert users_of("by_group", "cell_of") <= {"web/canvass/summaries.py"}
    assert users_of("summary_tables", "level_summary", "group_tallies") == {
        "web/canvass/summaries.py", "web/dashboard/figures.py", "cli/reports.py", "cli/exporting.py",
        "web/registers/pages.py"}  # the 报表 page: the CLI's call, from the browser
